"""The /feedback conversation's draft, one per resident, kept between messages."""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence

from sqlalchemy import delete, select
from sqlalchemy.ext.asyncio import AsyncSession

from bot.domain.records import (
    DraftRecord,
)
from storage.models import FeedbackDraft
from storage.repositories.common import dialect_insert, one_of
from storage.repositories.common import row_record as _record


class DraftRepository:
    def __init__(self, session: AsyncSession) -> None:
        self._session = session

    async def get(self, resident_id: int) -> DraftRecord | None:
        return (await self.get_many([resident_id])).get(resident_id)

    async def get_many(self, resident_ids: Sequence[int]) -> dict[int, DraftRecord]:
        """The drafts of these residents, by resident (none: absent). A Core select, no ORM
        instance: asked on every private text (is a conversation waiting for it?), for all
        the residents writing at that moment, and nothing above storage changes the row
        through the session."""
        statement = select(*FeedbackDraft.__table__.columns).where(
            one_of(self._session, FeedbackDraft.resident_id, resident_ids)
        )
        rows = await self._session.execute(statement)
        return {row.resident_id: _record(DraftRecord, row) for row in rows}

    async def save(self, draft: DraftRecord) -> None:
        values = dataclasses.asdict(draft)
        upsert = dialect_insert(self._session)
        changed = {name: value for name, value in values.items() if name != "resident_id"}
        statement = (
            upsert(FeedbackDraft)
            .values(**values)
            .on_conflict_do_update(index_elements=[FeedbackDraft.resident_id], set_=changed)
        )
        await self._session.execute(statement)

    async def delete(self, resident_id: int) -> bool:
        result = await self._session.execute(
            delete(FeedbackDraft).where(FeedbackDraft.resident_id == resident_id)
        )
        return bool(getattr(result, "rowcount", 0))
