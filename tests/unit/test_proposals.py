"""The proposer: numbers, units, skips, kinds, periods, indicators and verbatim quotes."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from content.loader import load_knowledge_base
from content.proposals import Proposal, ReportError, propose, read_report
from content.proposals.numbers import parse_number
from content.proposals.units import read_unit
from content.schema import Indicator

ROOT = Path(__file__).resolve().parents[2]
REPORTS = [
    (ROOT / "content/seeds/report-2022-q1.txt", dt.date(2022, 4, 13)),
    (ROOT / "content/seeds/report-2023-h1.txt", dt.date(2023, 7, 1)),
    (ROOT / "tests/data/reports/report-2023-q3.txt", dt.date(2023, 10, 12)),
]
DATE = dt.date(2023, 10, 12)


@pytest.fixture(scope="module")
def indicators() -> list[Indicator]:
    return list(load_knowledge_base().indicators.values())


def one(text: str, indicators: list[Indicator] | None = None) -> Proposal:
    found = propose(text, DATE, indicators or [])
    assert len(found) == 1, [item.as_dict() for item in found]
    return found[0]


@pytest.mark.parametrize(
    ("written", "value"),
    [
        ("2.981", 2981),
        ("0,13", 0.13),
        ("7.152,8", 7152.8),
        ("160.000", 160000),
        ("1.234.567", 1234567),
        ("2,981", 2.981),  # Vietnamese decimal comma, not English thousands
        ("1,234,567", 1234567),  # English thousands: several commas
        ("7,152.8", 7152.8),  # English: the last separator marks the decimals
        ("2.5", 2.5),  # not a thousands group: a decimal point
        ("68", 68),
    ],
)
def test_numbers_are_read_vietnamese_first(written: str, value: float) -> None:
    assert parse_number(written) == pytest.approx(value)


def test_a_dotted_section_number_is_no_number() -> None:
    assert parse_number("1.2.3") is None


def test_digits_beyond_a_float_are_no_number() -> None:
    assert parse_number("9" * 400) is None


@pytest.mark.parametrize(
    ("text", "label"),
    [
        ("5,64 triệu lượt đối tượng với", "triệu lượt đối tượng"),
        ("7.152,8 tỷđồng (trong đó", "tỷ đồng"),
        ("2 triệu đồng", "triệu đồng"),
        ("3 triệu", "triệu"),
        ("68%", "%"),
        ("91,8% dân số (chưa", "% dân số"),
        ("15 bác sỹ/vạn dân", "bác sỹ/vạn dân"),
        ("30,5 giường bệnh/vạn dân", "giường bệnh/vạn dân"),
        ("20.839/224.500 lượt người", "lượt người"),
        ("850.000 trẻ tham gia", "trẻ"),
        ("45 trường học", "trường học"),
        ("12 công trình", "công trình"),
        ("4 Nghị quyết của HĐND", "nghị quyết"),
        ("3.612 hộ nghèo", "hộ"),
        ("50.019 lao động", "lao động"),
    ],
)
def test_units(text: str, label: str) -> None:
    number_end = len(text.split(" ")[0].rstrip("%"))
    unit = read_unit(text, number_end)
    assert unit is not None
    assert unit.label == label


def test_the_multiplier_stays_in_the_unit_as_the_content_stores_it() -> None:
    proposal = one("hỗ trợ cho trên 5,64 triệu lượt đối tượng.")
    assert (proposal.value, proposal.unit, proposal.qualifier) == (
        5.64,
        "triệu lượt đối tượng",
        "trên",
    )


@pytest.mark.parametrize(
    "text",
    [
        "Kết quả năm 2022 được đánh giá cao.",
        "Hội nghị diễn ra sáng 13/4.",
        "Chiến thắng Điện Biên Phủ (7/5/1954 – 7/5/2024).",
        "Thực hiện Nghị quyết số 68/NQ-CP của Chính phủ.",
        "Chương trình số 08-CTr/TU của Thành ủy.",
        "Theo Quyết định số 123/QĐ-UBND của UBND Thành phố.",
        "Theo Nghị quyết 15/NQ-UBND và Điều 5 của Luật.",
        "Mọi ý kiến xin gọi điện thoại: 024.3825.3470.",
        "Đường dây nóng 0912.345.678 luôn mở.",
        "Liên hệ 024 3825 3470 để biết thêm.",
        "1. Về giảm nghèo và việc làm",
        "II. Nhiệm vụ quý IV/2023",
        "Dịch Covid-19 diễn biến phức tạp.",
        "Đề án “Phấn đấu 100% trẻ em mẫu giáo được uống sữa học đường” đã triển khai.",
        "Chương trình giai đoạn 2021-2025 đã đi được nửa chặng.",
        "Báo cáo kết quả 6 tháng đầu năm 2023 tại hội nghị.",
        "Trong quý II-2022, thành phố tập trung tuyển sinh.",
        "Kỷ niệm 70 năm Chiến thắng Điện Biên Phủ.",
        "Hội nghị lần thứ 3 của Ban Chỉ đạo.",
    ],
)
def test_what_is_not_a_figure_is_skipped(text: str) -> None:
    assert propose(text, DATE, []) == []


def test_plan_share_of_plan_and_change_join_the_figure() -> None:
    text = (
        "giải quyết việc làm cho 50.019/160.000 lao động, đạt 31,3% kế hoạch năm "
        "(tăng 29,2% so với cùng kỳ năm 2021)."
    )
    proposal = one(text)
    assert (proposal.value, proposal.plan, proposal.unit) == (50019, 160000, "lao động")
    assert (proposal.percent_of_plan, proposal.change, proposal.kind) == (31.3, 29.2, "value")


def test_a_change_alone_is_a_signed_proposal() -> None:
    proposal = one("số lao động hưởng bảo hiểm thất nghiệp giảm 31,2% so với cùng kỳ năm 2021.")
    assert (proposal.kind, proposal.value, proposal.change, proposal.unit) == (
        "change",
        -31.2,
        -31.2,
        "%",
    )


def test_a_share_of_plan_alone_is_a_proposal() -> None:
    proposal = one("Công tác này đạt 82,6% kế hoạch.")
    assert (proposal.kind, proposal.value, proposal.percent_of_plan) == (
        "percent_of_plan",
        82.6,
        82.6,
    )


def test_a_target_is_marked() -> None:
    proposal = one("Mục tiêu đến năm 2025 đạt 15 bác sỹ/vạn dân.")
    assert (proposal.kind, proposal.value, proposal.unit) == ("target", 15, "bác sỹ/vạn dân")


@pytest.mark.parametrize(
    ("words", "qualifier"),
    [("trên", "trên"), ("khoảng", "khoảng"), ("gần", "gần"), ("hơn", "hơn"), ("", None)],
)
def test_qualifiers(words: str, qualifier: str | None) -> None:
    proposal = one(f"Thành phố đã hỗ trợ {words} 120.000 lượt người.")
    assert proposal.qualifier == qualifier
    assert proposal.value == 120000


@pytest.mark.parametrize(
    ("text", "date", "key", "vi"),
    [
        (
            "Giao ban kết quả Quý I/2022 và nhiệm vụ quý II/2022.",
            dt.date(2022, 4, 13),
            "2022-Q1",
            "Quý I/2022",
        ),
        (
            "Báo cáo kết quả 3 tháng đầu năm 2022.",
            dt.date(2022, 4, 13),
            "2022-Q1",
            "3 tháng đầu năm 2022",
        ),
        ("Kết quả 6 tháng đầu năm 2023.", dt.date(2023, 6, 28), "2023-H1", "6 tháng đầu năm 2023"),
        ("Không nêu kỳ báo cáo.", dt.date(2023, 6, 28), None, "Đến ngày 28/06/2023"),
    ],
)
def test_the_period_comes_from_the_report(
    text: str, date: dt.date, key: str | None, vi: str
) -> None:
    proposal = propose(text + " Có 5 hộ nghèo.", date, [])[0]
    assert (proposal.period.key, proposal.period.vi, proposal.period.as_of) == (key, vi, date)


def test_indicators_are_matched_from_names_and_aliases(indicators: list[Indicator]) -> None:
    found = propose(
        "toàn thành phố có 3.612 hộ nghèo, chiếm 0,16% tổng số hộ dân và 30.176 hộ cận nghèo, "
        "chiếm 1,38%; Thành phố hiện có 13,1 bác sỹ/vạn dân và 30,5 giường bệnh/vạn dân.",
        DATE,
        indicators,
    )
    assert [(item.indicator, item.value) for item in found] == [
        ("ho-ngheo", 3612),
        ("ho-ngheo", 0.16),
        ("ho-can-ngheo", 30176),
        ("ho-can-ngheo", 1.38),
        ("bac-si", 13.1),
        (None, 30.5),  # no indicator yet: a new one
    ]


def test_from_empty_content_every_indicator_is_new() -> None:
    assert {item.indicator for item in propose("Có 3.612 hộ nghèo.", DATE, [])} == {None}


@pytest.mark.parametrize(("path", "date"), REPORTS, ids=lambda item: getattr(item, "name", ""))
def test_every_quote_is_a_verbatim_span_holding_its_number(
    path: Path,
    date: dt.date,
    indicators: list[Indicator],
) -> None:
    text = path.read_text(encoding="utf-8")
    found = propose(text, date, indicators)
    assert found
    for item in found:
        assert text[item.quote_start : item.quote_end] == item.quote
        assert item.number in item.quote
        assert item.quote == item.quote.strip()
        assert len(item.quote) <= 420


def test_unrelated_news_after_the_report_is_left_out() -> None:
    text = "Có 5 hộ nghèo.\n\nTin cùng chuyên mục\n\nHơn 5.000 lượt khách đã tham quan."
    assert [item.value for item in propose(text, DATE, [])] == [5]


def test_a_long_clause_is_quoted_around_its_figure() -> None:
    text = "Đến nay có " + ", ".join(f"{number} hộ" for number in range(1, 400)) + "."
    found = propose(text, DATE, [])
    assert len(found) == 399
    for item in found:
        assert item.number in item.quote
        assert item.quote in text
        assert len(item.quote) <= 420


def test_report_files_are_checked(tmp_path: Path) -> None:
    with pytest.raises(ReportError, match="no such file"):
        read_report(tmp_path / "missing.txt")
    (tmp_path / "latin1.txt").write_bytes("Có 5 hộ nghèo, tỷ lệ 0,16%".encode("utf-16"))
    with pytest.raises(ReportError, match="not UTF-8"):
        read_report(tmp_path / "latin1.txt")
    (tmp_path / "empty.txt").write_text("  \n", encoding="utf-8")
    with pytest.raises(ReportError, match="empty"):
        read_report(tmp_path / "empty.txt")
    (tmp_path / "big.txt").write_bytes(b"a" * 1_000_001)
    with pytest.raises(ReportError, match="at most 1000000 bytes"):
        read_report(tmp_path / "big.txt")
    with pytest.raises(ReportError, match="not a file"):
        read_report(tmp_path)
