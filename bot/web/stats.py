"""Statistics: tickets by status, field and week, how fast and how well they were answered, and
the questions the knowledge base could not answer (each one a button to start an FAQ draft).

Every number is shown twice: as a chart (inline SVG drawn by bot.web.svg_charts while the page
renders: no image to request, nothing to draw later) and as a table, for readers who cannot see
the chart."""

from __future__ import annotations

import asyncio
import contextlib
import datetime as dt
import logging
from collections.abc import AsyncIterator, Callable
from dataclasses import dataclass

import aiohttp_jinja2
from aiohttp import web

from bot.domain.records import OTHER_TOPIC
from bot.i18n import Language, format_number
from bot.services.kernel.actor import Actor
from bot.services.kernel.officials import Permission
from bot.services.stats.dashboard import StatsOverview, TopicCount, WeekCount
from bot.web import context
from bot.web.pages import render
from bot.web.svg_charts import Chart, Row, bar_chart

logger = logging.getLogger(__name__)
routes = web.RouteTableDef()

MINUTES_A_DAY = 24 * 60

Say = Callable[..., str]  # a catalog key and its arguments → text in the page's language


@dataclass(frozen=True, slots=True)
class CountRow:
    label: str
    count: int


@dataclass(frozen=True, slots=True)
class WeekRow:
    label: str  # "Tuần 12/2026"
    short: str  # "16/03", beside its bars on the chart
    first_day: dt.date
    last_day: dt.date
    filed: int
    answered: int


@routes.get("/stats", name="stats")
async def stats_page(request: web.Request) -> web.StreamResponse:
    overview = await _overview(request)
    say = translator(request)
    median = overview.median_first_answer
    statuses = status_rows(say, overview)
    topics = topic_rows(say, context.language(request), overview)
    weeks = week_rows(say, overview)
    return render(
        request,
        "stats/overview.html",
        {
            "overview": overview,
            "statuses": statuses,
            "topics": topics,
            "weeks": weeks,
            "charts": charts(say, context.language(request), statuses, topics, weeks),
            "median": duration_words(say, median) if median is not None else None,
            "may_draft": context.may(request, Permission.DRAFT_CONTENT),
        },
    )


def charts(
    say: Say,
    language: Language,
    statuses: list[CountRow],
    topics: list[CountRow],
    weeks: list[WeekRow],
) -> dict[str, Chart]:
    """What each chart shows, in the page's language: the same rows as the page's tables."""

    def shown(*counts: int) -> tuple[str, ...]:
        return tuple(format_number(language, count, digits=0) for count in counts)

    def counts(rows: list[CountRow]) -> list[Row]:
        return [Row(row.label, (row.count,), shown(row.count)) for row in rows]

    return {
        "status": bar_chart("chart-status", say("web-stats-chart-status-alt"), counts(statuses)),
        "topic": bar_chart("chart-topic", say("web-stats-chart-topic-alt"), counts(topics)),
        "weekly": bar_chart(
            "chart-weekly",
            say("web-stats-chart-weekly-alt"),
            [
                Row(week.short, (week.filed, week.answered), shown(week.filed, week.answered))
                for week in weeks
            ],
            legend=(say("web-stats-filed"), say("web-stats-answered")),
        ),
    }


async def _overview(request: web.Request) -> StatsOverview:
    return await context.services(request).stats.overview(context.staff(request).actor)


def translator(request: web.Request) -> Say:
    language = context.language(request)
    catalogs = request.app[context.TRANSLATOR]

    def say(key: str, **args: str | int | float) -> str:
        return catalogs(language, key, **args)

    return say


def status_rows(say: Say, overview: StatsOverview) -> list[CountRow]:
    return [
        CountRow(say(f"web-stats-status-{item.status.value}"), item.count)
        for item in overview.by_status
    ]


def topic_rows(say: Say, language: Language, overview: StatsOverview) -> list[CountRow]:
    return [CountRow(topic_label(say, language, item), item.count) for item in overview.by_topic]


def topic_label(say: Say, language: Language, topic: TopicCount) -> str:
    if topic.area is not None:
        return topic.area.name.get(language)
    if topic.key == OTHER_TOPIC:
        return say("web-stats-topic-other")
    return say("web-stats-topic-gone", field=topic.key)  # a field since removed from the content


def week_rows(say: Say, overview: StatsOverview) -> list[WeekRow]:
    return [_week_row(say, week) for week in overview.by_week]


def _week_row(say: Say, week: WeekCount) -> WeekRow:
    # Plain strings: a number argument would be written "2.026" in Vietnamese.
    label = say("web-stats-week", week=str(week.iso_week), year=str(week.iso_year))
    return WeekRow(
        label=label,
        short=week.start.strftime("%d/%m"),
        first_day=week.start,
        last_day=week.start + dt.timedelta(days=6),
        filed=week.filed,
        answered=week.answered,
    )


def duration_words(say: Say, delta: dt.timedelta) -> str:
    """A time as officials say it: "2 ngày 3 giờ", "5 giờ 10 phút", "40 phút", "dưới 1 phút";
    the two largest units, rounded down."""
    minutes = int(delta.total_seconds() // 60)
    if minutes < 1:
        return say("web-stats-duration-under-a-minute")
    days, rest = divmod(minutes, MINUTES_A_DAY)
    hours, minutes = divmod(rest, 60)
    parts: tuple[tuple[str, int], ...]
    if days:
        parts = (("day", days), ("hour", hours))
    elif hours:
        parts = (("hour", hours), ("minute", minutes))
    else:
        parts = (("minute", minutes),)
    return " ".join(
        say(f"web-stats-duration-{unit}-{'one' if count == 1 else 'many'}", count=count)
        for unit, count in parts
        if count
    )


async def warmed_statistics(app: web.Application) -> AsyncIterator[None]:
    """The statistics read once, on the side, right after a start: the first official to open
    them then pays neither for the database's cold pages and first compiled queries nor for the
    template's compilation (about 170 ms on SQLite, 4x the queue's load; bench/dashboard.py)."""
    warming = asyncio.create_task(_warm(app))
    yield
    warming.cancel()
    with contextlib.suppress(asyncio.CancelledError):
        await warming


async def _warm(app: web.Application) -> None:
    try:
        await app[context.SERVICES].stats.overview(Actor.system())
        aiohttp_jinja2.get_env(app).get_template("stats/overview.html")
    except Exception:  # a warm-up must never stop the dashboard from starting
        logger.warning("could not warm the statistics page", exc_info=True)
