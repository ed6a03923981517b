# Residents' consent to publishing, their data and its erasure (Decree 13/2023/NĐ-CP).

feedback-ask-consent =
    <b>Publish your question?</b>
    Officials may publish your question with its answer in the public register /answers so that other residents can follow it. Your name, phone number, address and other personal details are masked; only officials see the original.
    Do you allow it? You can withdraw your consent at any time in /myfeedback.
button-consent-yes = ✅ Yes, publish it (masked)
button-consent-no = 🔒 No, officials only
feedback-summary-consent = 📢 May be published (personal details masked)
feedback-summary-no-consent = 🔒 Not to be published
ticket-detail-consent = 📢 You allow this ticket to be published.
ticket-detail-no-consent = 🔒 This ticket is not published.
button-withdraw-consent = 🔒 Withdraw consent to publish
ticket-consent-withdrawn = Consent withdrawn: ticket { $code } is no longer public.
mod-no-publish-consent = The resident did not allow ticket { $code } to be published.
mod-button-publish-confirm = 📢 Confirm publishing
mod-publish-preview =
    <b>Public version of ticket { $code }</b> (personal details masked; the original stays with officials)

    <b>Question:</b> { $question }

    <b>Answer:</b> { $answer }

    Publish this in /answers?
web-tickets-refused-consent = The resident did not allow this ticket to be published.
web-tickets-public-version = Public version
web-tickets-public-version-hint = This is what /answers will show. Personal details are masked, and masked again when published. The original is never published.
web-tickets-public-no-consent = The resident did not allow this ticket to be published.
web-tickets-publish-version = Publish this version

command-mydata = What danbiet holds about you
command-forgetme = Erase your identity
command-privacy = Privacy and personal data
mydata-empty = danbiet holds no data tied to you.
mydata-title = <b>What danbiet holds about you</b>
mydata-profile = Telegram user id: { $id } · language: { $lang } · first seen: { $first } · last seen: { $last }
mydata-no-subscription = Results by message: no
mydata-subscription = Results by message: yes ({ $topics })
mydata-all-topics = every field
mydata-tickets = Feedback tickets: { $count }
mydata-ticket = • <b>{ $code }</b> — { $status } — { $date } — { $named } — { $consent }
mydata-ticket-public = may be published
mydata-ticket-private = not published
mydata-ticket-anonymous = anonymous
mydata-ticket-named = with your name
mydata-questions = Questions asked (kept to improve the answers): { $count }
mydata-draft = Feedback being written (/feedback to go on, /cancel to drop it).
mydata-footer = Erase your identity: /forgetme · Policy: /privacy
forgetme-ask =
    <b>Erase your identity?</b>
    danbiet will delete your name, Telegram names, language, subscription and any feedback being written. Your tickets stay for statistics but anonymised: linked to nobody, without photo or location, personal details in their texts masked. You will no longer see them in /myfeedback.
    This cannot be undone.
button-forget-confirm = 🗑 Erase my identity
forgetme-done = Your identity is erased. { $tickets } ticket(s) are kept anonymised for statistics. If you write again, danbiet starts a new record.
forgetme-cancelled = Cancelled; nothing was erased.
privacy-policy =
    <b>Privacy (Decree 13/2023/NĐ-CP)</b>
    <b>What danbiet keeps:</b> your Telegram user id, language and when you used it; the questions you ask (to improve the answers); your subscription; your feedback tickets (text, photo, location, your name if you gave it).
    <b>Who sees it:</b> only the officials handling feedback. A question is published in /answers only with your consent, masked (name, phone, address and other personal details); the original is never published. Withdraw consent in /myfeedback.
    <b>How long:</b> personal data in closed tickets is anonymised after { $months } months.
    <b>Your rights:</b> /mydata shows your data; /forgetme erases your identity (tickets stay anonymised for statistics); /unsubscribe stops the messages.
mod-action-consent_withdrawn = withdrew consent to publish
mod-action-anonymised = personal data anonymised
web-tickets-action-consent_withdrawn = withdrew consent to publish
web-tickets-action-anonymised = personal data anonymised
