"""Statistics for the officials' dashboard: what residents filed and asked, and how it went.

Data only: the front end words and translates every label (a status, "other", a week).

Where the counting happens: totals, the median and the weekly buckets are aggregated in SQL
(storage.repositories.stats; the week boundaries are computed here, in Hanoi time, and passed
down as UTC instants, so SQL never deals with time zones). Unanswered questions are grouped by
exact text in SQL, then the most asked `UNANSWERED_SCANNED` wordings are grouped by meaning
(bot.services.kernel.question_groups: folded, then fuzzy-clustered) so that "hoc phi" and
"Học phí?", or "mức học phí là bao nhiêu" and "hoc phi bao nhieu", count as one question.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from bot.domain.faq_drafts import question_key
from bot.domain.records import OTHER_TOPIC, PeriodCount
from bot.domain.statuses import TicketStatus
from bot.services.kernel.actor import Actor
from bot.services.kernel.clock import LOCAL_TIME, Clock, utc_now
from bot.services.kernel.live_knowledge import LiveKnowledge
from bot.services.kernel.officials import Officials, Permission
from bot.services.kernel.question_groups import group_questions
from content.schema import Area
from storage.uow import UnitOfWorkFactory

DEFAULT_WEEKS = 12
MAX_WEEKS = 104
UNANSWERED_SHOWN = 10
UNANSWERED_SCANNED = 5000  # distinct wordings grouped per overview (the most asked ones)
WEEK = dt.timedelta(days=7)


@dataclass(frozen=True, slots=True)
class StatusCount:
    status: TicketStatus
    count: int


@dataclass(frozen=True, slots=True)
class TopicCount:
    key: str  # an area key, or "other"
    area: Area | None  # None for "other", or for a topic that has left the content since
    count: int


@dataclass(frozen=True, slots=True)
class WeekCount:
    """One ISO week (Monday to Sunday, Hanoi time)."""

    start: dt.date  # the Monday
    iso_year: int
    iso_week: int
    filed: int  # tickets filed that week
    answered: int  # tickets whose first answer was given that week (whenever they were filed)


@dataclass(frozen=True, slots=True)
class UnansweredGroup:
    """One question residents asked and the knowledge base could not answer."""

    text: str  # the most asked wording (the latest of equally asked ones)
    folded: str  # that wording without case, diacritics or punctuation
    times_asked: int  # all wordings together
    wordings: int  # how many different wordings were grouped together
    last_asked: dt.datetime  # UTC
    draft_id: int | None  # the FAQ draft already started from it, if any


@dataclass(frozen=True, slots=True)
class StatsOverview:
    """Tickets since the start, weekly activity and unanswered questions of the last weeks.

    - `answered`: tickets that got at least one answer from officials.
    - `resolved`: tickets whose status is `resolved`, i.e. the resident confirmed the answer
      solved it (every such ticket was answered first).
    - `resolved_share` = resolved / answered, None while nothing is answered. Tickets answered
      but not confirmed (no reply from the resident, reopened, or closed by officials) count
      against it.
    - `median_first_answer`: filing to first answer, over every answered ticket.
    - `average_rating` over the `rated` tickets (1 to 5 stars), None if none is rated.
    - `by_week`: the last `weeks` ISO weeks in Hanoi time, oldest first, the current (partial)
      week last, weeks without tickets included as zero.
    - `unanswered`: unanswered questions asked since the first of those weeks, most asked first.
    """

    generated_at: dt.datetime
    total: int
    by_status: tuple[StatusCount, ...]  # every status, in the order of TicketStatus
    by_topic: tuple[TopicCount, ...]  # every area and "other", most tickets first
    by_week: tuple[WeekCount, ...]
    answered: int
    resolved: int
    resolved_share: float | None
    median_first_answer: dt.timedelta | None
    rated: int
    average_rating: float | None
    unanswered: tuple[UnansweredGroup, ...]


class StatsService:
    def __init__(
        self,
        uow: UnitOfWorkFactory,
        knowledge: LiveKnowledge,
        officials: Officials,
        clock: Clock = utc_now,
    ) -> None:
        self._uow = uow
        self._knowledge = knowledge
        self._officials = officials
        self._clock = clock

    async def overview(self, actor: Actor, weeks: int = DEFAULT_WEEKS) -> StatsOverview:
        """Everything the statistics page shows; `weeks` is clamped to 1..MAX_WEEKS."""
        await self._officials.require(actor, Permission.VIEW_STATS)
        now = self._clock()
        boundaries = week_boundaries(now, min(max(weeks, 1), MAX_WEEKS))
        async with self._uow() as uow:
            totals = await uow.stats.ticket_totals()
            median = await uow.stats.median_first_answer(totals.answered)
            periods = await uow.stats.tickets_per_period(boundaries)
            wordings = await uow.stats.unanswered_wordings(boundaries[0], UNANSWERED_SCANNED)
            groups = group_questions(wordings)[:UNANSWERED_SHOWN]
            drafts = await uow.faq_drafts.ids_by_question_key(
                [question_key(group.text) for group in groups]
            )
        resolved = totals.by_status.get(TicketStatus.RESOLVED, 0)
        return StatsOverview(
            generated_at=now,
            total=totals.total,
            by_status=tuple(
                StatusCount(status, totals.by_status.get(status, 0)) for status in TicketStatus
            ),
            by_topic=self._topics(totals.by_topic),
            by_week=tuple(_week(period) for period in periods),
            answered=totals.answered,
            resolved=resolved,
            resolved_share=resolved / totals.answered if totals.answered else None,
            median_first_answer=median,
            rated=totals.rated,
            average_rating=totals.average_rating,
            unanswered=tuple(
                UnansweredGroup(
                    text=group.text,
                    folded=group.folded,
                    times_asked=group.times_asked,
                    wordings=group.wordings,
                    last_asked=group.last_asked,
                    draft_id=drafts.get(question_key(group.text)),
                )
                for group in groups
            ),
        )

    def _topics(self, counts: dict[str, int]) -> tuple[TopicCount, ...]:
        areas = self._knowledge.current.kb.areas
        keys = [*areas, OTHER_TOPIC]
        keys += sorted(key for key in counts if key not in areas and key != OTHER_TOPIC)
        rows = [TopicCount(key, areas.get(key), counts.get(key, 0)) for key in keys]
        order = {key: position for position, key in enumerate(keys)}
        return tuple(sorted(rows, key=lambda row: (-row.count, order[row.key])))


def week_boundaries(now: dt.datetime, weeks: int) -> list[dt.datetime]:
    """UTC instants of the Mondays 00:00 (Hanoi) that bound the last `weeks` weeks, the
    current one included: weeks + 1 instants, the last one the Monday after `now`."""
    today = now.astimezone(LOCAL_TIME).date()
    monday = today - dt.timedelta(days=today.weekday())
    first = monday - (weeks - 1) * WEEK
    return [
        dt.datetime.combine(first + index * WEEK, dt.time(), tzinfo=LOCAL_TIME).astimezone(dt.UTC)
        for index in range(weeks + 1)
    ]


def _week(period: PeriodCount) -> WeekCount:
    start = period.start.astimezone(LOCAL_TIME).date()
    iso = start.isocalendar()
    return WeekCount(start, iso.year, iso.week, period.filed, period.answered)
