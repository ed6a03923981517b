"""Plain records that repositories return, so nothing above storage touches ORM objects."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class ResidentRecord:
    id: int
    language: str | None
    telegram_language: str | None
    first_seen: dt.datetime
    last_seen: dt.datetime


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
class NewTicket:
    resident_id: int
    topic: str
    text: str
    photo_file_id: str | None
    latitude: float | None
    longitude: float | None
    anonymous: bool
    author_name: str | None
    language: str
    status: str
    cluster_id: int | None
    source_question_id: int | None
    created_at: dt.datetime


@dataclass(frozen=True, slots=True)
class TicketRecord(NewTicket):
    id: int
    code: str
    reject_reason: str | None
    department: str | None
    published: bool
    admin_chat_id: int | None
    admin_message_id: int | None
    rating: int | None
    updated_at: dt.datetime
    first_answered_at: dt.datetime | None


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
    answer_delays: list[dt.timedelta]  # created → first answer, for answered tickets
