"""Trust in numbers, over every resident-facing rendering of every entry, in both languages.

Each rendering is made by the code the handlers use (screens, inline results, the quarterly
summary, the chart's bars). Every number in it must be in the source quote(s) of what it
describes, or come from a rule the content declares: the years and half/quarter of a period,
the date of a report, the programme's years, "% of plan" computed from a plan the report
states, the 100% plan line of a chart. A figure the report qualifies ("trên 5,64 triệu") keeps
its qualifier wherever it is shown; a report date the content marks as an estimate is shown
as estimated; "cơ bản đã hoàn thành" is never shown as plain "completed".
"""

from __future__ import annotations

import datetime as dt
import html
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from types import SimpleNamespace
from typing import Any, cast

import pytest

from bot.context import Context
from bot.domain.records import BroadcastRecord
from bot.domain.statuses import BroadcastKind, BroadcastStatus
from bot.i18n import LANGUAGES, Language, Translator
from bot.services.broadcasts import composition as broadcast_content
from bot.services.broadcasts.composition import render_charts, report_digest, visible_length
from bot.services.broadcasts.model import MAX_TEXT_CHARS, FigureChange
from bot.services.kernel.live_knowledge import FoundEntry, LiveKnowledge
from bot.services.knowledge.catalog import CatalogService
from content.charts import Bar, ChartText
from content.index import EntryKind
from content.knowledge import KnowledgeBase
from content.schema import (
    QUALIFIER_WORDS,
    Faq,
    Indicator,
    Observation,
    Policy,
    Qualifier,
    Report,
    Source,
    Status,
)
from handlers import inline, screens
from handlers.broadcast_texts import BroadcastTexts
from handlers.render import Renderer

NUMBER = re.compile(r"\d+(?:[.,]\d+)*")
TAG = re.compile(r"<[^>]*>")
EN_QUALIFIERS = ("over", "more than", "about", "nearly", "equivalent to")


def parse(token: str, language: str) -> float:
    """A number as the language writes it: vi "2.981" is 2981 and "0,13" is 0.13; en the
    other way round ("7,152.8")."""
    thousands, decimal = (".", ",") if language == "vi" else (",", ".")
    return float(token.replace(thousands, "").replace(decimal, "."))


def numbers(text: str, language: str) -> Iterator[tuple[float, int]]:
    """Every number in ``text`` with where it starts."""
    for found in NUMBER.finditer(text):
        yield parse(found.group(), language), found.start()


def key(value: float) -> float:
    return round(value, 6)


def plain(markup: str) -> str:
    """What the resident reads: tags dropped, entities decoded (an "&#x27;" is no 27)."""
    return html.unescape(TAG.sub("", markup))


@dataclass
class Rendering:
    """One text a resident reads, and what it describes."""

    name: str
    language: Language
    text: str  # plain text
    sources: list[Source] = field(default_factory=list)
    observations: list[Observation] = field(default_factory=list)
    reports: list[Report] = field(default_factory=list)
    period_keys: list[str] = field(default_factory=list)
    extra: set[float] = field(default_factory=set)  # numbers a declared rule makes


def period_numbers(period_key: str) -> set[float]:
    """ "2022-Q1": the year and the quarter, 3 months; "2023-H1": the year, the half, 6 months."""
    found = {float(part) for part in re.findall(r"\d+", period_key)}
    if "-H" in period_key:
        found.add(6.0)
    if "-Q" in period_key:
        found.add(3.0)
    return found


def date_numbers(day: dt.date) -> set[float]:
    return {float(day.day), float(day.month), float(day.year)}


def allowed(kb: KnowledgeBase, rendering: Rendering) -> set[float]:
    values: set[float] = {key(value) for value in rendering.extra}
    for source in rendering.sources:
        values |= {key(value) for value, _ in numbers(strip_names(kb, source.quote), "vi")}
        if source.quote_en:
            values |= {key(value) for value, _ in numbers(strip_names(kb, source.quote_en), "en")}
    for report in rendering.reports:
        values |= {key(value) for value in date_numbers(report.published)}
        values |= {key(value) for value in period_numbers(report.period_key)}
        # A report's title names the document a card cites ("… quý II … năm 2022").
        for language in LANGUAGES:
            title = strip_names(kb, report.title.get(language))
            values |= {key(value) for value, _ in numbers(title, language)}
    for period_key in rendering.period_keys:
        values |= {key(value) for value in period_numbers(period_key)}
    values |= {float(kb.programme.start_year), float(kb.programme.end_year)}
    if rendering.language == "en" and any("vạn" in item.quote for item in rendering.sources):
        values.add(10_000.0)  # "vạn" is ten thousand: "bác sỹ/vạn dân", doctors per 10,000
    for observation in rendering.observations:
        # "% of plan" is a rule only where the report states a plan (schema: target_label
        # names it), shown with one decimal.
        if observation.value is not None and observation.target is not None:
            values.add(key(round(observation.value / observation.target * 100, 1)))
    return values


def strip_names(kb: KnowledgeBase, text: str) -> str:
    """Document numbers are names, not figures: "08-CTr/TU", "68/NQ-CP" (as the content
    declares them: the programme's code and each policy's document)."""
    names = [kb.programme.code, *(policy.document for policy in kb.policies.values())]
    for name in sorted((name for name in names if name), key=len, reverse=True):
        text = text.replace(name, " ")
    return text


# ---------------------------------------------------------------------------- renderings


def sources_of(indicator: Indicator) -> list[Source]:
    return [observation.source for observation in indicator.observations]


def indicator_rendering(
    kb: KnowledgeBase, name: str, language: Language, text: str, items: Iterable[Indicator]
) -> Rendering:
    items = list(items)
    observations = [observation for item in items for observation in item.observations]
    return Rendering(
        name,
        language,
        plain(text),
        sources=[observation.source for observation in observations],
        observations=observations,
        reports=[kb.reports[item.source.report] for item in observations],
        period_keys=[item.period_key for item in observations],
    )


def policy_rendering(
    kb: KnowledgeBase, name: str, language: Language, text: str, policy: Policy
) -> Rendering:
    return Rendering(
        name,
        language,
        plain(text),
        sources=[note.source for note in policy.notes],
        reports=[kb.reports[note.source.report] for note in policy.notes],
    )


def faq_rendering(
    kb: KnowledgeBase, name: str, language: Language, text: str, faq: Faq
) -> Rendering:
    sources = [faq.source, *faq.also]
    reports = [kb.reports[source.report] for source in sources]
    return Rendering(name, language, plain(text), sources=sources, reports=reports)


def cards(kb: KnowledgeBase, translate: Translator, catalog: CatalogService) -> Iterator[Rendering]:
    """Cards with their histories, area lists and inline results, for every entry."""
    context = cast(
        Context,
        SimpleNamespace(bot_data=SimpleNamespace(services=SimpleNamespace(catalog=catalog))),
    )
    for language in LANGUAGES:
        r = Renderer(translate, language)
        for item in kb.indicators.values():
            text = screens.indicator_screen(r, catalog, item).text
            yield indicator_rendering(kb, f"{language} card {item.key}", language, text, [item])
            short = r.indicator_card(item, kb.reports, with_history=False)
            yield indicator_rendering(
                kb, f"{language} short card {item.key}", language, short, [item]
            )
            article = inline._article(r, context, FoundEntry(EntryKind.INDICATOR, item, 100.0))
            for part, shown in inline_parts(article):
                yield indicator_rendering(
                    kb, f"{language} inline {part} {item.key}", language, shown, [item]
                )
        for area in kb.areas.values():
            screen = screens.indicator_area(r, catalog, area.key)
            if screen is not None:
                items = catalog.indicators_in(area.key)
                yield indicator_rendering(
                    kb, f"{language} area {area.key}", language, screen.text, items
                )
        for policy in kb.policies.values():
            text = screens.policy_screen(r, catalog, policy).text
            yield policy_rendering(kb, f"{language} policy {policy.key}", language, text, policy)
            article = inline._article(r, context, FoundEntry(EntryKind.POLICY, policy, 100.0))
            for part, shown in inline_parts(article):
                yield policy_rendering(
                    kb, f"{language} inline {part} {policy.key}", language, shown, policy
                )
        for faq in kb.faqs.values():
            text = screens.faq_screen(r, catalog, faq).text
            yield faq_rendering(kb, f"{language} faq {faq.key}", language, text, faq)
            article = inline._article(r, context, FoundEntry(EntryKind.FAQ, faq, 100.0))
            for part, shown in inline_parts(article):
                yield faq_rendering(kb, f"{language} inline {part} {faq.key}", language, shown, faq)


def inline_parts(article: Any) -> list[tuple[str, str]]:
    return [
        ("title", article.title),
        ("description", article.description or ""),
        ("message", article.input_message_content.message_text),
    ]


def summaries(kb: KnowledgeBase, translate: Translator) -> Iterator[Rendering]:
    """The quarterly summary officials broadcast, for every report, whole (no line dropped)."""
    texts = BroadcastTexts(translate)
    for report in kb.reports.values():
        digest = report_digest(kb, report)
        observations = [line.observation for line in digest.lines]
        for language in LANGUAGES:
            message = texts.report_message(language, digest, MAX_TEXT_CHARS)
            assert visible_length(message) <= MAX_TEXT_CHARS
            yield Rendering(
                f"{language} summary {report.key}",
                language,
                plain(message),
                sources=[item.source for item in observations],
                observations=observations,
                reports=[report],
                period_keys=[item.period_key for item in observations],
            )


@pytest.fixture(scope="module")
def catalog() -> CatalogService:
    return CatalogService(LiveKnowledge.load())


@pytest.fixture(scope="module")
def renderings(
    kb: KnowledgeBase, translate: Translator, catalog: CatalogService
) -> list[Rendering]:
    return [*cards(kb, translate, catalog), *summaries(kb, translate)]


# ---------------------------------------------------------------------------- the invariant


def test_every_entry_is_rendered(kb: KnowledgeBase, renderings: list[Rendering]) -> None:
    names = {item.name for item in renderings}
    for language in LANGUAGES:
        for indicator in kb.indicators:
            assert f"{language} card {indicator}" in names
        for policy in kb.policies:
            assert f"{language} policy {policy}" in names
        for faq in kb.faqs:
            assert f"{language} faq {faq}" in names
        for report in kb.reports:
            assert f"{language} summary {report}" in names


def test_every_number_is_quoted_or_made_by_a_declared_rule(
    kb: KnowledgeBase, renderings: list[Rendering]
) -> None:
    problems = []
    for rendering in renderings:
        permitted = allowed(kb, rendering)
        text = strip_names(kb, rendering.text)
        for value, start in numbers(text, rendering.language):
            if key(value) not in permitted:
                context = text[max(0, start - 40) : start + 20].replace("\n", " ")
                problems.append(f"{rendering.name}: {value:g} in …{context}…")
    assert not problems, "\n".join(problems)


def qualified(sources: Iterable[Source]) -> dict[float, Qualifier]:
    """The numbers the quotes qualify, with the word they qualify them by."""
    found: dict[float, Qualifier] = {}
    for source in sources:
        for value, start in numbers(source.quote, "vi"):
            before = source.quote[:start].rstrip().casefold()
            for qualifier, word in QUALIFIER_WORDS.items():
                if before.endswith(word):
                    found[key(value)] = qualifier
    return found


def test_a_qualified_figure_keeps_its_qualifier_wherever_it_is_shown(
    renderings: list[Rendering],
) -> None:
    problems = []
    checked = 0
    for rendering in renderings:
        marks = qualified(rendering.sources)
        for value, start in numbers(rendering.text, rendering.language):
            qualifier = marks.get(key(value))
            if qualifier is None:
                continue
            checked += 1
            before = rendering.text[:start].rstrip().casefold()
            words = (QUALIFIER_WORDS[qualifier],) if rendering.language == "vi" else EN_QUALIFIERS
            if not before.endswith(words):
                problems.append(
                    f"{rendering.name}: {value:g} without “{words[0]}”: …{before[-40:]}"
                )
    assert not problems, "\n".join(problems)
    assert checked >= 8  # "trên 5,64 triệu" and "tương đương 13.250" in cards and summaries


def test_an_estimated_report_date_is_shown_as_estimated(
    kb: KnowledgeBase, translate: Translator, renderings: list[Rendering]
) -> None:
    estimated = [report for report in kb.reports.values() if report.published_estimated]
    assert [report.key for report in estimated] == ["report-2023-h1"]
    shown = 0
    for rendering in renderings:
        r = Renderer(translate, rendering.language)
        for report in kb.reports.values():
            date = r.date(report.published)
            marked = r.report_date(report)
            count = rendering.text.count(date)
            shown += count
            if report.published_estimated:
                assert rendering.text.count(marked) == count, rendering.name
                assert ("ước" if rendering.language == "vi" else "estimated") in marked
            else:
                assert marked == date
    assert shown > 0


def test_basically_completed_is_never_shown_as_completed(
    translate: Translator, renderings: list[Rendering]
) -> None:
    checked = 0
    for rendering in renderings:
        if not any(item.status is Status.BASICALLY_ACHIEVED for item in rendering.observations):
            continue
        r = Renderer(translate, rendering.language)
        for done in ("status-achieved", "broadcast-status-achieved"):
            assert plain(r.t(done)) not in rendering.text, rendering.name
        checked += 1
    assert checked >= 4


def test_percent_of_plan_only_where_the_report_states_a_plan(
    kb: KnowledgeBase, translate: Translator, renderings: list[Rendering]
) -> None:
    card = next(item for item in renderings if item.name == "vi card chi-tieu-hoan-thanh")
    # 27 is the number of indicators, not a plan: neither a plan line nor a "% of plan".
    for absent in ("66,7", "% kế hoạch", "🎯"):
        assert absent not in card.text
    for present in ("18 chỉ tiêu", "27 chỉ tiêu"):
        assert present in card.text
    summary = next(item for item in renderings if item.name == "vi summary report-2023-h1")
    assert "66,7" not in summary.text


# ---------------------------------------------------------------------------- the summary


Q1_FIGURES = {
    "vi": (
        "3.612 hộ",
        "0,16%",
        "30.176 hộ",
        "1,38%",
        "50.019 lao động",
        "160.000 lao động",
        "31,3%",
        "tăng 29,2%",
        "20.839 lượt người",
        "224.500 lượt người",
        "9,3%",
        "tăng 44%",
        "68%",
        "91,8% dân số (chưa bao gồm lực lượng vũ trang)",
        "92,5%",
        "giảm 31,2%",
        "cơ bản đã hoàn thành",
        "trên 5,64 triệu lượt đối tượng",
        "7.152,8 tỷ đồng",
        "6.843 tỷ đồng",
        "309,7 tỷ đồng",
    ),
    "en": (
        "3,612 households",
        "0.16%",
        "30,176 households",
        "1.38%",
        "50,019 workers",
        "160,000 workers",
        "31.3%",
        "up 29.2%",
        "20,839 enrolments",
        "224,500 enrolments",
        "9.3%",
        "up 44%",
        "68%",
        "91.8% of the population (armed forces excluded)",
        "92.5%",
        "down 31.2%",
        "basically completed",
        "over 5.64 million beneficiary-turns",
        "7,152.8 billion VND",
        "6,843 billion VND",
        "309.7 billion VND",
    ),
}


def test_the_q1_2022_summary_states_every_figure_of_its_report(renderings: list[Rendering]) -> None:
    for language in LANGUAGES:
        summary = next(
            item for item in renderings if item.name == f"{language} summary report-2022-q1"
        )
        missing = [figure for figure in Q1_FIGURES[language] if figure not in summary.text]
        assert not missing, f"{language}: {missing}"
        for absent in ("chưa có số liệu", "no figure"):
            assert absent not in summary.text


# ---------------------------------------------------------------------------- the chart


async def test_chart_labels_are_quoted_figures(
    kb: KnowledgeBase, translate: Translator, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The values and labels given to matplotlib, for every report that has a chart."""
    drawn: list[tuple[ChartText, list[Bar]]] = []

    def capture(text: ChartText, bars: Any) -> bytes:
        drawn.append((text, list(bars)))
        return b"png"

    monkeypatch.setattr(broadcast_content, "render_plan_chart", capture)
    texts = BroadcastTexts(translate)
    problems = []
    for report in kb.reports.values():
        digest = report_digest(kb, report)
        drawn.clear()
        charts = await render_charts(texts, digest)
        assert len(drawn) == len(charts)
        observations = [line.observation for line in digest.lines]
        for (text, bars), language in zip(drawn, charts, strict=True):
            rendering = Rendering(
                f"{language} chart {report.key}",
                language,
                "\n".join(
                    [text.title, text.axis, text.plan, *(f"{b.label} {b.shown}" for b in bars)]
                ),
                sources=[item.source for item in observations],
                observations=observations,
                reports=[report],
                extra={100.0},  # the plan line
            )
            permitted = allowed(kb, rendering)
            for value, _ in numbers(strip_names(kb, rendering.text), language):
                if key(value) not in permitted:
                    problems.append(f"{rendering.name}: {value:g}")
            for bar in bars:
                if key(round(bar.percent, 1)) not in permitted:
                    problems.append(f"{rendering.name}: bar {bar.label} at {bar.percent}")
    assert not problems, "\n".join(problems)
    # Q1/2022 has a chart (jobs, vocational enrolment, health insurance); H1/2023 states no plan.
    q1 = await render_charts(texts, report_digest(kb, kb.reports["report-2022-q1"]))
    assert set(q1) == set(LANGUAGES)
    assert await render_charts(texts, report_digest(kb, kb.reports["report-2023-h1"])) == {}


# ---------------------------------------------------------------------------- corrections


def test_a_correction_states_the_new_figure_with_its_qualifier(
    kb: KnowledgeBase, translate: Translator
) -> None:
    indicator = kb.indicators["ho-tro-nq68"]
    now = indicator.headline()
    sent = dt.datetime(2022, 4, 14, 9, tzinfo=dt.UTC)
    original = BroadcastRecord(
        1, BroadcastKind.REPORT, BroadcastStatus.DONE, "report-2022-q1", None, None,
        "official", sent, None, sent, sent, 5, None, None,
    )  # fmt: skip
    change = FigureChange(indicator, now.period_key, 5.0, None, now)
    texts = BroadcastTexts(translate)
    expected = {"vi": "trên 5,64 triệu lượt đối tượng", "en": "over 5.64 million beneficiary-turns"}
    for language in LANGUAGES:
        message = plain(texts.correction_message(language, original, [change], kb.reports))
        assert expected[language] in message
