"""What the two outboxes (broadcast deliveries and residents' notices) do alike to their rows:
the status names of a row's life, writing a batch of send outcomes, and taking back the rows a
dead worker left in flight."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import Any, cast

from sqlalchemy import ColumnElement, Table, and_, bindparam, update
from sqlalchemy.ext.asyncio import AsyncSession

from bot.domain.records import DeliveryResult
from storage.models import UtcDateTime

PENDING = "pending"
IN_FLIGHT = "in_flight"


async def record_results(
    session: AsyncSession,
    model: Any,
    worker: str,
    results: Iterable[DeliveryResult],
    now: dt.datetime,
) -> None:
    """Write outcomes of rows this worker still holds; a row another worker took over (its lease
    expired) is left to that worker."""
    table = cast(Table, model.__table__)
    statement = (
        update(table)
        .where(
            table.c.id == bindparam("_id"),
            table.c.claimed_by == worker,
            table.c.status == IN_FLIGHT,
        )
        .values(
            status=bindparam("_status"),
            attempts=bindparam("_attempts"),
            not_before=bindparam("_not_before", type_=UtcDateTime),
            message_id=bindparam("_message_id"),
            error=bindparam("_error"),
            claimed_by=None,
            lease_until=None,
            updated_at=now,
        )
    )
    parameters = [
        {
            "_id": result.delivery_id,
            "_status": result.status,
            "_attempts": result.attempts,
            "_not_before": result.not_before or now,
            "_message_id": result.message_id,
            "_error": result.error[:200] if result.error else None,
        }
        for result in results
    ]
    if parameters:
        await session.execute(statement, parameters)


async def release_stale(
    session: AsyncSession, model: Any, now: dt.datetime, *, everything: bool
) -> int:
    """Rows left in flight by a dead worker: all of them, or those whose lease ran out."""
    condition: ColumnElement[bool] = model.status == IN_FLIGHT
    if not everything:
        condition = and_(condition, model.lease_until < now)
    result = await session.execute(
        update(model)
        .where(condition)
        .values(status=PENDING, claimed_by=None, lease_until=None, updated_at=now)
    )
    return int(result.rowcount)  # type: ignore[attr-defined]
