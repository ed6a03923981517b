"""Aggregations for the officials' statistics: tickets and the question log, counted in SQL.

Everything here runs alike on SQLite and PostgreSQL: time buckets are bounded by instants the
caller computes (so time zones stay out of SQL), and the delay to a first answer is stored with
it (`tickets.first_answer_ms`), not computed here. Every aggregate reads an index of `tickets`
(see the model), none the table's rows.
"""

from __future__ import annotations

import datetime as dt
import functools
import itertools
from collections.abc import Sequence
from typing import Any

from sqlalchemy import BindParameter, Select, bindparam, func, literal, select, union_all
from sqlalchemy.ext.asyncio import AsyncSession

from bot.domain.records import PeriodCount, TicketTotals, UnansweredQuestion
from storage.models import QuestionLog, Ticket
from storage.models.columns import UtcDateTime

# Ten years of weeks. Each bucket is two columns of one row: SQLite allows 2,000, PostgreSQL 1,664.
MAX_BUCKETS = 520


def _utc(value: Any) -> dt.datetime:
    """An aggregate's timestamp as aware UTC (SQLite hands some back naive or as text)."""
    if isinstance(value, str):
        value = dt.datetime.fromisoformat(value)
    if not isinstance(value, dt.datetime):
        raise TypeError(f"not a timestamp: {value!r}")
    return value.replace(tzinfo=dt.UTC) if value.tzinfo is None else value.astimezone(dt.UTC)


@functools.cache
def _period_counts(periods: int) -> Select[Any]:
    """One row: for each period between boundaries `b0`, `b1`, ... (bound parameters), the
    tickets filed and first answered in it, each an index range count. Built once per number
    of periods."""
    bounds = [bindparam(f"b{index}", type_=UtcDateTime) for index in range(periods + 1)]

    def between(column: Any, start: BindParameter[Any], end: BindParameter[Any]) -> Any:
        counted = select(func.count()).select_from(Ticket).where(column >= start, column < end)
        return counted.scalar_subquery()

    return select(
        *[
            between(column, start, end)
            for start, end in itertools.pairwise(bounds)
            for column in (Ticket.created_at, Ticket.first_answered_at)
        ]
    )


class StatsRepository:
    def __init__(self, session: AsyncSession) -> None:
        self._session = session

    async def ticket_totals(self) -> TicketTotals:
        """One statement, two index scans: the statuses off `ix_tickets_status_created`, the
        rest by topic off `ix_tickets_topic_totals` (each statement is a round trip to the
        database's thread or server). Answered: a first answer is recorded with its delay."""
        nothing = literal(0)
        by_status = select(
            literal("status").label("kind"),
            Ticket.status.label("key"),
            func.count().label("count"),
            nothing,
            nothing,
            nothing,
        ).group_by(Ticket.status)
        by_topic = select(
            literal("topic"),
            Ticket.topic,
            func.count(),
            func.count(Ticket.first_answer_ms),
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
        """The median time from filing to first answer, to the millisecond (half of one for an
        even count); None if none. `answered_count`, the number of answered tickets, when the
        caller has just counted them.

        The delays are stored with each first answer (`first_answer_ms`) and indexed: the
        middle one or two are read at an OFFSET in that index, no sort and no rows carried.
        """
        delay = Ticket.first_answer_ms
        count = answered_count
        if count is None:
            count_statement = select(func.count(delay)).where(delay.is_not(None))
            count = int((await self._session.execute(count_statement)).scalar_one())
        if count == 0:
            return None
        statement = (
            select(delay)
            .where(delay.is_not(None))
            .order_by(delay)
            .offset((count - 1) // 2)
            .limit(1 if count % 2 else 2)
        )
        rows = (await self._session.execute(statement)).scalars()
        middle = [int(value) for value in rows if value is not None]
        if not middle:  # answered tickets erased since they were counted
            return None
        return dt.timedelta(milliseconds=sum(middle) / len(middle))

    async def tickets_per_period(self, boundaries: Sequence[dt.datetime]) -> list[PeriodCount]:
        """Tickets filed and first answered in each period between consecutive boundaries.

        One row of two counts per period, each an index range count (`ix_tickets_created`,
        `ix_tickets_first_answered`): cheaper than sorting every ticket of the periods into
        buckets with a CASE of one comparison per period.
        """
        if len(boundaries) < 2 or len(boundaries) > MAX_BUCKETS + 1:
            raise ValueError(f"between 2 and {MAX_BUCKETS + 1} boundaries, ascending")
        if any(later <= earlier for earlier, later in itertools.pairwise(boundaries)):
            raise ValueError("boundaries must ascend")
        periods = list(itertools.pairwise(boundaries))
        values = {f"b{index}": boundary for index, boundary in enumerate(boundaries)}
        row = (await self._session.execute(_period_counts(len(periods)), values)).one()
        return [
            PeriodCount(
                start=start,
                end=end,
                filed=int(row[2 * index]),
                answered=int(row[2 * index + 1]),
            )
            for index, (start, end) in enumerate(periods)
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
