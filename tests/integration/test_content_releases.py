"""Content releases on SQLite and PostgreSQL: the shipped content as release 1, publishing checked
content live, rollback, immutable releases, exactly one live, bad content refused, audited."""

from __future__ import annotations

import copy

import pytest
from sqlalchemy import text
from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncEngine

from bot.domain.content_releases import NewRelease
from bot.domain.errors import ContentRejected, NoEarlierRelease, PermissionDenied
from bot.domain.statuses import ReleaseState
from bot.services.kernel.actor import Actor, ActorKind, Role
from bot.services.kernel.live_knowledge import LiveKnowledge
from bot.services.kernel.officials import Officials
from bot.services.knowledge.releases import SHIPPED_NOTE, ContentReleases
from content import release_document
from storage.uow import UnitOfWorkFactory
from tests.release_content import changed_document

OPERATOR = Actor(ActorKind.SYSTEM, None, name="Người vận hành")
ADMINISTRATOR = Actor.staff(3, "Quản trị Minh", Role.ADMINISTRATOR)
MODERATOR = Actor.staff(1, "Cán bộ Hà", Role.MODERATOR)


def poor_households(knowledge: LiveKnowledge) -> float | None:
    """The figure residents are told for the poor households of Q1 2022."""
    indicator = knowledge.current.kb.indicators["ho-ngheo"]
    (observation,) = [item for item in indicator.observations if item.period_key == "2022-Q1"]
    return observation.value


async def audit_actions(uow_factory: UnitOfWorkFactory) -> list[tuple[str, str, str | None]]:
    async with uow_factory() as uow:
        entries = await uow.audit.recent()
    return [(entry.action, entry.actor_name, entry.detail) for entry in reversed(entries)]


async def test_the_first_start_stores_the_shipped_content_as_release_1_live(
    releases: ContentReleases,
    uow_factory: UnitOfWorkFactory,
    knowledge: LiveKnowledge,
) -> None:
    (first,) = await releases.releases()
    assert (first.id, first.state, first.note) == (1, ReleaseState.LIVE, SHIPPED_NOTE)
    assert knowledge.current.release_id == 1
    live = await releases.live()
    assert live is not None
    assert live[1] == knowledge.source
    assert first.checksum == release_document.checksum(live[1])
    # A second start (another instance, a restart) stores nothing more.
    other = LiveKnowledge.load()
    try:
        await ContentReleases(uow_factory, other, Officials(())).start()
        assert other.current.release_id == 1
    finally:
        other.close()
    assert [release.id for release in await releases.releases()] == [1]
    assert await audit_actions(uow_factory) == [
        ("content_published", "system", f"release 1 (shipped content, {first.checksum[:12]})")
    ]


async def test_publish_makes_the_new_figure_live_and_audits_it(
    releases: ContentReleases, uow_factory: UnitOfWorkFactory, knowledge: LiveKnowledge
) -> None:
    assert poor_households(knowledge) == 3612
    published = await releases.publish(OPERATOR, changed_document(), note="Quý I")
    assert published.changed
    release = published.release
    assert (release.id, release.state, release.replaces_id) == (2, ReleaseState.LIVE, 1)
    assert (release.published_by, release.note) == ("Người vận hành", "Quý I")
    # This instance serves it at once; its search index is the new one too.
    assert knowledge.current.release_id == 2
    assert poor_households(knowledge) == 3498
    result = await knowledge.search(knowledge.current, "ty le ho ngheo")
    (found, *_) = knowledge.current.resolve(result.matches)
    assert found.entry.key == "ho-ngheo"
    states = [(item.id, item.state) for item in await releases.releases()]
    assert states == [(2, ReleaseState.LIVE), (1, ReleaseState.RETIRED)]
    assert (await audit_actions(uow_factory))[-1] == (
        "content_published",
        "Người vận hành",
        f"release 2 ({release.checksum[:12]}), replaces release 1",
    )


async def test_publishing_the_live_content_again_stores_nothing(
    releases: ContentReleases, knowledge: LiveKnowledge, uow_factory: UnitOfWorkFactory
) -> None:
    assert knowledge.source is not None
    again = await releases.publish(OPERATOR, copy.deepcopy(knowledge.source))
    assert (again.changed, again.release.id) == (False, 1)
    assert len(await releases.releases()) == 1
    assert len(await audit_actions(uow_factory)) == 1


async def test_another_instance_switches_on_its_next_look(
    releases: ContentReleases, uow_factory: UnitOfWorkFactory
) -> None:
    other = LiveKnowledge.load()
    try:
        elsewhere = ContentReleases(uow_factory, other, Officials(()))
        await elsewhere.start()
        assert not await elsewhere.refresh()  # nothing new: one cheap look
        await releases.publish(OPERATOR, changed_document())
        assert poor_households(other) == 3612  # until it looks
        assert await elsewhere.refresh()
        assert (other.current.release_id, poor_households(other)) == (2, 3498)
        await releases.rollback(OPERATOR)
        assert await elsewhere.refresh()
        assert (other.current.release_id, poor_households(other)) == (1, 3612)
    finally:
        other.close()


async def test_a_restart_serves_the_live_release_not_the_shipped_files(
    releases: ContentReleases, uow_factory: UnitOfWorkFactory
) -> None:
    await releases.publish(OPERATOR, changed_document())
    restarted = LiveKnowledge.load()  # the shipped files, as every start loads them
    try:
        live = await ContentReleases(uow_factory, restarted, Officials(())).start()
        assert live.id == 2
        assert (restarted.current.release_id, poor_households(restarted)) == (2, 3498)
    finally:
        restarted.close()
    assert len(await releases.releases()) == 2  # nothing stored by the restart


async def test_rollback_restores_the_release_the_live_one_replaced(
    releases: ContentReleases, uow_factory: UnitOfWorkFactory, knowledge: LiveKnowledge
) -> None:
    with pytest.raises(NoEarlierRelease):
        await releases.rollback(OPERATOR)
    await releases.publish(OPERATOR, changed_document())
    restored = await releases.rollback(OPERATOR)
    assert (restored.id, restored.state) == (1, ReleaseState.LIVE)
    assert (knowledge.current.release_id, poor_households(knowledge)) == (1, 3612)
    states = [(item.id, item.state) for item in await releases.releases()]
    assert states == [(2, ReleaseState.RETIRED), (1, ReleaseState.LIVE)]
    assert (await audit_actions(uow_factory))[-1] == (
        "content_rolled_back",
        "Người vận hành",
        "release 1 live again, release 2 retired",
    )
    with pytest.raises(NoEarlierRelease):  # release 1 replaced nothing
        await releases.rollback(OPERATOR)


async def test_published_releases_never_change(
    releases: ContentReleases, uow_factory: UnitOfWorkFactory
) -> None:
    await releases.publish(OPERATOR, changed_document())
    before = await _documents(uow_factory)
    await releases.rollback(OPERATOR)
    await releases.publish(OPERATOR, changed_document())  # stored anew, as release 3
    after = await _documents(uow_factory)
    assert {key: after[key] for key in before} == before
    assert after[3] == after[2]
    for document, checksum in after.values():
        assert release_document.checksum(release_document.from_json(document)) == checksum


async def _documents(uow_factory: UnitOfWorkFactory) -> dict[int, tuple[str, str]]:
    async with uow_factory() as uow:
        found = {}
        for summary in await uow.content_releases.recent(100):
            record = await uow.content_releases.get(summary.id)
            assert record is not None
            found[summary.id] = (record.document, summary.checksum)
        return found


async def test_the_database_holds_exactly_one_live_release(
    releases: ContentReleases, uow_factory: UnitOfWorkFactory, engine: AsyncEngine
) -> None:
    await releases.publish(OPERATOR, changed_document())
    async with uow_factory() as uow:
        live = await uow.content_releases.live()
        assert live is not None
        second = NewRelease(
            ReleaseState.LIVE,
            "{}",
            "0" * 64,
            created_at=live.created_at,
            created_by="x",
            published_at=None,
            published_by=None,
            note=None,
            replaces_id=None,
        )
        assert await uow.content_releases.add(second) is None  # refused, nothing inserted
    with pytest.raises(IntegrityError):
        async with engine.begin() as connection:
            await connection.execute(
                text("UPDATE content_releases SET state = 'live' WHERE id = 1")
            )
    async with engine.connect() as connection:
        rows = (await connection.execute(text("SELECT id, state FROM content_releases"))).all()
    assert sorted(rows) == [(1, "retired"), (2, "live")]


async def test_content_that_fails_the_check_is_refused_with_its_problems(
    releases: ContentReleases, uow_factory: UnitOfWorkFactory, knowledge: LiveKnowledge
) -> None:
    bad = changed_document()
    observation = bad["files"]["indicators.yaml"]["indicators"][0]["observations"][0]
    observation["value"] = "nhiều"  # not a number
    observation["source"]["report"] = "report-1999-q1"  # no such report
    bad["files"]["faq.yaml"]["faqs"].append(copy.deepcopy(bad["files"]["faq.yaml"]["faqs"][0]))
    with pytest.raises(ContentRejected) as refused:
        await releases.publish(OPERATOR, bad)
    problems = "\n".join(refused.value.problems)
    # As `danbiet content check` words them: file, line, field.
    assert "indicators.yaml:" in problems
    assert ".value: " in problems
    assert "report-1999-q1" in problems
    assert "faq.yaml:" in problems
    assert "duplicate faq key" in problems
    outside = copy.deepcopy(knowledge.source or {})
    outside["files"]["../escape.yaml"] = {"areas": []}
    with pytest.raises(ContentRejected) as refused:
        await releases.publish(OPERATOR, outside)
    assert "not a content file name" in refused.value.problems[0]
    assert [release.id for release in await releases.releases()] == [1]
    assert knowledge.current.release_id == 1
    # Nothing published; each refusal audited, naming who and why.
    refusals = (await audit_actions(uow_factory))[1:]
    assert refusals == [
        ("content_release_refused", "Người vận hành", f"publish: {problem}")
        for problem in ("3 problem(s) in the content", "1 problem(s) in the content")
    ]


async def test_only_administrators_and_the_operator_publish(
    releases: ContentReleases, knowledge: LiveKnowledge
) -> None:
    with pytest.raises(PermissionDenied):
        await releases.publish(MODERATOR, changed_document())
    with pytest.raises(PermissionDenied):
        await releases.rollback(MODERATOR)
    published = await releases.publish(ADMINISTRATOR, changed_document())
    assert published.release.published_by == "Quản trị Minh"
