## Subscriptions, broadcasts and corrections: English. Every key here is also in vi/broadcast.ftl.

subscribe-command = Get quarterly results
unsubscribe-command = Stop quarterly results
subscribe-done =
    🔔 <b>You are subscribed to quarterly results.</b>
    Whenever the steering committee publishes a period's results, I send you a summary of the indicators with a chart against the plan and the source; if a figure I sent is corrected, you get the correction.
subscribe-already = 🔔 <b>You are receiving quarterly results.</b>
subscribe-off = 🔕 <b>You are not subscribed to quarterly results.</b> Press “Subscribe” or choose topics below.
subscribe-topics-all = Topics: <b>all</b>. To receive results only about some areas or indicators, choose them below.
subscribe-topics-some =
    Your topics: { $topics }.
    Quarterly results are sent when they cover these topics; general announcements from the steering committee still reach every subscriber.
subscribe-how-to-stop = Stop at any time: /unsubscribe
subscribe-topic-on = ✅ { $name }
subscribe-topic-off = ▫️ { $name }
subscribe-button-subscribe = 🔔 Subscribe
subscribe-button-indicators = 📊 Choose single indicators
subscribe-button-everything = 🌐 All topics
subscribe-button-stop = 🔕 Unsubscribe
subscribe-button-back = ⬅️ Back
subscribe-indicator-areas-title = 📊 Choose an area, then press the indicators you want to follow:
subscribe-indicators-title = 📊 <b>{ $area }</b>: press to choose or drop an indicator.
subscribe-topic-added = Topic added.
subscribe-topic-removed = Topic removed.
unsubscribe-done = 🔕 You have unsubscribed: I will not send quarterly results any more. To receive them again, type /subscribe.
unsubscribe-not-subscribed = You are not subscribed to quarterly results. To subscribe, type /subscribe.
unsubscribe-button-again = 🔔 Subscribe again

broadcast-footer =
    —
    🔔 You receive this because you subscribed to quarterly results. To stop: /unsubscribe
broadcast-text-header = 📣 <b>Announcement from the steering committee</b>
broadcast-report-title = 📊 <b>Results for { $period }</b> — Programme { $code }
broadcast-report-line = • { $name }: { $details }
broadcast-report-value = <b>{ $quantity }</b>
broadcast-report-value-plan = <b>{ $quantity }</b> — { $percent }% of the { $label }
broadcast-report-value-plan-reported = <b>{ $quantity }</b> — { $percent }% of the { $label } (as reported)
broadcast-report-target = { $label }: { $quantity }
broadcast-report-figure = { $label }: <b>{ $quantity }</b>
broadcast-report-change-up = up { $percent }% on the same period of the previous year
broadcast-report-change-down = down { $percent }% on the same period of the previous year
broadcast-report-more = … and { $count } more indicators: /indicators
broadcast-report-source = 📄 Source: the { $period } report of the Programme { $code } steering committee, { $date }
broadcast-report-ask = Type an indicator's name to see its details and source.
broadcast-status-achieved = ✅ completed
broadcast-status-basically-achieved = ✅ basically completed
broadcast-status-on-track = 🟢 on track
broadcast-status-hard = ⚠️ reported as a hard indicator
broadcast-status-reported = ℹ️ reported, no figure
broadcast-chart-title = Programme { $code } — { $period }: against the plan
broadcast-chart-axis = % of plan
broadcast-chart-plan = Plan (100%)

correction-title = ✏️ <b>Correction</b> of figures in the message of { $date }:
correction-line = • <b>{ $name }</b> ({ $period }): previously <s>{ $old }</s>, now <b>{ $new }</b>
correction-line-withdrawn = • <b>{ $name }</b> ({ $period }): the figure <s>{ $old }</s> was withdrawn
correction-target = { "  " }🎯 Plan: previously <s>{ $old }</s>, now <b>{ $new }</b>
correction-source = { "  " }📄 Source: <i>“{ $quote }”</i> — { $report }, { $date }
correction-no-value = no figure
correction-apology = We apologise for the error.
correction-list-title = ✏️ <b>Figures sent that the published content now states differently</b>
correction-list-item = <b>Message #{ $id }</b> ({ $date }, reached { $reached } people):
correction-list-change = • { $name } ({ $period }): { $old } → { $new }
correction-none = No figure that was sent differs from the published content.
correction-button = ✏️ Correct message #{ $id } ({ $reached } people)
correction-nothing = Message #{ $id } has no figure left to correct.

broadcast-command = Send a message to subscribers
broadcast-history-command = Messages sent
correction-command = Correct figures that were sent
broadcast-admin-chat-only = This command works only in the officials' group.
broadcast-not-official = Only officials may send messages to subscribers.
broadcast-usage =
    <b>Send a message to subscribers</b>
    <code>/broadcast text</code> — an announcement (your formatting is kept; **bold**, *italic*, [words](https://link) work too)
    English version: on a new line type <code>EN:</code> then the English text; without it, English readers get the Vietnamese text.
    Only to some wards and communes: add a line <code>NƠI: Hoàn Kiếm, xã Sóc Sơn</code>; only subscribers who chose where they live in /subscribe get it.
    <code>/broadcast report report-key</code> — a summary of results with a chart against the plan (a <code>NƠI:</code> line below works here too)
    Reports: { $reports }
    /broadcasts — messages sent · /corrections — correct figures that were sent
broadcast-unknown-report = There is no report “{ $wanted }”. Reports: { $reports }
broadcast-too-long = The message is too long: Telegram allows at most 4,096 characters (1,024 with a picture), the unsubscribe line included.
broadcast-draft =
    📝 <b>Message #{ $id }</b> — draft, not sent.
    Recipients: <b>{ $total }</b> (Vietnamese { $vi }, English { $en }).
    The message above is exactly what recipients will see. Nothing is sent until you press “Send now” or choose a time.
broadcast-draft-nobody = Nobody is subscribed to receive this yet.
broadcast-button-send = ✅ Send now
broadcast-button-schedule = ⏰ Schedule
broadcast-button-cancel = ✖️ Cancel
broadcast-button-pause = ⏸ Pause
broadcast-button-resume = ▶️ Resume
broadcast-button-back = ⬅️ Back
broadcast-schedule-choose = ⏰ When should <b>message #{ $id }</b> go out (Hanoi time)?
broadcast-schedule-option = 🕗 { $when }
broadcast-state-draft = 📝 <b>Message #{ $id }</b>: draft
broadcast-state-scheduled = ⏰ <b>Message #{ $id }</b>: goes out at <b>{ $when }</b> (Hanoi time), to whoever is subscribed then.
broadcast-state-sending = 📤 <b>Message #{ $id }</b>: sending
broadcast-state-paused = ⏸ <b>Message #{ $id }</b>: paused
broadcast-state-done = ✅ <b>Message #{ $id }</b>: sent
broadcast-state-cancelled = ✖️ <b>Message #{ $id }</b>: cancelled
broadcast-counts =
    Sent: <b>{ $sent }</b> / { $total } · Remaining: { $remaining }
    Blocked the bot: { $blocked } · Failed: { $failed } · Unsubscribed: { $skipped }
broadcast-counts-cancelled = Not sent, cancelled: { $count }
broadcast-rate = Rate: { $rate } messages/s · about { $left } left
broadcast-rate-unknown = Rate: measuring…
broadcast-report = 📊 <b>Report on message #{ $id }</b>: sent to <b>{ $sent }</b> people; { $blocked } had blocked the bot, { $failed } failed, { $skipped } unsubscribed before their turn. Sending took { $duration }.
broadcast-duration-seconds = { $seconds } s
broadcast-duration-minutes = { $minutes } min { $seconds } s
broadcast-duration-hours = { $hours } h { $minutes } min
broadcast-kind-text = announcement
broadcast-kind-report = results { $period }
broadcast-kind-correction = correction of #{ $id }
broadcast-history-title = 📜 <b>Recent messages</b>
broadcast-history-line = <b>#{ $id }</b> · { $when } · { $kind } · { $state }: sent { $sent }/{ $total }, blocked { $blocked }, failed { $failed }
broadcast-history-empty = No message has been sent yet.
broadcast-history-state-scheduled = scheduled
broadcast-history-state-sending = sending
broadcast-history-state-paused = paused
broadcast-history-state-done = done
broadcast-history-state-cancelled = cancelled
broadcast-already = Message #{ $id } was already confirmed: nothing more was created.
broadcast-finished = Message #{ $id } has finished or was cancelled.
broadcast-time-passed = That time has passed; choose again.
broadcast-unknown = There is no message #{ $id }.
broadcast-paused-toast = Paused.
broadcast-resumed-toast = Sending again.
broadcast-cancelled-toast = Cancelled.
broadcast-started-toast = Sending.
broadcast-scheduled-toast = Scheduled.

command-broadcast = Broadcast to subscribers (a text or a quarterly report)
command-broadcasts = Recent broadcasts
command-corrections = Correct figures already sent

## Confirming a send, districts, languages (issue 17)
broadcast-unknown-district = Hanoi has no such ward or commune.
broadcast-draft-districts = 📍 Only to subscribers living in: { $places }
broadcast-draft-everywhere = 📍 To subscribers everywhere. Only to some wards and communes: send the command again with a line <code>NƠI: Hoàn Kiếm, xã Sóc Sơn</code>.
broadcast-draft-borrowed = 🌐 No { $readers } text was written: these { $count } readers will get the { $written } one.
broadcast-language-vi = Vietnamese
broadcast-language-en = English
broadcast-confirm-ask =
    ❓ <b>Send message #{ $id } now?</b>
    It will reach <b>{ $total }</b> people (Vietnamese { $vi }, English { $en }). Once sent it cannot be taken back.
broadcast-button-confirm = ✅ Confirm: send to { $total } people
subscribe-place-ward = { $name } ward
subscribe-place-commune = { $name } commune
subscribe-district-none = 📍 Where you live: not chosen (messages for one ward or commune will not reach you).
subscribe-district-some = 📍 Where you live: <b>{ $place }</b>
subscribe-button-district = 📍 Choose your ward or commune
subscribe-button-wards = 🏙 Wards
subscribe-button-communes = 🌾 Communes
subscribe-button-no-district = 🚫 Do not say where I live
subscribe-districts-title-ward = 📍 <b>Hanoi's wards</b> (page { $page }/{ $pages }). Press where you live to also get messages meant for it. List as of { $source }.
subscribe-districts-title-commune = 📍 <b>Hanoi's communes</b> (page { $page }/{ $pages }). Press where you live to also get messages meant for it. List as of { $source }.

## After a publish: the group's offer (handlers/release_offers.py)
offer-title = 📢 <b>New content published (release { $release })</b>: ready to send to subscribers
offer-report = • Not sent yet: <b>{ $title }</b> — { $period } ({ $count } subscribers of its topics)
offer-report-button = 📊 Prepare the { $period } results
offer-more-reports = … and { $count } more reports not sent yet (see the dashboard's Broadcasts page).
offer-report-hint = Press a button for a preview; for some wards and communes only, use <code>/broadcast report report-key</code> with a <code>NƠI:</code> line.
offer-corrections = ✏️ <b>Figures already sent have changed</b> (a correction goes only to those who received the old value):
offer-report-gone = That report is not in the published content. Type /broadcast to see how to send a message.
