"""Open data: every published content release (live and retired, never a draft) as CSV and
JSON, and each indicator's public page (its history, chart, quotes and reports), for people
without Telegram. Read-only and public: nothing here needs a permission, and nothing shown
names an official (not who published a release, nor their note).

A published release never changes, so what is read from it (its knowledge base, a chart) is
kept by release id; the live release's knowledge base is the one residents are answered from.
"""

from __future__ import annotations

import asyncio
from collections import OrderedDict
from collections.abc import Callable, Hashable, Mapping, Sequence
from dataclasses import dataclass
from typing import TypeVar
from urllib.parse import quote

from bot.domain.content_releases import ReleaseSummary
from bot.i18n import Language, format_number
from bot.services.kernel.live_knowledge import LiveKnowledge
from bot.services.knowledge import open_data_files
from bot.services.knowledge.open_data_model import (
    CONTENT_TYPES,
    PUBLISHED_STATES,
    AreaIndicators,
    EarlierFigure,
    FileFormat,
    IndicatorPage,
    ObservationView,
    OpenFile,
    OpenIndex,
    OpenRelease,
)
from content import charts, release_document
from content.knowledge import KnowledgeBase
from content.schema import Indicator, Observation, is_valid_key
from storage.uow import UnitOfWorkFactory

# The public path of an indicator's page: cards' "view on the web" buttons point here, and
# bot/web/open_data.py serves it (a test follows a card's button to the page).
INDICATOR_PATH = "/open/indicators/{key}"
LISTED_RELEASES = 200  # releases looked at for the list and for an indicator no longer live
KEPT_RELEASES = 8  # knowledge bases of releases other than the live one, kept parsed
KEPT_CHARTS = 256
KEPT_FILES = 8  # CSV and JSON files of the releases last downloaded
MAX_RELEASE_ID = 2**31 - 1  # larger ids are not ids: answered "not found" without a query

K = TypeVar("K", bound=Hashable)
V = TypeVar("V")


class _Kept(OrderedDict[K, V]):
    """The last `size` values used, by key."""

    def __init__(self, size: int) -> None:
        super().__init__()
        self._size = size

    def keep(self, key: K, value: V) -> V:
        self[key] = value
        self.move_to_end(key)
        while len(self) > self._size:
            self.popitem(last=False)
        return value


def indicator_address(base_url: str | None, key: str, language: Language) -> str | None:
    """The public page of an indicator under `base_url` (PUBLIC_BASE_URL); None when unset."""
    if not base_url or not is_valid_key(key):
        return None
    address = base_url.rstrip("/") + INDICATOR_PATH.format(key=quote(key))
    return address + ("?lang=en" if language == "en" else "")


def _open(summary: ReleaseSummary) -> OpenRelease | None:
    if summary.state not in PUBLISHED_STATES or summary.published_at is None:
        return None
    return OpenRelease(summary.id, summary.state, summary.published_at, summary.checksum)


def charted(indicator: Indicator) -> tuple[Observation, ...]:
    """The figures a chart draws: those in the unit of the latest figure, oldest first (a share
    and a count of the same indicator are not drawn on one axis)."""
    headline = indicator.headline()
    if headline.value is None:
        return ()
    return tuple(
        item
        for item in indicator.history()
        if item.value is not None and item.unit == headline.unit
    )


@dataclass(frozen=True, slots=True)
class _Outline:
    """What a release holds, kept for every release read (a few keys each): an address naming
    something it does not hold is answered without reading the release again."""

    indicators: frozenset[str]
    charted: frozenset[str]  # indicators with a figure to draw
    observations: Mapping[str, tuple[Observation, ...]]  # by indicator


def _outline(kb: KnowledgeBase) -> _Outline:
    return _Outline(
        frozenset(kb.indicators),
        frozenset(key for key, item in kb.indicators.items() if charted(item)),
        {key: item.observations for key, item in kb.indicators.items()},
    )


def _figure(observation: Observation) -> tuple[object, ...]:
    """What makes two observations of one period state the same figure."""
    return (observation.value, observation.unit, observation.qualifier, observation.target)


class OpenData:
    def __init__(self, uow: UnitOfWorkFactory, knowledge: LiveKnowledge) -> None:
        self._uow = uow
        self._knowledge = knowledge
        self._bases: _Kept[int, KnowledgeBase] = _Kept(KEPT_RELEASES)
        self._outlines: dict[int, _Outline] = {}
        self._charts: _Kept[tuple[int, str, str], bytes] = _Kept(KEPT_CHARTS)
        self._files: _Kept[tuple[OpenRelease, FileFormat], OpenFile] = _Kept(KEPT_FILES)
        self._reading = asyncio.Lock()

    async def releases(self) -> list[OpenRelease]:
        """Every published release, newest first."""
        async with self._uow() as uow:
            summaries = await uow.content_releases.recent(LISTED_RELEASES)
        return [found for summary in summaries if (found := _open(summary)) is not None]

    async def _published(self, release_id: int | None) -> OpenRelease | None:
        """A published release (None: the live one); None for a draft or an unknown id."""
        if release_id is not None and not 0 < release_id <= MAX_RELEASE_ID:
            return None
        async with self._uow() as uow:
            releases = uow.content_releases
            if release_id is None:
                release_id = await releases.live_id()
                if release_id is None:
                    return None
            summary = await releases.summary(release_id)
        return None if summary is None else _open(summary)

    async def _base(self, release: OpenRelease) -> KnowledgeBase:
        """The release's knowledge base: the one residents are answered from for the live
        release, else read once and kept while it is asked for."""
        current = self._knowledge.current
        if current.release_id == release.id:
            return self._outlined(release.id, current.kb)
        if (kept := self._bases.get(release.id)) is not None:
            return kept
        async with self._reading:  # one read at a time: asked at once, a release is read once
            if (kept := self._bases.get(release.id)) is not None:
                return kept
            async with self._uow() as uow:
                record = await uow.content_releases.get(release.id)
            if record is None:  # pragma: no cover - releases are never deleted
                raise LookupError(f"release {release.id} vanished")
            kb = await asyncio.to_thread(_knowledge_base, record.document)
            return self._bases.keep(release.id, self._outlined(release.id, kb))

    def _lacks(self, release: OpenRelease, wanted: Callable[[_Outline], bool]) -> bool:
        """Whether the release is known (from an earlier read) not to hold what is wanted."""
        outline = self._outlines.get(release.id)
        return outline is not None and not wanted(outline)

    async def _release(self, release_id: int | None) -> tuple[OpenRelease, KnowledgeBase] | None:
        release = await self._published(release_id)
        return None if release is None else (release, await self._base(release))

    def _outlined(self, release_id: int, kb: KnowledgeBase) -> KnowledgeBase:
        if release_id not in self._outlines:
            self._outlines[release_id] = _outline(kb)
        return kb

    async def index(self) -> OpenIndex | None:
        """The live release's areas and indicators, and every published release."""
        live = await self._release(None)
        if live is None:
            return None
        release, kb = live
        areas = tuple(
            AreaIndicators(area, tuple(kb.indicators_in(area.key)))
            for area in kb.areas_with_indicators()
        )
        return OpenIndex(release, kb.programme, areas, tuple(await self.releases()))

    async def release_file(self, release_id: int | None, fmt: FileFormat) -> OpenFile | None:
        """A published release (None: the live one) as CSV or JSON; None for a draft or an
        unknown id. Written once per release, format and state (the JSON says which)."""
        release = await self._published(release_id)
        if release is None:
            return None
        if (kept := self._files.get((release, fmt))) is not None:
            return kept
        kb = await self._base(release)
        files = open_data_files
        write = files.release_csv if fmt is FileFormat.CSV else files.release_json
        data = await asyncio.to_thread(write, release, kb)
        made = OpenFile(
            release, f"danbiet-release-{release.id}.{fmt.value}", CONTENT_TYPES[fmt], data
        )
        return self._files.keep((release, fmt), made)

    async def indicator(self, key: str) -> IndicatorPage | None:
        """An indicator's page from the live release; an indicator the live release no longer
        has is shown from the newest published release that has it (its address stays valid).
        Each observation comes with the different figures earlier releases stated for its
        period (a corrected figure stays visible). Each older release is read at most once for
        this: then its outline answers."""
        if not is_valid_key(key):
            return None
        live = await self._release(None)
        published = await self.releases()
        shown = live if live is not None and key in live[1].indicators else None
        for release in published if shown is None else ():
            if (live is not None and release.id == live[0].id) or self._lacks(
                release, lambda outline: key in outline.indicators
            ):
                continue
            kb = await self._base(release)
            if key in kb.indicators:
                shown = release, kb
                break
        if shown is None:
            return None
        release, kb = shown
        older = [item for item in published if item.id < release.id]
        return _page(release, kb, key, await self._earlier(kb.indicators[key], older))

    async def _earlier(
        self, indicator: Indicator, older: Sequence[OpenRelease]
    ) -> Mapping[str, tuple[EarlierFigure, ...]]:
        """By period: each figure older releases (newest first) stated that differs from the
        shown one, once, with the newest release that stated it."""
        shown = {item.period_key: _figure(item) for item in indicator.observations}
        seen = {(period, figure) for period, figure in shown.items()}
        found: dict[str, list[EarlierFigure]] = {}
        for release in older:
            outline = self._outlines.get(release.id)
            if outline is None:
                await self._base(release)
                outline = self._outlines[release.id]
            for observation in outline.observations.get(indicator.key, ()):
                mark = (observation.period_key, _figure(observation))
                if observation.period_key in shown and mark not in seen:
                    seen.add(mark)
                    found.setdefault(observation.period_key, []).append(
                        EarlierFigure(release, observation)
                    )
        return {period: tuple(items) for period, items in found.items()}

    async def chart(
        self,
        release_id: int,
        key: str,
        language: Language,
        title: Callable[[str], str],
        plan_label: str = "",
    ) -> bytes | None:
        """The PNG of an indicator's figures in a published release, drawn once per release and
        language; `title` words it from the indicator's name, `plan_label` names the plan's
        mark. None if there is nothing to draw."""
        cached = self._charts.get((release_id, key, language))
        if cached is not None:
            return cached
        if not is_valid_key(key):
            return None
        release = await self._published(release_id)
        if release is None or self._lacks(release, lambda outline: key in outline.charted):
            return None
        indicator = (await self._base(release)).indicators.get(key)
        points = () if indicator is None else charted(indicator)
        if indicator is None or not points:
            return None
        unit = points[-1].unit
        drawn = await asyncio.to_thread(
            charts.render_history_chart,
            title(indicator.name.get(language)),
            "" if unit is None else unit.get(language),
            [
                charts.Point(
                    item.period.get(language),
                    float(item.value or 0),
                    format_number(language, item.value or 0),
                    item.target,
                )
                for item in points
            ],
            plan_label,
        )
        return self._charts.keep((release_id, key, language), drawn)


def _knowledge_base(document: str) -> KnowledgeBase:
    return release_document.knowledge_base(release_document.from_json(document))


def _page(
    release: OpenRelease,
    kb: KnowledgeBase,
    key: str,
    earlier: Mapping[str, tuple[EarlierFigure, ...]],
) -> IndicatorPage:
    indicator = kb.indicators[key]
    history = tuple(
        ObservationView(item, kb.reports.get(item.source.report), earlier.get(item.period_key, ()))
        for item in indicator.history()
    )
    return IndicatorPage(
        release,
        kb.programme,
        kb.areas.get(indicator.area),
        indicator,
        history,
        charted=bool(charted(indicator)),
    )
