"""Cards rendered from the real content: figures from data, text escaped, both languages."""

import datetime as dt
from html import unescape

import pytest

from bot.i18n import Translator
from content.knowledge import KnowledgeBase
from content.schema import Indicator, Localized, Observation, Source, Status
from handlers.render import Renderer, progress_bar


@pytest.mark.parametrize(
    ("percent", "bar"),
    [
        (0, "▱" * 10),
        (31.3, "▰" * 3 + "▱" * 7),
        (9.3, "▰" + "▱" * 9),
        (4, "▱" * 10),
        (92.5, "▰" * 9 + "▱"),
        (140, "▰" * 10),
    ],
)
def test_progress_bar(percent: float, bar: str) -> None:
    assert progress_bar(percent) == bar


def test_jobs_card_computes_percent_of_plan_from_data(
    kb: KnowledgeBase, translate: Translator
) -> None:
    jobs = kb.indicators["viec-lam"]
    card = Renderer(translate, "vi").indicator_card(jobs, kb.reports)
    assert "50.019" in card
    assert "31,3% kế hoạch" in card
    assert "(theo báo cáo)" not in card
    english = Renderer(translate, "en").indicator_card(jobs, kb.reports)
    assert "50,019" in english
    assert "31.3% of plan" in english


def test_bhyt_card_quotes_the_reported_percent(kb: KnowledgeBase, translate: Translator) -> None:
    card = Renderer(translate, "vi").indicator_card(kb.indicators["bao-phu-bhyt"], kb.reports)
    assert "92,5% kế hoạch (theo báo cáo)" in card


def test_every_card_renders_in_both_languages_with_a_source(
    kb: KnowledgeBase, translate: Translator
) -> None:
    for language, word in (("vi", "Nguồn:"), ("en", "Source:")):
        renderer = Renderer(translate, language)  # type: ignore[arg-type]
        reports = kb.reports
        for indicator in kb.indicators.values():
            assert word in renderer.indicator_card(indicator, reports), indicator.key
        for policy in kb.policies.values():
            assert policy.name.get(language) in unescape(renderer.policy_card(policy, reports))
        for faq in kb.faqs.values():
            assert word in renderer.faq_card(faq, reports), faq.key


def test_content_text_is_escaped(translate: Translator) -> None:
    hostile = Localized(vi="<script>x</script> & <b>", en="<i>")
    indicator = Indicator(
        key="thu",
        area="thu",
        name=hostile,
        observations=(
            Observation(
                period=hostile,
                period_key="2022-Q1",
                as_of=dt.date(2022, 4, 13),
                value=1,
                unit=hostile,
                statement=hostile,
                status=Status.REPORTED,
                source=Source(report="khong-co", quote="<a href='x'>"),
            ),
        ),
    )
    card = Renderer(translate, "vi").indicator_card(indicator, {})
    assert "<script>" not in card
    assert "&lt;script&gt;" in card
    assert "<a href" not in card


def test_headline_is_the_latest_observation_with_a_figure(kb: KnowledgeBase) -> None:
    poor = kb.indicators["ho-ngheo"]
    assert poor.headline().value == 3612


@pytest.mark.parametrize(
    ("language", "value", "unit", "expected"),
    [
        ("vi", 3612, "hộ", "3.612 hộ"),
        ("vi", 0.16, "%", "0,16%"),
        ("en", 91.8, "% of the population", "91.8% of the population"),
        ("en", 18, "", "18"),
    ],
)
def test_quantity_joins_number_and_unit(
    translate: Translator, language: str, value: float, unit: str, expected: str
) -> None:
    assert Renderer(translate, language).quantity(value, unit) == expected  # type: ignore[arg-type]
