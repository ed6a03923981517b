## Residents' feedback and its handling by officials. Every key must also exist in vi/feedback.ftl.

command-feedback = Send feedback to the committee
command-myfeedback = Your feedback and its status
command-answers = Answered feedback (public register)
command-cancel = Cancel the feedback you are writing
command-queue = Open tickets
command-ticket = Show a ticket by its code
command-stats = Feedback statistics
command-ban = Ban a sender (by ticket code)
command-unban = Lift a ban
menu-feedback = ✍️ Feedback
menu-answers = 🔎 Public register

## The /feedback conversation
feedback-choose-topic =
    ✍️ <b>Feedback</b>
    Your message goes to the officials in charge of the programme. Choose a field:
feedback-topic-other = 📝 Something else
feedback-resumed = ⏸ You have unfinished feedback; carrying on from this step (type /cancel to drop it).
feedback-ask-text =
    Field: <b>{ $topic }</b>
    Write your feedback in one message (up to { $max } characters). You can attach a photo with a caption.
feedback-ask-attachments =
    ✅ Text saved.
    You may add a photo 📷 or a location 📍 (optional), then press “Continue”.
feedback-photo-saved = 📷 Photo received. Send a location if you like, then press “Continue”.
feedback-photo-needs-text = 📷 Photo received. Please write a few words describing your feedback.
feedback-location-saved = 📍 Location received. Send a photo if you like, then press “Continue”.
feedback-ask-identity = May officials see your name? If you stay anonymous they see only what you wrote.
feedback-summary =
    <b>Check your feedback</b>
    Field: { $topic }
    Text: { $text }
feedback-summary-photo = 📷 Photo attached
feedback-summary-location = 📍 Location attached
feedback-summary-named = 👤 Sent with your name: { $name }
feedback-summary-anonymous = 🕶 Sent anonymously
feedback-summary-confirm = Press “Send” to send it, or “Cancel”.
feedback-sent =
    ✅ Feedback sent. Ticket code: <b>{ $code }</b>
    Officials will review it; you will be told each time it moves. See it again with /myfeedback.
feedback-already-sent = This feedback was already sent. See /myfeedback.
feedback-cancelled = The feedback you were writing is cancelled.
feedback-nothing-to-cancel = You are not writing any feedback.
feedback-banned = Sorry, your account cannot send feedback for now. You can still look up figures and policies.
feedback-too-many = You have sent { $limit } pieces of feedback in the last 24 hours. You can send more after { $time }. Thank you for caring!
feedback-too-long = Your text is { $length } characters, over the { $limit } allowed. Please shorten it and send it again; your feedback is still waiting at this step.
feedback-too-short = That is a little short. Please say a bit more about what you want to raise.
feedback-duplicate = You already sent this as ticket <b>{ $code }</b>, which is still being handled. See /myfeedback, or write something different.
feedback-unknown-topic = That field is no longer on the list. Please choose the field again; what you wrote is kept.
feedback-no-draft = You are not writing any feedback (it was sent, cancelled or expired). Type /feedback to start.
feedback-attachment-unsupported = At this step I take text, one photo or one location.
button-continue = Continue ➡️
button-show-name = 👤 Show my name ({ $name })
button-show-name-plain = 👤 Show my name
button-anonymous = 🕶 Stay anonymous
button-send = ✅ Send
button-cancel = ✖️ Cancel
button-change-topic = ✏️ Change field
ask-committee-sent = ✅ Your question was sent to the steering committee (anonymously). Ticket code: { $code }. Follow it with /myfeedback.
ask-committee-already = This question was already sent, ticket code { $code }. Follow it with /myfeedback.
ask-committee-not-yours = This button is not for you.

## Ticket status
ticket-status-new = 🆕 New
ticket-status-approved = 📥 Accepted
ticket-status-assigned = 🏢 With a department
ticket-status-answered = 💬 Answered
ticket-status-reopened = 🔁 Reopened
ticket-status-resolved = ✅ Resolved
ticket-status-rejected = 🚫 Not accepted
ticket-status-closed = 📁 Closed
reject-reason-spam = spam or advertising
reject-reason-abusive = abusive language
reject-reason-off_topic = outside the programme
reject-reason-duplicate = a duplicate of an existing report

## /myfeedback
myfeedback-title = 📬 <b>Your feedback</b> ({ $total }) — page { $page }/{ $pages }
myfeedback-empty = You have not sent any feedback yet. Type /feedback to send some.
myfeedback-line = <b>{ $code }</b> · { $status } · { $date }
ticket-detail =
    <b>Ticket { $code }</b> · { $status }
    Field: { $topic }
    Sent: { $date }

    { $text }
ticket-detail-department = 🏢 Handled by: { $department }
ticket-detail-reply =
    💬 <b>Answer</b> ({ $date }):
    { $text }
ticket-detail-rating = ⭐ Your rating: { $stars }/5
ticket-detail-rejected = Why it was not accepted: { $reason }
ticket-ask-resolution = Did the answer solve your problem?
ticket-ask-rating = How many stars do you give the answer?
ticket-resolved-thanks = Thank you! Ticket { $code } is marked as resolved.
ticket-reopened = Ticket { $code } is reopened; officials will look at it again.
ticket-rated = Thank you for rating it { $stars }/5.
ticket-not-found = That ticket was not found.
ticket-invalid-move = The ticket is “{ $status }”, so that cannot be done now.
button-resolved = 👍 Resolved
button-not-resolved = 👎 Not resolved
button-my-tickets = 📬 My feedback
button-previous = ◀️ Previous
button-next = Next ▶️

## Notifications to residents
notify-approved = 📥 Ticket <b>{ $code }</b> was accepted by officials.
notify-assigned = 🏢 Ticket <b>{ $code }</b> was passed to { $department }.
notify-answered =
    💬 Ticket <b>{ $code }</b> has an answer:

    { $text }
notify-rejected = 🚫 Ticket <b>{ $code }</b> was not accepted: { $reason }.
notify-closed = 📁 Ticket <b>{ $code }</b> is closed. Thank you for your feedback!
notify-published = 📢 The answer to ticket <b>{ $code }</b> is now public in /answers (personal details masked).

## /answers: the public register
register-title = 🔎 <b>Public register</b>: answered feedback ({ $total }) — page { $page }/{ $pages }
register-empty = No answered feedback has been published yet.
register-entry =
    <b>{ $code }</b> · { $topic } · { $date } · { $status }
    ❓ { $question }
    💬 { $answer }
register-masked-note = <i>Personal details (names, phone numbers, e-mail, ID numbers) are masked with ***.</i>

## Officials: tickets in the admin group
mod-card-title = 🗂 <b>Ticket { $code }</b> · { $status }
mod-card-topic = Field: { $topic }
mod-card-author = From: { $name }
mod-card-anonymous = From: anonymous
mod-card-filed = Sent: { $time }
mod-card-photo = 📷 Photo attached
mod-card-location = 📍 <a href="{ $url }">Location on the map</a>
mod-card-group = 👥 { $count } residents raised this (group { $code })
mod-card-group-first = 👥 { $count } residents raised this
mod-card-department = 🏢 Assigned to: { $department }
mod-card-reject-reason = Rejected as: { $reason }
mod-card-published = 📢 Public in /answers
mod-card-rating = ⭐ Resident's rating: { $stars }/5
mod-card-reply = 💬 { $name } ({ $time }): { $text }
mod-card-history = <b>History</b>
mod-history-line = • { $time } · { $who }: { $action }
mod-action-filed = sent the ticket
mod-action-approve = approved
mod-action-reject = rejected
mod-action-assign = assigned
mod-action-answer = answered
mod-action-close = closed
mod-action-published = published
mod-action-unpublished = unpublished
mod-action-resolved = confirmed resolved
mod-action-reopened = said not resolved (reopened)
mod-action-rated = rated
mod-who-resident = resident
mod-who-anonymous = resident (anonymous)
mod-button-approve = ✅ Approve
mod-button-reject = 🚫 Reject
mod-button-reply = 💬 Reply
mod-button-assign = 🏢 Assign
mod-button-close = 📁 Close
mod-button-publish = 📢 Publish
mod-button-unpublish = 🙈 Unpublish
mod-button-photo = 📷 Show photo
mod-button-back = ↩️ Back
mod-choose-reason = Why reject ticket { $code }?
mod-choose-department = Assign ticket { $code } to:
mod-reply-prompt = ✍️ <a href="tg://user?id={ $user_id }">{ $name }</a>, reply to this message to answer ticket { $code }.
mod-reply-placeholder = Answer to ticket { $code }
mod-reply-sent = ✅ The answer to ticket { $code } was sent to the resident.
mod-reply-text-only = The answer must be text. Please reply to the prompt again in words.
mod-reply-too-long = The answer is { $length } characters, over { $limit }. Please shorten it and reply to the prompt again.
mod-reply-empty = The answer is empty. Please reply to the prompt again with the answer.
mod-prompt-used = This prompt was already used. Press “Reply” on the ticket to write a new answer.
mod-not-official = Only authorised officials can do this.
mod-invalid-move = Cannot { $move } a ticket that is “{ $status }”.
mod-move-approve = approve
mod-move-reject = reject
mod-move-assign = assign
mod-move-answer = answer
mod-move-close = close
mod-move-confirm_resolved = confirm as resolved
mod-move-reopen = reopen
mod-done = Ticket { $code } updated.
mod-nothing-to-publish = Ticket { $code } has no answer to publish yet.
mod-unknown-department = That department is no longer on the list.
mod-ticket-not-found = No ticket { $code }.
mod-queue-title = 📥 <b>Open tickets</b>: { $total } — page { $page }/{ $pages }
mod-queue-empty = 🎉 No open tickets.
mod-queue-line = <b>{ $code }</b> · { $status } · { $topic } · { $age }
mod-ticket-usage = Usage: <code>/ticket CODE</code>
mod-ban-usage = Usage: <code>/ban TICKET_CODE [reason]</code> or <code>/ban USER_ID [reason]</code>
mod-unban-usage = Usage: <code>/unban TICKET_CODE</code> or <code>/unban USER_ID</code>
mod-banned = 🔒 The sender of { $target } is banned: they cannot send new feedback.
mod-unbanned = 🔓 The sender of { $target } is no longer banned.
mod-stats-title = 📈 <b>Feedback statistics</b>: { $total } tickets, { $answered } answered
mod-stats-by-status = <b>By status</b>
mod-stats-by-topic = <b>By field</b>
mod-stats-line = • { $name }: { $count }
mod-stats-median = ⏱ Time to first answer (median): { $duration }
mod-stats-no-answer = ⏱ No ticket has been answered yet.
duration-days = { $days } d { $hours } h
duration-hours = { $hours } h { $minutes } min
duration-minutes = { $minutes } min
