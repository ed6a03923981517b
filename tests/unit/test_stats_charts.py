"""Statistics charts: PNGs of the expected size, Vietnamese drawn with DejaVu Sans."""

from __future__ import annotations

import struct
import warnings

import pytest

from bot.services.stats.charts import (
    BASE_INCHES,
    DPI,
    FONT,
    HEIGHT_INCHES,
    LINE_INCHES,
    ROW_GAP_INCHES,
    ROW_INCHES,
    TOPIC_LABEL_WIDTH,
    WIDTH_INCHES,
    ChartLabels,
    CountBar,
    WeeklyLabels,
    count_chart_height,
    status_chart,
    topic_chart,
    weekly_chart,
)

PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"
STATUSES = ["Mới", "Đã duyệt", "Đã giao xử lý", "Đã trả lời", "Mở lại", "Đã giải quyết"]
LABELS = ChartLabels("Phản ánh theo trạng thái", "Số phản ánh")


def size(png: bytes) -> tuple[int, int]:
    assert png.startswith(PNG_SIGNATURE)
    assert png[12:16] == b"IHDR"
    width, height = struct.unpack(">II", png[16:24])
    return width, height


def drawn_without_missing_glyphs(draw: object) -> bytes:
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        png = draw()  # type: ignore[operator]
    missing = [str(item.message) for item in caught if "missing from" in str(item.message)]
    assert missing == []
    assert isinstance(png, bytes)
    return png


def test_the_status_chart_is_a_png_of_the_page_width() -> None:
    bars = [CountBar(label, count) for count, label in enumerate(STATUSES)]
    png = drawn_without_missing_glyphs(lambda: status_chart(LABELS, bars))
    # A row per status, each label on one line beside its bar: nothing shares a line.
    assert size(png) == (round(WIDTH_INCHES * DPI), round((BASE_INCHES + 6 * ROW_INCHES) * DPI))
    assert round(WIDTH_INCHES * DPI) <= 560  # shown at about 360 px on a phone, not a third
    assert status_chart(LABELS, bars) == png  # the same data draws the same bytes
    other = ChartLabels("Feedback by status", "Tickets")
    assert status_chart(other, bars) != png  # and the labels are the caller's


def test_the_topic_chart_grows_with_its_topics() -> None:
    labels = ChartLabels("Theo lĩnh vực", "Số phản ánh")
    few = [CountBar("Giảm nghèo", 3), CountBar("Khác", 0)]
    many = [CountBar(f"Lĩnh vực số {n}: giáo dục nghề nghiệp, việc làm", n) for n in range(10)]
    small = size(drawn_without_missing_glyphs(lambda: topic_chart(labels, few)))
    large = size(drawn_without_missing_glyphs(lambda: topic_chart(labels, many)))
    assert small[0] == large[0] == round(WIDTH_INCHES * DPI)
    # The long names wrap on three lines, and their rows grow to hold them.
    assert all(len(bar.label) > 2 * TOPIC_LABEL_WIDTH for bar in many)
    row = 3 * LINE_INCHES + ROW_GAP_INCHES
    assert row > ROW_INCHES
    assert count_chart_height([bar.label for bar in many], TOPIC_LABEL_WIDTH) == pytest.approx(
        BASE_INCHES + 10 * row
    )
    assert large[1] - small[1] == pytest.approx((10 * row - 2 * ROW_INCHES) * DPI, abs=1)
    assert size(topic_chart(labels, [])) == (
        round(WIDTH_INCHES * DPI),
        round((BASE_INCHES + ROW_INCHES) * DPI),
    )


def test_the_weekly_chart_draws_filed_and_answered() -> None:
    labels = WeeklyLabels("Phản ánh theo tuần", "Số phản ánh", "Đã nhận", "Đã trả lời")
    weeks = [f"Tuần {n}" for n in range(1, 13)]
    png = drawn_without_missing_glyphs(
        lambda: weekly_chart(labels, weeks, list(range(12)), [0] * 12)
    )
    assert size(png) == (round(WIDTH_INCHES * DPI), round(HEIGHT_INCHES * DPI))
    with pytest.raises(ValueError, match="per week"):
        weekly_chart(labels, weeks, [1], [1])


def test_vietnamese_is_drawn_with_dejavu_sans_itself() -> None:
    from matplotlib import font_manager

    path = font_manager.findfont(
        font_manager.FontProperties(family=FONT), fallback_to_default=False
    )
    assert path.endswith("DejaVuSans.ttf")
    font = font_manager.get_font(path)
    letters = "ạảấầẩẫậắằẳẵặẹẻẽếềểễệỉịọỏốồổỗộớờởỡợụủứừửữựỳỵỷỹđĐ"
    assert all(font.get_char_index(ord(letter)) for letter in letters)
