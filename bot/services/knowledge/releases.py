"""Content releases: publish checked content as the new live release, roll back, list, serve.

The database holds every published version of the content (content/release_document.py: the
files of content/data as one JSON document); exactly one is live. Every instance serves the live
release: `refresh` looks at its id (one indexed row) and, when it changed, builds the new
knowledge base and index on a worker thread and swaps it whole into `LiveKnowledge`, so an
answer comes wholly from one release. The bot calls `refresh` every few seconds
(bot/content_refresh.py), and at once after its own publish or rollback.

A refused publish or rollback (`REFUSALS_AUDITED`) is audited, `content_release_refused` naming
who and why, in a unit of work of its own after the refused one rolled back: an official on the
dashboard, or the operator at the shell (`danbiet content publish|rollback`, a system actor named
by `--by`).
"""

from __future__ import annotations

import asyncio
import logging
from dataclasses import dataclass
from pathlib import Path

from bot.domain.content_releases import NewRelease, ReleaseSummary
from bot.domain.errors import (
    ContentRejected,
    NoEarlierRelease,
    PermissionDenied,
    ReleaseChanged,
    ReleaseNotConfirmed,
)
from bot.domain.statuses import ReleaseState
from bot.services.kernel.actor import Actor
from bot.services.kernel.audit import AuditNote, audit_entry, audit_refusal
from bot.services.kernel.clock import Clock, utc_now
from bot.services.kernel.live_knowledge import LiveKnowledge
from bot.services.kernel.officials import Officials, Permission
from content import release_document
from content.loader import DEFAULT_CONTENT_DIR
from content.release_document import Document
from storage.uow import UnitOfWork, UnitOfWorkFactory

logger = logging.getLogger(__name__)

SHIPPED_NOTE = "the content shipped with danbiet (content/data)"
# The refusals of a publish or a rollback the audit log records, as a refused approval's
# (knowledge/drafts.py): a role without the permission, content that fails `content check`,
# nothing to roll back to, and a rollback of a release other than the one the official confirmed
# (ReleaseNotConfirmed). Not recorded: the live release moving between a step's look and its write
# (ReleaseChanged: another publish or rollback won the race, and is itself audited).
REFUSALS_AUDITED = (PermissionDenied, ContentRejected, NoEarlierRelease, ReleaseNotConfirmed)


@dataclass(frozen=True, slots=True)
class Published:
    release: ReleaseSummary
    changed: bool  # False: the content was already live, nothing was stored


class ContentReleases:
    def __init__(
        self,
        uow: UnitOfWorkFactory,
        knowledge: LiveKnowledge,
        officials: Officials,
        content_dir: Path | None = None,
        clock: Clock = utc_now,
    ) -> None:
        self._uow = uow
        self._knowledge = knowledge
        self._officials = officials
        self._content_dir = content_dir or DEFAULT_CONTENT_DIR
        self._clock = clock
        # One refresh at a time: two builds finishing out of order must not swap an old one in.
        self._refreshing = asyncio.Lock()

    async def start(self) -> ReleaseSummary:
        """Serve the live release; on the first start (no release yet) the shipped content
        becomes release 1, live, so a new installation has nothing to set up. Cheap when the
        live release is the content this instance loaded: one look, no rebuild."""
        async with self._uow() as uow:
            live = await uow.content_releases.live()
            if live is None:
                live = await self._store_shipped(uow)
        current = self._knowledge.current
        if current.checksum == live.checksum:
            self._knowledge.swap(current.stamped(live.id, live.checksum))
        else:
            await self._serve_live()
        return live

    async def _store_shipped(self, uow: UnitOfWork) -> ReleaseSummary:
        document = self._knowledge.source
        if document is None:  # a knowledge base built without its files' data: read them
            read = release_document.read_directory
            document = (await asyncio.to_thread(read, self._content_dir))[1]
        checksum = release_document.checksum(document)
        now = self._clock()
        release_id = await uow.content_releases.add(
            NewRelease(
                ReleaseState.LIVE,
                release_document.to_json(document),
                checksum,
                created_at=now,
                created_by="system",
                published_at=now,
                published_by="system",
                note=SHIPPED_NOTE,
                replaces_id=None,
            )
        )
        # None: another instance starting at the same moment stored its own first.
        if release_id is not None:
            detail = f"release {release_id} (shipped content, {checksum[:12]})"
            await uow.audit.add(
                audit_entry(
                    Actor.system(), "system", "content_published", now, AuditNote(detail=detail)
                )
            )
        await uow.commit()
        if release_id is not None:
            logger.info("the shipped content is stored as release %d, live", release_id)
        live = await uow.content_releases.live()
        if live is None:  # pragma: no cover - the insert or the other instance's stored one
            raise ReleaseChanged("no live release after storing the shipped content")
        return live

    async def publish(self, actor: Actor, document: Document, note: str | None = None) -> Published:
        """Check `document` as `danbiet content check` would, store it and make it live.
        Content equal to the live release's is not stored again (changed=False). A refusal is
        audited (`REFUSALS_AUDITED`)."""
        try:
            return await self._publish(actor, document, note)
        except REFUSALS_AUDITED as refusal:
            await self.refused(actor, "publish", refusal)
            raise

    async def _publish(self, actor: Actor, document: Document, note: str | None) -> Published:
        official = await self._officials.require(actor, Permission.PUBLISH_CONTENT)
        problems = await asyncio.to_thread(release_document.check_document, document)
        if problems:
            raise ContentRejected([str(problem) for problem in problems])
        checksum = release_document.checksum(document)
        label = actor.name or official.label
        now = self._clock()
        async with self._uow() as uow:
            releases = uow.content_releases
            live = await releases.live()
            if live is not None and live.checksum == checksum:
                return Published(live, changed=False)
            if live is not None and not await releases.move(
                live.id, ReleaseState.LIVE, ReleaseState.RETIRED
            ):
                raise ReleaseChanged(f"release {live.id} is no longer live")
            release_id = await releases.add(
                NewRelease(
                    ReleaseState.LIVE,
                    release_document.to_json(document),
                    checksum,
                    created_at=now,
                    created_by=label,
                    published_at=now,
                    published_by=label,
                    note=note,
                    replaces_id=None if live is None else live.id,
                )
            )
            if release_id is None:
                raise ReleaseChanged("another release became live meanwhile")
            if live is not None:  # the group hears what it leaves to broadcast (once)
                await uow.release_offers.add(release_id, now)
            replaced = "" if live is None else f", replaces release {live.id}"
            await uow.audit.add(
                audit_entry(
                    actor,
                    label,
                    "content_published",
                    now,
                    AuditNote(
                        to_status=ReleaseState.LIVE,
                        detail=f"release {release_id} ({checksum[:12]}){replaced}",
                    ),
                )
            )
            await uow.commit()
            published = await releases.summary(release_id)
        if published is None:  # pragma: no cover - just committed
            raise ReleaseChanged(f"release {release_id} vanished")
        await self.refresh()
        return Published(published, changed=True)

    async def rollback(self, actor: Actor, live_id: int | None = None) -> ReleaseSummary:
        """Make live again the release the live one replaced; the live one is retired. With
        `live_id` (what the official confirmed), refused if another release is live by now. A
        refusal is audited (`REFUSALS_AUDITED`)."""
        try:
            return await self._rollback(actor, live_id)
        except REFUSALS_AUDITED as refusal:
            await self.refused(actor, "rollback", refusal)
            raise

    async def _rollback(self, actor: Actor, live_id: int | None) -> ReleaseSummary:
        official = await self._officials.require(actor, Permission.PUBLISH_CONTENT)
        label = actor.name or official.label
        now = self._clock()
        async with self._uow() as uow:
            releases = uow.content_releases
            live = await releases.live()
            if live is not None and live_id is not None and live.id != live_id:
                raise ReleaseNotConfirmed(f"release {live.id} is live, not {live_id}")
            if live is None or live.replaces_id is None:
                raise NoEarlierRelease("no release before the live one")
            # Retire first: the database allows one live release at any moment.
            moved = await releases.move(live.id, ReleaseState.LIVE, ReleaseState.RETIRED)
            if not moved or not await releases.move(
                live.replaces_id, ReleaseState.RETIRED, ReleaseState.LIVE
            ):
                raise ReleaseChanged(f"release {live.id} or {live.replaces_id} moved meanwhile")
            await uow.audit.add(
                audit_entry(
                    actor,
                    label,
                    "content_rolled_back",
                    now,
                    AuditNote(
                        to_status=ReleaseState.LIVE,
                        detail=f"release {live.replaces_id} live again, release {live.id} retired",
                    ),
                )
            )
            await uow.commit()
            restored = await releases.summary(live.replaces_id)
        if restored is None:  # pragma: no cover - just committed
            raise ReleaseChanged(f"release {live.replaces_id} vanished")
        await self.refresh()
        return restored

    async def refused(self, actor: Actor, step: str, refusal: Exception) -> None:
        """Audit a refused `step` ("publish", "rollback") in a unit of work of its own (the
        step's own, if it had begun, was rolled back with nothing changed); also for content the
        command line refused before it reached `publish` (`kernel/audit.audit_refusal`)."""
        refused = ("content_release_refused", f"{step}: {refusal}")
        await audit_refusal(self._uow, self._officials, actor, refused, self._clock())

    async def releases(self, limit: int = 50) -> list[ReleaseSummary]:
        """The releases, newest first, without their content."""
        async with self._uow() as uow:
            return await uow.content_releases.recent(limit)

    async def live(self) -> tuple[ReleaseSummary, Document] | None:
        """The live release and its content (None before the first start stored one)."""
        async with self._uow() as uow:
            live_id = await uow.content_releases.live_id()
            record = None if live_id is None else await uow.content_releases.get(live_id)
        if record is None:
            return None
        return record.summary, release_document.from_json(record.document)

    async def refresh(self) -> bool:
        """Serve the live release if it is not the one served; True if it switched."""
        async with self._uow() as uow:
            live_id = await uow.content_releases.live_id()
        if live_id is None or live_id == self._knowledge.current.release_id:
            return False  # the look every few seconds: one indexed row, nothing more
        return await self._serve_live()

    async def _serve_live(self) -> bool:
        async with self._refreshing:
            async with self._uow() as uow:
                live = await uow.content_releases.live()
                current = self._knowledge.current
                if live is None or current.release_id == live.id:
                    return False
                if current.checksum == live.checksum:
                    # The same content (the files this instance started with): no rebuild.
                    self._knowledge.swap(current.stamped(live.id, live.checksum))
                    return True
                record = await uow.content_releases.get(live.id)
            if record is None:  # pragma: no cover - releases are never deleted
                return False
            document = release_document.from_json(record.document)
            snapshot = await self._knowledge.build(document, live.id, live.checksum)
            self._knowledge.swap(snapshot)
            logger.info("serving content release %d", live.id)
            return True
