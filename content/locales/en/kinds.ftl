## Messages that are not questions to look up (content/message_kinds.py): greetings and thanks;
## personal cases and how-to questions; topics outside the programme. Every key here must also
## exist in vi/kinds.ftl.

kind-small-talk =
    { $kind ->
        [thanks] You're welcome! 😊
        [farewell] Goodbye, see you soon! 👋
        [about_bot] I am a bot (a computer program), not an official. 🤖 For a question only an official can answer, use ✍️ Feedback (/feedback).
        [confused] Sorry, let me put it more plainly. 🙂
        [acknowledgement] Alright! 🙂
       *[greeting] Hello! 👋
    }
    I am <b>danbiet</b>: I answer with the published figures of Programme 08-CTr/TU. You can ask, for example:
    • <i>what is the poverty rate in Hanoi?</i>
    • <i>how many jobs were created?</i>
    • <i>health insurance coverage</i>
kind-out-of-scope =
    That is outside what I cover. 🙏
    I only answer about the Hanoi Party Committee's Programme 08-CTr/TU on social welfare: its indicators (poverty, jobs, insurance, health, education…), its support policies and its reports, with published figures. For example: <i>poverty rate</i>, <i>health insurance coverage</i>.
kind-personal =
    I cannot judge an individual case or handle a procedure for you: that needs an official who can look at your file. You can contact:
kind-personal-office = • <b>{ $name }</b>: { $role }.
kind-personal-source = { "   " }📄 According to: { $report }, { $date }
# An office whose role no report states: the official documents that give it (content/guidance/where_to_go.yaml).
kind-personal-official = { "   " }📄 Basis: { $documents }
kind-personal-offer = You can also send this question to officials (anonymously) with one press of the button below.

## Officials: /questions, the questions nothing answers, grouped by meaning.
command-questions = Questions without an answer
mod-questions-title = ❓ <b>Questions without an answer</b> (the { $count } most asked groups; wordings of one meaning together). Write one FAQ entry per group on the dashboard.
mod-questions-line = • <b>{ $times }×</b> { $text }
mod-questions-wordings = { "   " }↳ { $count } wordings, e.g. <i>{ $examples }</i>
mod-questions-none = No question about the programme is waiting for an answer.
