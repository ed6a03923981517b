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

# Drawn for a phone first: 4.4 in at 120 dpi is 528 px, shown at about 350 px on a phone (text
# of 13 pt stays about 14 px there) and at its own width on a laptop. Every bar is horizontal,
# its label beside it on its own line(s): labels never share a line, so none can overlap.
WIDTH_INCHES = 4.4
HEIGHT_INCHES = 4.4  # the weekly chart
ROW_INCHES = 0.46  # a bar of the status and topic charts
BASE_INCHES = 1.2  # title and count axis of those charts
LINE_INCHES = 0.22  # a line of a bar's label
ROW_GAP_INCHES = 0.14
BAR_INCHES = 0.3
DPI = 120
FONT = "DejaVu Sans"
FONT_POINTS = 13
TITLE_POINTS = 14
STATUS_LABEL_WIDTH = 15  # characters per line beside a bar
TOPIC_LABEL_WIDTH = 18
ROTATE_AFTER = 6  # weeks shown before their labels turn sideways
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
    """A bar per status, in the order given, its count at its end."""
    return _count_chart(labels, bars, STATUS_LABEL_WIDTH)


def topic_chart(labels: ChartLabels, bars: Sequence[CountBar]) -> bytes:
    """A bar per topic, the first one on top."""
    return _count_chart(labels, bars, TOPIC_LABEL_WIDTH)


def count_chart_height(labels: Sequence[str], label_width: int) -> float:
    """Inches: the title and axis, and a row per bar (one at least), as tall as its label."""
    return BASE_INCHES + sum(_row_inches(label, label_width) for label in labels or [""])


def _row_inches(label: str, label_width: int) -> float:
    lines = max(_wrap(label, label_width).count("\n") + 1, 1)
    return max(ROW_INCHES, LINE_INCHES * lines + ROW_GAP_INCHES)


def _count_chart(labels: ChartLabels, bars: Sequence[CountBar], label_width: int) -> bytes:
    names = [bar.label for bar in bars]

    def plot(axes: Any) -> None:
        # Rows measured in inches from the top, each as tall as its label needs.
        positions, top = [], 0.0
        for name in names:
            row = _row_inches(name, label_width)
            positions.append(-(top + row / 2))
            top += row
        drawn = axes.barh(
            positions, [bar.count for bar in bars], height=BAR_INCHES, color=_COLOURS["bar"]
        )
        axes.bar_label(drawn, padding=3, fontsize=FONT_POINTS)
        axes.set_yticks(positions, [_wrap(name, label_width) for name in names])
        axes.set_ylim(-max(top, ROW_INCHES), 0)
        axes.set_xlabel(labels.axis)
        _count_axis(axes.xaxis, bars)

    return _render(labels.title, (WIDTH_INCHES, count_chart_height(names, label_width)), plot)


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
        rotation = 60 if len(weeks) > ROTATE_AFTER else 0
        axes.set_xticks(
            positions,
            list(weeks),
            rotation=rotation,
            ha="right" if rotation else "center",
            rotation_mode="anchor",
            fontsize=FONT_POINTS - 1,
        )
        axes.set_ylabel(labels.axis)
        # On its own line between the title and the bars: neither can hide it.
        axes.legend(
            frameon=False, loc="lower left", bbox_to_anchor=(0, 1.0), ncols=2, borderaxespad=0.2
        )
        counts = [CountBar("", count) for count in (*filed, *answered)]
        _count_axis(axes.yaxis, counts)

    return _render(labels.title, (WIDTH_INCHES, HEIGHT_INCHES), plot)


def _wrap(label: str, width: int) -> str:
    return "\n".join(textwrap.wrap(label, width)) or label


def _count_axis(axis: Any, bars: Sequence[CountBar]) -> None:
    """Whole numbers only, with some room above the longest bar for its label."""
    from matplotlib.ticker import MaxNLocator

    # Few ticks: four-digit counts side by side on a phone-wide chart would run together.
    axis.set_major_locator(MaxNLocator(nbins=4, integer=True))
    top = max((bar.count for bar in bars), default=0)
    limit = max(top * 1.15, 1)
    if axis.axis_name == "x":
        axis.axes.set_xlim(0, limit)
    else:
        axis.axes.set_ylim(0, limit)


@contextmanager
def _style() -> Iterator[None]:
    import matplotlib

    with _drawing, matplotlib.rc_context({"font.family": FONT, "font.size": FONT_POINTS}):
        yield


def _render(title: str, size: tuple[float, float], plot: Any) -> bytes:
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure

    with _style():
        figure = Figure(figsize=size, dpi=DPI)
        FigureCanvasAgg(figure)
        axes = figure.add_subplot()
        plot(axes)
        # The title is the figure's, above the legend (if any), from the left edge.
        figure.suptitle(_wrap(title, 36), fontsize=TITLE_POINTS, x=0.02, ha="left")
        axes.spines[["top", "right"]].set_visible(False)
        figure.tight_layout()
        buffer = io.BytesIO()
        figure.savefig(buffer, format="png", metadata={"Software": None})
        return buffer.getvalue()
