"""Draft content releases: officials edit a copy of the live content, a second official approves.

A draft starts as a copy of the live release's document and is saved whole, each save naming the
version it edited (optimistic concurrency: two editors saving one draft, the second is told,
`DraftChanged`, and nothing is overwritten). A draft may be saved incomplete; its problems are
the rules of `danbiet content check`, located at file, entity and field. Four eyes: the draft
goes live only when an approver who never saved it approves exactly the version they reviewed
(the diff against the live release), with no problem left. Every step is audited in the same
transaction as the step; a refused approval in a unit of work of its own (`REFUSALS_AUDITED`).
"""

from __future__ import annotations

from bot.domain.content_drafts import (
    DraftRecord,
    DraftReview,
    DraftSummary,
    DraftView,
    ReleaseDiff,
    ReleaseListing,
)
from bot.domain.content_releases import ReleaseSummary
from bot.domain.errors import (
    DraftChanged,
    DraftHasProblems,
    DraftNotFound,
    DraftNotReady,
    DraftUnchanged,
    OwnDraft,
    PermissionDenied,
    ReleaseChanged,
    ReleaseNotDraft,
    ReleaseNotFound,
)
from bot.domain.statuses import ReleaseState
from bot.services.kernel.actor import Actor
from bot.services.kernel.audit import AuditNote, audit_entry, audit_refusal
from bot.services.kernel.clock import Clock, utc_now
from bot.services.kernel.live_knowledge import LiveKnowledge
from bot.services.kernel.officials import Officials, Permission
from bot.services.knowledge.drafts_diff import entity_changes, figure_changes
from bot.services.knowledge.drafts_faq import with_faq
from bot.services.knowledge.drafts_steps import (
    ProblemChecks,
    Step,
    check_draft,
    existing,
    identity,
    label_of,
    problems_of,
    refuse_change,
    start_draft,
    store_draft,
)
from bot.services.knowledge.faq_drafts import draft_problems, faq_entry
from bot.services.knowledge.releases import ContentReleases, Published
from content import release_document
from content.release_document import Document
from storage.uow import UnitOfWorkFactory

# How many releases and drafts a listing shows (the newest); drafts are working copies, few.
LISTED = 50
# The refusals of an approval the audit log records: an official's attempt to publish that was
# refused is as much the log's business as a publish. A role without the permission (a forged
# form, a page left open after a change of role); four eyes (the approver edited it); a duplicate
# of the live release; a draft with problems; a version other than the one the approver reviewed
# (someone saved since: the log shows an approval of what they read was asked and refused, the
# question when a release is disputed) and a release no draft any more (a second press, a page
# left open after a discard). Not recorded: an unknown release (nothing to name: a forged
# address, answered as any unknown one), and the live release moving between the approval's
# checks and its write (ReleaseChanged: another publish or rollback won the race, and is
# itself audited).
REFUSALS_AUDITED = (
    PermissionDenied,
    OwnDraft,
    DraftUnchanged,
    DraftHasProblems,
    DraftChanged,
    ReleaseNotDraft,
)


class ContentDrafts:
    def __init__(
        self,
        uow: UnitOfWorkFactory,
        officials: Officials,
        releases: ContentReleases,
        knowledge: LiveKnowledge,
        clock: Clock = utc_now,
    ) -> None:
        self._uow = uow
        # Pages and saves reuse a document's check; approval always runs its own (problems_of).
        # bench/editor_save.py swaps in ProblemChecks(0) for its baseline.
        self.checks = ProblemChecks()
        self._officials = officials
        self._releases = releases  # to serve the approved draft at once on this instance
        self._knowledge = knowledge  # what a FAQ draft is checked against
        self._clock = clock

    async def start(self, actor: Actor, note: str | None = None) -> DraftView:
        """A new draft: a copy of the live release's document."""
        official = await self._officials.require(actor, Permission.EDIT_CONTENT)
        label = label_of(actor, official)
        async with self._uow() as uow:
            draft_id = await start_draft(uow, Step(actor, label, self._clock()), note)
            await uow.commit()
            record = await uow.content_releases.draft(draft_id)
        return await self._view(existing(record, draft_id))

    async def add_faq(self, actor: Actor, faq_draft_id: int) -> DraftView:
        """A complete FAQ draft becomes a FAQ entry of the newest open draft release (one is
        started from the live release if none is open); the FAQ draft is done with."""
        official = await self._officials.require(actor, Permission.EDIT_CONTENT)
        step = Step(actor, label_of(actor, official), self._clock())
        async with self._uow() as uow:
            faq = await uow.faq_drafts.get(faq_draft_id, for_update=True)
            if faq is None:
                raise DraftNotFound(faq_draft_id)
            keys = await uow.faq_drafts.faq_keys()
            others = {key for other, key in keys.items() if other != faq_draft_id}
            problems = draft_problems(faq.content, self._knowledge.current.kb, others)
            if problems:
                raise DraftNotReady(problems)
            (newest,) = await uow.content_releases.recent(1, (ReleaseState.DRAFT,)) or (None,)
            draft_id = newest.id if newest else await start_draft(uow, step, None)
            record = existing(await uow.content_releases.draft(draft_id), draft_id)
            entry = faq_entry(faq.content)
            document = with_faq(release_document.from_json(record.document), entry)
            change = f"FAQ {entry['key']} from FAQ draft {faq_draft_id}"
            await store_draft(uow, step, record, document, change)
            await uow.faq_drafts.remove(faq_draft_id)
            await uow.commit()
            saved = await uow.content_releases.draft(draft_id)
        return await self._view(existing(saved, draft_id))

    async def get(self, actor: Actor, draft_id: int) -> DraftView:
        """A release (a draft, or a published one: read only) with its problems and editors."""
        await self._officials.require(actor, Permission.VIEW_CONTENT)
        async with self._uow() as uow:
            record = await uow.content_releases.draft(draft_id)
        return await self._view(existing(record, draft_id))

    async def save(
        self,
        actor: Actor,
        draft_id: int,
        expected_version: int,
        document: Document,
        change: str,
    ) -> DraftView:
        """Replace the draft's document (stored even with problems: a draft may be incomplete).
        Raises DraftChanged if someone saved since `expected_version`, ReleaseNotDraft for a
        published release."""
        official = await self._officials.require(actor, Permission.EDIT_CONTENT)
        step = Step(actor, label_of(actor, official), self._clock())
        async with self._uow() as uow:
            record = existing(await uow.content_releases.draft(draft_id), draft_id)
            check_draft(record, expected_version)
            await store_draft(uow, step, record, document, change)
            await uow.commit()
            saved = await uow.content_releases.draft(draft_id)
        return await self._view(existing(saved, draft_id))

    async def diff(self, actor: Actor, draft_id: int) -> ReleaseDiff:
        """What approving the draft changes against the live release, figure by figure."""
        await self._officials.require(actor, Permission.VIEW_CONTENT)
        return (await self._compared(draft_id))[1]

    async def review(self, actor: Actor, draft_id: int) -> DraftReview:
        """The draft, its diff, and whether `actor` edited it (four eyes: then not theirs to
        approve)."""
        await self._officials.require(actor, Permission.VIEW_CONTENT)
        record, diff = await self._compared(draft_id)
        edited = identity(actor) in {editor.identity for editor in record.editors}
        return DraftReview(await self._view(record), diff, edited)

    async def listing(self, actor: Actor) -> ReleaseListing:
        """The live release with what `content check` says of it today, the published releases
        and the open drafts with their editors and how many problems each has."""
        await self._officials.require(actor, Permission.VIEW_CONTENT)
        async with self._uow() as uow:
            releases = uow.content_releases
            live_id = await releases.live_id()
            live = None if live_id is None else await releases.get(live_id)
            published = await releases.recent(LISTED, (ReleaseState.LIVE, ReleaseState.RETIRED))
            open_drafts = [
                record
                for summary in await releases.recent(LISTED, (ReleaseState.DRAFT,))
                if (record := await releases.draft(summary.id)) is not None
            ]
        live_problems = (
            () if live is None else await self.checks.of(release_document.from_json(live.document))
        )
        drafts = [
            DraftSummary(
                record.summary,
                record.version,
                tuple(editor.name for editor in record.editors),
                len(await self.checks.of(release_document.from_json(record.document))),
            )
            for record in open_drafts
        ]
        return ReleaseListing(
            None if live is None else live.summary, live_problems, tuple(published), tuple(drafts)
        )

    async def _compared(self, draft_id: int) -> tuple[DraftRecord, ReleaseDiff]:
        async with self._uow() as uow:
            releases = uow.content_releases
            record = existing(await releases.draft(draft_id), draft_id)
            live_id = await releases.live_id()
            live = None if live_id is None else await releases.get(live_id)
        old: Document = {} if live is None else release_document.from_json(live.document)
        new = release_document.from_json(record.document)
        diff = ReleaseDiff(
            draft_id=draft_id,
            live_id=live_id,
            entities=entity_changes(old, new),
            figures=figure_changes(old, new),
            unchanged=live is not None and _same(old, new),
        )
        return record, diff

    async def approve(self, actor: Actor, draft_id: int, expected_version: int) -> Published:
        """Publish the draft at `expected_version` (the one the approver reviewed): refused to
        an official without the permission, to anyone who saved it (OwnDraft), when it is the
        live release as it is (DraftUnchanged: a duplicate release), while it has problems,
        when it changed since, or once it is no draft any more. Those refusals are audited
        (`REFUSALS_AUDITED`)."""
        try:
            return await self._approve(actor, draft_id, expected_version)
        except REFUSALS_AUDITED as refusal:
            refused = ("content_draft_refused", f"draft {draft_id}: {refusal}")
            await audit_refusal(self._uow, self._officials, actor, refused, self._clock())
            raise

    async def _approve(self, actor: Actor, draft_id: int, expected_version: int) -> Published:
        official = await self._officials.require(actor, Permission.APPROVE_CONTENT)
        label = label_of(actor, official)
        async with self._uow() as uow:
            record = existing(await uow.content_releases.draft(draft_id), draft_id)
            live_id = await uow.content_releases.live_id()
            current = None if live_id is None else await uow.content_releases.get(live_id)
        check_draft(record, expected_version)
        if identity(actor) in {editor.identity for editor in record.editors}:
            raise OwnDraft(f"four eyes: {label} edited it")
        if current is not None and _same(
            release_document.from_json(current.document),
            release_document.from_json(record.document),
        ):
            raise DraftUnchanged(current.id)
        problems = await problems_of(release_document.from_json(record.document))
        if problems:
            raise DraftHasProblems(len(problems))
        now = self._clock()
        async with self._uow() as uow:
            releases = uow.content_releases
            live = await releases.live()
            if live is not None and not await releases.move(
                live.id, ReleaseState.LIVE, ReleaseState.RETIRED
            ):
                raise ReleaseChanged(f"release {live.id} is no longer live")
            replaces = None if live is None else live.id
            if not await releases.publish_draft(
                draft_id, expected_version, at=now, by=label, replaces_id=replaces
            ):
                await refuse_change(uow, draft_id, expected_version)
            if live is not None:  # the group hears what it leaves to broadcast (once)
                await uow.release_offers.add(draft_id, now)
            editors = ", ".join(editor.name for editor in record.editors) or "-"
            replaced = "" if live is None else f", replaces release {live.id}"
            await uow.audit.add(
                audit_entry(
                    actor,
                    label,
                    "content_draft_approved",
                    now,
                    AuditNote(
                        to_status=ReleaseState.LIVE,
                        detail=(
                            f"draft {draft_id} version {expected_version} "
                            f"({record.summary.checksum[:12]}) live{replaced}; edited by {editors}"
                        ),
                    ),
                )
            )
            await uow.commit()
            published = await releases.summary(draft_id)
        if published is None:  # pragma: no cover - just committed
            raise ReleaseChanged(f"release {draft_id} vanished")
        await self._releases.refresh()
        return Published(published, changed=True)

    async def discard(self, actor: Actor, draft_id: int) -> ReleaseSummary:
        """Give a draft up: kept for history, never served, no longer listed as a draft."""
        official = await self._officials.require(actor, Permission.EDIT_CONTENT)
        label = label_of(actor, official)
        now = self._clock()
        async with self._uow() as uow:
            releases = uow.content_releases
            record = existing(await releases.draft(draft_id), draft_id)
            if not await releases.move(draft_id, ReleaseState.DRAFT, ReleaseState.DISCARDED):
                raise ReleaseNotDraft(f"release {draft_id} is {record.summary.state.value}")
            await uow.audit.add(
                audit_entry(
                    actor,
                    label,
                    "content_draft_discarded",
                    now,
                    AuditNote(to_status=ReleaseState.DISCARDED, detail=f"draft {draft_id}"),
                )
            )
            await uow.commit()
            discarded = await releases.summary(draft_id)
        if discarded is None:  # pragma: no cover - just committed
            raise ReleaseNotFound(draft_id)
        return discarded

    async def drafts(self, actor: Actor) -> list[ReleaseSummary]:
        """The open drafts, newest first."""
        await self._officials.require(actor, Permission.VIEW_CONTENT)
        async with self._uow() as uow:
            return await uow.content_releases.recent(LISTED, (ReleaseState.DRAFT,))

    async def _view(self, record: DraftRecord) -> DraftView:
        document = release_document.from_json(record.document)
        return DraftView(
            summary=record.summary,
            document=document,
            version=record.version,
            editors=tuple(editor.name for editor in record.editors),
            problems=await self.checks.of(document),
        )


def _same(old: Document, new: Document) -> bool:
    """Whether two documents are one content (a draft saved back to what is live is)."""
    return release_document.checksum(old) == release_document.checksum(new)
