"""The content review: published figures with their sources, the content releases, and what
`content check` says of the live release (SQLite and PostgreSQL)."""

from __future__ import annotations

import copy

import pytest

from bot.domain.errors import PermissionDenied
from bot.domain.statuses import ReleaseState
from bot.services.kernel.actor import Actor, Role
from bot.services.kernel.live_knowledge import LiveKnowledge
from bot.services.kernel.officials import Officials
from bot.services.knowledge.content_review import ContentReview
from bot.services.knowledge.drafts import ContentDrafts
from bot.services.knowledge.releases import ContentReleases
from storage.uow import UnitOfWorkFactory
from tests.release_content import store_live

MODERATOR = Actor.staff(1, "Cán bộ Hà", Role.MODERATOR)
BROADCASTER = Actor.staff(2, "Cán bộ Lan", Role.BROADCASTER)


@pytest.fixture
def review(
    uow_factory: UnitOfWorkFactory, knowledge: LiveKnowledge, releases: ContentReleases
) -> ContentReview:
    officials = Officials({900001})
    drafts = ContentDrafts(uow_factory, officials, releases, knowledge)
    return ContentReview(knowledge, officials, drafts)


async def test_the_published_content_grouped_by_area(
    knowledge: LiveKnowledge, review: ContentReview
) -> None:
    kb = knowledge.current.kb
    report = await review.review(BROADCASTER)

    assert report.valid
    assert report.problems == ()
    live = report.releases.live
    assert live is not None
    assert (live.id, live.state, report.releases.published) == (1, ReleaseState.LIVE, (live,))
    assert (report.releases.drafts, report.releases.rollback_to) == ((), None)
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


async def test_a_live_release_that_breaks_a_rule_shows_each_problem_at_entity_and_field(
    knowledge: LiveKnowledge, review: ContentReview, uow_factory: UnitOfWorkFactory
) -> None:
    # Checked when it was published, a release may break a rule a later danbiet adds: stored
    # here as such a release would be, past today's checks.
    assert knowledge.source is not None
    broken = copy.deepcopy(knowledge.source)
    (poor,) = [
        item
        for item in broken["files"]["indicators.yaml"]["indicators"]
        if item["key"] == "ho-ngheo"
    ]
    poor["observations"][0]["value"] = "ba nghìn"
    first_faq = broken["files"]["faq.yaml"]["faqs"][0]
    first_faq["source"]["report"] = "report-1999"
    await store_live(uow_factory, broken)

    report = await review.review(MODERATOR)

    assert not report.valid
    places = [(item.file, item.entity, item.field) for item in report.problems]
    assert places == [
        ("faq.yaml", first_faq["key"], "source.report"),
        ("indicators.yaml", "ho-ngheo", "observations[0].value"),
    ]
    assert report.problems[0].message.startswith("unknown report 'report-1999'")
    assert report.releases.rollback_to == 1
    # What residents are told is still the content this instance serves until it refreshes.
    assert report.faq_count == len(knowledge.current.kb.faqs)


async def test_only_officials_review_content(review: ContentReview) -> None:
    assert (await review.review(Actor.official(900001, "Cán bộ Tuấn"))).valid
    for actor in (Actor.official(555, "Kẻ lạ"), Actor.resident(1001, "vi")):
        with pytest.raises(PermissionDenied):
            await review.review(actor)
