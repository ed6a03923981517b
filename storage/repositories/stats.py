"""Aggregations for the officials' statistics: tickets and the question log, counted in SQL.

Everything here runs alike on SQLite and PostgreSQL: time buckets are bounded by instants the
caller computes (so time zones stay out of SQL), and the only dialect-specific expression is the
number of seconds between two timestamps.
"""

from __future__ import annotations

import datetime as dt
import itertools
from collections.abc import Sequence
from typing import Any

from sqlalchemy import Select, case, func, literal, select, union_all
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.sql.elements import ColumnElement

from bot.domain.records import PeriodCount, TicketTotals, UnansweredQuestion
from storage.models import QuestionLog, Ticket

MAX_BUCKETS = 520  # ten years of weeks; each bucket is one bound parameter


def _utc(value: Any) -> dt.datetime:
    """An aggregate's timestamp as aware UTC (SQLite hands some back naive or as text)."""
    if isinstance(value, str):
        value = dt.datetime.fromisoformat(value)
    if not isinstance(value, dt.datetime):
        raise TypeError(f"not a timestamp: {value!r}")
    return value.replace(tzinfo=dt.UTC) if value.tzinfo is None else value.astimezone(dt.UTC)


class StatsRepository:
    def __init__(self, session: AsyncSession) -> None:
        self._session = session

    async def ticket_totals(self) -> TicketTotals:
        """One statement, two passes: the statuses off their index, and the rest in one scan by
        topic (each statement is a round trip to the database's thread or server)."""
        nothing = literal(0)
        by_status = select(
            literal("status").label("kind"),
            Ticket.status.label("key"),
            func.count(Ticket.id).label("count"),
            nothing,
            nothing,
            nothing,
        ).group_by(Ticket.status)
        by_topic = select(
            literal("topic"),
            Ticket.topic,
            func.count(Ticket.id),
            func.count(Ticket.first_answered_at),
            func.count(Ticket.rating),
            func.coalesce(func.sum(Ticket.rating), 0),
        ).group_by(Ticket.topic)
        statuses: dict[str, int] = {}
        topics: dict[str, int] = {}
        answered = rated = rating_sum = 0
        rows: Sequence[Any] = (await self._session.execute(union_all(by_status, by_topic))).all()
        for kind, key, count, answers, ratings, ratings_sum in rows:
            if kind == "status":
                statuses[key] = int(count)
                continue
            topics[key] = int(count)
            answered += int(answers)
            rated += int(ratings)
            rating_sum += int(ratings_sum)
        return TicketTotals(
            by_status=statuses,
            by_topic=topics,
            total=sum(topics.values()),
            answered=answered,
            rated=rated,
            average_rating=rating_sum / rated if rated else None,
        )

    async def median_first_answer(self, answered_count: int | None = None) -> dt.timedelta | None:
        """The median time from filing to first answer, to the millisecond; None if none.
        `answered_count`, the number of answered tickets, when the caller has just counted them.

        Computed in the database (ORDER BY ... OFFSET the middle), so no rows are carried over.
        """
        answered = Ticket.first_answered_at.is_not(None)
        count = answered_count
        if count is None:
            count_statement = select(func.count(Ticket.id)).where(answered)
            count = int((await self._session.execute(count_statement)).scalar_one())
        if count == 0:
            return None
        delay = self._seconds_between(Ticket.created_at, Ticket.first_answered_at)
        statement = (
            select(delay)
            .where(answered)
            .order_by(delay)
            .offset((count - 1) // 2)
            .limit(1 if count % 2 else 2)
        )
        middle = [float(value) for value in (await self._session.execute(statement)).scalars()]
        if not middle:  # answered tickets erased since they were counted
            return None
        return dt.timedelta(seconds=round(sum(middle) / len(middle), 3))

    async def tickets_per_period(self, boundaries: Sequence[dt.datetime]) -> list[PeriodCount]:
        """Tickets filed and first answered in each period between consecutive boundaries."""
        if len(boundaries) < 2 or len(boundaries) > MAX_BUCKETS + 1:
            raise ValueError(f"between 2 and {MAX_BUCKETS + 1} boundaries, ascending")
        if any(later <= earlier for earlier, later in itertools.pairwise(boundaries)):
            raise ValueError("boundaries must ascend")
        counts: dict[tuple[str, int], int] = {}
        statement = union_all(
            self._bucket_counts("filed", Ticket.created_at, boundaries),
            self._bucket_counts("answered", Ticket.first_answered_at, boundaries),
        )
        for kind, index, count in await self._session.execute(statement):
            if index is not None:
                counts[kind, int(index)] = int(count)
        return [
            PeriodCount(
                start=boundaries[index],
                end=boundaries[index + 1],
                filed=counts.get(("filed", index), 0),
                answered=counts.get(("answered", index), 0),
            )
            for index in range(len(boundaries) - 1)
        ]

    async def unanswered_wordings(self, since: dt.datetime, limit: int) -> list[UnansweredQuestion]:
        """Unanswered questions asked since `since`, grouped by exact text, most asked first.

        Texts refused before any search (longer than a question, or without a word) and
        messages of another kind (small talk, a personal case, a topic outside the programme:
        outcome "kind:...") are not questions nothing answers, and are left out.
        """
        times = func.count(QuestionLog.id)
        last = func.max(QuestionLog.asked_at)
        statement = (
            select(QuestionLog.text, times, last)
            .where(
                QuestionLog.answered.is_(False),
                QuestionLog.asked_at >= since,
                QuestionLog.outcome.not_like("refused:%"),  # too long, or no words at all
                QuestionLog.outcome.not_like("kind:%"),  # not a question for the search
            )
            .group_by(QuestionLog.text)
            .order_by(times.desc(), last.desc(), QuestionLog.text)
            .limit(limit)
        )
        rows = (await self._session.execute(statement)).all()
        return [
            UnansweredQuestion(text=text, times_asked=int(count), last_asked=_utc(latest))
            for text, count, latest in rows
        ]

    def _bucket_counts(
        self, kind: str, column: Any, boundaries: Sequence[dt.datetime]
    ) -> Select[Any]:
        """(kind, bucket, count) rows: how many `column` values fall in each period."""
        bucket = case(
            *[(column < end, index) for index, end in enumerate(boundaries[1:])],
            else_=None,
        ).label("bucket")
        inner = select(bucket).where(column >= boundaries[0], column < boundaries[-1]).subquery()
        # Grouping on the subquery's column: PostgreSQL will not match a CASE with bound
        # parameters in SELECT to the same CASE in GROUP BY.
        return select(literal(kind), inner.c.bucket, func.count()).group_by(inner.c.bucket)

    def _seconds_between(self, start: Any, end: Any) -> ColumnElement[Any]:
        if self._session.get_bind().dialect.name == "postgresql":
            return func.extract("epoch", end - start)
        # SQLite keeps timestamps as text; julianday() reads them (to the millisecond).
        return (func.julianday(end) - func.julianday(start)) * 86400.0
