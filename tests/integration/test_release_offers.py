"""What a publish leaves to broadcast is told to the officials' group once: both ways of
publishing (the shell's, a dashboard approval) write the offer with the release; of two
instances looking at the same moment exactly one claims it; one that could not reach the group
gives it back; a rollback, or the shipped content stored at the first start, offers nothing."""

from __future__ import annotations

import asyncio

from bot.services.broadcasts.lifecycle import BroadcastService
from bot.services.broadcasts.model import NoComposer
from bot.services.broadcasts.release_offers import ReleaseOfferPosts
from bot.services.broadcasts.signals import BroadcastSignals
from bot.services.kernel.actor import Actor, Role
from bot.services.kernel.backing import Backing
from bot.services.kernel.clock import utc_now
from bot.services.kernel.live_knowledge import LiveKnowledge
from bot.services.kernel.officials import Officials
from bot.services.knowledge.drafts import ContentDrafts
from bot.services.knowledge.releases import ContentReleases
from storage.uow import UnitOfWorkFactory
from tests.release_content import changed_document


def posts(uow_factory: UnitOfWorkFactory, knowledge: LiveKnowledge) -> ReleaseOfferPosts:
    """One instance's poster (each its own services over the shared database)."""
    backing = Backing(uow_factory, knowledge, utc_now)
    broadcasts = BroadcastService(backing, Officials(()), NoComposer(), BroadcastSignals())
    return ReleaseOfferPosts(backing, broadcasts)


async def offer_rows(uow_factory: UnitOfWorkFactory) -> list[str]:
    """What the audit log says of each offer posted."""
    async with uow_factory() as uow:
        entries = await uow.audit.recent()
    return [entry.detail or "" for entry in entries if entry.action == "broadcast_offer_posted"]


async def test_a_published_release_is_claimed_by_exactly_one_instance(
    uow_factory: UnitOfWorkFactory, releases: ContentReleases, knowledge: LiveKnowledge
) -> None:
    one, other = posts(uow_factory, knowledge), posts(uow_factory, knowledge)
    assert await one.claim() is None  # the shipped content, stored at the start: no offer

    published = await releases.publish(Actor.system(), changed_document())
    release_id = published.release.id
    claims = await asyncio.gather(one.claim(), other.claim())
    won = [claim for claim in claims if claim is not None]
    assert len(won) == 1
    assert won[0].release_id == release_id
    assert won[0].offers.reports  # the reports no broadcast carried yet

    await one.give_back(release_id)  # the group could not be reached
    again = await other.claim()
    assert again is not None
    await other.posted(release_id, 77, again.offers)
    assert await one.claim() is None
    assert await other.claim() is None
    (told,) = await offer_rows(uow_factory)
    assert f"release {release_id}:" in told
    assert "(group message 77)" in told

    await releases.rollback(Actor.system())  # release 1 live again: nothing new to offer
    assert await one.claim() is None


async def test_a_dashboard_approval_is_offered_too(
    uow_factory: UnitOfWorkFactory, releases: ContentReleases, knowledge: LiveKnowledge
) -> None:
    drafts = ContentDrafts(uow_factory, Officials(()), releases, knowledge)
    editor = Actor.staff(11, "Biên tập Lan", Role.CONTENT_EDITOR)
    draft = await drafts.start(editor, None)
    await drafts.save(editor, draft.id, 1, changed_document(draft.document), "3.498")
    await drafts.approve(Actor.staff(21, "Duyệt Minh", Role.APPROVER), draft.id, 2)
    claimed = await posts(uow_factory, knowledge).claim()
    assert claimed is not None
    assert claimed.release_id == draft.id
