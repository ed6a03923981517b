"""The outbox rows' shared rule (broadcasts' deliveries and residents' notices): what a send's
outcome makes of the row, and how long a transient failure waits before the next attempt."""

from __future__ import annotations

import datetime as dt
from typing import Protocol

from bot.domain.records import DeliveryResult
from bot.domain.statuses import DeliveryStatus, SendOutcome

BACKOFF_FIRST = dt.timedelta(seconds=2)
BACKOFF_LONGEST = dt.timedelta(minutes=5)


class OutboxJob(Protocol):
    """A claimed outbox row: a broadcast's delivery or a resident's notice."""

    @property
    def id(self) -> int: ...

    @property
    def attempts(self) -> int: ...  # before this send


class SendReport(Protocol):
    """What the worker reports of one send (broadcasts' SendResult, notices' NoticeResult)."""

    @property
    def job(self) -> OutboxJob: ...

    @property
    def outcome(self) -> SendOutcome: ...

    @property
    def message_id(self) -> int | None: ...

    @property
    def error(self) -> str | None: ...


def backoff(attempts: int) -> dt.timedelta:
    """2 s, 4 s, 8 s ... at most 5 minutes: a Telegram outage passes without hammering it."""
    return min(BACKOFF_FIRST * (1 << min(max(attempts - 1, 0), 16)), BACKOFF_LONGEST)


def result_row(sent: SendReport, now: dt.datetime, max_attempts: int) -> DeliveryResult:
    """What a send's outcome makes of an outbox row (a broadcast's or a notice's): sent,
    blocked, failed, or pending again after a backoff."""
    row_id, attempts = sent.job.id, sent.job.attempts + 1
    outcome, error = sent.outcome, sent.error
    if outcome is SendOutcome.SENT:
        status = DeliveryStatus.SENT
    elif outcome is SendOutcome.BLOCKED:
        status = DeliveryStatus.BLOCKED
    elif outcome is SendOutcome.REJECTED or attempts >= max_attempts:
        status = DeliveryStatus.FAILED
    else:
        return DeliveryResult(
            row_id, DeliveryStatus.PENDING, attempts, now + backoff(attempts), None, error
        )
    return DeliveryResult(row_id, status, attempts, None, sent.message_id, error)
