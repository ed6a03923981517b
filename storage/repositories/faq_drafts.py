"""FAQ drafts: new FAQ entries officials write from residents' unanswered questions.

Terms (aliases, keywords) are stored one per line; records carry them as tuples.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Collection
from typing import Any

from sqlalchemy import delete, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from bot.domain.faq_drafts import FaqDraftContent, FaqDraftRecord, NewFaqDraft
from bot.domain.statuses import DraftStatus
from storage.models import FaqDraft
from storage.repositories.common import dialect_insert

_TERM_COLUMNS = ("aliases_vi", "aliases_en", "keywords_vi", "keywords_en")


def _content_values(content: FaqDraftContent) -> dict[str, Any]:
    values = dataclasses.asdict(content)
    for name in _TERM_COLUMNS:
        values[name] = "\n".join(values[name])
    return values


def _record(row: FaqDraft) -> FaqDraftRecord:
    fields: dict[str, Any] = {}
    for field in dataclasses.fields(FaqDraftContent):
        value = getattr(row, field.name)
        if field.name in _TERM_COLUMNS:
            value = tuple(line for line in (value or "").split("\n") if line)
        fields[field.name] = value
    return FaqDraftRecord(
        id=row.id,
        question_key=row.question_key,
        from_question=row.from_question,
        content=FaqDraftContent(**fields),
        status=DraftStatus(row.status),
        created_by=row.created_by,
        created_by_name=row.created_by_name,
        created_at=row.created_at,
        updated_at=row.updated_at,
    )


class FaqDraftRepository:
    def __init__(self, session: AsyncSession) -> None:
        self._session = session

    async def add(self, draft: NewFaqDraft) -> FaqDraftRecord | None:
        """Insert the draft; None (and no change) when one for the same question exists."""
        values = {
            "question_key": draft.question_key,
            "from_question": draft.from_question,
            **_content_values(draft.content),
            "status": draft.status,
            "created_by": draft.created_by,
            "created_by_name": draft.created_by_name,
            "created_at": draft.created_at,
            "updated_at": draft.created_at,
        }
        statement = (
            dialect_insert(self._session)(FaqDraft)
            .values(**values)
            .on_conflict_do_nothing(index_elements=[FaqDraft.question_key])
            .returning(FaqDraft.id)
        )
        draft_id = (await self._session.execute(statement)).scalar_one_or_none()
        return None if draft_id is None else await self.get(draft_id)

    async def get(self, draft_id: int, *, for_update: bool = False) -> FaqDraftRecord | None:
        statement = (
            select(FaqDraft)
            .where(FaqDraft.id == draft_id)
            .execution_options(populate_existing=True)
        )
        if for_update:
            statement = statement.with_for_update()
        row = (await self._session.execute(statement)).scalar_one_or_none()
        return None if row is None else _record(row)

    async def by_question_key(self, question_key: str) -> FaqDraftRecord | None:
        statement = select(FaqDraft).where(FaqDraft.question_key == question_key)
        row = (await self._session.execute(statement)).scalar_one_or_none()
        return None if row is None else _record(row)

    async def ids_by_question_key(self, question_keys: Collection[str]) -> dict[str, int]:
        if not question_keys:
            return {}
        statement = select(FaqDraft.question_key, FaqDraft.id).where(
            FaqDraft.question_key.in_(list(question_keys))
        )
        return {key: draft_id for key, draft_id in (await self._session.execute(statement)).all()}

    async def all(self, limit: int) -> list[FaqDraftRecord]:
        """The drafts, most recently changed first."""
        statement = (
            select(FaqDraft).order_by(FaqDraft.updated_at.desc(), FaqDraft.id.desc()).limit(limit)
        )
        return [_record(row) for row in (await self._session.execute(statement)).scalars()]

    async def faq_keys(self) -> dict[int, str]:
        """Every draft's FAQ key, by draft id (two drafts must not publish the same key)."""
        statement = select(FaqDraft.id, FaqDraft.faq_key).where(FaqDraft.faq_key.is_not(None))
        rows = (await self._session.execute(statement)).all()
        return {draft_id: key for draft_id, key in rows if key is not None}

    async def save(
        self, draft_id: int, content: FaqDraftContent, status: str, updated_at: dt.datetime
    ) -> FaqDraftRecord:
        await self._session.execute(
            update(FaqDraft)
            .where(FaqDraft.id == draft_id)
            .values(**_content_values(content), status=status, updated_at=updated_at)
        )
        saved = await self.get(draft_id)
        if saved is None:
            raise LookupError(f"FAQ draft {draft_id} vanished")
        return saved

    async def remove(self, draft_id: int) -> bool:
        result = await self._session.execute(delete(FaqDraft).where(FaqDraft.id == draft_id))
        return bool(getattr(result, "rowcount", 0))
