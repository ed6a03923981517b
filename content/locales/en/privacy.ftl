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
