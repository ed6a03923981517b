"""The residents' notice outbox: rows written with an official's action, claimed, sent and
recorded by the delivery worker like broadcast rows. It never commits."""

from __future__ import annotations

import datetime as dt
from collections.abc import Collection, Iterable

from sqlalchemy import ColumnElement, exists, func, select, update
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import aliased

from bot.domain.records import ClaimedNotice, DeliveryResult, NewNotice
from storage.models import Notice
from storage.repositories.outbox_rows import IN_FLIGHT, PENDING, record_results, release_stale

UNFINISHED = (PENDING, IN_FLIGHT)


class NoticeRepository:
    def __init__(self, session: AsyncSession) -> None:
        self._session = session

    @property
    def shared_claims(self) -> bool:
        """Whether several workers can claim side by side (PostgreSQL's SKIP LOCKED)."""
        return self._session.get_bind().dialect.name == "postgresql"

    async def add(self, notice: NewNotice, now: dt.datetime) -> int:
        row = Notice(
            chat_id=notice.chat_id,
            ticket_id=notice.ticket_id,
            event=notice.event,
            detail=notice.detail,
            status=PENDING,
            attempts=0,
            not_before=now,
            created_at=now,
            updated_at=now,
        )
        self._session.add(row)
        await self._session.flush()
        return row.id

    async def claim(
        self, worker: str, limit: int, now: dt.datetime, lease_until: dt.datetime
    ) -> list[ClaimedNotice]:
        """Up to `limit` due notices, in flight for `worker` until `lease_until`.

        Only a resident's oldest unfinished notice is ever claimable: while one waits (in
        flight, or pending after a failure) the later ones wait behind it, so a resident reads
        "approved" before "answered" whatever retries, 429s and concurrent workers do.
        """
        earlier = aliased(Notice)
        blocked_by_earlier = exists().where(
            earlier.chat_id == Notice.chat_id,
            earlier.id < Notice.id,
            earlier.status.in_(UNFINISHED),
        )
        picked = (
            select(Notice.id)
            .where(Notice.status == PENDING, Notice.not_before <= now, ~blocked_by_earlier)
            .order_by(Notice.id)
            .limit(limit)
        )
        if self.shared_claims:
            locked = picked.with_for_update(skip_locked=True, of=Notice).cte("picked")
            condition: ColumnElement[bool] = Notice.id == locked.c.id
        else:
            # Read first: the worker looks every second, and on SQLite an UPDATE takes the
            # database's one write lock even when it changes nothing.
            due = list((await self._session.execute(picked)).scalars())
            if not due:
                return []
            condition = Notice.id.in_(due)
        statement = (
            update(Notice)
            .where(condition, Notice.status == PENDING)
            .values(status=IN_FLIGHT, claimed_by=worker, lease_until=lease_until, updated_at=now)
            .returning(
                Notice.id,
                Notice.chat_id,
                Notice.ticket_id,
                Notice.event,
                Notice.detail,
                Notice.attempts,
            )
        )
        rows = (await self._session.execute(statement)).all()
        return sorted((ClaimedNotice(*row) for row in rows), key=lambda row: row.id)

    async def record(
        self, worker: str, results: Iterable[DeliveryResult], now: dt.datetime
    ) -> None:
        await record_results(self._session, Notice, worker, results, now)

    async def release(self, worker: str, notice_ids: Collection[int], now: dt.datetime) -> None:
        """Claimed notices this worker will not send (stopping, lease running out)."""
        if notice_ids:
            await self._session.execute(
                update(Notice)
                .where(
                    Notice.id.in_(notice_ids),
                    Notice.claimed_by == worker,
                    Notice.status == IN_FLIGHT,
                )
                .values(status=PENDING, claimed_by=None, lease_until=None, updated_at=now)
            )

    async def release_stale(self, now: dt.datetime, *, everything: bool) -> int:
        return await release_stale(self._session, Notice, now, everything=everything)

    async def count_by_status(self) -> dict[str, int]:
        rows = await self._session.execute(
            select(Notice.status, func.count()).group_by(Notice.status)
        )
        return {status: int(count) for status, count in rows.all()}
