"""Residents: first and last contact, and the language they chose."""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Sequence

from sqlalchemy import case, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from bot.domain.records import ContactSeen, ResidentRecord
from storage.models import Resident
from storage.repositories.common import dialect_insert, one_of, row_record

# A resident's record, read straight from the row's columns of the same names.
RECORD_COLUMNS = tuple(
    getattr(Resident, field.name) for field in dataclasses.fields(ResidentRecord)
)


class ResidentRepository:
    def __init__(self, session: AsyncSession) -> None:
        self._session = session

    async def get(self, resident_id: int) -> ResidentRecord | None:
        row = await self._session.get(Resident, resident_id)
        return None if row is None else row_record(ResidentRecord, row)

    async def touch(
        self, resident_id: int, telegram_language: str | None, now: dt.datetime
    ) -> ResidentRecord:
        """Create the resident on first contact, else refresh last_seen; safe under races."""
        values = {
            "id": resident_id,
            "telegram_language": telegram_language,
            "first_seen": now,
            "last_seen": now,
        }
        refreshed = {"last_seen": now, "telegram_language": telegram_language}
        statement = (
            dialect_insert(self._session)(Resident)
            .values(**values)
            .on_conflict_do_update(index_elements=[Resident.id], set_=refreshed)
            .returning(*RECORD_COLUMNS)
        )
        # Columns, not the ORM instance: nothing above storage changes it through the session.
        return row_record(ResidentRecord, (await self._session.execute(statement)).one())

    async def chosen_languages(self, resident_ids: Sequence[int]) -> dict[int, str | None]:
        """The languages residents chose with /language (None: none; no row: absent), in one
        Core select of two columns, no ORM instance."""
        statement = select(Resident.id, Resident.language).where(
            one_of(self._session, Resident.id, resident_ids)
        )
        return {row.id: row.language for row in await self._session.execute(statement)}

    async def touch_many(self, contacts: Sequence[ContactSeen]) -> None:
        """The write-behind's batch of contacts: create the new residents, refresh the others'
        last_seen (never backwards: a synchronous touch may have written a later one)."""
        if not contacts:
            return
        insert = dialect_insert(self._session)(Resident)
        later = case(
            (insert.excluded.last_seen > Resident.last_seen, insert.excluded.last_seen),
            else_=Resident.last_seen,
        )
        statement = insert.on_conflict_do_update(
            index_elements=[Resident.id],
            set_={"last_seen": later, "telegram_language": insert.excluded.telegram_language},
        )
        rows = [
            {
                "id": contact.resident_id,
                "telegram_language": contact.telegram_language,
                "first_seen": contact.seen_at,
                "last_seen": contact.seen_at,
            }
            for contact in contacts
        ]
        await self._session.execute(statement, rows)

    async def set_language(self, resident_id: int, language: str) -> None:
        await self._session.execute(
            update(Resident).where(Resident.id == resident_id).values(language=language)
        )
