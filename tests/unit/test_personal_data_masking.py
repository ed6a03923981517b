"""What the public register masks, and what it must leave alone."""

from __future__ import annotations

import unicodedata

import pytest

from bot.services.tickets.masking import MASK, contains_personal_data, mask_personal_data


@pytest.mark.parametrize(
    ("text", "names", "expected"),
    [
        ("gọi 0912345678 nhé", (), f"gọi {MASK} nhé"),
        ("gọi 0912 345 678 nhé", (), f"gọi {MASK} nhé"),
        ("gọi 0912.345.678", (), f"gọi {MASK}"),
        ("gọi 091-234-5678", (), f"gọi {MASK}"),
        ("call +84 912 345 678", (), f"call {MASK}"),
        ("bàn (024) 3825 1234", (), f"bàn {MASK}"),
        ("so 0912\u200b345678", (), f"so {MASK}"),
        ("<b>0912345678</b>", (), f"<b>{MASK}</b>"),
        ("thư lan.nguyen+hn@example.com.vn", (), f"thư {MASK}"),
        ("CCCD 001204012345", (), f"CCCD {MASK}"),
        ("CMND 012345678", (), f"CMND {MASK}"),
        ("hộ chiếu B1234567", (), f"hộ chiếu {MASK}"),
        ("Tôi là Nguyễn Thị Lan, ở ngõ 5", (), f"Tôi là {MASK}, ở ngõ 5"),
        ("toi la Nguyen Van An", (), f"toi la {MASK}"),
        ("My name is John Smith.", (), f"My name is {MASK}."),
        ("nhà bà Trần Thị Hoa bị dột", (), f"nhà bà {MASK} bị dột"),
        ("anh Tuấn ở ngõ 12", (), f"anh {MASK} ở ngõ 12"),
        ("ông Nguyễn Văn Hùng và Tran Thi Mai", (), f"ông {MASK} và {MASK}"),
        ("Chị Lan liên hệ phường", ("Nguyễn Thị Lan",), f"Chị {MASK} liên hệ phường"),
        ("nguyen thi lan gửi", ("Nguyễn Thị Lan",), f"{MASK} gửi"),
    ],
)
def test_masks_personal_data(text: str, names: tuple[str, ...], expected: str) -> None:
    assert mask_personal_data(text, names) == expected
    assert contains_personal_data(text, names)


@pytest.mark.parametrize(
    "text",
    [
        "Hộ nghèo còn 3.612 hộ, tỷ lệ 0,16%; hỗ trợ 1.500.000 đồng mỗi tháng",
        "Theo Nghị quyết 68/NQ-CP, Chương trình 08-CTr/TU giai đoạn 2021-2025, 18/27 chỉ tiêu",
        "Báo cáo ngày 01/07/2023; năm 2022 đạt 92,5% kế hoạch",
        "Gọi đường dây nóng 1900 1234 hoặc 1800 599 920, hoặc 113",
        "Đường Nguyễn Trãi, phố Lê Duẩn, quận Hoàn Kiếm, bệnh viện Bạch Mai, Hà Nội",
        "Trường THCS Trần Phú ở quận Hoàng Mai, Việt Nam",
        "",
    ],
)
def test_leaves_figures_documents_hotlines_and_places_alone(text: str) -> None:
    assert mask_personal_data(text) == text
    assert not contains_personal_data(text)


def test_decomposed_diacritics_are_matched() -> None:
    decomposed = unicodedata.normalize("NFD", "Tôi là Nguyễn Thị Lan")
    assert mask_personal_data(decomposed) == f"Tôi là {MASK}"


def test_a_long_text_keeps_its_length_order() -> None:
    text = ("Đề nghị sửa đường ở ngõ 12. " * 140) + "Liên hệ 0912345678."
    masked = mask_personal_data(text)
    assert masked.endswith(f"Liên hệ {MASK}.")
    assert masked.startswith("Đề nghị sửa đường ở ngõ 12.")
