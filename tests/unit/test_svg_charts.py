"""The statistics' SVG charts: well-formed, escaped, accessible, nothing overlapping, whatever
the labels and the values (checked on the layout's coordinates and on the markup itself)."""

from __future__ import annotations

import itertools
import xml.etree.ElementTree as ET

import pytest

from bot.web.svg_charts import (
    FONT,
    WIDTH,
    Box,
    Chart,
    Row,
    Text,
    bar_chart,
    text_width,
)

SVG = "{http://www.w3.org/2000/svg}"
STATUSES = ["Mới", "Đã duyệt", "Đã giao xử lý", "Đã trả lời", "Mở lại", "Đã giải quyết"]
NASTY = "Học phí <b>& \"hộ nghèo\"</b> 'cận nghèo' <script>alert(1)</script>"


def row(label: str, *values: int) -> Row:
    return Row(label, values, tuple(f"{value:,}".replace(",", ".") for value in values))


def parsed(chart: Chart) -> ET.Element:
    """The markup as an XML parser reads it (as inline SVG is written into the page)."""
    markup = str(chart.svg()).replace("<svg ", '<svg xmlns="http://www.w3.org/2000/svg" ', 1)
    return ET.fromstring(markup)  # noqa: S314 (our own markup, a test)


def assert_nothing_overlaps(chart: Chart) -> None:
    for first, second in itertools.combinations(chart.texts, 2):
        assert not first.box.intersects(second.box), (first, second)
    for text in chart.texts:
        box = text.box
        assert box.x >= 0, text
        assert box.y >= 0, text
        assert box.x + box.width <= chart.width + 0.01, (text, chart.width)
        assert box.y + box.height <= chart.height + 0.01, (text, chart.height)
        # No words drawn over a bar: a value starts past its bar's end.
        for rect in chart.rects:
            drawn = Box(rect.x, rect.y, rect.width, rect.height)
            assert not box.intersects(drawn), (text, rect)
    for bar, other_bar in itertools.combinations(chart.rects, 2):
        one = Box(bar.x, bar.y, bar.width, bar.height)
        other = Box(other_bar.x, other_bar.y, other_bar.width, other_bar.height)
        assert not one.intersects(other), (bar, other_bar)


def test_a_bar_per_status_in_order_with_its_label_and_value() -> None:
    rows = [row(label, count) for count, label in enumerate(STATUSES, start=3)]
    chart = bar_chart("chart-status", "Số phản ánh theo trạng thái", rows)
    labels = [text.content for text in chart.texts if text.kind == "label"]
    values = [text.content for text in chart.texts if text.kind == "value"]
    assert labels == STATUSES  # Vietnamese kept as it is, in the order given
    assert values == [str(count) for count in range(3, 9)]
    # Top to bottom in that order, the longest bar the largest count, proportional.
    tops = [rect.y for rect in chart.rects]
    assert tops == sorted(tops)
    widths = [rect.width for rect in chart.rects]
    assert widths[-1] == max(widths)
    assert widths[0] == pytest.approx(widths[-1] * 3 / 8)
    assert_nothing_overlaps(chart)


def test_the_markup_is_accessible_text_with_classes_and_no_style() -> None:
    chart = bar_chart("chart-topic", "Theo lĩnh vực", [row("Giáo dục", 12), row("Y tế", 4)])
    markup = str(chart.svg())
    root = parsed(chart)
    assert root.get("role") == "img"
    assert root.get("aria-labelledby") == "chart-topic-title"
    title = root.find(f"{SVG}title")
    assert title is not None
    assert title.text == "Theo lĩnh vực"
    assert title.get("id") == "chart-topic-title"
    assert [text.text for text in root.iter(f"{SVG}text")] == ["Giáo dục", "12", "Y tế", "4"]
    assert [rect.get("class") for rect in root.iter(f"{SVG}rect")] == ["bar-0", "bar-0"]
    # Words are text, not paths; colours are the stylesheet's (CSP: no style attribute).
    assert "<path" not in markup
    assert "style=" not in markup
    assert "fill=" not in markup
    assert "<script" not in markup
    width, height = (float(part) for part in root.get("viewBox", "").split()[2:])
    assert (width, height) == (chart.width, chart.height)
    assert width == WIDTH


def test_labels_and_titles_are_escaped() -> None:
    chart = bar_chart('x" onload="alert(1)', NASTY, [row(NASTY, 1), row("A & B < C > D", 2)])
    markup = str(chart.svg())
    assert "<script" not in markup
    assert "<b>" not in markup
    assert ' onload="' not in markup
    root = parsed(chart)  # still well-formed
    assert root.get("id") == 'x" onload="alert(1)'
    title = root.find(f"{SVG}title")
    assert title is not None
    assert title.text == NASTY
    drawn = "".join(text.text or "" for text in root.iter(f"{SVG}text"))
    assert "A & B < C > D" in drawn
    assert "&amp;" in markup
    assert "&lt;script&gt;" in markup
    assert "&#39;cận nghèo&#39;" in markup


def test_zero_values_draw_empty_bars_with_their_zero() -> None:
    chart = bar_chart("chart-status", "Trạng thái", [row("Mới", 0), row("Đã duyệt", 0)])
    assert [rect.width for rect in chart.rects] == [0, 0]
    assert [text.content for text in chart.texts if text.kind == "value"] == ["0", "0"]
    assert_nothing_overlaps(chart)
    empty = bar_chart("chart-weekly", "Tuần", [], legend=("Nhận", "Trả lời"))
    assert empty.height > 0
    assert not [rect for rect in empty.rects if rect.height == 16]
    parsed(empty)


def test_huge_values_keep_their_value_inside_the_chart() -> None:
    huge = 10**24
    chart = bar_chart("chart-topic", "Lĩnh vực", [row("Giáo dục", huge), row("Khác", 1)])
    value = next(text for text in chart.texts if text.content.startswith("1.000"))
    assert value.content == "1" + ".000" * 8
    assert_nothing_overlaps(chart)  # the chart widens rather than cut the number
    assert chart.width >= WIDTH
    longest = max(chart.rects, key=lambda rect: rect.width)
    assert longest.width >= 0.4 * WIDTH  # and still leaves the bars room to compare


def test_forty_bars_with_long_labels_each_on_lines_of_their_own() -> None:
    label = "Lĩnh vực số {}: giáo dục nghề nghiệp, việc làm và an sinh xã hội cho hộ cận nghèo"
    rows = [row(label.format(n), n * 37) for n in range(40)]
    chart = bar_chart("chart-topic", "Theo lĩnh vực", rows)
    assert len(chart.rects) == 40
    labels = [text for text in chart.texts if text.kind == "label"]
    assert len(labels) > 40  # wrapped: more than one line each
    assert " ".join(text.content for text in labels[:3]).startswith(label.format(0)[:40])
    assert all(text_width(text.content) <= chart.width for text in labels)
    assert all(text.x == 0 for text in labels)  # above their bars, not beside
    assert_nothing_overlaps(chart)


def test_an_unbroken_word_is_cut_to_the_width() -> None:
    word = "https://dichvucong.hanoi.gov.vn/thu-tuc/" + "tro-cap-xa-hoi-" * 8
    chart = bar_chart("chart-topic", "Lĩnh vực", [row(word, 5)])
    lines = [text.content for text in chart.texts if text.kind == "label"]
    assert "".join(lines) == word
    assert len(lines) > 1
    assert_nothing_overlaps(chart)


def test_weeks_are_labelled_beside_their_two_bars_under_a_legend() -> None:
    weeks = [f"{day:02d}/03" for day in range(2, 30, 7)] + ["06/04"]
    rows = [row(week, 100 + index, index) for index, week in enumerate(weeks)]
    chart = bar_chart("chart-weekly", "Theo tuần", rows, legend=("Đã nhận", "Đã trả lời"))
    legend = [text.content for text in chart.texts if text.kind == "legend"]
    assert legend == ["Đã nhận", "Đã trả lời"]
    labels = [text for text in chart.texts if text.kind == "label"]
    assert [text.content for text in labels] == weeks
    bars = [rect for rect in chart.rects if rect.height > 12]
    assert len(bars) == 2 * len(weeks)
    assert [rect.series for rect in bars] == [0, 1] * len(weeks)
    # Beside: each label's line is level with its row's two bars, left of them.
    for label, (filed, answered) in zip(
        labels, zip(bars[::2], bars[1::2], strict=True), strict=True
    ):
        assert filed.y < label.baseline < answered.y + answered.height
        assert label.box.x + label.box.width < filed.x
    assert_nothing_overlaps(chart)


def test_rows_must_match_the_series() -> None:
    with pytest.raises(ValueError, match="per series"):
        bar_chart("c", "t", [row("a", 1), row("b", 1, 2)])
    with pytest.raises(ValueError, match="legend"):
        bar_chart("c", "t", [row("a", 1, 2)], legend=("one",))
    with pytest.raises(ValueError, match="negative"):
        bar_chart("c", "t", [row("a", -1)])


def test_text_is_readable_on_a_phone() -> None:
    # The chart scales to its column: about 340 px on a 390 px phone.
    assert FONT * 340 / WIDTH >= 13
    assert Text("16/03", 0, 20, "label").box.height < 18  # within its line
