"""Plain records that repositories return, so nothing above storage touches ORM objects."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Final

from bot.domain.statuses import (
    BroadcastKind,
    BroadcastStatus,
    DeliveryStatus,
    RejectReason,
    TicketStatus,
)
from bot.domain.ticket_work import OverdueCutoff

# Tickets, questions, broadcasts and drafts have INTEGER ids; a larger number names no record
# (and PostgreSQL would refuse it as a parameter rather than find nothing).
MAX_RECORD_ID: Final = 2**31 - 1
# Telegram's user and chat ids have at most 52 significant bits.
MAX_TELEGRAM_ID: Final = 2**52


@dataclass(frozen=True, slots=True)
class ResidentRecord:
    id: int
    language: str | None
    telegram_language: str | None
    first_seen: dt.datetime
    last_seen: dt.datetime


@dataclass(frozen=True, slots=True)
class ContactSeen:
    """A resident's contact, written behind the reply (bot/services/knowledge/question_recorder):
    ``reactivate`` is set on the first contact an instance sees, which undoes a broadcast's
    record of a block."""

    resident_id: int
    telegram_language: str | None
    seen_at: dt.datetime
    reactivate: bool


@dataclass(frozen=True, slots=True)
class NewQuestion:
    resident_id: int | None
    text: str
    language: str
    channel: str
    outcome: str
    matched_kind: str | None
    matched_key: str | None
    score: float | None
    answered: bool
    asked_at: dt.datetime


@dataclass(frozen=True, slots=True)
class QuestionRecord(NewQuestion):
    id: int


@dataclass(frozen=True, slots=True)
class UnansweredQuestion:
    text: str
    times_asked: int
    last_asked: dt.datetime


# --- feedback tickets, moderation and audit ---


@dataclass(frozen=True, slots=True)
class TicketForm:
    """A ticket as a resident files it (the /feedback conversation or the one-press button),
    before the filing rules clean it and storage numbers it; a stored ticket extends it."""

    topic: str
    text: str
    photo_file_id: str | None
    latitude: float | None
    longitude: float | None
    anonymous: bool
    author_name: str | None
    language: str
    source_question_id: int | None = None
    publish_consent: bool = field(default=False, kw_only=True)
    # The masked text the public register shows; None before it is made (filing makes it).
    public_text: str | None = field(default=None, kw_only=True)


@dataclass(frozen=True, slots=True, kw_only=True)
class TicketRecord(TicketForm):
    id: int
    code: str
    resident_id: int
    status: TicketStatus
    cluster_id: int | None
    created_at: dt.datetime
    reject_reason: RejectReason | None
    reject_words: str | None = None  # the official's words with the rejection
    referral: str | None = None  # the office (where_to_go.yaml) the rejection names
    department: str | None
    published: bool
    admin_chat_id: int | None
    admin_message_id: int | None
    rating: int | None
    updated_at: dt.datetime
    first_answered_at: dt.datetime | None
    anonymised_at: dt.datetime | None = field(default=None, kw_only=True)
    assignee_account_id: int | None = field(default=None, kw_only=True)


@dataclass(frozen=True, slots=True)
class SearchWord:
    """One folded word of a search: it occurs in a ticket's search text, is its code, or is a
    word of its topic's title (titles live in the content, so they are matched by topic key)."""

    folded: str
    topics: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class TicketCriteria:
    """Which tickets the dashboard's queue shows; empty fields do not filter."""

    statuses: tuple[TicketStatus, ...] = ()
    topic: str | None = None
    department: str | None = None
    no_department: bool = False  # only tickets given to no department yet
    created_from: dt.datetime | None = None  # inclusive
    created_before: dt.datetime | None = None  # exclusive
    has_photo: bool | None = None
    words: tuple[SearchWord, ...] = ()  # every one must match
    newest_first: bool = False
    # Overdue only: tickets past their deadline (bot/domain/ticket_work.OverdueCutoff).
    overdue: tuple[OverdueCutoff, ...] | None = None
    assignee_account_id: int | None = None  # "my tickets"


@dataclass(frozen=True, slots=True)
class TicketFiled:
    """What filing adds to a resident's form before storage numbers it: who filed it and when,
    its first status, the earlier ticket it joins (about the same thing), its search text."""

    resident_id: int
    status: str
    created_at: dt.datetime
    cluster_id: int | None = None
    search_text: str | None = None


@dataclass(frozen=True, slots=True)
class CandidateFilter:
    """Which recent tickets a new one is compared with: in these statuses, filed since, by one
    resident or by anyone else, on one topic; newest first, at most `limit`."""

    statuses: frozenset[str]
    since: dt.datetime
    resident_id: int | None = None
    other_than_resident: int | None = None
    topic: str | None = None
    limit: int = 500


@dataclass(frozen=True, slots=True)
class SimilarCandidate:
    """An open ticket's text, for near-duplicate checks."""

    ticket_id: int
    code: str
    cluster_id: int | None
    resident_id: int
    text: str


@dataclass(frozen=True, slots=True)
class ReplyRecord:
    ticket_id: int
    official_id: int
    official_name: str
    text: str
    created_at: dt.datetime


@dataclass(frozen=True, slots=True)
class AuditRecord:
    at: dt.datetime
    actor_kind: str
    actor_id: int | None
    actor_name: str
    action: str
    ticket_id: int | None
    from_status: str | None = None
    to_status: str | None = None
    detail: str | None = None
    account_id: int | None = None


@dataclass(frozen=True, slots=True)
class AuditCriteria:
    """Which audit rows the dashboard's audit log shows; empty fields do not filter."""

    action: str | None = None  # exactly this action
    who: str | None = None  # the actor's label contains this (case aside)
    at_from: dt.datetime | None = None  # inclusive
    at_before: dt.datetime | None = None  # exclusive


@dataclass(frozen=True, slots=True)
class DraftRecord:
    resident_id: int
    step: str
    topic: str | None
    text: str | None
    photo_file_id: str | None
    latitude: float | None
    longitude: float | None
    anonymous: bool | None
    author_name: str | None
    language: str
    updated_at: dt.datetime
    publish_consent: bool | None = field(default=None, kw_only=True)


@dataclass(frozen=True, slots=True)
class ReplyPromptRecord:
    chat_id: int
    message_id: int
    ticket_id: int
    official_id: int
    created_at: dt.datetime
    answered_at: dt.datetime | None = None


@dataclass(frozen=True, slots=True)
class BanRecord:
    resident_id: int
    reason: str | None
    banned_by: int | None
    banned_at: dt.datetime


@dataclass(frozen=True, slots=True)
class TicketCounts:
    by_status: dict[str, int]
    by_topic: dict[str, int]
    answered: int  # tickets with a first answer


# --- subscriptions and broadcasts ---


@dataclass(frozen=True, slots=True)
class SubscriptionRecord:
    resident_id: int
    status: str
    topics: frozenset[tuple[str, str]]  # (kind, key)


@dataclass(frozen=True, slots=True)
class FigureRecord:
    indicator_key: str
    period_key: str
    value: float | None
    target: float | None


@dataclass(frozen=True, slots=True)
class NewBroadcast:
    kind: str
    text_vi: str
    text_en: str
    photo_vi: bytes | None
    photo_en: bytes | None
    report_key: str | None
    corrects_id: int | None
    created_by: int | None
    created_by_name: str
    created_at: dt.datetime
    admin_chat_id: int | None
    districts: str | None = None  # place keys, space-separated; None: everywhere
    written_in: str | None = None  # a text written in this language only, read by everyone


@dataclass(frozen=True, slots=True)
class BroadcastRecord:
    """A broadcast without its images (they are large; `BroadcastContent` carries them)."""

    id: int
    kind: BroadcastKind
    status: BroadcastStatus
    report_key: str | None
    corrects_id: int | None
    created_by: int | None
    created_by_name: str
    created_at: dt.datetime
    send_at: dt.datetime | None
    started_at: dt.datetime | None
    finished_at: dt.datetime | None
    recipients: int
    admin_chat_id: int | None
    progress_message_id: int | None
    districts: str | None = None  # place keys, space-separated; None: everywhere
    written_in: str | None = None  # a text written in this language only, read by everyone

    @property
    def district_keys(self) -> frozenset[str]:
        return frozenset((self.districts or "").split())


@dataclass(frozen=True, slots=True)
class BroadcastContent:
    id: int
    texts: dict[str, str]  # language -> HTML
    photos: dict[str, bytes]  # language -> PNG, for a broadcast with a chart
    photo_file_ids: dict[str, str]  # language -> Telegram file_id once uploaded


@dataclass(frozen=True, slots=True)
class RecipientFilter:
    """Who gets a broadcast: every active subscriber, or only those whose topics match
    (subscribers without topics get everything), or the residents a broadcast reached."""

    areas: frozenset[str] = frozenset()
    indicators: frozenset[str] = frozenset()
    topical: bool = False
    reached_by: int | None = None  # a broadcast id: its rows that were sent
    districts: frozenset[str] = frozenset()  # only residents who chose one of these places


@dataclass(frozen=True, slots=True)
class ClaimedDelivery:
    id: int
    broadcast_id: int
    chat_id: int
    language: str
    attempts: int


@dataclass(frozen=True, slots=True)
class NewNotice:
    """A notice to a resident about their ticket, written with the official's action."""

    chat_id: int
    ticket_id: int
    event: str
    detail: str | None  # the answer, the department key or the reject reason of the moment


@dataclass(frozen=True, slots=True)
class ClaimedNotice:
    id: int
    chat_id: int
    ticket_id: int
    event: str
    detail: str | None
    attempts: int


@dataclass(frozen=True, slots=True)
class DeliveryResult:
    """What became of one claimed row, written back by the worker."""

    delivery_id: int
    status: DeliveryStatus  # sent / blocked / failed / pending (retry later)
    attempts: int
    not_before: dt.datetime | None = None
    message_id: int | None = None
    error: str | None = None


OTHER_TOPIC = "other"  # feedback outside the programme's areas


@dataclass(frozen=True, slots=True)
class TicketTotals:
    by_status: dict[str, int]
    by_topic: dict[str, int]
    total: int
    answered: int  # tickets that got at least one answer (first_answered_at is set)
    rated: int  # tickets the resident rated
    average_rating: float | None  # over the rated ones


@dataclass(frozen=True, slots=True)
class PeriodCount:
    """Tickets filed, and tickets first answered, in [start, end)."""

    start: dt.datetime
    end: dt.datetime
    filed: int
    answered: int
