"""Statistics: tickets by status, field and week, how fast and how well they were answered, and
the questions the knowledge base could not answer (each one a button to start an FAQ draft).

Every number is shown twice: as a chart (a PNG drawn by bot.services.stats.charts, served from
/stats/charts/…) and as a table, for readers who cannot see the chart. The charts are drawn
once per version of their data, off the event loop (bot.services.stats.chart_cache)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass

from aiohttp import web

from bot.domain.records import OTHER_TOPIC
from bot.i18n import Language
from bot.services.kernel.officials import Permission
from bot.services.stats.chart_cache import ChartSpec, WeeklyChart, count_chart
from bot.services.stats.charts import ChartLabels, CountBar, WeeklyLabels
from bot.services.stats.dashboard import StatsOverview, TopicCount, WeekCount
from bot.web import context
from bot.web.pages import render

routes = web.RouteTableDef()

MINUTES_A_DAY = 24 * 60
KEEP = "private, max-age=31536000, immutable"  # a versioned chart never changes

Say = Callable[..., str]  # a catalog key and its arguments → text in the page's language


@dataclass(frozen=True, slots=True)
class CountRow:
    label: str
    count: int


@dataclass(frozen=True, slots=True)
class WeekRow:
    label: str  # "Tuần 12/2026"
    short: str  # "16/03", under the chart's bars
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
    # Drawing starts now, off the event loop; each image is named by its data's version.
    charts = context.services(request).stats.charts
    specs = chart_specs(say, statuses, topics, weeks)
    return render(
        request,
        "stats/overview.html",
        {
            "overview": overview,
            "statuses": statuses,
            "topics": topics,
            "weeks": weeks,
            "chart_versions": {name: charts.prepare(spec) for name, spec in specs.items()},
            "median": duration_words(say, median) if median is not None else None,
            "may_draft": context.may(request, Permission.DRAFT_CONTENT),
        },
    )


@routes.get(r"/stats/charts/{name:status|topic|weekly}.png", name="stats-chart")
async def chart(request: web.Request) -> web.StreamResponse:
    """The chart the page named by version (`?v=`), else the chart of the data as it is now.
    A versioned address always shows the same data, so the browser may keep it."""
    name = request.match_info["name"]
    stats = context.services(request).stats
    png = await stats.drawn_chart(context.staff(request).actor, request.query.get("v", "")[:64])
    if png is not None:
        return web.Response(body=png, content_type="image/png", headers={"Cache-Control": KEEP})
    overview = await _overview(request)
    say = translator(request)
    specs = chart_specs(
        say,
        status_rows(say, overview),
        topic_rows(say, context.language(request), overview),
        week_rows(say, overview),
    )
    png = await stats.charts.png(specs[name])
    return web.Response(body=png, content_type="image/png", headers={"Cache-Control": "no-cache"})


def chart_specs(
    say: Say, statuses: list[CountRow], topics: list[CountRow], weeks: list[WeekRow]
) -> dict[str, ChartSpec]:
    """What each chart shows, in the page's language: the same rows as the page's tables."""
    axis = say("web-stats-chart-axis")
    weekly = WeeklyLabels(
        say("web-stats-by-week"), axis, say("web-stats-filed"), say("web-stats-answered")
    )
    return {
        "status": count_chart(
            "status",
            ChartLabels(say("web-stats-by-status"), axis),
            [CountBar(row.label, row.count) for row in statuses],
        ),
        "topic": count_chart(
            "topic",
            ChartLabels(say("web-stats-by-topic"), axis),
            [CountBar(row.label, row.count) for row in topics],
        ),
        "weekly": WeeklyChart(
            weekly,
            tuple(week.short for week in weeks),
            tuple(week.filed for week in weeks),
            tuple(week.answered for week in weeks),
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
