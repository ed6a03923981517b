"""The statistics page's charts as inline SVG: horizontal bars, drawn by this module alone.

Nothing to import, nothing to draw on a thread, nothing to cache: a chart is a few hundred
bytes of markup written while the page renders (microseconds per bar), so the page and its
charts always show the same figures. matplotlib stays for the residents' broadcast chart only
(content.charts), which Telegram needs as a PNG.

Layout, in user units (CSS pixels at the chart's natural width, `WIDTH`; the chart scales to
its column, text with it). Each row is one label and its bars, one bar per series, each bar's
value just past its end. A label goes beside its bars when every label of the chart fits a
narrow column (a week's "16/03"), else on line(s) of its own above them, wrapped to the
chart's width: labels never share a line with another label, and the bars are scaled so that
the longest one and its value fit. Every text's box is computed from a generous estimate of
its advance (`CHAR_EM` of the font size per character), kept in `Chart.texts`, and checked
by the tests not to intersect; a browser test measures the real boxes too.

Accessible: role="img" named by its <title>, every word a <text> (found by search, read by
screen readers, translated by the browser), and the page keeps the same figures as a table.
Colours and fonts come from the dashboard's stylesheet through classes: no style attribute,
which the page's Content-Security-Policy (style-src 'self') would refuse.
"""

from __future__ import annotations

import textwrap
from collections.abc import Sequence
from dataclasses import dataclass

from markupsafe import Markup

WIDTH = 360  # the chart's natural width: a phone's column
FONT = 14  # every text on the chart; 13 px or more once scaled to a phone's column
CHAR_EM = 0.66  # an estimated character's advance, in font sizes (DejaVu's digits: 0.64)
LINE = 18  # a line of text
BAR = 16
BAR_GAP = 3  # between the bars of one row
ROW_GAP = 10  # between one row and the next
LABEL_GAP = 3  # between a label above its bars and them
BESIDE_SHARE = 0.3  # labels this narrow (a share of WIDTH) go beside their bars
PAD = 6  # between a bar's end and its value, between a label column and the bars
MIN_PLOT = 0.4  # of WIDTH, the least left to the bars however long a value is
SWATCH = 12  # a legend's square
ASCENT = 0.8  # of the font size: a text's top above its baseline
DESCENT = 0.25


@dataclass(frozen=True, slots=True)
class Box:
    x: float
    y: float
    width: float
    height: float

    def intersects(self, other: Box) -> bool:
        return (
            self.x < other.x + other.width
            and other.x < self.x + self.width
            and self.y < other.y + other.height
            and other.y < self.y + self.height
        )


@dataclass(frozen=True, slots=True)
class Text:
    content: str
    x: float
    baseline: float
    kind: str  # "label", "value" or "legend": its class on the chart

    @property
    def box(self) -> Box:
        top = self.baseline - ASCENT * FONT
        return Box(self.x, top, text_width(self.content), (ASCENT + DESCENT) * FONT)


@dataclass(frozen=True, slots=True)
class Rect:
    x: float
    y: float
    width: float
    height: float
    series: int  # its colour: class "bar-<series>"


@dataclass(frozen=True, slots=True)
class Row:
    """A label and one value per series, each with the value as the page writes it."""

    label: str
    values: tuple[int, ...]
    shown: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class Chart:
    element_id: str
    title: str  # what the chart shows, for screen readers (its <title>)
    width: float
    height: float
    texts: tuple[Text, ...]
    rects: tuple[Rect, ...]

    def svg(self) -> Markup:
        """The chart's markup; every word and name escaped by Markup.format."""
        title_id = f"{self.element_id}-title"
        parts = [
            Markup(
                '<svg id="{}" class="chart" role="img" aria-labelledby="{}"'
                ' viewBox="0 0 {} {}" font-size="{}"><title id="{}">{}</title>'
            ).format(
                self.element_id,
                title_id,
                _n(self.width),
                _n(self.height),
                FONT,
                title_id,
                self.title,
            )
        ]
        parts += [
            Markup('<rect class="bar-{}" x="{}" y="{}" width="{}" height="{}"/>').format(
                rect.series, _n(rect.x), _n(rect.y), _n(rect.width), _n(rect.height)
            )
            for rect in self.rects
        ]
        parts += [
            Markup('<text class="{}" x="{}" y="{}">{}</text>').format(
                text.kind, _n(text.x), _n(text.baseline), text.content
            )
            for text in self.texts
        ]
        parts.append(Markup("</svg>"))
        return Markup("").join(parts)


def text_width(text: str) -> float:
    return len(text) * CHAR_EM * FONT


def bar_chart(
    element_id: str, title: str, rows: Sequence[Row], legend: Sequence[str] = ()
) -> Chart:
    """Rows top to bottom in the order given; `legend` names the series when there are several
    (one line above the rows)."""
    series = max((len(row.values) for row in rows), default=len(legend)) or 1
    if any(len(row.values) != series or len(row.shown) != series for row in rows):
        raise ValueError("every row needs one value and one shown value per series")
    if legend and len(legend) != series:
        raise ValueError("one legend entry per series")
    if any(value < 0 for row in rows for value in row.values):
        raise ValueError("bars count things: no negative value")
    texts: list[Text] = []
    rects: list[Rect] = []
    top = _legend(legend, texts, rects)
    beside = max((text_width(row.label) for row in rows), default=0) <= BESIDE_SHARE * WIDTH
    column = max((text_width(row.label) for row in rows), default=0) + PAD if beside else 0
    value_room = max((text_width(shown) for row in rows for shown in row.shown), default=0)
    plot = max(WIDTH - column - PAD - value_room, MIN_PLOT * WIDTH)
    width = max(WIDTH, column + plot + PAD + value_room)
    most = max((value for row in rows for value in row.values), default=0) or 1
    wrap = max(int(width // (CHAR_EM * FONT)), 1)
    block = series * BAR + (series - 1) * BAR_GAP
    for row in rows:
        if beside:
            height: float = max(block, LINE)
            middle = top + height / 2
            texts.append(Text(row.label, 0, middle + _centre_offset(), "label"))
            bars_top = top + (height - block) / 2
        else:
            lines = textwrap.wrap(row.label, wrap) or [row.label]
            for number, line in enumerate(lines):
                texts.append(Text(line, 0, top + number * LINE + ASCENT * FONT, "label"))
            bars_top = top + len(lines) * LINE + LABEL_GAP
            height = bars_top - top + block
        for index, (value, shown) in enumerate(zip(row.values, row.shown, strict=True)):
            y = bars_top + index * (BAR + BAR_GAP)
            length = plot * value / most
            rects.append(Rect(column, y, length, BAR, index))
            baseline = y + BAR / 2 + _centre_offset()
            texts.append(Text(shown, column + length + PAD, baseline, "value"))
        top += height + ROW_GAP
    return Chart(element_id, title, width, max(top - ROW_GAP, LINE), tuple(texts), tuple(rects))


def _legend(names: Sequence[str], texts: list[Text], rects: list[Rect]) -> float:
    """A swatch and a name per series, on lines of their own; where the rows begin."""
    if len(names) < 2:
        return 0.0
    for index, name in enumerate(names):
        top = index * LINE
        rects.append(Rect(0, top + (LINE - SWATCH) / 2, SWATCH, SWATCH, index))
        texts.append(Text(name, SWATCH + PAD, top + LINE / 2 + _centre_offset(), "legend"))
    return len(names) * LINE + ROW_GAP


def _centre_offset() -> float:
    """From a line's middle to its baseline."""
    return (ASCENT - DESCENT) * FONT / 2


def _n(value: float) -> str:
    return f"{value:.1f}".removesuffix(".0")
