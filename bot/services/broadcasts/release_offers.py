"""The officials' group is told, once, what a published release leaves to broadcast: the
reports no broadcast carried yet, with how many subscribers each would reach, and the
corrections of figures it changed, with how many residents received the old value.

A publish (CLI, dashboard approval) writes the release's offer row in its own transaction (the
outbox, `repositories/release_offers.py`). Every bot instance looks after each content refresh:
the instance serving the new release that wins the claim posts the message (handlers/
release_offers.py) and marks it posted, audited in that transaction; when the group cannot be
reached the claim is given back for the next look. A poster that stopped between its claim and
"posted" leaves the row to be claimed again after `STALE_CLAIM` (at least once, as the outboxes).
What the offer lists is `BroadcastService.offers`, the dashboard's, with the reports narrowed to
those the release brought: added, or changed (the report itself or a figure sourced from it)
since the release it replaced (past any whose offer a newer one superseded before the group
heard of it: what that release brought comes with this one); an official who published report
X reads an offer of X. A release that replaced none (or one that cannot be read) is compared
with nothing: every report not broadcast yet, as the dashboard lists them. The buttons under it
prepare drafts through the same service, which checks the pressing official's permission.
"""

from __future__ import annotations

import asyncio
import datetime as dt
from dataclasses import dataclass

from bot.services.broadcasts.lifecycle import BroadcastService
from bot.services.broadcasts.model import Offers
from bot.services.kernel.actor import Actor
from bot.services.kernel.audit import AuditNote, audit_entry
from bot.services.kernel.backing import Backing
from content import release_document
from content.knowledge import KnowledgeBase
from content.schema import Observation, Report

STALE_CLAIM = dt.timedelta(minutes=10)


@dataclass(frozen=True, slots=True)
class ReleaseOffer:
    """What to tell the group of one release, claimed for this caller to post."""

    release_id: int
    offers: Offers


class ReleaseOfferPosts:
    def __init__(self, backing: Backing, broadcasts: BroadcastService) -> None:
        self._uow = backing.uow
        self._knowledge = backing.knowledge
        self._clock = backing.clock
        self._broadcasts = broadcasts

    async def claim(self) -> ReleaseOffer | None:
        """The served release's offer if it waits to be posted and this caller won it; None
        when there is nothing to post (claimed elsewhere, posted, or nothing left to send)."""
        release_id = self._knowledge.current.release_id
        if release_id is None:
            return None
        now = self._clock()
        async with self._uow() as uow:
            won = await uow.release_offers.claim(release_id, now, now - STALE_CLAIM)
            await uow.commit()
        if not won:
            return None
        brought = await self._brought(release_id)
        offers = await self._broadcasts.offers(Actor.system(), brought)
        if not offers.reports and not offers.corrections:
            await self.posted(release_id, None, offers)
            return None
        return ReleaseOffer(release_id, offers)

    async def _brought(self, release_id: int) -> frozenset[str] | None:
        """The keys of the reports `release_id` added or changed since the release it replaced
        (or, when that one's offer was superseded unposted, since the last the group could
        have heard of); None when there is nothing to compare it with."""
        async with self._uow() as uow:
            release = await uow.content_releases.get(release_id)
            previous = None
            replaced = None if release is None else release.summary.replaces_id
            while replaced is not None:  # each replaced release is older: the chain ends
                previous = await uow.content_releases.get(replaced)
                if previous is None or not await uow.release_offers.superseded(replaced):
                    break
                replaced = previous.summary.replaces_id
        if release is None or previous is None:
            return None
        try:  # two documents parsed: off the event loop
            before, after = await asyncio.to_thread(
                lambda: (_knowledge(previous.document), _knowledge(release.document))
            )
        except ValueError:
            return None
        return reports_brought(before, after)

    async def posted(self, release_id: int, message_id: int | None, offers: Offers) -> None:
        """The group was told (message_id None: there was nothing to tell)."""
        async with self._uow() as uow:
            await uow.release_offers.posted(release_id, message_id)
            told = (
                f"release {release_id}: {len(offers.reports)} reports and "
                f"{len(offers.corrections)} corrections offered"
                + ("" if message_id is None else f" (group message {message_id})")
            )
            await uow.audit.add(
                audit_entry(
                    Actor.system(),
                    "system",
                    "broadcast_offer_posted",
                    self._clock(),
                    AuditNote(detail=told),
                )
            )
            await uow.commit()

    async def give_back(self, release_id: int) -> None:
        """The group could not be reached: the next look claims it again."""
        async with self._uow() as uow:
            await uow.release_offers.give_back(release_id)
            await uow.commit()


def reports_brought(before: KnowledgeBase, after: KnowledgeBase) -> frozenset[str]:
    """The reports of `after` that `before` lacks or words otherwise: the report's own fields,
    or a figure any indicator sources from it (what its broadcast would say)."""
    return frozenset(
        key
        for key, report in after.reports.items()
        if _as_told(before, before.reports.get(key)) != _as_told(after, report)
    )


def _as_told(
    kb: KnowledgeBase, report: Report | None
) -> tuple[Report, list[tuple[str, Observation]]] | None:
    if report is None:
        return None
    figures = [
        (indicator.key, observation)
        for indicator in kb.indicators.values()
        for observation in indicator.observations
        if observation.source.report == report.key
    ]
    return report, sorted(figures, key=lambda item: (item[0], item[1].as_of, item[1].period_key))


def _knowledge(document: str) -> KnowledgeBase:
    return release_document.knowledge_base(release_document.from_json(document))
