# The dashboard's audit log: administrators only.

audit-log-nav = Audit log
audit-log-nav-about = Who did what, and when: every recorded action, newest first.
audit-log-title = Audit log
audit-log-intro = Every action is recorded here, newest first. Only administrators can see this page.
audit-log-filter-label = Filter the log
audit-log-action = Action
audit-log-any-action = Any action
audit-log-who = Who
audit-log-who-hint = Name contains…
audit-log-from = From
audit-log-to = To
audit-log-apply = Apply
audit-log-clear = Clear
audit-log-column-when = When
audit-log-column-who = Who
audit-log-column-action = Action
audit-log-column-about = Concerns
audit-log-column-detail = Detail
audit-log-ticket = Ticket #{ $id }
audit-log-none = No entries match.
audit-log-pages = Log pages
audit-log-page = Page { $page }
audit-log-newer = ← Newer
audit-log-older = Older →
