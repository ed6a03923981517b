"""The statistics charts, drawn once per version of their data and off the event loop.

A chart's version is a digest of everything drawn on it (its kind, its words, its counts), so
the same figures in the same language are drawn once, however many officials open the page,
and a new ticket (any change of a count) makes a new version, drawn afresh. Nothing else can
make a drawn chart stale: no clock, no guess about which table changed. A chart holds counts
and catalog words only, never a resident's text, so keeping it costs no one's privacy.

The statistics page asks for its charts' versions while it renders (`prepare`): drawing starts
on a worker thread at once, and the page names each image by its version
(`/stats/charts/status.png?v=…`), which the browser may keep for good, since that address
never shows other data. The image request then waits for that drawing (`drawn`) rather than
counting the tickets again. Drawings in flight are shared: three officials opening the page
together start one drawing of each chart.
"""

from __future__ import annotations

import asyncio
import hashlib
from collections import OrderedDict
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from bot.services.stats.charts import (
    ChartLabels,
    CountBar,
    WeeklyLabels,
    status_chart,
    topic_chart,
    weekly_chart,
)

KEPT = 24  # versions kept: three charts in two languages, and the few versions before them
VERSION_CHARACTERS = 16


@dataclass(frozen=True, slots=True)
class CountChart:
    """Bars of counts: `kind` "status" (one bar per status) or "topic" (one per field)."""

    kind: str
    labels: ChartLabels
    bars: tuple[CountBar, ...]

    def draw(self) -> bytes:
        return (status_chart if self.kind == "status" else topic_chart)(self.labels, self.bars)


@dataclass(frozen=True, slots=True)
class WeeklyChart:
    labels: WeeklyLabels
    weeks: tuple[str, ...]
    filed: tuple[int, ...]
    answered: tuple[int, ...]

    def draw(self) -> bytes:
        return weekly_chart(self.labels, self.weeks, self.filed, self.answered)


ChartSpec = CountChart | WeeklyChart


def count_chart(kind: str, labels: ChartLabels, bars: Sequence[CountBar]) -> CountChart:
    if kind not in {"status", "topic"}:
        raise ValueError(f"no count chart {kind!r}")
    return CountChart(kind, labels, tuple(bars))


def version(spec: ChartSpec) -> str:
    """The digest of everything the chart shows: equal for equal charts, and only for them."""
    return hashlib.sha256(repr(spec).encode()).hexdigest()[:VERSION_CHARACTERS]


class ChartCache:
    """PNGs by version, the latest `kept` versions; each drawn once, on a worker thread."""

    def __init__(self, kept: int = KEPT, draw: Callable[[ChartSpec], bytes] | None = None) -> None:
        self._kept = kept
        self._draw = draw or _draw
        self._charts: OrderedDict[str, asyncio.Future[bytes]] = OrderedDict()

    def prepare(self, spec: ChartSpec) -> str:
        """The chart's version, its drawing started if it is not drawn or being drawn yet.
        Must be called on the event loop."""
        key = version(spec)
        if key in self._charts:
            self._charts.move_to_end(key)
            return key
        drawing = asyncio.ensure_future(asyncio.to_thread(self._draw, spec))
        # A failed drawing is not kept: the next request draws again (and says what failed).
        drawing.add_done_callback(lambda done: self._forget_failed(key, done))
        self._charts[key] = drawing
        while len(self._charts) > self._kept:
            self._charts.popitem(last=False)
        return key

    async def png(self, spec: ChartSpec) -> bytes:
        """The chart, drawn now or earlier."""
        return await asyncio.shield(self._charts[self.prepare(spec)])

    async def drawn(self, key: str) -> bytes | None:
        """The chart of version `key` if this cache has it (drawn or being drawn), else None."""
        drawing = self._charts.get(key)
        return None if drawing is None else await asyncio.shield(drawing)

    def _forget_failed(self, key: str, drawing: asyncio.Future[bytes]) -> None:
        failed = drawing.cancelled() or drawing.exception() is not None
        if failed and self._charts.get(key) is drawing:
            del self._charts[key]


def _draw(spec: ChartSpec) -> bytes:
    return spec.draw()
