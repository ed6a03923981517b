"""Residents banned from filing feedback."""

from __future__ import annotations

import dataclasses

from sqlalchemy import delete
from sqlalchemy.ext.asyncio import AsyncSession

from bot.domain.records import (
    BanRecord,
)
from storage.models import Ban
from storage.repositories.common import row_record as _record


class BanRepository:
    def __init__(self, session: AsyncSession) -> None:
        self._session = session

    async def get(self, resident_id: int) -> BanRecord | None:
        row = await self._session.get(Ban, resident_id)
        if row is None:
            return None
        return _record(BanRecord, row)

    async def add(self, ban: BanRecord) -> None:
        self._session.add(Ban(**dataclasses.asdict(ban)))
        await self._session.flush()

    async def remove(self, resident_id: int) -> bool:
        result = await self._session.execute(delete(Ban).where(Ban.resident_id == resident_id))
        return bool(getattr(result, "rowcount", 0))
