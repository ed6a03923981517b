"""What subscribers read and see: the report caption within Telegram's limit, the chart."""

from __future__ import annotations

import struct
import warnings

import pytest

from bot.i18n import LANGUAGES, Translator
from bot.services.broadcasts.composition import report_digest, visible_length
from bot.services.broadcasts.model import MAX_TEXT_CHARS, ReportDigest
from content.charts import DPI, WIDTH_INCHES, Bar, ChartText, render_plan_chart
from content.loader import load_knowledge_base
from handlers.broadcast_texts import BroadcastTexts

PNG = b"\x89PNG\r\n\x1a\n"


@pytest.fixture(scope="module")
def texts() -> BroadcastTexts:
    return BroadcastTexts(Translator())


def test_visible_length_counts_what_telegram_counts() -> None:
    assert visible_length("<b>Hộ nghèo</b> &amp; <i>cận nghèo</i>") == len("Hộ nghèo & cận nghèo")


def test_a_long_report_is_cut_to_the_caption_limit_with_a_pointer(texts: BroadcastTexts) -> None:
    kb = load_knowledge_base()
    digest = report_digest(kb, kb.reports["report-2022-q1"])
    long = ReportDigest(digest.report, digest.programme_code, digest.lines * 4)  # 36 lines
    for language in ("vi", "en"):
        caption = texts.report_message(language, long, 1024)
        assert visible_length(caption) <= 1024
        assert "/indicators" in caption
        assert "/unsubscribe" in caption
    for language in LANGUAGES:
        # The real report fits whole in a text message (it goes before the chart when it is
        # longer than a caption: bot.services.broadcasts.composition.fits_caption).
        whole = texts.report_message(language, digest, MAX_TEXT_CHARS)
        assert "/indicators" not in whole
        assert whole.count("\n• ") == len(digest.lines)
        assert visible_length(whole) <= MAX_TEXT_CHARS


def test_the_chart_draws_vietnamese_without_missing_glyphs() -> None:
    bars = [
        Bar("Giải quyết việc làm", 31.26, "31,3%"),
        Bar("Tuyển sinh giáo dục nghề nghiệp", 9.28, "9,3%"),
        Bar("Tỷ lệ bao phủ bảo hiểm y tế — vượt kế hoạch", 104.0, "104%"),
    ]
    text = ChartText("Chương trình 08-CTr/TU — Quý I/2022", "% kế hoạch", "Kế hoạch (100%)")
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        png = render_plan_chart(text, bars)
    assert not [item for item in caught if "Glyph" in str(item.message)]
    assert png.startswith(PNG)
    width, height = struct.unpack(">II", png[16:24])
    assert width == round(WIDTH_INCHES * DPI) == 662  # a phone shows it at about half that
    assert height > 3 * DPI  # each name on a line of its own above its bar
    with pytest.raises(ValueError, match="at least one bar"):
        render_plan_chart(text, [])
