"""What the feedback and moderation services hand to front ends, and the errors they raise."""

from __future__ import annotations

import datetime as dt
import enum
import math
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Generic, TypeVar

from bot.domain.records import AuditRecord, ReplyRecord, TicketRecord
from bot.domain.statuses import Step, TicketStatus
from bot.i18n import Language
from content.schema import Area, Department

T = TypeVar("T")


@dataclass(frozen=True, slots=True)
class FeedbackLimits:
    """Anti-abuse limits; FEEDBACK_* settings override them."""

    tickets_per_day: int = 5
    max_chars: int = 2000
    min_chars: int = 5  # letters or digits
    reply_max_chars: int = 3000
    draft_ttl: dt.timedelta = dt.timedelta(days=2)
    duplicate_window: dt.timedelta = dt.timedelta(days=30)


@dataclass(frozen=True, slots=True)
class DraftView:
    step: Step
    topic_key: str | None
    topic: Area | None  # None for "other" or before a topic is chosen
    text: str | None
    has_photo: bool
    has_location: bool
    anonymous: bool | None
    author_name: str | None
    publish_consent: bool | None = None


class TicketEvent(enum.StrEnum):
    FILED = "filed"
    LINKED = "linked"  # a similar ticket from another resident joined this one's group
    APPROVED = "approved"
    REJECTED = "rejected"
    ASSIGNED = "assigned"
    ANSWERED = "answered"
    CLOSED = "closed"
    PUBLISHED = "published"
    UNPUBLISHED = "unpublished"
    RESOLVED = "resolved"
    REOPENED = "reopened"
    RATED = "rated"
    # The first-answer deadline passed (the daily reminder finds it): the card is redrawn in
    # place, nobody is told (the reminder does that) and no new card is posted.
    OVERDUE = "overdue"


# Events the resident is told about in their chat (the ones they did themselves are not).
RESIDENT_NOTIFIED: frozenset[TicketEvent] = frozenset(
    {
        TicketEvent.APPROVED,
        TicketEvent.REJECTED,
        TicketEvent.ASSIGNED,
        TicketEvent.ANSWERED,
        TicketEvent.CLOSED,
        TicketEvent.PUBLISHED,
    }
)


@dataclass(frozen=True, slots=True)
class TicketView:
    """A ticket with everything a card or a resident's screen shows."""

    ticket: TicketRecord
    topic: Area | None
    department: Department | None
    replies: tuple[ReplyRecord, ...]
    history: tuple[AuditRecord, ...]
    residents_raising: int  # different residents in its group of similar tickets
    group_code: str | None  # code of the first ticket of that group, when not this one
    resident_language: Language
    due: dt.date | None = None  # the last day for a first answer, while one is awaited
    overdue: bool = False

    @property
    def status(self) -> TicketStatus:
        return self.ticket.status

    @property
    def code(self) -> str:
        return self.ticket.code

    @property
    def latest_reply(self) -> ReplyRecord | None:
        return self.replies[-1] if self.replies else None


@dataclass(frozen=True, slots=True)
class TicketChange:
    view: TicketView
    event: TicketEvent
    by: str  # who acted, as shown on the card
    reply_text: str | None = None  # the answer just sent, for ANSWERED


@dataclass(frozen=True, slots=True)
class Paging:
    """Which page to show of `total` items, `size` a page: an asked-for page out of range is
    brought back to the nearest one."""

    page: int
    pages: int
    size: int

    @classmethod
    def of(cls, asked: int, total: int, size: int) -> Paging:
        pages = max(1, math.ceil(total / size))
        return cls(min(max(asked, 0), pages - 1), pages, size)

    @property
    def offset(self) -> int:
        return self.page * self.size


@dataclass(frozen=True, slots=True)
class Page(Generic[T]):
    items: Sequence[T]
    page: int
    pages: int
    total: int

    @property
    def has_previous(self) -> bool:
        return self.page > 0

    @property
    def has_next(self) -> bool:
        return self.page + 1 < self.pages


@dataclass(frozen=True, slots=True)
class PublicAnswer:
    """One entry of the public register, with personal data masked."""

    code: str
    topic: Area | None
    question: str
    answer: str
    answered_at: dt.datetime
    status: TicketStatus


@dataclass(frozen=True, slots=True)
class TicketStats:
    by_status: dict[TicketStatus, int]
    by_topic: list[tuple[Area | None, str, int]]  # (area, key, count), most first
    total: int
    answered: int
    median_first_answer: dt.timedelta | None


@dataclass(frozen=True, slots=True)
class Filed:
    """The outcome of filing: a new ticket, or the one the same request already made."""

    view: TicketView
    created: bool


@dataclass(frozen=True, slots=True)
class BanOutcome:
    resident_id: int
    # The state after the action, never whether it changed: that would tell an official who
    # wrote an anonymous ticket (ban it by code, then try user ids).
    banned: bool
    ticket_code: str | None = None


# --- errors: each becomes one polite message -----------------------------------------------


@dataclass(frozen=True, slots=True)
class PublicPreview:
    """What the public register would show of a ticket: masked question and answer."""

    code: str
    question: str
    answer: str
