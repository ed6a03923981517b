## danbiet: English catalog. Every key here must also exist in vi/main.ftl.

welcome =
    Hello { $name }! 👋
    I am <b>danbiet</b> ("the people know"): the results of { $programme }, published so that residents can know, discuss and check them.

    You can:
    • type a question such as <i>poverty rate</i>, <i>health insurance coverage</i>, <i>how many jobs</i> — I answer with the published figure, its period and its source;
    • browse the indicators and support policies by area;
    • type <code>@{ $bot } poor households</code> in any chat to share a figure.

    I never make up a number: if nothing has been published, I say so.
help =
    <b>How to use danbiet</b>
    Ask in Vietnamese (with or without diacritics) or in English.

    /indicators — indicators by area
    /policies — support policies
    /faq — frequent questions
    /feedback — send feedback to the officials
    /myfeedback — your feedback and what happened to it
    /answers — answered feedback (public register)
    /mydata — what danbiet holds about you; /forgetme — erase your identity
    /privacy — privacy and personal data
    /cancel — cancel the feedback you are writing
    /subscribe — get quarterly results (stop: /unsubscribe)
    /language — change language (Tiếng Việt / English)
    /start — main menu
    <code>@{ $bot } poor households</code> — type it in any chat or group to find and share a figure (inline mode)

    Every answer states its period, plan, progress and <b>source</b>.
menu-indicators = 📊 Indicators
menu-policies = 📜 Policies
menu-faq = ❓ FAQ
menu-language = 🌐 Language
menu-help = ℹ️ Help
menu-subscribe = 🔔 Quarterly results
button-back-faqs = ⬅️ All frequent questions
button-menu = 🏠 Main menu
button-back-areas = ⬅️ All areas
button-back-area = ⬅️ Same area
button-share = 📤 Share to a group
button-ask-committee = ✉️ Send my question to the committee
button-outdated = This button is out of date or invalid. Type /start to open the main menu.
indicator-areas-title = 📊 <b>Indicators by area</b>. Choose an area:
policy-areas-title = 📜 <b>Support policies by area</b>. Choose an area:
faq-title = ❓ <b>Frequent questions</b>
history-title = 🕒 <b>Across reports:</b>
history-line = • { $period }: { $statement }
figure-line = <b>{ $quantity }</b> — { $period }
period-line = Reporting period: <b>{ $period }</b>
extra-figure-line = ▫️ { $label }: <b>{ $quantity }</b>
target-default-label = Plan
target-line = 🎯 { $label }: { $quantity }
progress-line = { $bar } { $percent }% of plan
progress-reported-line = { $bar } { $percent }% of plan (as reported)
change-up = 📈 Up { $percent }% on the same period of the previous year
change-down = 📉 Down { $percent }% on the same period of the previous year
status-achieved = ✅ Status: completed
status-basically-achieved = ✅ Status: basically completed
qualifier-over = over
qualifier-more-than = more than
qualifier-about = about
qualifier-nearly = nearly
qualifier-equivalent = equivalent to
date-estimated = { $date } (estimated date)
status-on-track = 🟢 Status: on track
status-hard = ⚠️ Status: reported as a hard indicator
status-reported = ℹ️ Status: figure as reported
source-line =
    <i>“{ $quote }”</i>
    📄 Source: { $report }, { $date }
source-unknown =
    <i>“{ $quote }”</i>
    📄 Source: report of the steering committee
policy-document = Document: <b>{ $document }</b>
policy-issuer = Issued by: { $issuer }
question-too-long = This message is too long to look up. Please ask briefly (under 1,000 characters), for example: <i>what is the poverty rate?</i>
question-no-words = I could not find a question in this message. Please type words, for example: <i>poverty rate</i>.
answer-ambiguous = Which of these did you mean?
answer-none =
    I found no published figure that answers this question, so I am not giving any number.
    Your question has been recorded for officials to review. You can browse the published indicators with the button below.
language-choose = 🌐 Chọn ngôn ngữ / Choose your language:
language-vi = 🇻🇳 Tiếng Việt
language-en = 🇬🇧 English
language-set = Switched to English.
deep-link-unknown = This link no longer leads to any content. Here is the main menu:
unsupported-message = I can only read text messages. Please type a question, for example: <i>health insurance coverage</i>.
unknown-command = I don't know that command. Type /help to see the commands.
error-generic = Sorry, something went wrong while handling this message. Please try again in a few minutes.
command-start = Main menu
command-indicators = Indicators by area
command-policies = Support policies
command-faq = Frequent questions
command-language = Change language
command-help = How to use
