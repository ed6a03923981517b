"""Draft content releases: officials edit a copy of the live content, a second official approves.

A draft starts as a copy of the live release's document and is saved whole, each save naming the
version it edited (optimistic concurrency: two editors saving one draft, the second is told,
`DraftChanged`, and nothing is overwritten). A draft may be saved incomplete; its problems are
the rules of `danbiet content check`, located at file, entity and field. Four eyes: the draft
goes live only when an approver who never saved it approves exactly the version they reviewed
(the diff against the live release), with no problem left. Every step is audited in the same
transaction as the step.
"""

from __future__ import annotations

import asyncio

from bot.domain.content_drafts import (
    DraftEditor,
    DraftProblem,
    DraftRecord,
    DraftView,
    ReleaseDiff,
)
from bot.domain.content_releases import NewRelease, ReleaseSummary
from bot.domain.errors import (
    DraftChanged,
    DraftHasProblems,
    NoEarlierRelease,
    OwnDraft,
    ReleaseChanged,
    ReleaseNotDraft,
    ReleaseNotFound,
)
from bot.domain.statuses import ReleaseState
from bot.services.kernel.actor import Actor, ActorKind
from bot.services.kernel.audit import AuditNote, audit_entry
from bot.services.kernel.clock import Clock, utc_now
from bot.services.kernel.officials import Official, Officials, Permission
from bot.services.knowledge.drafts_diff import entity_changes, figure_changes, located
from bot.services.knowledge.releases import ContentReleases, Published
from content import release_document
from content.release_document import Document
from storage.uow import UnitOfWork, UnitOfWorkFactory

# How many drafts a listing shows (the newest); a draft is a working copy, there are few.
DRAFT_LIMIT = 50


def identity(actor: Actor) -> str:
    """Who the actor is for the four-eyes rule: the dashboard account, else the Telegram user."""
    if actor.kind is ActorKind.STAFF and actor.account_id is not None:
        return f"account:{actor.account_id}"
    if actor.user_id is not None:
        return f"telegram:{actor.user_id}"
    return f"{actor.kind.value}:{actor.name or ''}"[:64]


class ContentDrafts:
    def __init__(
        self,
        uow: UnitOfWorkFactory,
        officials: Officials,
        releases: ContentReleases,
        clock: Clock = utc_now,
    ) -> None:
        self._uow = uow
        self._officials = officials
        self._releases = releases  # to serve the approved draft at once on this instance
        self._clock = clock

    async def start(self, actor: Actor, note: str | None = None) -> DraftView:
        """A new draft: a copy of the live release's document."""
        official = await self._officials.require(actor, Permission.EDIT_CONTENT)
        label = _label(actor, official)
        now = self._clock()
        async with self._uow() as uow:
            releases = uow.content_releases
            live_id = await releases.live_id()
            live = None if live_id is None else await releases.get(live_id)
            if live is None:
                raise NoEarlierRelease("no live release to start a draft from")
            cleaned = (note or "").strip()[:500] or None
            draft_id = await releases.add(
                NewRelease(
                    ReleaseState.DRAFT,
                    live.document,
                    live.summary.checksum,
                    created_at=now,
                    created_by=label,
                    published_at=None,
                    published_by=None,
                    note=cleaned,
                    replaces_id=None,
                )
            )
            if draft_id is None:  # pragma: no cover - drafts are not unique
                raise ReleaseChanged("the draft was not stored")
            await uow.audit.add(
                audit_entry(
                    actor,
                    label,
                    "content_draft_started",
                    now,
                    AuditNote(
                        to_status=ReleaseState.DRAFT,
                        detail=f"draft {draft_id} from release {live.id}",
                    ),
                )
            )
            await uow.commit()
            record = await releases.draft(draft_id)
        return await self._view(_existing(record, draft_id))

    async def get(self, actor: Actor, draft_id: int) -> DraftView:
        """A release (a draft, or a published one: read only) with its problems and editors."""
        await self._officials.require(actor, Permission.VIEW_CONTENT)
        async with self._uow() as uow:
            record = await uow.content_releases.draft(draft_id)
        return await self._view(_existing(record, draft_id))

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
        label = _label(actor, official)
        text = release_document.to_json(_normalised(document))
        checksum = release_document.checksum(release_document.from_json(text))
        now = self._clock()
        async with self._uow() as uow:
            releases = uow.content_releases
            if not await releases.save_draft(draft_id, expected_version, text, checksum):
                await _refuse_change(uow, draft_id, expected_version)
            await releases.add_editor(draft_id, DraftEditor(identity(actor), label, now))
            summary = (change or "").strip().replace("\n", " ")[:300] or "-"
            await uow.audit.add(
                audit_entry(
                    actor,
                    label,
                    "content_draft_saved",
                    now,
                    AuditNote(
                        to_status=ReleaseState.DRAFT,
                        detail=f"draft {draft_id} version {expected_version + 1}: {summary}",
                    ),
                )
            )
            await uow.commit()
            record = await releases.draft(draft_id)
        return await self._view(_existing(record, draft_id))

    async def diff(self, actor: Actor, draft_id: int) -> ReleaseDiff:
        """What approving the draft changes against the live release, figure by figure."""
        await self._officials.require(actor, Permission.VIEW_CONTENT)
        async with self._uow() as uow:
            releases = uow.content_releases
            record = _existing(await releases.draft(draft_id), draft_id)
            live_id = await releases.live_id()
            live = None if live_id is None else await releases.get(live_id)
        old: Document = {} if live is None else release_document.from_json(live.document)
        new = release_document.from_json(record.document)
        return ReleaseDiff(
            draft_id=draft_id,
            live_id=live_id,
            entities=entity_changes(old, new),
            figures=figure_changes(old, new),
        )

    async def approve(self, actor: Actor, draft_id: int, expected_version: int) -> Published:
        """Publish the draft at `expected_version` (the one the approver reviewed): refused to
        anyone who saved it (OwnDraft), while it has problems, or when it changed since."""
        official = await self._officials.require(actor, Permission.APPROVE_CONTENT)
        label = _label(actor, official)
        async with self._uow() as uow:
            record = _existing(await uow.content_releases.draft(draft_id), draft_id)
        _check_draft(record, expected_version)
        if identity(actor) in {editor.identity for editor in record.editors}:
            raise OwnDraft(f"{label} edited draft {draft_id}")
        problems = await _problems(release_document.from_json(record.document))
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
                await _refuse_change(uow, draft_id, expected_version)
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
        label = _label(actor, official)
        now = self._clock()
        async with self._uow() as uow:
            releases = uow.content_releases
            record = _existing(await releases.draft(draft_id), draft_id)
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
            return await uow.content_releases.recent(DRAFT_LIMIT, (ReleaseState.DRAFT,))

    async def _view(self, record: DraftRecord) -> DraftView:
        document = release_document.from_json(record.document)
        return DraftView(
            summary=record.summary,
            document=document,
            version=record.version,
            editors=tuple(editor.name for editor in record.editors),
            problems=await _problems(document),
        )


def _label(actor: Actor, official: Official) -> str:
    return actor.name or official.label


def _existing(record: DraftRecord | None, draft_id: int) -> DraftRecord:
    if record is None:
        raise ReleaseNotFound(draft_id)
    return record


def _check_draft(record: DraftRecord, expected_version: int) -> None:
    if record.summary.state is not ReleaseState.DRAFT:
        raise ReleaseNotDraft(f"release {record.id} is {record.summary.state.value}")
    if record.version != expected_version:
        raise DraftChanged(record.id, expected_version, record.version)


async def _refuse_change(uow: UnitOfWork, draft_id: int, expected_version: int) -> None:
    """Why a conditional write wrote nothing: not found, not a draft, or saved since."""
    record = _existing(await uow.content_releases.draft(draft_id), draft_id)
    _check_draft(record, expected_version)
    raise ReleaseChanged(f"draft {draft_id} moved meanwhile")  # pragma: no cover - a race


def _normalised(document: Document) -> Document:
    """The document as stored: JSON's values (dates as text), the format stamped."""
    files = document.get("files")
    if not isinstance(files, dict):
        raise ValueError("not a content document")
    return release_document.document_of(files)


async def _problems(document: Document) -> tuple[DraftProblem, ...]:
    errors = await asyncio.to_thread(release_document.check_document, document)
    return located(document, errors)
