"""Content releases: every published version of the content, one of them live."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from bot.domain.statuses import ReleaseState


@dataclass(frozen=True, slots=True)
class ReleaseSummary:
    """A release without its content: what a listing shows and what the refresher compares."""

    id: int
    state: ReleaseState
    checksum: str
    created_at: dt.datetime
    created_by: str
    published_at: dt.datetime | None
    published_by: str | None
    note: str | None
    # The release that was live when this one was published: where a rollback goes. For a
    # draft: the live release it was started from.
    replaces_id: int | None


@dataclass(frozen=True, slots=True)
class ContentReleaseRecord:
    summary: ReleaseSummary
    document: str  # the content as JSON text (content/release_document.py)

    @property
    def id(self) -> int:
        return self.summary.id


@dataclass(frozen=True, slots=True)
class NewRelease:
    state: ReleaseState
    document: str
    checksum: str
    created_at: dt.datetime
    created_by: str
    published_at: dt.datetime | None
    published_by: str | None
    note: str | None
    replaces_id: int | None
