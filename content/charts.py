"""Charts for broadcasts, drawn with matplotlib: indicators against their plan, as PNG bytes.

matplotlib is imported on first use (it takes about a second) and drawn with the Agg backend,
which needs no display. DejaVu Sans, which ships with matplotlib, has every Vietnamese letter.
Drawing is synchronous and CPU-bound: callers run it in a thread.
"""

from __future__ import annotations

import io
import textwrap
import threading
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

WIDTH_INCHES = 8.0
ROW_INCHES = 0.55
DPI = 110
LABEL_WIDTH = 34  # characters per line of an indicator's name
PLAN_PERCENT = 100.0
LEGEND_INCHES = 0.3
_COLOURS = {"short": "#d9822b", "done": "#2e8540", "plan": "#444444"}

# pyplot keeps global state; one chart at a time keeps it consistent across threads.
_drawing = threading.Lock()


@dataclass(frozen=True, slots=True)
class ChartText:
    title: str
    axis: str  # "% of plan"
    plan: str  # the legend of the 100% line


@dataclass(frozen=True, slots=True)
class Bar:
    label: str  # the indicator's name
    percent: float  # of its plan
    shown: str  # the percentage as the reader writes numbers ("31,3%")


def render_plan_chart(text: ChartText, bars: Sequence[Bar]) -> bytes:
    """A horizontal bar per indicator, its percentage of plan, and the plan as a line."""
    if not bars:
        raise ValueError("a chart needs at least one bar")
    with _drawing:
        return _draw(text, bars)


def _draw(text: ChartText, bars: Sequence[Bar]) -> bytes:
    import matplotlib

    matplotlib.use("Agg")
    from matplotlib import pyplot

    pyplot.rcParams["font.family"] = "DejaVu Sans"
    height = 1.7 + ROW_INCHES * len(bars)
    figure, axes = pyplot.subplots(figsize=(WIDTH_INCHES, height), dpi=DPI)
    try:
        _plot(axes, text, bars)
        # The plan's legend goes under the axes, where no bar or label can hide it.
        figure.legend(loc="lower right", frameon=False, fontsize=9)
        figure.tight_layout(rect=(0, LEGEND_INCHES / height, 1, 1))
        buffer = io.BytesIO()
        figure.savefig(buffer, format="png", metadata={"Software": None})
        return buffer.getvalue()
    finally:
        pyplot.close(figure)


def _plot(axes: Any, text: ChartText, bars: Sequence[Bar]) -> None:
    rows = list(reversed(bars))  # the first indicator on top
    positions = range(len(rows))
    colours = [_COLOURS["done" if bar.percent >= PLAN_PERCENT else "short"] for bar in rows]
    axes.barh(list(positions), [bar.percent for bar in rows], color=colours, height=0.6)
    labels = ["\n".join(textwrap.wrap(bar.label, LABEL_WIDTH)) for bar in rows]
    axes.set_yticks(list(positions), labels)
    limit = max(PLAN_PERCENT, *(bar.percent for bar in rows)) * 1.18
    axes.set_xlim(0, limit)
    for position, bar in zip(positions, rows, strict=True):
        axes.text(bar.percent + limit * 0.01, position, bar.shown, va="center", fontsize=10)
    axes.axvline(PLAN_PERCENT, color=_COLOURS["plan"], linestyle="--", linewidth=1, label=text.plan)
    axes.set_xlabel(text.axis)
    axes.set_title(text.title, fontsize=12, loc="left")
    axes.spines[["top", "right"]].set_visible(False)


# -- one indicator's history (the public indicator page) ------------------------------------

HISTORY_SIZE_INCHES = (6.0, 3.4)  # 660 × 374 px: legible when a phone shrinks it to 390 px


@dataclass(frozen=True, slots=True)
class Point:
    label: str  # the period, as the reader writes it ("Quý I/2022")
    value: float
    shown: str  # the value as the reader writes numbers ("3.612")
    plan: float | None = None  # the period's plan in the same unit, where the report gives it


def render_history_chart(
    title: str, unit: str, points: Sequence[Point], plan_label: str = ""
) -> bytes:
    """A bar per reported figure of one indicator, oldest first, each labelled with its value;
    a period's plan, where reported, as a dashed mark across its bar."""
    if not points:
        raise ValueError("a chart needs at least one point")
    with _drawing:
        return _draw_history(title, unit, points, plan_label)


def _draw_history(title: str, unit: str, points: Sequence[Point], plan_label: str) -> bytes:
    import matplotlib

    matplotlib.use("Agg")
    from matplotlib import pyplot

    pyplot.rcParams["font.family"] = "DejaVu Sans"
    figure, axes = pyplot.subplots(figsize=HISTORY_SIZE_INCHES, dpi=DPI)
    try:
        positions = list(range(len(points)))
        values = [point.value for point in points]
        axes.bar(positions, values, color=_COLOURS["done"], width=0.55)
        # Room for three bars at least: one figure is not drawn as a wall.
        axes.set_xlim(-0.75, max(len(points), 3) - 0.25)
        plans = [point.plan for point in points if point.plan is not None]
        top = max(0.0, *values, *plans) * 1.2 or 1.0
        axes.set_ylim(min(0.0, *values) * 1.2, top)
        labelled = False
        for position, point in zip(positions, points, strict=True):
            axes.text(position, point.value, point.shown, ha="center", va="bottom", fontsize=10)
            if point.plan is not None:
                axes.hlines(
                    point.plan,
                    position - 0.4,
                    position + 0.4,
                    colors=_COLOURS["plan"],
                    linestyles="--",
                    label="_nolegend_" if labelled else plan_label,
                )
                labelled = True
        if labelled and plan_label:
            axes.legend(loc="upper right", frameon=False, fontsize=9)
        labels = ["\n".join(textwrap.wrap(point.label, 16)) for point in points]
        axes.set_xticks(positions, labels, fontsize=9)
        axes.set_ylabel(unit)
        axes.set_title("\n".join(textwrap.wrap(title, 60)), fontsize=11, loc="left")
        axes.spines[["top", "right"]].set_visible(False)
        figure.tight_layout()
        buffer = io.BytesIO()
        figure.savefig(buffer, format="png", metadata={"Software": None})
        return buffer.getvalue()
    finally:
        pyplot.close(figure)
