"""The steps every change of a draft content release is made of, in the caller's unit of work:
start a draft from the live release, store a new version of it (optimistic concurrency), say
why a conditional write wrote nothing, check a draft's content."""

from __future__ import annotations

import asyncio
import datetime as dt
from collections import OrderedDict
from dataclasses import dataclass

from bot.domain.content_drafts import DraftEditor, DraftProblem, DraftRecord
from bot.domain.content_releases import NewRelease, ReleaseSummary
from bot.domain.errors import (
    DraftChanged,
    NoEarlierRelease,
    ReleaseChanged,
    ReleaseNotDraft,
    ReleaseNotFound,
)
from bot.domain.statuses import ReleaseState
from bot.services.kernel.actor import Actor, ActorKind
from bot.services.kernel.audit import AuditNote, audit_entry
from bot.services.kernel.officials import Official
from bot.services.kernel.plain_text import clean_text
from bot.services.knowledge.drafts_diff import located
from content import release_document
from content.release_document import Document
from storage.uow import UnitOfWork


def identity(actor: Actor) -> str:
    """Who the actor is for the four-eyes rule: the dashboard account, else the Telegram user."""
    if actor.kind is ActorKind.STAFF and actor.account_id is not None:
        return f"account:{actor.account_id}"
    if actor.user_id is not None:
        return f"telegram:{actor.user_id}"
    return f"{actor.kind.value}:{actor.name or ''}"[:64]


NOTE_CHARS = 500  # a draft's note, as typed when starting it
CHANGE_CHARS = 300  # what a save changed, in the audit log


def _one_line(text: str | None, limit: int) -> str:
    """Typed text as one clean line (no control characters: PostgreSQL refuses NUL)."""
    return " ".join(clean_text(text or "").split())[:limit]


@dataclass(frozen=True, slots=True)
class Step:
    """Who takes a step, as the audit log names them, and when."""

    actor: Actor
    label: str
    at: dt.datetime


async def start_draft(uow: UnitOfWork, step: Step, note: str | None) -> int:
    """Store a new draft, a copy of the live release, audited; its id."""
    releases = uow.content_releases
    live_id = await releases.live_id()
    live = None if live_id is None else await releases.get(live_id)
    if live is None:
        raise NoEarlierRelease("no live release to start a draft from")
    draft_id = await releases.add(
        NewRelease(
            ReleaseState.DRAFT,
            live.document,
            live.summary.checksum,
            created_at=step.at,
            created_by=step.label,
            published_at=None,
            published_by=None,
            note=_one_line(note, NOTE_CHARS) or None,
            replaces_id=live.id,  # the release it starts from; the one it replaces once approved
        )
    )
    if draft_id is None:  # pragma: no cover - drafts are not unique
        raise ReleaseChanged("the draft was not stored")
    await uow.audit.add(
        audit_entry(
            step.actor,
            step.label,
            "content_draft_started",
            step.at,
            AuditNote(
                to_status=ReleaseState.DRAFT, detail=f"draft {draft_id} from release {live.id}"
            ),
        )
    )
    return draft_id


async def store_draft(
    uow: UnitOfWork, step: Step, record: DraftRecord, document: Document, change: str
) -> None:
    """Save `document` over the draft at `record.version` (DraftChanged if someone saved
    since), record the editor and audit it, in the caller's unit of work."""
    text = release_document.to_json(normalised(document))
    checksum = release_document.checksum(release_document.from_json(text))
    releases = uow.content_releases
    if not await releases.save_draft(record.id, record.version, text, checksum):
        await refuse_change(uow, record.id, record.version)
    await releases.add_editor(record.id, DraftEditor(identity(step.actor), step.label, step.at))
    summary = _one_line(change, CHANGE_CHARS) or "-"
    await uow.audit.add(
        audit_entry(
            step.actor,
            step.label,
            "content_draft_saved",
            step.at,
            AuditNote(
                to_status=ReleaseState.DRAFT,
                detail=f"draft {record.id} version {record.version + 1}: {summary}",
            ),
        )
    )


def label_of(actor: Actor, official: Official) -> str:
    return actor.name or official.label


def existing(record: DraftRecord | None, draft_id: int) -> DraftRecord:
    if record is None:
        raise ReleaseNotFound(draft_id)
    return record


def still_a_draft(summary: ReleaseSummary) -> None:
    """ReleaseNotDraft once the release was published, discarded or rolled back to."""
    if summary.state is not ReleaseState.DRAFT:
        raise ReleaseNotDraft(f"release {summary.id} is {summary.state.value}")


def check_draft(record: DraftRecord, expected_version: int) -> None:
    still_a_draft(record.summary)
    if record.version != expected_version:
        raise DraftChanged(record.id, expected_version, record.version)


async def refuse_change(uow: UnitOfWork, draft_id: int, expected_version: int) -> None:
    """Why a conditional write wrote nothing: not found, not a draft, or saved since."""
    record = existing(await uow.content_releases.draft(draft_id), draft_id)
    check_draft(record, expected_version)
    raise ReleaseChanged(f"draft {draft_id} moved meanwhile")  # pragma: no cover - a race


def normalised(document: Document) -> Document:
    """The document as stored: JSON's values (dates as text), the format stamped."""
    files = document.get("files")
    if not isinstance(files, dict):
        raise ValueError("not a content document")
    return release_document.document_of(files)


async def problems_of(document: Document) -> tuple[DraftProblem, ...]:
    """The full `content check` of a document, located (~0.5 s for the shipped content)."""
    errors = await asyncio.to_thread(release_document.check_document, document)
    return located(document, errors)


class ProblemChecks:
    """`problems_of`, remembered for the last few documents by their checksum: a document's
    problems depend on it alone (the rules and the seed reports ship with the code), so the
    page shown after a save, and the next save's read of the draft, reuse the check the save
    made instead of running it again. ``size`` 0 remembers nothing (every call checks)."""

    def __init__(self, size: int = 16) -> None:
        self._size = size
        self._known: OrderedDict[str, tuple[DraftProblem, ...]] = OrderedDict()

    async def of(self, document: Document) -> tuple[DraftProblem, ...]:
        key = await asyncio.to_thread(release_document.checksum, document)
        known = self._known.get(key)
        if known is not None:
            self._known.move_to_end(key)
            return known
        problems = await problems_of(document)
        if self._size:
            self._known[key] = problems
            while len(self._known) > self._size:
                self._known.popitem(last=False)
        return problems
