"""Records of an official's working day with tickets: deadlines, notes, saved answers."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from bot.domain.statuses import TicketStatus

# Tickets waiting for officials' answer: the deadline runs for these, and they are "waiting".
AWAITING_ANSWER: frozenset[TicketStatus] = frozenset(
    {TicketStatus.NEW, TicketStatus.APPROVED, TicketStatus.ASSIGNED, TicketStatus.REOPENED}
)


@dataclass(frozen=True, slots=True)
class OverdueCutoff:
    """Tickets of this topic and department (None: no department) awaiting an answer and filed
    before `filed_before` are overdue."""

    topic: str
    department: str | None
    filed_before: dt.datetime


@dataclass(frozen=True, slots=True)
class NoteRecord:
    id: int
    ticket_id: int
    account_id: int | None
    author_name: str
    text: str
    created_at: dt.datetime


@dataclass(frozen=True, slots=True)
class SavedAnswerRecord:
    id: int
    topic: str | None  # None: for every topic
    title: str
    text: str
    updated_by: str
    updated_at: dt.datetime


@dataclass(frozen=True, slots=True)
class SavedAnswerForm:
    topic: str | None
    title: str
    text: str


@dataclass(frozen=True, slots=True)
class DepartmentCount:
    department: str | None
    count: int
