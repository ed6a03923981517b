"""The question log: what residents asked and how it was answered."""

from __future__ import annotations

from typing import Any

from sqlalchemy import func, insert, select
from sqlalchemy.ext.asyncio import AsyncSession

from bot.domain.records import NewQuestion, QuestionRecord, UnansweredQuestion
from storage.models import QuestionLog


class QuestionRepository:
    def __init__(self, session: AsyncSession) -> None:
        self._session = session

    async def add(self, question: NewQuestion) -> int:
        """One row, its id: a Core INSERT ... RETURNING (no ORM instance to flush), as the
        residents' unanswered questions are written before their reply."""
        statement = (
            insert(QuestionLog).values(**_question_values(question)).returning(QuestionLog.id)
        )
        return int((await self._session.execute(statement)).scalar_one())

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
