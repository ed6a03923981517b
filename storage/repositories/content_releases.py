"""Content releases. A stored document is never updated: only a release's state moves."""

from __future__ import annotations

import dataclasses

from sqlalchemy import select, update
from sqlalchemy.ext.asyncio import AsyncSession

from bot.domain.content_releases import ContentReleaseRecord, NewRelease, ReleaseSummary
from bot.domain.statuses import ReleaseState
from storage.models import ContentRelease
from storage.repositories.common import dialect_insert, row_record

_SUMMARY_COLUMNS = tuple(
    getattr(ContentRelease, field.name) for field in dataclasses.fields(ReleaseSummary)
)


class ContentReleaseRepository:
    def __init__(self, session: AsyncSession) -> None:
        self._session = session

    async def add(self, release: NewRelease) -> int | None:
        """Insert a release; None (and nothing inserted) when it would be a second live one."""
        statement = (
            dialect_insert(self._session)(ContentRelease)
            .values(**dataclasses.asdict(release))
            .on_conflict_do_nothing()
            .returning(ContentRelease.id)
        )
        inserted = (await self._session.execute(statement)).scalar_one_or_none()
        return None if inserted is None else int(inserted)

    async def live_id(self) -> int | None:
        """The live release's id: the cheap look every instance takes every few seconds."""
        statement = select(ContentRelease.id).where(ContentRelease.state == ReleaseState.LIVE)
        found = (await self._session.execute(statement)).scalar_one_or_none()
        return None if found is None else int(found)

    async def live(self) -> ReleaseSummary | None:
        statement = select(*_SUMMARY_COLUMNS).where(ContentRelease.state == ReleaseState.LIVE)
        row = (await self._session.execute(statement)).one_or_none()
        return None if row is None else row_record(ReleaseSummary, row)

    async def summary(self, release_id: int) -> ReleaseSummary | None:
        statement = select(*_SUMMARY_COLUMNS).where(ContentRelease.id == release_id)
        row = (await self._session.execute(statement)).one_or_none()
        return None if row is None else row_record(ReleaseSummary, row)

    async def get(self, release_id: int) -> ContentReleaseRecord | None:
        statement = select(*_SUMMARY_COLUMNS, ContentRelease.document).where(
            ContentRelease.id == release_id
        )
        row = (await self._session.execute(statement)).one_or_none()
        if row is None:
            return None
        return ContentReleaseRecord(row_record(ReleaseSummary, row), row.document)

    async def recent(self, limit: int) -> list[ReleaseSummary]:
        """The releases, newest first (without their content)."""
        statement = select(*_SUMMARY_COLUMNS).order_by(ContentRelease.id.desc()).limit(limit)
        rows = (await self._session.execute(statement)).all()
        return [row_record(ReleaseSummary, row) for row in rows]

    async def any_stored(self) -> bool:
        statement = select(ContentRelease.id).limit(1)
        return (await self._session.execute(statement)).first() is not None

    async def move(self, release_id: int, from_state: ReleaseState, to_state: ReleaseState) -> bool:
        """Move one release's state if it is still `from_state`; False if it was not.

        On PostgreSQL a concurrent mover waits for this transaction, then finds the state
        changed and moves nothing: two publishes at once cannot both retire the same release."""
        result = await self._session.execute(
            update(ContentRelease)
            .where(ContentRelease.id == release_id, ContentRelease.state == from_state)
            .values(state=to_state)
        )
        return bool(getattr(result, "rowcount", 0))
