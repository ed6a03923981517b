"""Content releases. A published document is never updated: only a release's state moves. A
draft's document is replaced at each save, one version more, only while it is a draft."""

from __future__ import annotations

import dataclasses
import datetime as dt

from sqlalchemy import delete, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from bot.domain.content_drafts import DraftEditor, DraftRecord, RejectedProposal
from bot.domain.content_releases import ContentReleaseRecord, NewRelease, ReleaseSummary
from bot.domain.statuses import ReleaseState
from storage.models import ContentDraftEditor, ContentRejectedProposal, ContentRelease
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

    async def recent(
        self, limit: int, states: tuple[ReleaseState, ...] | None = None
    ) -> list[ReleaseSummary]:
        """The releases (of `states`, else all), newest first (without their content)."""
        statement = select(*_SUMMARY_COLUMNS).order_by(ContentRelease.id.desc()).limit(limit)
        if states is not None:
            statement = statement.where(ContentRelease.state.in_(states))
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

    async def draft(self, release_id: int) -> DraftRecord | None:
        """A release with its version and editors (any state: the caller checks it)."""
        statement = select(*_SUMMARY_COLUMNS, ContentRelease.document, ContentRelease.version)
        row = (
            await self._session.execute(statement.where(ContentRelease.id == release_id))
        ).one_or_none()
        if row is None:
            return None
        editors = await self._session.execute(
            select(
                ContentDraftEditor.identity, ContentDraftEditor.name, ContentDraftEditor.first_at
            )
            .where(ContentDraftEditor.release_id == release_id)
            .order_by(ContentDraftEditor.first_at, ContentDraftEditor.identity)
        )
        return DraftRecord(
            row_record(ReleaseSummary, row),
            row.document,
            int(row.version),
            tuple(DraftEditor(item.identity, item.name, item.first_at) for item in editors),
        )

    async def save_draft(
        self, release_id: int, expected_version: int, document: str, checksum: str
    ) -> bool:
        """Replace a draft's document if it is still a draft at `expected_version`; False (and
        nothing written) if not. On PostgreSQL a second saver waits for the first's transaction,
        then finds the version moved on."""
        result = await self._session.execute(
            update(ContentRelease)
            .where(
                ContentRelease.id == release_id,
                ContentRelease.state == ReleaseState.DRAFT,
                ContentRelease.version == expected_version,
            )
            .values(document=document, checksum=checksum, version=ContentRelease.version + 1)
        )
        return bool(getattr(result, "rowcount", 0))

    async def add_editor(self, release_id: int, editor: DraftEditor) -> None:
        """Record who saved a draft (once per person: their first save's time is kept)."""
        await self._session.execute(
            dialect_insert(self._session)(ContentDraftEditor)
            .values(
                release_id=release_id,
                identity=editor.identity,
                name=editor.name,
                first_at=editor.at,
            )
            .on_conflict_do_nothing()
        )

    async def publish_draft(
        self,
        release_id: int,
        expected_version: int,
        *,
        at: dt.datetime,
        by: str,
        replaces_id: int | None,
    ) -> bool:
        """Make a draft at `expected_version` the live release; False if it is not (anymore).
        The live one must have been retired first: one live release at any moment."""
        result = await self._session.execute(
            update(ContentRelease)
            .where(
                ContentRelease.id == release_id,
                ContentRelease.state == ReleaseState.DRAFT,
                ContentRelease.version == expected_version,
            )
            .values(
                state=ReleaseState.LIVE,
                published_at=at,
                published_by=by,
                replaces_id=replaces_id,
            )
        )
        return bool(getattr(result, "rowcount", 0))

    async def reject_proposal(self, release_id: int, rejected: RejectedProposal) -> bool:
        """Remember a rejected proposal of a draft; False if it was already (by anyone)."""
        result = await self._session.execute(
            dialect_insert(self._session)(ContentRejectedProposal)
            .values(
                release_id=release_id,
                report_key=rejected.report_key,
                fingerprint=rejected.fingerprint,
                figure=rejected.figure,
                identity=rejected.by.identity,
                name=rejected.by.name,
                rejected_at=rejected.by.at,
            )
            .on_conflict_do_nothing()
        )
        return bool(getattr(result, "rowcount", 0))

    async def restore_proposal(self, release_id: int, report_key: str, fingerprint: str) -> bool:
        """Offer a rejected proposal again; False if it was not rejected."""
        result = await self._session.execute(
            delete(ContentRejectedProposal).where(
                ContentRejectedProposal.release_id == release_id,
                ContentRejectedProposal.report_key == report_key,
                ContentRejectedProposal.fingerprint == fingerprint,
            )
        )
        return bool(getattr(result, "rowcount", 0))

    async def rejected_proposals(self, release_id: int, report_key: str) -> list[RejectedProposal]:
        """The proposals of a draft's report that were rejected, oldest first."""
        rows = await self._session.execute(
            select(ContentRejectedProposal)
            .where(
                ContentRejectedProposal.release_id == release_id,
                ContentRejectedProposal.report_key == report_key,
            )
            .order_by(ContentRejectedProposal.rejected_at, ContentRejectedProposal.fingerprint)
        )
        return [
            RejectedProposal(
                row.report_key,
                row.fingerprint,
                row.figure,
                DraftEditor(row.identity, row.name, row.rejected_at),
            )
            for row in rows.scalars()
        ]
