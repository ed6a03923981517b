# Rejection with a reason, words and a referral; accounts; exports (issue 17).

## Rejection: the group's confirm screens and the resident's notice
reject-confirm-title = 🚫 Reject ticket <b>{ $code }</b> — reason: { $reason }
reject-confirm-referral = ➡️ Refer the resident to: <b>{ $office }</b>
reject-confirm-choose-referral = ➡️ If another office handles this, choose it below to tell the resident.
reject-confirm-words = ✍️ Words to the resident: «{ $words }»
reject-confirm-words-hint = ✍️ To add words for the resident, reply to this message with them. Then press Confirm.
reject-button-confirm = ✅ Confirm rejection
reject-button-no-referral = ✖️ No referral
reject-words-missing = The words can no longer be found: reply to the confirm message with them again.
reject-words-text-only = The words must be text. Reply to the confirm message with text.
reject-referral-unfit = A referral is only for a ticket outside the programme, and only to an office on the list.
reject-notice-words = ✍️ The official's words: { $words }
reject-notice-referral = ➡️ This is handled by <b>{ $office }</b> ({ $role }). You can contact them directly.

## Rejection on the dashboard
reject-web-choose = — Choose a reason —
reject-web-words = Words to the resident (optional)
reject-web-referral = Refer to (when outside the programme)
reject-web-no-referral = No referral
reject-web-fits = fits the ticket's text
reject-web-next = Review before rejecting…
reject-web-confirm-title = Confirm the rejection of ticket { $code }
reject-web-confirm-intro = The resident will receive the message below. Check it, then confirm.
reject-web-confirm = Confirm rejection
reject-web-cancel = Back to the ticket

## Accounts
account-manage = Manage { $username }
account-new-role = New role
account-change-role = Change role
account-reset-password = Make a new password
account-typed-password = Or set a password
account-set-password = Set password
account-rules = You cannot change your own account; at least one active administrator must remain. Disabling an account, a new password or a new role signs that account out everywhere.
account-role-changed = Account { $username } now has the role { $role }; it must sign in again.
account-password-set = A new password is set for { $username }; every earlier session has ended.
account-last-administrator = The last active administrator can be neither disabled nor given another role: make someone else an administrator first.
account-password-title = New password for { $username }
account-password-intro = The new password of { $username } (every earlier session has ended):
account-password-once = The password is shown only once, on this page, and is stored nowhere. Hand it to the user in person and ask them to keep it to themselves.

## Exports (the column's header follows the other columns' keys)
web-tickets-column-answer = Answer

## Rejection: on the ticket afterwards
reject-web-words-sent = Words sent
reject-web-referred = Referred to
reject-words-too-long = The words are { $length } characters, over { $limit }. Please shorten them and reply to the confirm message again.
