"""Domain errors that front ends turn into polite answers.

Each class names the catalog message that explains it: `key` in the chat (handlers), and
`dashboard_key` on the officials' dashboard where it words the refusal differently (None: the
dashboard shows no notice for it). The keys may name the error's attributes in braces
(`web-broadcast-refused-{reason}`); bot/error_text.py fills them in, with the message's arguments,
for both front ends.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import ClassVar

from bot.domain.faq_drafts import FAQ_TERM_FIELDS, DraftProblem
from bot.domain.statuses import (
    BroadcastRefusal,
    Step,
    TicketMove,
    TicketStatus,
)


class DomainError(Exception):
    """A request that the rules refuse; the message is for logs, not for users."""

    # An old button of a finished or moved-on conversation, or a request no screen offers.
    key: ClassVar[str] = "button-outdated"
    dashboard_key: ClassVar[str | None] = None


class PermissionDenied(DomainError):
    key: ClassVar[str] = "mod-not-official"


class FeedbackError(DomainError):
    pass


class Banned(FeedbackError):
    key: ClassVar[str] = "feedback-banned"


@dataclass
class TooManyTickets(FeedbackError):
    key: ClassVar[str] = "feedback-too-many"

    limit: int
    retry_at: dt.datetime

    def __str__(self) -> str:
        return f"more than {self.limit} tickets a day; next at {self.retry_at.isoformat()}"


@dataclass
class TextTooLong(FeedbackError):
    key: ClassVar[str] = "feedback-too-long"
    dashboard_key: ClassVar[str | None] = "web-tickets-refused-too-long"

    limit: int
    length: int

    def __str__(self) -> str:
        return f"text of {self.length} characters, over {self.limit}"


@dataclass
class TextTooShort(FeedbackError):
    key: ClassVar[str] = "feedback-too-short"
    dashboard_key: ClassVar[str | None] = "web-tickets-refused-empty"

    minimum: int

    def __str__(self) -> str:
        return f"text shorter than {self.minimum} letters"


@dataclass
class DuplicateTicket(FeedbackError):
    key: ClassVar[str] = "feedback-duplicate"

    code: str

    def __str__(self) -> str:
        return f"same as ticket {self.code}"


class UnknownTopic(FeedbackError):
    key: ClassVar[str] = "feedback-unknown-topic"


class UnknownDepartment(FeedbackError):
    key: ClassVar[str] = "mod-unknown-department"
    dashboard_key: ClassVar[str | None] = "web-tickets-refused-department"


class TicketNotFound(FeedbackError):
    key: ClassVar[str] = "ticket-not-found"


class NoDraft(FeedbackError):
    """No /feedback conversation is in progress (expired, sent, or cancelled)."""

    key: ClassVar[str] = "feedback-no-draft"


@dataclass
class WrongStep(FeedbackError):
    step: Step

    def __str__(self) -> str:
        return f"the conversation is at step {self.step.value}"


class NothingToPublish(FeedbackError):
    key: ClassVar[str] = "mod-nothing-to-publish"
    dashboard_key: ClassVar[str | None] = "web-tickets-refused-publish"


class NoPublishConsent(FeedbackError):
    """The resident did not allow publishing (or withdrew it): no route may publish it."""

    key: ClassVar[str] = "mod-no-publish-consent"
    dashboard_key: ClassVar[str | None] = "web-tickets-refused-consent"


@dataclass
class PromptUsed(FeedbackError):
    """A reply to a message that is no (longer a) prompt: known=True when it was one."""

    key: ClassVar[str] = "mod-prompt-used"

    known: bool = False


@dataclass
class RatingOutOfRange(FeedbackError):
    minimum: int = 1
    maximum: int = 5


class TooManyForBulk(DomainError):
    dashboard_key: ClassVar[str | None] = "web-tickets-bulk-too-many"


class UnknownRejectReason(DomainError):
    """A bulk rejection without one of RejectReason's values (refused for each ticket)."""


class UnfitReferral(FeedbackError):
    """A rejection naming an office where_to_go.yaml does not have, or a referral with a reason
    it does not fit (only a ticket outside the programme is sent elsewhere)."""

    key: ClassVar[str] = "reject-referral-unfit"
    dashboard_key: ClassVar[str | None] = "reject-referral-unfit"


class FaqDraftError(DomainError):
    pass


class DraftNotFound(FaqDraftError):
    def __init__(self, draft_id: int) -> None:
        super().__init__(f"no FAQ draft {draft_id}")
        self.draft_id = draft_id


class EmptyQuestion(FaqDraftError):
    """The question has no letter or digit to start a draft from."""

    dashboard_key: ClassVar[str | None] = "web-faq-empty-question"


class DraftFieldTooLong(FaqDraftError):
    dashboard_key: ClassVar[str | None] = "web-faq-question-too-long"

    def __init__(self, field: str, limit: int, length: int) -> None:
        unit = "terms" if field in FAQ_TERM_FIELDS else "characters"
        super().__init__(f"{field}: {length} {unit}, at most {limit}")
        self.field = field
        self.limit = limit
        self.length = length


class DraftNotReady(FaqDraftError):
    """Marked ready, or exported, while the view still lists problems."""

    dashboard_key: ClassVar[str | None] = "web-faq-not-ready"

    def __init__(self, problems: Sequence[DraftProblem]) -> None:
        super().__init__("; ".join(f"{item.field}: {item.kind.value}" for item in problems))
        self.problems = tuple(problems)


class BroadcastRefused(DomainError):
    # The chat words each refusal its own way; the dashboard by reason.
    dashboard_key: ClassVar[str | None] = "web-broadcast-refused-{reason}"

    reason_keys: ClassVar[Mapping[BroadcastRefusal, str]] = {
        BroadcastRefusal.EMPTY_TEXT: "broadcast-usage",
        BroadcastRefusal.TEXT_TOO_LONG: "broadcast-too-long",
        BroadcastRefusal.UNKNOWN_REPORT: "broadcast-unknown-report",
        BroadcastRefusal.UNKNOWN_BROADCAST: "broadcast-unknown",
        BroadcastRefusal.NOTHING_TO_CORRECT: "correction-nothing",
        BroadcastRefusal.NOT_DRAFT: "broadcast-already",
        BroadcastRefusal.TIME_PASSED: "broadcast-time-passed",
        BroadcastRefusal.FINISHED: "broadcast-finished",
        BroadcastRefusal.UNKNOWN_DISTRICT: "broadcast-unknown-district",
    }

    def __init__(self, reason: BroadcastRefusal, broadcast_id: int | None = None) -> None:
        super().__init__(f"{reason} (broadcast {broadcast_id})")
        self.reason = reason
        self.broadcast_id = broadcast_id


class BadCredentials(DomainError):
    """Unknown user, wrong password or disabled account: the page never says which."""


class AccountLocked(DomainError):
    def __init__(self, until: dt.datetime) -> None:
        super().__init__(f"locked until {until.isoformat()}")
        self.until = until


class InvalidUsername(DomainError):
    dashboard_key: ClassVar[str | None] = "web-accounts-invalid-username"


class UsernameTaken(DomainError):
    dashboard_key: ClassVar[str | None] = "web-accounts-username-taken"


class AccountNotFound(DomainError):
    pass


class OwnAccount(DomainError):
    """An administrator may not disable their own account (whatever letter case or Unicode
    form the name was written in: the check is on the account's id)."""

    dashboard_key: ClassVar[str | None] = "web-accounts-not-yourself"


class LastAdministrator(DomainError):
    """The last active administrator's account may be neither disabled nor given another
    role: someone must be left to manage the accounts."""

    dashboard_key: ClassVar[str | None] = "account-last-administrator"


class WeakPassword(DomainError):
    """The reason is a short code (too_short, too_long, contains_username, too_simple)."""

    dashboard_key: ClassVar[str | None] = "web-accounts-password-{reason}"

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


class InvalidTransition(DomainError):
    """The move is not allowed from the ticket's status; the message says which."""

    key: ClassVar[str] = "mod-invalid-move"
    dashboard_key: ClassVar[str | None] = "web-tickets-refused-transition"

    def __init__(self, status: TicketStatus, move: TicketMove) -> None:
        super().__init__(f"cannot {move.value} a ticket that is {status.value}")
        self.status = status
        self.move = move


@dataclass
class ContentRejected(DomainError):
    """Content that `danbiet content check` refuses: never stored as a release."""

    problems: Sequence[str]

    def __str__(self) -> str:
        return f"{len(self.problems)} problem(s) in the content"


class NoEarlierRelease(DomainError):
    """A rollback with no release before the live one."""

    dashboard_key: ClassVar[str | None] = "release-no-earlier"


class ReleaseChanged(DomainError):
    """Another publish or rollback changed the live release meanwhile: look again and retry."""

    dashboard_key: ClassVar[str | None] = "release-changed"


class ReleaseNotConfirmed(ReleaseChanged):
    """A rollback of a live release other than the one the official confirmed (another publish
    or rollback came between the confirm page and the press): told as ReleaseChanged, audited."""


class ReleaseNotFound(DomainError):
    """No content release (or draft) with that id."""

    def __init__(self, release_id: int) -> None:
        super().__init__(f"no content release {release_id}")
        self.release_id = release_id


class ReleaseNotDraft(DomainError):
    """A published (or discarded) release never changes: start a draft to change the content."""

    dashboard_key: ClassVar[str | None] = "release-not-draft"


class DraftChanged(DomainError):
    """Someone saved the draft since the version the caller edited: nothing was overwritten."""

    dashboard_key: ClassVar[str | None] = "content-draft-changed"

    def __init__(self, draft_id: int, expected: int, current: int) -> None:
        super().__init__(f"draft {draft_id} is at version {current}, not {expected}")
        self.draft_id = draft_id
        self.expected = expected
        self.current = current


class OwnDraft(DomainError):
    """Four eyes: whoever edited a draft may not approve it."""

    dashboard_key: ClassVar[str | None] = "content-draft-own"


@dataclass
class DraftHasProblems(DomainError):
    """A draft that `danbiet content check` refuses is not approved."""

    dashboard_key: ClassVar[str | None] = "content-draft-has-problems"

    count: int

    def __str__(self) -> str:
        return f"{self.count} problem(s) in the draft"


@dataclass
class DraftUnchanged(DomainError):
    """A draft identical to the live release: approving it would store a duplicate release."""

    dashboard_key: ClassVar[str | None] = "content-draft-unchanged"

    release: int

    def __str__(self) -> str:
        return f"nothing changed since release {self.release}"


# --- an official's working day with tickets (saved answers, assignment to a person) ----------


class SavedAnswerNotFound(DomainError):
    """No saved answer has that id for this ticket (deleted meanwhile, or forged)."""

    key: ClassVar[str] = "saved-answer-gone"


@dataclass
class SavedAnswerInvalid(DomainError):
    """A saved answer's title, text or topic is refused; `field` says which."""

    dashboard_key: ClassVar[str | None] = "saved-answer-refused-{field}"

    field: str

    def __str__(self) -> str:
        return f"saved answer: bad {self.field}"


class UnknownAssignee(DomainError):
    """Not an enabled account that may moderate tickets (or a forged id)."""

    dashboard_key: ClassVar[str | None] = "ticket-assignee-refused"


@dataclass
class NoteInvalid(DomainError):
    """An internal note that is empty or longer than `limit` characters."""

    dashboard_key: ClassVar[str | None] = "ticket-note-refused"

    limit: int

    def __str__(self) -> str:
        return f"note empty or over {self.limit} characters"


class ContentEntityNotFound(ReleaseNotFound):
    """No such report, indicator, observation, policy, FAQ or proposal in the release (a forged
    or stale address in the content editor)."""

    def __init__(self, release_id: int, what: str) -> None:
        super().__init__(release_id)
        self.what = what
