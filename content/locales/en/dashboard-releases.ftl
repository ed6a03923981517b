# Content releases, drafts and four-eyes review (bot/web/content.py, templates/content/).
release-not-draft = A published release never changes: start a new draft from the live one.
content-draft-changed = Someone has just saved this draft (version { $current }; you edited version { $expected }). Nothing was overwritten: look at the newer version and make your change again.
content-draft-own = You edited this draft, so you cannot approve it: another approver must.
content-draft-has-problems = The draft still has { $count } problems: fix them before it can be approved.
