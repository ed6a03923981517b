"""The delivery outbox: a row per resident a broadcast goes to, claimed and settled by workers."""

from __future__ import annotations

import datetime as dt
from collections.abc import Collection, Iterable

from sqlalchemy import (
    ColumnElement,
    case,
    exists,
    func,
    insert,
    literal,
    select,
    update,
)
from sqlalchemy.ext.asyncio import AsyncSession

from bot.domain.records import (
    ClaimedDelivery,
    DeliveryResult,
    RecipientFilter,
)
from storage.models import (
    Broadcast,
    Delivery,
    UtcDateTime,
)
from storage.repositories.broadcast_sql import _recipients
from storage.repositories.outbox_rows import IN_FLIGHT, PENDING, record_results, release_stale


class DeliveryRepository:
    def __init__(self, session: AsyncSession) -> None:
        self._session = session

    @property
    def shared_claims(self) -> bool:
        """Whether several workers can claim side by side (PostgreSQL's SKIP LOCKED)."""
        return self._session.get_bind().dialect.name == "postgresql"

    async def create_for(
        self, broadcast_id: int, recipients: RecipientFilter, now: dt.datetime
    ) -> int:
        """One pending row per recipient, in one statement: nothing passes through Python."""
        chosen = _recipients(recipients).subquery()
        rows = select(
            literal(broadcast_id),
            chosen.c.chat_id,
            chosen.c.language,
            literal(PENDING),
            literal(0),
            literal(now, UtcDateTime),
            literal(now, UtcDateTime),
        )
        columns = ["broadcast_id", "chat_id", "language", "status", "attempts"]
        result = await self._session.execute(
            insert(Delivery).from_select([*columns, "not_before", "updated_at"], rows)
        )
        return int(result.rowcount)  # type: ignore[attr-defined]

    async def claim(
        self, worker: str, limit: int, now: dt.datetime, lease_until: dt.datetime
    ) -> list[ClaimedDelivery]:
        """Mark up to `limit` due rows of running broadcasts as in flight for `worker`.

        On PostgreSQL the rows are locked with SKIP LOCKED, so concurrent workers each get
        different rows without waiting for one another; SQLite has one writer at a time.
        """
        sending = select(Broadcast.id).where(Broadcast.status == "sending")
        picked = (
            select(Delivery.id)
            .where(
                Delivery.status == PENDING,
                Delivery.not_before <= now,
                Delivery.broadcast_id.in_(sending),
            )
            .order_by(Delivery.id)
            .limit(limit)
        )
        if self.shared_claims:
            locked = picked.with_for_update(skip_locked=True, of=Delivery).cte("picked")
            condition: ColumnElement[bool] = Delivery.id == locked.c.id
        else:
            condition = Delivery.id.in_(picked.scalar_subquery())
        statement = (
            update(Delivery)
            .where(condition)
            .values(status=IN_FLIGHT, claimed_by=worker, lease_until=lease_until, updated_at=now)
            .returning(
                Delivery.id,
                Delivery.broadcast_id,
                Delivery.chat_id,
                Delivery.language,
                Delivery.attempts,
            )
        )
        rows = (await self._session.execute(statement)).all()
        return sorted((ClaimedDelivery(*row) for row in rows), key=lambda row: row.id)

    async def record(
        self, worker: str, results: Iterable[DeliveryResult], now: dt.datetime
    ) -> None:
        await record_results(self._session, Delivery, worker, results, now)

    async def finish(self, delivery_ids: Collection[int], status: str, now: dt.datetime) -> None:
        if delivery_ids:
            await self._session.execute(
                update(Delivery)
                .where(Delivery.id.in_(delivery_ids))
                .values(status=status, claimed_by=None, lease_until=None, updated_at=now)
            )

    async def release(self, worker: str, delivery_ids: Collection[int], now: dt.datetime) -> None:
        """Unsent rows go back: pending, or cancelled if their broadcast was cancelled."""
        if not delivery_ids:
            return
        cancelled = select(Broadcast.id).where(Broadcast.status == "cancelled")
        await self._session.execute(
            update(Delivery)
            .where(
                Delivery.id.in_(delivery_ids),
                Delivery.claimed_by == worker,
                Delivery.status == IN_FLIGHT,
            )
            .values(
                status=case((Delivery.broadcast_id.in_(cancelled), "cancelled"), else_=PENDING),
                claimed_by=None,
                lease_until=None,
                updated_at=now,
            )
        )

    async def release_stale(self, now: dt.datetime, *, everything: bool) -> int:
        return await release_stale(self._session, Delivery, now, everything=everything)

    async def cancel_pending(self, broadcast_id: int, now: dt.datetime) -> int:
        result = await self._session.execute(
            update(Delivery)
            .where(Delivery.broadcast_id == broadcast_id, Delivery.status == PENDING)
            .values(status="cancelled", updated_at=now)
        )
        return int(result.rowcount)  # type: ignore[attr-defined]

    async def counts(self, broadcast_ids: Collection[int]) -> dict[int, dict[str, int]]:
        found: dict[int, dict[str, int]] = {broadcast_id: {} for broadcast_id in broadcast_ids}
        if not broadcast_ids:
            return found
        rows = await self._session.execute(
            select(Delivery.broadcast_id, Delivery.status, func.count())
            .where(Delivery.broadcast_id.in_(broadcast_ids))
            .group_by(Delivery.broadcast_id, Delivery.status)
        )
        for broadcast_id, status, count in rows.all():
            found[broadcast_id][status] = count
        return found

    async def count_by_status(self) -> dict[str, int]:
        rows = await self._session.execute(
            select(Delivery.status, func.count()).group_by(Delivery.status)
        )
        return {status: int(count) for status, count in rows.all()}

    async def complete_broadcasts(self, now: dt.datetime) -> list[int]:
        """Running broadcasts with nothing left to send become done; returns their ids."""
        open_rows = exists().where(
            Delivery.broadcast_id == Broadcast.id, Delivery.status.in_((PENDING, IN_FLIGHT))
        )
        result = await self._session.execute(
            update(Broadcast)
            .where(Broadcast.status == "sending", ~open_rows)
            .values(status="done", finished_at=now)
            .returning(Broadcast.id)
        )
        return list(result.scalars())
