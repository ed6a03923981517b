# An official's working day with tickets: deadlines, internal notes, saved answers, assignment to a person.

home-work-title = Work waiting
home-new = New tickets: { $count }
home-waiting = Waiting for an answer: { $count }
home-overdue = Overdue: { $count }
home-mine = Given to me: { $count }
home-column-new = New
home-column-waiting = Waiting
home-column-overdue = Overdue
home-no-department = No department yet
home-nothing-waiting = No ticket is waiting.

ticket-deadline-label = First answer due
ticket-deadline-overdue = Overdue
ticket-deadline-due = due { $due }
ticket-deadline-filter-overdue = Overdue tickets
ticket-deadline-scope-open = Open
ticket-deadline-scope-waiting = Waiting for an answer
ticket-deadline-no-department = no department yet
ticket-deadline-card-due = ⏳ Answer due: { $due }
ticket-deadline-card-overdue = ⏰ <b>Answer overdue</b> (due { $due })
ticket-deadline-reminder-group = ⏰ <b>{ $count } tickets overdue for a first answer:</b>
ticket-deadline-reminder-personal = ⏰ <b>{ $count } tickets given to you are overdue for an answer:</b>
ticket-deadline-reminder-line = • { $code } · { $department } · due { $due }

ticket-note-title = Internal notes
ticket-note-private = Officials only; the resident never receives a note.
ticket-note-label = New note
ticket-note-add = Save note
ticket-note-done = Note saved.
ticket-note-refused = The note is empty or too long (2000 characters at most).

ticket-assignee-label = Official in charge
ticket-assignee-nobody = Nobody yet
ticket-assignee-give = Give the ticket
ticket-assignee-mine = Given to me
ticket-assignee-done = Ticket { $code } given.
ticket-assignee-refused = Not given: that account does not exist, is disabled or may not work on tickets.

saved-answer-title = Saved answers
saved-answer-about = Answers to reuse, per topic. Write { "{name}" } where the resident's name goes; an anonymous ticket gets a neutral form of address.
saved-answer-none = No saved answer yet.
saved-answer-add-title = Add a saved answer
saved-answer-field-title = Name
saved-answer-field-text = Text
saved-answer-every-topic = Every topic
saved-answer-name-hint = { "{name}" } becomes the resident's name (or a neutral form of address for an anonymous ticket).
saved-answer-save = Save
saved-answer-delete = Delete
saved-answer-saved = Saved answer “{ $title }” saved.
saved-answer-deleted = Saved answer deleted.
saved-answer-pick = Saved answer
saved-answer-use = Use this one
saved-answer-neutral-name = resident
saved-answer-refused-title = The name is empty or too long (120 characters at most).
saved-answer-refused-text = The text is empty or too long.
saved-answer-refused-topic = That topic is not in the content.

# A ticket's history (officials' group and dashboard).
mod-action-note = internal note
mod-action-assign_person = given to an official
web-tickets-action-note = wrote an internal note
web-tickets-action-assign_person = gave it to an official

## Saved answers from a card in the officials' group
mod-button-saved = 📋 Saved answers
mod-button-saved-send = ✅ Send this answer
mod-saved-choose = Choose a saved answer for ticket <code>{ $code }</code> (its topic's first, then those for every topic):
mod-saved-none = There are no saved answers for this ticket's topic yet. Add them on the dashboard, under Saved answers.
mod-saved-preview =
    📋 <b>{ $title }</b> — ticket <code>{ $code }</code>
    The resident will receive exactly this:

    { $text }
saved-answer-gone = This saved answer can no longer be used for this ticket (it was deleted, or is not for the ticket's topic). Open the ticket again to pick another.
