"""Repositories of subscriptions, broadcasts and the delivery outbox. They never commit."""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Collection, Iterable
from typing import Any

from sqlalchemy import (
    exists,
    insert,
    select,
    update,
)
from sqlalchemy.ext.asyncio import AsyncSession

from bot.domain.records import (
    BroadcastContent,
    BroadcastRecord,
    FigureRecord,
    NewBroadcast,
)
from storage.models import (
    Broadcast,
    BroadcastFigure,
)
from storage.repositories.broadcast_sql import _broadcast_record, _columns

# Broadcasts whose message went out (or is going out) to residents.
CONFIRMED_STATUSES = ("sending", "paused", "done")


class BroadcastRepository:
    def __init__(self, session: AsyncSession) -> None:
        self._session = session

    async def add(self, broadcast: NewBroadcast, status: str) -> BroadcastRecord:
        row = Broadcast(**dataclasses.asdict(broadcast), status=status, recipients=0)
        self._session.add(row)
        await self._session.flush()
        return _broadcast_record(row)

    async def get(self, broadcast_id: int) -> BroadcastRecord | None:
        statement = select(*_columns()).where(Broadcast.id == broadcast_id)
        row = (await self._session.execute(statement)).one_or_none()
        return None if row is None else _broadcast_record(row)

    async def content(self, broadcast_id: int) -> BroadcastContent | None:
        row = await self._session.get(Broadcast, broadcast_id)
        if row is None:
            return None
        photos = {"vi": row.photo_vi, "en": row.photo_en}
        file_ids = {"vi": row.photo_file_id_vi, "en": row.photo_file_id_en}
        return BroadcastContent(
            id=row.id,
            texts={"vi": row.text_vi, "en": row.text_en},
            photos={language: data for language, data in photos.items() if data},
            photo_file_ids={language: value for language, value in file_ids.items() if value},
        )

    async def transition(
        self, broadcast_id: int, from_statuses: Iterable[str], to_status: str, **values: Any
    ) -> bool:
        """Change the status only from one of `from_statuses`: of two concurrent requests
        (a double confirmation, two workers starting a scheduled broadcast) one wins."""
        result = await self._session.execute(
            update(Broadcast)
            .where(Broadcast.id == broadcast_id, Broadcast.status.in_(tuple(from_statuses)))
            .values(status=to_status, **values)
        )
        return bool(result.rowcount)  # type: ignore[attr-defined]

    async def change(self, broadcast_id: int, **values: Any) -> None:
        await self._session.execute(
            update(Broadcast).where(Broadcast.id == broadcast_id).values(**values)
        )

    async def remember_file_id(self, broadcast_id: int, language: str, file_id: str) -> None:
        column = Broadcast.photo_file_id_en if language == "en" else Broadcast.photo_file_id_vi
        await self._session.execute(
            update(Broadcast)
            .where(Broadcast.id == broadcast_id, column.is_(None))
            .values({column: file_id})
        )

    async def due(self, now: dt.datetime) -> list[int]:
        rows = await self._session.execute(
            select(Broadcast.id)
            .where(Broadcast.status == "scheduled", Broadcast.send_at <= now)
            .order_by(Broadcast.send_at, Broadcast.id)
        )
        return list(rows.scalars())

    async def with_status(self, statuses: Iterable[str]) -> list[BroadcastRecord]:
        statement = (
            select(*_columns()).where(Broadcast.status.in_(tuple(statuses))).order_by(Broadcast.id)
        )
        return [_broadcast_record(row) for row in (await self._session.execute(statement)).all()]

    async def recent(self, limit: int) -> list[BroadcastRecord]:
        statement = (
            select(*_columns())
            .where(Broadcast.status != "draft")
            .order_by(Broadcast.id.desc())
            .limit(limit)
        )
        return [_broadcast_record(row) for row in (await self._session.execute(statement)).all()]

    async def add_figures(self, broadcast_id: int, figures: Iterable[FigureRecord]) -> None:
        values = [
            {"broadcast_id": broadcast_id, **dataclasses.asdict(figure)} for figure in figures
        ]
        if values:
            await self._session.execute(insert(BroadcastFigure), values)

    async def figures(self, broadcast_ids: Collection[int]) -> dict[int, list[FigureRecord]]:
        found: dict[int, list[FigureRecord]] = {}
        if not broadcast_ids:
            return found
        rows = await self._session.execute(
            select(BroadcastFigure)
            .where(BroadcastFigure.broadcast_id.in_(broadcast_ids))
            .order_by(BroadcastFigure.broadcast_id, BroadcastFigure.indicator_key)
        )
        for row in rows.scalars():
            found.setdefault(row.broadcast_id, []).append(
                FigureRecord(row.indicator_key, row.period_key, row.value, row.target)
            )
        return found

    async def confirmed_with_figures(self) -> list[BroadcastRecord]:
        """Broadcasts (not corrections) that started going out carrying figures, newest first."""
        carried = exists().where(BroadcastFigure.broadcast_id == Broadcast.id)
        statement = (
            select(*_columns())
            .where(
                Broadcast.started_at.is_not(None),  # cancelled midway, it still reached some
                Broadcast.corrects_id.is_(None),
                carried,
            )
            .order_by(Broadcast.id.desc())
        )
        return [_broadcast_record(row) for row in (await self._session.execute(statement)).all()]

    async def corrections_of(self, broadcast_ids: Collection[int]) -> dict[int, list[int]]:
        """Confirmed corrections of each broadcast, oldest first."""
        found: dict[int, list[int]] = {}
        if not broadcast_ids:
            return found
        rows = await self._session.execute(
            select(Broadcast.corrects_id, Broadcast.id)
            .where(
                Broadcast.corrects_id.in_(broadcast_ids),
                Broadcast.status.in_(CONFIRMED_STATUSES),
            )
            .order_by(Broadcast.id)
        )
        for original, correction in rows.all():
            if original is not None:
                found.setdefault(original, []).append(correction)
        return found
