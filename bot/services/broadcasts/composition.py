"""What a broadcast says and to whom: digests of reports, charts, figure changes, recipients."""

from __future__ import annotations

import asyncio
import html
import math
import re
from collections.abc import Iterable, Mapping, Sequence

from bot.domain.records import BroadcastRecord, FigureRecord, RecipientFilter
from bot.domain.statuses import BroadcastKind
from bot.i18n import LANGUAGES, Language
from bot.services.broadcasts.model import (
    MAX_CAPTION_CHARS,
    BroadcastComposer,
    FigureChange,
    ReportDigest,
    ReportLine,
)
from bot.services.kernel.plain_text import telegram_length
from content.charts import Bar, render_plan_chart
from content.knowledge import KnowledgeBase
from content.schema import Observation, Report

_TAG = re.compile(r"<[^>]*>")


def visible_length(markup: str) -> int:
    """The length Telegram counts in an HTML message: tags dropped, entities decoded, UTF-16."""
    return telegram_length(html.unescape(_TAG.sub("", markup)))


def fits_caption(markup: str) -> bool:
    """Whether a message can be a photo's caption; a longer one is sent as its own message
    beside the chart, so that a summary never loses figures to the caption's limit."""
    return visible_length(markup) <= MAX_CAPTION_CHARS


def report_digest(kb: KnowledgeBase, report: Report) -> ReportDigest:
    """Each of the report's indicators with the figure from that report."""
    lines = []
    for key in report.indicators:
        indicator = kb.indicators.get(key)
        if indicator is None:
            continue
        stated = [item for item in indicator.observations if item.source.report == report.key]
        if stated:
            lines.append(ReportLine(indicator, max(stated, key=lambda item: item.as_of)))
    return ReportDigest(report=report, programme_code=kb.programme.code, lines=tuple(lines))


def carried_figures(digest: ReportDigest) -> list[FigureRecord]:
    return [
        FigureRecord(
            line.indicator.key,
            line.observation.period_key,
            line.observation.value,
            line.observation.target,
        )
        for line in digest.lines
    ]


async def render_charts(composer: BroadcastComposer, digest: ReportDigest) -> dict[Language, bytes]:
    """The chart of indicators against their plan, one per language; none without a plan."""
    bars_by_language: dict[Language, list[Bar]] = {}
    for language in LANGUAGES:
        bars = []
        for line in digest.lines:
            percent = line.observation.percent_of_plan()
            if percent is not None:
                label = line.indicator.name.get(language)
                bars.append(Bar(label, percent, composer.percent(language, percent)))
        bars_by_language[language] = bars
    if not any(bars_by_language.values()):
        return {}

    def draw() -> dict[Language, bytes]:
        return {
            language: render_plan_chart(composer.chart_text(language, digest), bars)
            for language, bars in bars_by_language.items()
        }

    # matplotlib is slow and synchronous: keep it off the event loop.
    return await asyncio.to_thread(draw)


def recipients_of(broadcast: BroadcastRecord, kb: KnowledgeBase) -> RecipientFilter:
    """Free text goes to every subscriber; a report to those whose topics it touches (and to
    those without topics); a correction only to whom the corrected broadcast reached. One aimed
    at wards and communes goes only to the subscribers who said they live in one of them."""
    if broadcast.kind == BroadcastKind.CORRECTION:
        return RecipientFilter(reached_by=broadcast.corrects_id)
    districts = broadcast.district_keys  # aimed at some wards and communes: their residents
    if broadcast.kind == BroadcastKind.REPORT:
        return report_recipients(kb, broadcast.report_key or "", districts)
    return RecipientFilter(districts=districts)


def report_recipients(
    kb: KnowledgeBase, report_key: str, districts: frozenset[str] = frozenset()
) -> RecipientFilter:
    """Subscribers of the report's areas and indicators, and those who chose no topic."""
    report = kb.reports.get(report_key)
    keys = frozenset(report.indicators) if report else frozenset()
    areas = frozenset(kb.indicators[key].area for key in keys if key in kb.indicators)
    return RecipientFilter(areas=areas, indicators=keys, topical=True, districts=districts)


def last_told(
    original: Sequence[FigureRecord], corrections: Iterable[Sequence[FigureRecord]]
) -> dict[tuple[str, str], FigureRecord]:
    """The value residents last read for each figure: the broadcast's, unless corrected."""
    told = {(item.indicator_key, item.period_key): item for item in original}
    for correction in corrections:
        for item in correction:
            if (item.indicator_key, item.period_key) in told:
                told[(item.indicator_key, item.period_key)] = item
    return told


def figure_changes(
    kb: KnowledgeBase, told: Mapping[tuple[str, str], FigureRecord]
) -> tuple[FigureChange, ...]:
    changes = []
    for (indicator_key, period_key), figure in told.items():
        indicator = kb.indicators.get(indicator_key)
        if indicator is None:
            continue  # a removed indicator: nothing to name in a correction
        now = _observation(indicator.observations, period_key)
        if now is None:
            if figure.value is None and figure.target is None:
                continue  # withdrawn already, and said so
        elif _same(figure.value, now.value) and _same(figure.target, now.target):
            continue
        changes.append(FigureChange(indicator, period_key, figure.value, figure.target, now))
    return tuple(sorted(changes, key=lambda change: (change.indicator.key, change.period_key)))


def corrected_figures(changes: Iterable[FigureChange]) -> list[FigureRecord]:
    """What a correction tells: the current value (None for a withdrawn figure)."""
    return [
        FigureRecord(
            change.indicator.key,
            change.period_key,
            change.now.value if change.now else None,
            change.now.target if change.now else None,
        )
        for change in changes
    ]


def _observation(observations: Iterable[Observation], period_key: str) -> Observation | None:
    found = [item for item in observations if item.period_key == period_key]
    return max(found, key=lambda item: item.as_of) if found else None


def _same(old: float | None, new: float | None) -> bool:
    if old is None or new is None:
        return old is new
    return math.isclose(old, new, rel_tol=1e-9, abs_tol=1e-12)
