"""The content review: published figures with their sources, and the check of the files."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

from bot.domain.errors import PermissionDenied
from bot.services.kernel.actor import Actor, Role
from bot.services.kernel.live_knowledge import LiveKnowledge
from bot.services.kernel.officials import Officials
from bot.services.knowledge.content_review import ContentReview
from content.loader import DEFAULT_CONTENT_DIR

MODERATOR = Actor.staff(1, "Cán bộ Hà", Role.MODERATOR)
BROADCASTER = Actor.staff(2, "Cán bộ Lan", Role.BROADCASTER)


@pytest.fixture(scope="module")
def knowledge() -> Iterator[LiveKnowledge]:
    live = LiveKnowledge.load(None)
    yield live
    live.close()


def review_of(knowledge: LiveKnowledge, directory: Path | None = None) -> ContentReview:
    return ContentReview(knowledge, Officials({900001}), directory)


async def test_the_published_content_grouped_by_area(knowledge: LiveKnowledge) -> None:
    kb = knowledge.current.kb
    report = await review_of(knowledge).review(BROADCASTER)

    assert report.valid
    assert report.errors == ()
    assert report.content_dir == DEFAULT_CONTENT_DIR
    assert [section.area.key for section in report.areas] == list(kb.areas)
    assert (report.faq_count, report.report_count) == (len(kb.faqs), len(kb.reports))
    assert report.programme.code == "08-CTr/TU"
    assert sum(len(section.indicators) for section in report.areas) == len(kb.indicators)
    assert sum(len(section.policies) for section in report.areas) == len(kb.policies)

    rows = {row.key: row for section in report.areas for row in section.indicators}
    jobs = rows["viec-lam"]  # value 50019 of a plan of 160000 jobs
    assert next(s for s in report.areas if jobs in s.indicators).area.key == "viec-lam"
    assert (jobs.value, jobs.target) == (50019, 160000)
    assert jobs.percent_of_plan == pytest.approx(50019 / 160000 * 100)
    assert jobs.percent_computed
    assert jobs.percent_of_plan == kb.indicators["viec-lam"].headline().percent_of_plan()
    assert jobs.unit is not None
    assert jobs.source.report is not None
    assert jobs.source.report == kb.reports[jobs.source.report_key]
    assert jobs.source.quote

    insurance = rows["bao-phu-bhyt"]  # no plan in the same unit: the report's own percentage
    assert insurance.percent_of_plan == pytest.approx(92.5)
    assert not insurance.percent_computed
    assert rows["ho-ngheo"].percent_of_plan is None

    policies = {row.key: row for section in report.areas for row in section.policies}
    assert len(policies["dau-tu-cong"].sources) == len(kb.policies["dau-tu-cong"].notes)
    assert all(source.report is not None for source in policies["dau-tu-cong"].sources)


async def test_a_broken_content_dir_shows_its_errors_by_file_and_line(
    knowledge: LiveKnowledge, tmp_path: Path
) -> None:
    content = tmp_path / "content"
    shutil.copytree(DEFAULT_CONTENT_DIR, content)
    indicators = content / "indicators.yaml"
    text = indicators.read_text(encoding="utf-8")
    text = text.replace("        value: 3612\n", "        value: ba nghìn\n", 1)
    indicators.write_text(text, encoding="utf-8")
    faq = content / "faq.yaml"
    faq_text = faq.read_text(encoding="utf-8").replace(
        "report: report-2022-q1", "report: report-1999", 1
    )
    faq.write_text(faq_text, encoding="utf-8")
    faq_line = faq_text.splitlines().index("      report: report-1999") + 1
    line = text.splitlines().index("        value: ba nghìn") + 1

    report = await review_of(knowledge, content).review(MODERATOR)

    assert not report.valid
    assert len(report.errors) == 2
    assert report.errors[0].startswith(
        f"{faq}:{faq_line}: faqs[0].source.report: unknown report 'report-1999'"
    )
    assert report.errors[1].startswith(f"{indicators}:{line}: indicators[0].observations[0].value:")
    # What residents are told is still the content loaded before: it stays published.
    assert report.faq_count == len(knowledge.current.kb.faqs)


async def test_a_missing_content_dir_is_an_error_too(
    knowledge: LiveKnowledge, tmp_path: Path
) -> None:
    report = await review_of(knowledge, tmp_path / "nowhere").review(MODERATOR)
    assert report.errors == (f"{tmp_path / 'nowhere'}: the content directory does not exist",)


async def test_only_officials_review_content(knowledge: LiveKnowledge) -> None:
    review = review_of(knowledge)
    assert (await review.review(Actor.official(900001, "Cán bộ Tuấn"))).valid
    for actor in (Actor.official(555, "Kẻ lạ"), Actor.resident(1001, "vi")):
        with pytest.raises(PermissionDenied):
            await review.review(actor)
