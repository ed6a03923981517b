"""Draft content releases: a copy of the live content that officials edit, then a second official
approves. What the storage returns for a draft, what the service answers, and the difference
between a draft and the live release, figure by figure."""

from __future__ import annotations

import datetime as dt
import enum
from dataclasses import dataclass
from typing import Any

from bot.domain.content_releases import ReleaseSummary

# A content release as one JSON document (content/release_document.Document).
Document = dict[str, Any]


@dataclass(frozen=True, slots=True)
class DraftEditor:
    """Someone who saved a draft: `identity` is who they are for the four-eyes rule (the
    dashboard account, the Telegram user), `name` what the pages show."""

    identity: str
    name: str
    at: dt.datetime


@dataclass(frozen=True, slots=True)
class DraftRecord:
    summary: ReleaseSummary
    document: str  # JSON text (content/release_document.py)
    version: int  # one more at every save: a save names the version it edited
    editors: tuple[DraftEditor, ...]  # in the order they first saved

    @property
    def id(self) -> int:
        return self.summary.id


@dataclass(frozen=True, slots=True)
class RejectedProposal:
    """A proposal from a draft's pasted report that an editor rejected, and who."""

    report_key: str
    fingerprint: str  # the proposal's kind, figure and quote (content/editing/report_proposals)
    figure: str  # as the report writes it
    by: DraftEditor


@dataclass(frozen=True, slots=True)
class DraftProblem:
    """One rule of `danbiet content check` the draft breaks: in which file, which entity (its
    key, e.g. "ho-ngheo"; None for the file as a whole) and which field of it
    ("observations[0].value"; None for the entity as a whole)."""

    file: str
    entity: str | None
    field: str | None
    message: str


@dataclass(frozen=True, slots=True)
class DraftView:
    summary: ReleaseSummary
    document: Document
    version: int
    editors: tuple[str, ...]  # names, in the order they first saved
    problems: tuple[DraftProblem, ...]

    @property
    def id(self) -> int:
        return self.summary.id


class Change(enum.StrEnum):
    ADDED = "added"
    REMOVED = "removed"
    CHANGED = "changed"


@dataclass(frozen=True, slots=True)
class EntityChange:
    """An indicator, policy, FAQ, report, area, department or link added, removed or changed
    (`fields`: the top-level fields that differ)."""

    kind: str  # the content's collection: "indicators", "policies", "faqs", "reports", ...
    key: str
    change: Change
    fields: tuple[str, ...] = ()
    name: str | None = None  # what officials call it (its name, question or title, in vi)


@dataclass(frozen=True, slots=True)
class FigureSide:
    """One side of a changed figure: the number, its unit and the report's words for it."""

    value: float | None
    unit: str | None
    quote: str | None
    report: str | None


@dataclass(frozen=True, slots=True)
class FigureChange:
    """A figure of an observation (its value, or one of its further figures) old → new."""

    kind: str  # "indicators" or "policies"
    key: str  # the indicator's or policy's key
    at: str  # an observation's period_key ("2022-Q1"); a policy note's report key
    label: str | None  # None: the observation's value; else the further figure's label (vi)
    old: FigureSide | None  # None: added
    new: FigureSide | None  # None: removed
    name: str | None = None  # the indicator's or policy's name (vi)

    @property
    def change(self) -> Change:
        if self.old is None:
            return Change.ADDED
        if self.new is None:
            return Change.REMOVED
        return Change.CHANGED


@dataclass(frozen=True, slots=True)
class ReleaseDiff:
    """What approving a draft changes for residents, against the live release."""

    draft_id: int
    live_id: int | None
    entities: tuple[EntityChange, ...]
    figures: tuple[FigureChange, ...]
    unchanged: bool = False  # the draft's document is the live one's: nothing to approve

    @property
    def empty(self) -> bool:
        return not self.entities


@dataclass(frozen=True, slots=True)
class DraftSummary:
    """An open draft as the releases' listing shows it."""

    summary: ReleaseSummary
    version: int
    editors: tuple[str, ...]
    problems: int

    @property
    def id(self) -> int:
        return self.summary.id


@dataclass(frozen=True, slots=True)
class ReleaseListing:
    """The releases as the Content page lists them: the live one with what `content check`
    says of it today, the published ones before it, the open drafts."""

    live: ReleaseSummary | None
    live_problems: tuple[DraftProblem, ...]
    published: tuple[ReleaseSummary, ...]  # live and retired, newest first
    drafts: tuple[DraftSummary, ...]  # newest first

    @property
    def rollback_to(self) -> int | None:
        """The release a rollback makes live again (one step back), if any."""
        return None if self.live is None else self.live.replaces_id


@dataclass(frozen=True, slots=True)
class DraftReview:
    """What an approver looks at: the draft, its diff against the live release, and whether the
    one looking edited it (then they may not approve it)."""

    draft: DraftView
    diff: ReleaseDiff
    edited_by_viewer: bool

    @property
    def started_from(self) -> int | None:
        """The live release the draft was a copy of."""
        return self.draft.summary.replaces_id

    @property
    def live_moved(self) -> bool:
        """Another release went live since the draft started: approving it also undoes what
        that release changed, unless the draft has it too (the diff shows it either way)."""
        return self.started_from is not None and self.started_from != self.diff.live_id
