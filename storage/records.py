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
