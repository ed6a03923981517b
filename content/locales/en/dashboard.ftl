## The officials' web dashboard: frame, sign-in, errors. English; every key is also in vi/dashboard.ftl.

web-app-name = danbiet · Officials' dashboard
web-nav-label = Sections
web-nav-tickets = Feedback
web-nav-tickets-about = Review, assign, answer and export residents' feedback.
web-nav-stats = Statistics
web-nav-stats-about = Feedback by status, field and week; questions still without an answer.
web-nav-broadcasts = Broadcasts
web-nav-broadcasts-about = Compose, preview, send or schedule results for subscribers.
web-nav-content = Content
web-nav-content-about = The indicators and policies residents see, with sources and the content check.
web-nav-accounts = Accounts
web-nav-accounts-about = Officials' dashboard accounts and their roles.
web-language-vi = Tiếng Việt
web-language-en = English
web-role-moderator = Moderator
web-role-broadcaster = Broadcaster
web-role-administrator = Administrator
web-sign-out = Sign out
web-back-home = Back to the start page
web-home-title = Start
web-home-greeting = Hello, { $name }

web-login-title = Sign in
web-login-username = Username
web-login-password = Password
web-login-submit = Sign in
web-login-bad-credentials = Wrong username or password.
web-login-locked = Too many failed attempts: this account is locked until { $until }. Try again later or ask an administrator to unlock it.
web-login-hint = Accounts are created by an administrator with danbiet officials add. A session ends by itself after a while without use.

web-error-forbidden-title = Not allowed
web-error-forbidden = Your role may not do this. Ask an administrator if you need it.
web-error-not-found-title = Not found
web-error-not-found = The page or item you asked for does not exist (it may have been removed, or the address is wrong).
web-error-csrf-title = This form has expired
web-error-csrf = This form is no longer valid (you may have signed out, or it came from another page). Reload the page and try again.
web-error-server-title = Something went wrong
web-error-server = The system failed to handle the request; the error has been logged. Please try again in a few minutes.
