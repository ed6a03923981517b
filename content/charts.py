"""Charts for broadcasts, drawn with matplotlib: indicators against their plan, as PNG bytes.

matplotlib is imported on first use (it takes about a second) and drawn with the Agg backend,
which needs no display, through its object API (a Figure of its own, no pyplot state). DejaVu
Sans, which ships with matplotlib, has every Vietnamese letter.
Drawing is synchronous and CPU-bound: callers run it in a thread.
"""

from __future__ import annotations

import io
import textwrap
import threading
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

# Subscribers see this on a phone: Telegram shows a photo 300 to 360 px wide there. At 4.6
# inches and 144 dpi (662 px) text of 13 pt shows at 12 to 14 px, and each indicator's name has
# a line of its own above its bar, as wide as the chart: long names wrap, never crowd the bars.
WIDTH_INCHES = 4.6
DPI = 144
FONT = "DejaVu Sans"
FONT_POINTS = 13
TITLE_POINTS = 15
LABEL_WIDTH = 40  # characters per line of an indicator's name
TITLE_WIDTH = 34
LINE_INCHES = 0.26  # a line of an indicator's name
NAME_GAP_INCHES = 0.06  # between a name and its bar
BAR_INCHES = 0.3
GAP_INCHES = 0.2  # between one bar and the next name
FRAME_INCHES = 1.3  # title, percentage axis and legend
PLAN_PERCENT = 100.0
LEGEND_INCHES = 0.35
_COLOURS = {"short": "#d9822b", "done": "#2e8540", "plan": "#444444"}

# Charts are drawn one at a time: rcParams-free, but matplotlib's font cache is shared.
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
    """A horizontal bar per indicator, its name above it, its percentage of plan at its end,
    and the plan as a line."""
    if not bars:
        raise ValueError("a chart needs at least one bar")
    with _drawing:
        return _draw(text, bars)


def _names(bar: Bar) -> list[str]:
    return textwrap.wrap(bar.label, LABEL_WIDTH) or [bar.label]


def _row_inches(bar: Bar) -> float:
    return LINE_INCHES * len(_names(bar)) + NAME_GAP_INCHES + BAR_INCHES + GAP_INCHES


def _draw(text: ChartText, bars: Sequence[Bar]) -> bytes:
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure

    plot_inches = sum(_row_inches(bar) for bar in bars)
    height = FRAME_INCHES + plot_inches
    figure = Figure(figsize=(WIDTH_INCHES, height), dpi=DPI)
    FigureCanvasAgg(figure)
    axes = figure.add_subplot()
    _plot(axes, text, bars, plot_inches)
    figure.suptitle(
        "\n".join(textwrap.wrap(text.title, TITLE_WIDTH)) or text.title,
        fontsize=TITLE_POINTS,
        x=0.02,
        ha="left",
        fontfamily=FONT,
    )
    # The plan's legend goes under the axes, where no bar or label can hide it.
    figure.legend(loc="lower right", frameon=False, prop={"family": FONT, "size": FONT_POINTS})
    figure.tight_layout(rect=(0, LEGEND_INCHES / height, 1, 1))
    buffer = io.BytesIO()
    figure.savefig(buffer, format="png", metadata={"Software": None})
    return buffer.getvalue()


def _plot(axes: Any, text: ChartText, bars: Sequence[Bar], plot_inches: float) -> None:
    limit = max(PLAN_PERCENT, *(bar.percent for bar in bars)) * 1.22
    axes.set_xlim(0, limit)
    axes.set_ylim(-plot_inches, 0)  # the y axis counts inches down from the top
    top = 0.0
    for bar in bars:  # the first indicator on top
        names = _names(bar)
        axes.text(
            0,
            -top,
            "\n".join(names),
            va="top",
            ha="left",
            fontsize=FONT_POINTS,
            fontfamily=FONT,
            linespacing=1.15,
            zorder=3,
            # The plan's line passes behind a name, never through its letters.
            bbox={"facecolor": "white", "edgecolor": "none", "pad": 1},
        )
        middle = -(top + LINE_INCHES * len(names) + NAME_GAP_INCHES + BAR_INCHES / 2)
        colour = _COLOURS["done" if bar.percent >= PLAN_PERCENT else "short"]
        axes.barh([middle], [bar.percent], height=BAR_INCHES, color=colour)
        axes.text(
            bar.percent + limit * 0.01,
            middle,
            bar.shown,
            va="center",
            fontsize=FONT_POINTS,
            fontweight="bold",
            fontfamily=FONT,
        )
        top += _row_inches(bar)
    axes.axvline(PLAN_PERCENT, color=_COLOURS["plan"], linestyle="--", linewidth=1, label=text.plan)
    axes.set_yticks([])
    axes.set_xlabel(text.axis, fontsize=FONT_POINTS, fontfamily=FONT)
    axes.tick_params(axis="x", labelsize=FONT_POINTS - 1)
    for label in axes.get_xticklabels():
        label.set_fontfamily(FONT)
    axes.spines[["top", "right", "left"]].set_visible(False)


# -- one indicator's history (the public indicator page) ------------------------------------

HISTORY_SMALLEST_POINTS = 10  # the periods and the legend: the smallest words of the chart
# 576 × 461 px: a phone's 360 px column shows its smallest words at about 12 px.
HISTORY_SIZE_INCHES = (4.0, 3.2)


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
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure

    # The object API, as _draw: no pyplot state shared between threads or charts.
    figure = Figure(figsize=HISTORY_SIZE_INCHES, dpi=DPI)
    FigureCanvasAgg(figure)
    axes = figure.add_subplot()
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
        axes.text(
            position,
            point.value,
            point.shown,
            ha="center",
            va="bottom",
            fontsize=10,
            fontfamily=FONT,
        )
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
        legend = {"family": FONT, "size": HISTORY_SMALLEST_POINTS}
        axes.legend(loc="upper right", frameon=False, prop=legend)
    labels = ["\n".join(textwrap.wrap(point.label, 16)) for point in points]
    axes.set_xticks(positions, labels, fontsize=HISTORY_SMALLEST_POINTS, fontfamily=FONT)
    axes.set_ylabel(unit, fontfamily=FONT)
    wrapped = "\n".join(textwrap.wrap(title, 40))
    axes.set_title(wrapped, fontsize=11, loc="left", fontfamily=FONT)
    axes.spines[["top", "right"]].set_visible(False)
    figure.tight_layout()
    buffer = io.BytesIO()
    figure.savefig(buffer, format="png", metadata={"Software": None})
    return buffer.getvalue()
