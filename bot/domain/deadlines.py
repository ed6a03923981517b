"""First-answer deadlines in working days: pure rules, read from the settings.

A ticket awaiting an answer (new, approved, assigned, reopened) has until the end of the N-th
working day (Monday to Friday, holidays excepted, Hanoi calendar) after the day it was filed;
from the next day it is overdue. N is the most specific of TICKET_DEADLINE_DAYS and
TICKET_DEADLINE_OVERRIDES (`DeadlineRules.parse`): the topic and department together, then the
department, then the topic, then the default.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass, field
from zoneinfo import ZoneInfo

from bot.domain.records import TicketRecord
from bot.domain.ticket_work import AWAITING_ANSWER, OverdueCutoff

DEFAULT_DAYS = 5
MAX_DAYS = 60
LOCAL_TIME = ZoneInfo("Asia/Ho_Chi_Minh")  # deadlines are Hanoi calendar days


class DeadlineSettingError(ValueError):
    """TICKET_DEADLINE_OVERRIDES or TICKET_HOLIDAYS cannot be read; the message says where."""


@dataclass(frozen=True, slots=True)
class DeadlineRules:
    """How many working days officials have for a first answer, and which days are holidays."""

    default_days: int = DEFAULT_DAYS
    by_topic: Mapping[str, int] = field(default_factory=dict)
    by_department: Mapping[str, int] = field(default_factory=dict)
    by_pair: Mapping[tuple[str, str], int] = field(default_factory=dict)
    holidays: frozenset[dt.date] = frozenset()

    @classmethod
    def parse(cls, default_days: int, overrides: str = "", holidays: str = "") -> DeadlineRules:
        """`overrides`: entries separated by "," or ";", each `topic:KEY=N`,
        `department:KEY=N` or `topic:KEY@department:KEY=N`; `holidays`: ISO dates
        (2026-09-02) separated by "," or ";"."""
        by_topic: dict[str, int] = {}
        by_department: dict[str, int] = {}
        by_pair: dict[tuple[str, str], int] = {}
        for entry in _entries(overrides):
            target, _, number = entry.rpartition("=")
            days = _days(number, entry)
            parts = dict(_target(part, entry) for part in target.split("@"))
            if set(parts) == {"topic", "department"}:
                by_pair[(parts["topic"], parts["department"])] = days
            elif set(parts) == {"topic"}:
                by_topic[parts["topic"]] = days
            elif set(parts) == {"department"}:
                by_department[parts["department"]] = days
            else:
                raise DeadlineSettingError(f"{entry!r}: name a topic, a department or both")
        try:
            days_off = frozenset(dt.date.fromisoformat(day) for day in _entries(holidays))
        except ValueError as error:
            raise DeadlineSettingError(f"holidays: {error}") from None
        return cls(_days(str(default_days), "default"), by_topic, by_department, by_pair, days_off)

    def days_for(self, topic: str, department: str | None) -> int:
        if department is not None and (topic, department) in self.by_pair:
            return self.by_pair[(topic, department)]
        if department is not None and department in self.by_department:
            return self.by_department[department]
        return self.by_topic.get(topic, self.default_days)

    def is_working_day(self, day: dt.date) -> bool:
        return day.weekday() < 5 and day not in self.holidays

    def due_day(self, filed: dt.date, days: int) -> dt.date:
        """The last Hanoi day for the first answer to a ticket filed on `filed`."""
        day, counted = filed, 0
        while counted < days:
            day += dt.timedelta(days=1)
            counted += self.is_working_day(day)
        return day

    def ticket_due(self, ticket: TicketRecord) -> dt.date:
        filed = ticket.created_at.astimezone(LOCAL_TIME).date()
        return self.due_day(filed, self.days_for(ticket.topic, ticket.department))

    def is_overdue(self, ticket: TicketRecord, now: dt.datetime) -> bool:
        return ticket.status in AWAITING_ANSWER and now.astimezone(
            LOCAL_TIME
        ).date() > self.ticket_due(ticket)

    def deadline_of(self, ticket: TicketRecord, now: dt.datetime) -> tuple[dt.date | None, bool]:
        """The last day for a first answer and whether it is past, while one is awaited."""
        if ticket.status not in AWAITING_ANSWER:
            return None, False
        due = self.ticket_due(ticket)
        return due, now.astimezone(LOCAL_TIME).date() > due

    def cutoff(self, topic: str, department: str | None, now: dt.datetime) -> OverdueCutoff:
        """Tickets of this kind filed before the moment returned are overdue at `now`."""
        today = now.astimezone(LOCAL_TIME).date()
        days = self.days_for(topic, department)
        filed = today
        while self.due_day(filed, days) >= today:  # the due day never falls as `filed` does
            filed -= dt.timedelta(days=1)
        midnight = dt.datetime.combine(filed + dt.timedelta(days=1), dt.time(), LOCAL_TIME)
        return OverdueCutoff(topic, department, midnight.astimezone(dt.UTC))


def _entries(text: str) -> list[str]:
    return [part.strip() for part in text.replace(";", ",").split(",") if part.strip()]


def _days(number: str, entry: str) -> int:
    try:
        days = int(number.strip())
    except ValueError:
        raise DeadlineSettingError(f"{entry!r}: days must be a whole number") from None
    if not 0 <= days <= MAX_DAYS:
        raise DeadlineSettingError(f"{entry!r}: days must be between 0 and {MAX_DAYS}")
    return days


def _target(part: str, entry: str) -> tuple[str, str]:
    kind, _, key = part.strip().partition(":")
    if kind not in ("topic", "department") or not key.strip():
        raise DeadlineSettingError(f"{entry!r}: write topic:KEY or department:KEY")
    return kind, key.strip()
