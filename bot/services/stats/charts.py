"""Charts for the statistics page, as PNG bytes: tickets by status, by topic and by week.

Every word on a chart (title, axis, bar and legend labels) comes from the caller, already
translated. matplotlib is imported on first use and draws with the Agg backend (no display),
through its object API: a Figure of its own per chart, no pyplot state. DejaVu Sans ships with
matplotlib and has every Vietnamese letter, so nothing is downloaded. Drawing is synchronous
and CPU-bound: callers run it in a thread (`asyncio.to_thread`).
"""

from __future__ import annotations

import io
import textwrap
import threading
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any

WIDTH_INCHES = 8.0
HEIGHT_INCHES = 4.5
ROW_INCHES = 0.45
DPI = 110
FONT = "DejaVu Sans"
STATUS_LABEL_WIDTH = 14  # characters per line under a bar
TOPIC_LABEL_WIDTH = 32
ROTATE_AFTER = 8  # weeks shown before their labels turn sideways
_COLOURS = {"bar": "#3b6ea5", "filed": "#3b6ea5", "answered": "#2e8540"}

# rcParams are global; one chart at a time keeps the style of each consistent.
_drawing = threading.Lock()


@dataclass(frozen=True, slots=True)
class ChartLabels:
    title: str
    axis: str  # the count axis ("tickets", "phản ánh")


@dataclass(frozen=True, slots=True)
class WeeklyLabels:
    title: str
    axis: str
    filed: str  # legend of the filed bars
    answered: str  # legend of the answered bars


@dataclass(frozen=True, slots=True)
class CountBar:
    label: str
    count: int


def status_chart(labels: ChartLabels, bars: Sequence[CountBar]) -> bytes:
    """A vertical bar per status, its count on top."""

    def plot(axes: Any) -> None:
        positions = list(range(len(bars)))
        drawn = axes.bar(positions, [bar.count for bar in bars], color=_COLOURS["bar"])
        axes.bar_label(drawn, padding=2, fontsize=9)
        axes.set_xticks(positions, [_wrap(bar.label, STATUS_LABEL_WIDTH) for bar in bars])
        axes.set_ylabel(labels.axis)
        _count_axis(axes.yaxis, bars)

    return _render(labels.title, (WIDTH_INCHES, HEIGHT_INCHES), plot)


def topic_chart(labels: ChartLabels, bars: Sequence[CountBar]) -> bytes:
    """A horizontal bar per topic, the first one on top."""

    def plot(axes: Any) -> None:
        rows = list(reversed(bars))
        positions = list(range(len(rows)))
        drawn = axes.barh(positions, [bar.count for bar in rows], color=_COLOURS["bar"])
        axes.bar_label(drawn, padding=3, fontsize=9)
        axes.set_yticks(positions, [_wrap(bar.label, TOPIC_LABEL_WIDTH) for bar in rows])
        axes.set_xlabel(labels.axis)
        _count_axis(axes.xaxis, bars)

    height = 1.6 + ROW_INCHES * max(len(bars), 1)
    return _render(labels.title, (WIDTH_INCHES, height), plot)


def weekly_chart(
    labels: WeeklyLabels, weeks: Sequence[str], filed: Sequence[int], answered: Sequence[int]
) -> bytes:
    """Two bars a week, filed and answered, oldest week first."""
    if not len(weeks) == len(filed) == len(answered):
        raise ValueError("one label, one filed and one answered count per week")

    def plot(axes: Any) -> None:
        positions = list(range(len(weeks)))
        width = 0.4
        axes.bar(
            [x - width / 2 for x in positions],
            list(filed),
            width,
            color=_COLOURS["filed"],
            label=labels.filed,
        )
        axes.bar(
            [x + width / 2 for x in positions],
            list(answered),
            width,
            color=_COLOURS["answered"],
            label=labels.answered,
        )
        rotation = 45 if len(weeks) > ROTATE_AFTER else 0
        axes.set_xticks(
            positions, list(weeks), rotation=rotation, ha="right" if rotation else "center"
        )
        axes.set_ylabel(labels.axis)
        # Above the axes, right of the title: no bar can hide it.
        axes.legend(frameon=False, fontsize=9, loc="lower right", bbox_to_anchor=(1, 1), ncols=2)
        counts = [CountBar("", count) for count in (*filed, *answered)]
        _count_axis(axes.yaxis, counts)

    return _render(labels.title, (WIDTH_INCHES, HEIGHT_INCHES), plot)


def _wrap(label: str, width: int) -> str:
    return "\n".join(textwrap.wrap(label, width)) or label


def _count_axis(axis: Any, bars: Sequence[CountBar]) -> None:
    """Whole numbers only, with some room above the longest bar for its label."""
    from matplotlib.ticker import MaxNLocator

    axis.set_major_locator(MaxNLocator(integer=True))
    top = max((bar.count for bar in bars), default=0)
    limit = max(top * 1.15, 1)
    if axis.axis_name == "x":
        axis.axes.set_xlim(0, limit)
    else:
        axis.axes.set_ylim(0, limit)


@contextmanager
def _style() -> Iterator[None]:
    import matplotlib

    with _drawing, matplotlib.rc_context({"font.family": FONT, "font.size": 10}):
        yield


def _render(title: str, size: tuple[float, float], plot: Any) -> bytes:
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure

    with _style():
        figure = Figure(figsize=size, dpi=DPI)
        FigureCanvasAgg(figure)
        axes = figure.add_subplot()
        plot(axes)
        axes.set_title(title, fontsize=12, loc="left")
        axes.spines[["top", "right"]].set_visible(False)
        figure.tight_layout()
        buffer = io.BytesIO()
        figure.savefig(buffer, format="png", metadata={"Software": None})
        return buffer.getvalue()
