"""Repositories: the only place that writes SQL. They never commit; the unit of work does."""

from __future__ import annotations

import dataclasses
import datetime as dt
from typing import Any, TypeVar

from sqlalchemy import func, insert, select, update
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.ext.asyncio import AsyncSession

from storage.models import QuestionLog, Resident
from storage.records import NewQuestion, QuestionRecord, ResidentRecord, UnansweredQuestion

Record = TypeVar("Record")


def row_record(record_type: type[Record], row: object) -> Record:
    """The plain record of a row: the record's fields, read off the row of the same names."""
    names = [field.name for field in dataclasses.fields(record_type)]  # type: ignore[arg-type]
    return record_type(**{name: getattr(row, name) for name in names})


def dialect_insert(session: AsyncSession) -> Any:
    """INSERT with ON CONFLICT for the session's database (SQLite and PostgreSQL spell it alike)."""
    dialect = session.get_bind().dialect.name
    return postgresql.insert if dialect == "postgresql" else sqlite.insert


def _resident_record(row: Resident) -> ResidentRecord:
    return ResidentRecord(
        id=row.id,
        language=row.language,
        telegram_language=row.telegram_language,
        first_seen=row.first_seen,
        last_seen=row.last_seen,
    )


class ResidentRepository:
    def __init__(self, session: AsyncSession) -> None:
        self._session = session

    async def get(self, resident_id: int) -> ResidentRecord | None:
        row = await self._session.get(Resident, resident_id)
        return None if row is None else _resident_record(row)

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
            .returning(Resident)
        )
        row = (await self._session.execute(statement)).scalar_one()
        return _resident_record(row)

    async def set_language(self, resident_id: int, language: str) -> None:
        await self._session.execute(
            update(Resident).where(Resident.id == resident_id).values(language=language)
        )


class QuestionRepository:
    def __init__(self, session: AsyncSession) -> None:
        self._session = session

    async def add(self, question: NewQuestion) -> int:
        row = QuestionLog(**_question_values(question))
        self._session.add(row)
        await self._session.flush()
        return row.id

    async def add_many(self, questions: list[NewQuestion]) -> None:
        if questions:
            await self._session.execute(
                insert(QuestionLog), [_question_values(question) for question in questions]
            )

    async def get(self, question_id: int) -> QuestionRecord | None:
        row = await self._session.get(QuestionLog, question_id)
        if row is None:
            return None
        return QuestionRecord(id=row.id, **_question_values(row))

    async def unanswered(self, limit: int) -> list[UnansweredQuestion]:
        """The questions the knowledge base could not answer, most asked first: not the texts
        refused before any search, nor messages of another kind (small talk, a personal case,
        a topic outside the programme)."""
        times = func.count(QuestionLog.id)
        last = func.max(QuestionLog.asked_at)
        statement = (
            select(QuestionLog.text, times, last)
            .where(
                QuestionLog.answered.is_(False),
                QuestionLog.outcome.not_like("refused:%"),
                QuestionLog.outcome.not_like("kind:%"),
            )
            .group_by(QuestionLog.text)
            .order_by(times.desc(), last.desc())
            .limit(limit)
        )
        rows = (await self._session.execute(statement)).all()
        return [
            UnansweredQuestion(text=text, times_asked=count, last_asked=latest)
            for text, count, latest in rows
        ]

    async def count(self) -> int:
        return int((await self._session.execute(select(func.count(QuestionLog.id)))).scalar_one())

    async def latest(self, limit: int) -> list[QuestionRecord]:
        """The last questions logged, newest first (how each message was taken)."""
        statement = select(QuestionLog).order_by(QuestionLog.id.desc()).limit(limit)
        rows = (await self._session.execute(statement)).scalars()
        return [QuestionRecord(id=row.id, **_question_values(row)) for row in rows]


def _question_values(question: NewQuestion | QuestionLog) -> dict[str, Any]:
    return {
        "resident_id": question.resident_id,
        "text": question.text,
        "language": question.language,
        "channel": question.channel,
        "outcome": question.outcome,
        "matched_kind": question.matched_kind,
        "matched_key": question.matched_key,
        "score": question.score,
        "answered": question.answered,
        "asked_at": question.asked_at,
    }
