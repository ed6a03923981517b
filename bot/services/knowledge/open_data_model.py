"""What the open-data service hands the public pages: published releases, one indicator's
history with its sources, files to download. Nothing here names an official."""

from __future__ import annotations

import datetime as dt
import enum
from dataclasses import dataclass

from bot.domain.statuses import ReleaseState
from content.schema import Area, Indicator, Observation, Programme, Report

# Only these are public: a draft is never shown, listed or downloadable.
PUBLISHED_STATES = frozenset({ReleaseState.LIVE, ReleaseState.RETIRED})


@dataclass(frozen=True, slots=True)
class OpenRelease:
    """A published release as the public sees it: not who published it, nor their note."""

    id: int
    state: ReleaseState  # LIVE or RETIRED
    published_at: dt.datetime
    checksum: str

    @property
    def live(self) -> bool:
        return self.state is ReleaseState.LIVE


@dataclass(frozen=True, slots=True)
class EarlierFigure:
    """A figure an older published release stated for the same period (since corrected)."""

    release: OpenRelease
    observation: Observation


@dataclass(frozen=True, slots=True)
class ObservationView:
    """One reported state of the indicator with the report it comes from (None: the release
    names a report it does not hold, which the content checks refuse)."""

    observation: Observation
    report: Report | None
    earlier: tuple[EarlierFigure, ...] = ()  # newest first


@dataclass(frozen=True, slots=True)
class IndicatorPage:
    release: OpenRelease  # the release the page shows: the live one, or the newest holding it
    programme: Programme
    area: Area | None
    indicator: Indicator
    history: tuple[ObservationView, ...]  # oldest first
    charted: bool  # at least one figure to draw (in the unit of the latest figure)


@dataclass(frozen=True, slots=True)
class AreaIndicators:
    area: Area
    indicators: tuple[Indicator, ...]


@dataclass(frozen=True, slots=True)
class OpenIndex:
    release: OpenRelease  # the live release
    programme: Programme
    areas: tuple[AreaIndicators, ...]
    releases: tuple[OpenRelease, ...]  # every published release, newest first


class FileFormat(enum.StrEnum):
    CSV = "csv"
    JSON = "json"


CONTENT_TYPES = {
    FileFormat.CSV: "text/csv; charset=utf-8",
    FileFormat.JSON: "application/json; charset=utf-8",
}


@dataclass(frozen=True, slots=True)
class OpenFile:
    release: OpenRelease
    filename: str
    content_type: str
    data: bytes
