"""Masking personal data for the public register: what goes, and what must stay."""

from __future__ import annotations

import re
import tomllib
import unicodedata
from collections import Counter
from pathlib import Path

import pytest

from bot.services.tickets.masking import MASK, contains_personal_data, mask_personal_data
from content.masking_words import DIRECTORY, LISTS, MaskingWordsError, masking_words
from tests.unit.masking_planted import PLANTED, Planted

# --------------------------------------------------------------------------- phone numbers


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Số của tôi 0912345678 nhé", f"Số của tôi {MASK} nhé"),
        ("gọi 0912345678 nhé", f"gọi {MASK} nhé"),
        ("gọi 0912 345 678 nhé", f"gọi {MASK} nhé"),
        ("gọi 0912.345.678", f"gọi {MASK}"),
        ("gọi 091-234-5678", f"gọi {MASK}"),
        ("call +84 912 345 678", f"call {MASK}"),
        ("bàn (024) 3825 1234", f"bàn {MASK}"),
        ("<b>0912345678</b>", f"<b>{MASK}</b>"),
        ("So cua toi 0912 345 678 nhe", f"So cua toi {MASK} nhe"),
        ("gọi 0912.345.678.", f"gọi {MASK}."),
        ("goi 091-234-5678!", f"goi {MASK}!"),
        ("call me on +84 912 345 678", f"call me on {MASK}"),
        ("+84912345678", MASK),
        ("sđt: 84912345678", f"sđt: {MASK}"),
        ("84 912 345 678", MASK),
        ("máy bàn (024) 3825 1234", f"máy bàn {MASK}"),
        ("may ban 024.3825.1234", f"may ban {MASK}"),
        ("024 3825 1234 hoặc 024-3825-5678", f"{MASK} hoặc {MASK}"),
        ("+84 24 3825 1234", MASK),
        ("+84 (0) 912 345 678", MASK),
        ("số cũ 0168 123 4567", f"số cũ {MASK}"),
        ("(0912345678)", f"({MASK})"),
        ("sdt0912345678", f"sdt{MASK}"),
        ("SĐT:0912345678, Zalo 0987654321", f"SĐT:{MASK}, Zalo {MASK}"),
        ("0912345678 0987654321", f"{MASK} {MASK}"),
        ("năm 2023 đổi sang 0912345678", f"năm 2023 đổi sang {MASK}"),
        ("my son in the UK: +44 20 7946 0958", f"my son in the UK: {MASK}"),
        ("US office +1 202 555 0143", f"US office {MASK}"),
        ("zalo.me/0912345678", f"zalo.me/{MASK}"),
        ('<a href="tel:+84912345678">gọi</a>', f'<a href="tel:{MASK}">gọi</a>'),
    ],
)
def test_phone_numbers_are_masked_in_every_writing(text: str, expected: str) -> None:
    assert mask_personal_data(text) == expected
    assert contains_personal_data(text)


@pytest.mark.parametrize(
    "text",
    [
        "Đường dây nóng 1900 1234 hoặc 1800 599 920",
        "Tổng đài 1900.6789, 19001234, 18001567",
        "Gọi 111 (bảo vệ trẻ em), 113, 114, 115 hoặc 1022",
        "Hotline 1800 1234 is free of charge; call 113 for the police",
        "Gọi đường dây nóng 1900 1234 hoặc 1800 599 920, hoặc 113",
    ],
)
def test_public_hotlines_and_short_numbers_stay(text: str) -> None:
    assert mask_personal_data(text) == text
    assert not contains_personal_data(text)


# --------------------------------------------------------------------------- e-mail


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("thư lan.nguyen+hn@example.com.vn nhé", f"thư {MASK} nhé"),
        ("thư lan.nguyen+hn@example.com.vn", f"thư {MASK}"),
        ("Email: Tuan_Tran92@gmail.com.", f"Email: {MASK}."),
        ("write to john.smith@mail.co.uk, thanks", f"write to {MASK}, thanks"),
        ("gửi lan [at] gmail [dot] com", f"gửi {MASK}"),
        ("mail an.nguyen @ gmail.com", f"mail {MASK}"),
        ("<i>hoa@hanoi.gov.vn</i>", f"<i>{MASK}</i>"),
    ],
)
def test_email_addresses_are_masked(text: str, expected: str) -> None:
    assert mask_personal_data(text) == expected


def test_telegram_usernames_are_masked_but_bots_are_not() -> None:
    text = "nhắn @lan_nguyen92 hoặc dùng @danbiet_bot"
    assert mask_personal_data(text) == f"nhắn {MASK} hoặc dùng @danbiet_bot"


# --------------------------------------------------------------------------- ID numbers


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("CCCD 001204012345", f"CCCD {MASK}"),
        ("căn cước: 001 204 012 345", f"căn cước: {MASK}"),
        ("CMND 012345678, cấp năm 2010", f"CMND {MASK}, cấp năm 2010"),
        ("CMND 012345678", f"CMND {MASK}"),
        ("cmnd so 123456789", f"cmnd so {MASK}"),
        ("sổ BHXH số 0123456789", f"sổ BHXH số {MASK}"),
        ("ma so BHXH 1234567890", f"ma so BHXH {MASK}"),
        ("hộ chiếu B1234567", f"hộ chiếu {MASK}"),
        ("passport no. C12345678", f"passport no. {MASK}"),
        ("STK 1903 5678 9012 34 Techcombank", f"STK {MASK} Techcombank"),
        ("số tài khoản: 0011004123456 (Vietcombank)", f"số tài khoản: {MASK} (Vietcombank)"),
        ("account 123-456-789-012", f"account {MASK}"),
        ("thẻ BHYT HS4010123456789", f"thẻ BHYT {MASK}"),
        ("the BHYT GD 4 01 0123456789", f"the BHYT {MASK}"),
        ("CCCD001204012345", f"CCCD{MASK}"),
    ],
)
def test_id_and_account_numbers_are_masked(text: str, expected: str) -> None:
    assert mask_personal_data(text) == expected
    assert contains_personal_data(text)


# --------------------------------------------------------------------------- figures stay


@pytest.mark.parametrize(
    "text",
    [
        "Hộ nghèo còn 3.612 hộ, tỷ lệ 0,16%; hỗ trợ 1.500.000 đồng mỗi tháng",
        "Ho ngheo con 3.612 ho, ty le 0,16%; ho tro 1.500.000 dong moi thang",
        "Tổng kinh phí 1.234.567.890 đồng, trong đó 84.912.345.678 đồng từ ngân sách",
        "Kinh phí 1 500 000 000 đồng; 150000000 đồng; 2000000000đ; 1500000000 VND",
        "The budget was 1,500,000,000 VND ($60,000), i.e. 92.5% of the plan",
        "Năm 2022 đạt 92,5% kế hoạch; 18/27 chỉ tiêu đạt và vượt",
        "Theo Nghị quyết 68/NQ-CP, Chương trình 08-CTr/TU giai đoạn 2021-2025, 18/27 chỉ tiêu",
        "Báo cáo ngày 01/07/2023; năm 2022 đạt 92,5% kế hoạch",
        "Báo cáo ngày 01/07/2023, 01.07.2023, 2023-07-01 10:30",
        "Giai đoạn 2021-2025 và 2026–2030; các năm 2021, 2022, 2023; năm 2021 2022 2023",
        "Theo Nghị quyết 68/NQ-CP và Nghị quyết 42, Chương trình 08-CTr/TU",
        "Chương trình số 08-CTr/TU của Thành ủy Hà Nội",
        "Quyết định số 1234/QĐ-UBND ngày 13/4/2022",
        "Tỷ lệ 50.019/160.000 và 20.839/224.500; 224,500, 9.3",
        "In 2023 Hanoi had 3,612 poor households (0.16%) out of 2,224,500",
        "https://tuoitre.vn/ha-noi-tang-luong-20230701123456789.htm",
        "Đánh số câu 1 2 3 4 5 6 7 8 9 10",
        "",
    ],
)
def test_amounts_statistics_dates_years_and_documents_stay(text: str) -> None:
    assert mask_personal_data(text) == text
    assert not contains_personal_data(text)


# --------------------------------------------------------------------------- names


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # Vietnamese full names, with and without diacritics
        ("ông Nguyễn Văn Hùng và Tran Thi Mai", f"ông {MASK} và {MASK}"),
        ("Đề nghị xem xét. Trân trọng, Ngô Thị Thanh Hằng", f"Đề nghị xem xét. Trân trọng, {MASK}"),
        ("HỌ TÊN NGUYỄN VĂN AN, LÊ THỊ B", f"HỌ TÊN {MASK}, {MASK}"),
        ("Nguyễn Hoàng Mai gửi", f"{MASK} gửi"),
        ("Nguyễn Xuân Trường hỏi", f"{MASK} hỏi"),
        (
            "Chủ tịch UBND thành phố Hà Nội Nguyễn Ngọc Tuấn",
            f"Chủ tịch UBND thành phố Hà Nội {MASK}",
        ),
        # honorific + name: the honorific stays
        ("anh Tuấn ở ngõ 12", f"anh {MASK} ở ngõ {MASK}"),
        ("nhà bà Trần Thị Hoa bị dột", f"nhà bà {MASK} bị dột"),
        (
            "chị Lan, cô Mai, chú Ba, bác Hải, em Minh, cháu Bình, cụ Tư",
            f"chị {MASK}, cô {MASK}, chú {MASK}, bác {MASK}, em {MASK}, cháu {MASK}, cụ {MASK}",
        ),
        ("Anh Tuấn gọi cho em", f"Anh {MASK} gọi cho em"),
        ("chi Lan o ngo 5", f"chi {MASK} o ngo {MASK}"),
        ("cô giáo Lan và trưởng thôn Bình", f"cô giáo {MASK} và trưởng thôn {MASK}"),
        ("Mr. Smith and Ms Lan", f"Mr. {MASK} and Ms {MASK}"),
        # introductions
        ("Tôi là Nguyễn Thị Lan, ở ngõ 5", f"Tôi là {MASK}, ở ngõ {MASK}"),
        ("toi la Nguyen Van An", f"toi la {MASK}"),
        ("Tên tôi là nguyễn văn an, nhà ở Đống Đa", f"Tên tôi là {MASK}, nhà ở Đống Đa"),
        ("ho ten: tran thi mai, sdt 0912345678", f"ho ten: {MASK}, sdt {MASK}"),
        ("tên là Bình", f"tên là {MASK}"),
        ("con tôi là Nguyễn Minh Khôi, học lớp 5", f"con tôi là {MASK}, học lớp 5"),
        ("cháu tên Bảo An năm nay 6 tuổi", f"cháu tên {MASK} năm nay 6 tuổi"),
        ("Xin chào, tôi là Hùng", f"Xin chào, tôi là {MASK}"),
        ("My name is John Smith.", f"My name is {MASK}."),
        ("my name is john smith and I live in Hanoi", f"my name is {MASK} and I live in Hanoi"),
        ("I am Lan, I live in Ba Dinh", f"I am {MASK}, I live in Ba Dinh"),
        ("I'm Tran Thi Mai.", f"I'm {MASK}."),
    ],
)
def test_names_are_masked(text: str, expected: str) -> None:
    assert mask_personal_data(text) == expected
    assert contains_personal_data(text)


@pytest.mark.parametrize(
    "text",
    [
        "Đường Nguyễn Trãi, phố Lê Duẩn, quận Hoàn Kiếm, bệnh viện Bạch Mai, Hà Nội",
        "Duong Nguyen Trai, pho Le Duan, quan Hoan Kiem, benh vien Bach Mai, Ha Noi",
        "Trường THCS Trần Phú ở quận Hoàng Mai, Việt Nam",
        "Q. Hoàn Kiếm, P. Trần Hưng Đạo, TP. Hà Nội, TP Hà Nội",
        "phố Bà Triệu và phố Hai Bà Trưng; sông Tô Lịch; hồ Hoàn Kiếm; chợ Đồng Xuân",
        "Tôi ở Hoàng Mai, làm ở Long Biên, con học ở Cầu Giấy, bố ở Hà Đông",
        (
            "Ba Đình, Hoàn Kiếm, Tây Hồ, Long Biên, Cầu Giấy, Đống Đa, Hai Bà Trưng, Hoàng Mai, "
            "Thanh Xuân, Nam Từ Liêm, Bắc Từ Liêm, Hà Đông, Sơn Tây, Ba Vì, Gia Lâm, Sóc Sơn"
        ),
        "Thủ đô Hà Nội; Lăng Bác; Bác Hồ; thành phố Hồ Chí Minh",
        "Bệnh viện Việt Đức, Trường Tiểu học Kim Đồng, Trường THPT Chu Văn An",
        "Tran Phu Street, Bach Mai Hospital, Ho Chi Minh City, Le Duan street",
        "Tôi là Chủ tịch UBND phường Ba Đình; tôi là người dân quận Hoàng Mai; tôi là hộ nghèo",
        "I am Vietnamese and I am a resident of Hanoi",
        "Hồ sơ đã nộp. Hỗ trợ hộ nghèo. Ho tro Ho Ngheo. Hội Người Cao Tuổi. Đoàn Thanh niên.",
        "Bảo Hiểm Xã Hội Việt Nam; Trung Tâm Dịch Vụ Việc Làm Hà Nội; Mai tôi lên phường",
        "Hoàng hôn trên Hồ Tây. Chương trình có tên là Hỗ trợ sinh kế. Tên là gì ạ?",
        "tiếng Anh; bà con phường Phúc Xá; ông bà ta; Kính gửi: Ông Bà Anh Chị",
        "Do you know? To whom it may concern. Thank you, Mr. President",
    ],
)
def test_places_streets_and_ordinary_capitalised_words_stay(text: str) -> None:
    assert mask_personal_data(text) == text
    assert not contains_personal_data(text)


# --------------------------------------------------------------------------- known names


@pytest.mark.parametrize(
    ("text", "names", "expected"),
    [
        ("Nguyễn Văn An gửi", ["Nguyễn Văn An"], f"{MASK} gửi"),
        ("nguyen van an gửi", ["Nguyễn Văn An"], f"{MASK} gửi"),
        ("NGUYỄN VĂN AN gửi", ["Nguyen Van An"], f"{MASK} gửi"),
        ("Văn An ơi, và cả Nguyễn An", ["Nguyễn Văn An"], f"{MASK} ơi, và cả {MASK}"),
        ("Chị Lan liên hệ phường", ("Nguyễn Thị Lan",), f"Chị {MASK} liên hệ phường"),
        ("nguyen thi lan gửi", ("Nguyễn Thị Lan",), f"{MASK} gửi"),
        ("Lan hỏi, chị lan trả lời; hoa lan", ["Lan"], f"{MASK} hỏi, chị {MASK} trả lời; hoa lan"),
        ("Nguyen An hỏi", ["An Nguyễn"], f"{MASK} hỏi"),
        ("Cảm ơn Bảo. Bảo hiểm y tế", ["Trần Quốc Bảo"], f"Cảm ơn {MASK}. Bảo hiểm y tế"),
        ("quận Hoàng Mai, cô Mai", ["Trần Thị Mai"], f"quận Hoàng Mai, cô {MASK}"),
        ("ngày mai gặp Mai", ["Mai"], f"ngày mai gặp {MASK}"),
        ("gửi chị Thủy và chị Thuy", ["Nguyễn Thị Thuỷ"], f"gửi chị {MASK} và chị {MASK}"),
    ],
)
def test_given_names_are_masked(
    text: str, names: list[str] | tuple[str, ...], expected: str
) -> None:
    assert mask_personal_data(text, names) == expected


@pytest.mark.parametrize(
    ("text", "names"),
    [
        ("An gửi câu hỏi về an sinh", ["An"]),  # too short on its own
        ("Hà gửi câu hỏi", ["Hà"]),
        ("An ninh trật tự", ["Nguyễn Văn An"]),
        ("trợ cấp cho người cao tuổi", ["", "   ", "🌸", "Lan"]),
        ("đường Nguyễn Văn Cừ", ["Cừ"]),
    ],
)
def test_short_or_absent_given_names_change_nothing(text: str, names: list[str]) -> None:
    assert mask_personal_data(text, names) == text


def test_names_may_be_any_iterable() -> None:
    text = "Trần Quốc Bảo và Lê Thị Hoa"
    expected = f"{MASK} và {MASK}"
    assert mask_personal_data(text, iter(["Trần Quốc Bảo"])) == expected
    assert mask_personal_data(text, {"Lê Thị Hoa"}) == expected
    assert mask_personal_data("Bảo gửi", (name for name in ["Bảo"])) == f"{MASK} gửi"


# --------------------------------------------------------------------------- unicode


def test_decomposed_diacritics_are_composed_and_matched() -> None:
    decomposed = unicodedata.normalize("NFD", "Tôi là Nguyễn Thị Lan, ở phố Lê Duẩn")
    masked = mask_personal_data(decomposed)
    assert masked == f"Tôi là {MASK}, ở phố Lê Duẩn"
    assert unicodedata.is_normalized("NFC", masked)


def test_decomposed_known_names_match_composed_text() -> None:
    name = unicodedata.normalize("NFD", "Đỗ Thu Hằng")
    assert mask_personal_data("gửi chị Hằng", [name]) == f"gửi chị {MASK}"


def test_decomposed_text_without_personal_data_is_only_composed() -> None:
    decomposed = unicodedata.normalize("NFD", "Hộ nghèo ở quận Hoàng Mai")
    assert mask_personal_data(decomposed) == "Hộ nghèo ở quận Hoàng Mai"
    assert not contains_personal_data(decomposed)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("so 0912\u200b345678", f"so {MASK}"),
        ("0912\u200c345\u200d678.", f"{MASK}."),
        ("+84\u2060912345678", MASK),
        ("lan\u200b@gmail.com", MASK),
        ("Ngu\u200byễn Văn An", MASK),
        ("CCCD 0012\ufeff04012345", f"CCCD {MASK}"),
    ],
)
def test_zero_width_characters_inside_personal_data_are_masked(text: str, expected: str) -> None:
    assert mask_personal_data(text) == expected


def test_text_outside_masked_spans_is_kept_exactly() -> None:
    text = "Dạ\u200b, em\u00a0hỏi:\n\tgọi 0912345678 ạ 🙏🏻\u200d — Hộ\u00adnghèo?"
    assert mask_personal_data(text) == text.replace("0912345678", MASK)


def test_html_like_text_keeps_its_tags() -> None:
    text = "<b>0912345678</b> <i>Nguyễn Văn An</i> <a href='mailto:an@x.vn'>thư</a>"
    assert (
        mask_personal_data(text) == f"<b>{MASK}</b> <i>{MASK}</i> <a href='mailto:{MASK}'>thư</a>"
    )


# --------------------------------------------------------------------------- whole texts


def test_each_span_becomes_one_mask_and_punctuation_stays() -> None:
    text = (
        "Tôi tên là Phan Thị Thu Hà (CCCD 001190012345), số tài khoản 1903 5678 9012 34; "
        "email thuha.phan@gmail.com, điện thoại 0983.456.789!"
    )
    assert mask_personal_data(text) == (
        f"Tôi tên là {MASK} (CCCD {MASK}), số tài khoản {MASK}; email {MASK}, điện thoại {MASK}!"
    )


def test_an_official_answer_keeps_its_figures_and_places() -> None:
    text = (
        "Kính gửi ông Nguyễn Văn An, UBND phường Phúc Xá đã tiếp nhận phản ánh. Theo Quyết định "
        "số 1234/QĐ-UBND ngày 13/4/2022, gia đình ông được hỗ trợ 1.500.000 đồng và 100% mệnh "
        "giá thẻ BHYT. Liên hệ bộ phận một cửa, 024.3825.1234, hoặc đường dây nóng 1900 1234."
    )
    assert mask_personal_data(text) == text.replace("Nguyễn Văn An", MASK).replace(
        "024.3825.1234", MASK
    )


def test_english_text() -> None:
    text = "Dear officials, I am Nguyen Thi Mai from Dong Da district. My phone is +84 983 456 789."
    assert mask_personal_data(text) == (
        f"Dear officials, I am {MASK} from Dong Da district. My phone is {MASK}."
    )


def test_a_4000_character_text_is_masked_throughout() -> None:
    chunk = (
        "Đề nghị hỗ trợ 3.612 hộ nghèo ở phố Lê Duẩn, quận Hoàng Mai (năm 2023 đạt 92,5%). "
        "Liên hệ chị Lan 0912 345 678 hoặc lan.nguyen@gmail.com. "
    )
    text = (chunk * (4000 // len(chunk) + 1))[:4000]
    masked = mask_personal_data(text, ["Nguyễn Thị Lan"])
    assert len(text) == 4000
    assert "0912 345 678" not in masked
    assert "lan.nguyen@gmail.com" not in masked
    assert "chị Lan" not in masked
    assert masked.count("3.612 hộ nghèo ở phố Lê Duẩn, quận Hoàng Mai") == text.count(
        "3.612 hộ nghèo ở phố Lê Duẩn, quận Hoàng Mai"
    )


def test_a_long_text_keeps_its_beginning_and_masks_its_end() -> None:
    text = ("Đề nghị sửa đường ở quận Đống Đa. " * 140) + "Liên hệ 0912345678."
    masked = mask_personal_data(text)
    assert masked.endswith(f"Liên hệ {MASK}.")
    assert masked.startswith("Đề nghị sửa đường ở quận Đống Đa.")


def test_masking_twice_changes_nothing_more() -> None:
    text = "Tôi là Nguyễn Văn An, 0912345678, an@gmail.com, CCCD 001204012345"
    once = mask_personal_data(text)
    assert mask_personal_data(once) == once
    assert not contains_personal_data(once)


@pytest.mark.parametrize("text", ["", " ", "\u200b", "***", "🙏"])
def test_nothing_to_mask(text: str) -> None:
    assert mask_personal_data(text) == text
    assert not contains_personal_data(text)


@pytest.mark.parametrize(
    ("text", "names", "expected"),
    [
        ("Liên hệ 0912345678", [], True),
        ("Cảm ơn chị Lan", [], True),
        ("Lan cảm ơn", ["Lan"], True),
        ("Lan cảm ơn", [], False),
        ("Hộ nghèo còn 3.612 hộ ở quận Hoàng Mai", [], False),
        ("Chương trình 08-CTr/TU, đường dây nóng 1900 1234", [], False),
    ],
)
def test_contains_personal_data(text: str, names: list[str], expected: bool) -> None:
    assert contains_personal_data(text, names) is expected
    assert (mask_personal_data(text, names) != text) is expected


# --------------------------------------------------------------------------- word lists


def test_the_word_lists_are_the_data_files_and_none_is_empty() -> None:
    on_disk = sorted(path.stem for path in DIRECTORY.glob("*.txt"))
    assert on_disk == sorted(LISTS)
    for name in LISTS:
        entries = masking_words(name)
        assert entries, name
        assert all(unicodedata.is_normalized("NFC", entry) for entry in entries)


def test_an_unknown_word_list_is_refused() -> None:
    with pytest.raises(MaskingWordsError):
        masking_words("passwords")


def test_the_word_lists_ship_with_the_package() -> None:
    with (Path(__file__).parents[2] / "pyproject.toml").open("rb") as handle:
        package_data = tomllib.load(handle)["tool"]["setuptools"]["package-data"]["content"]
    assert any(Path("data/masking/surnames.txt").match(glob) for glob in package_data)


# --------------------------------------------------------------------------- the planted set

_INVISIBLES = dict.fromkeys(map(ord, "\u200b\u200c\u200d\u2060\ufeff"))


def test_the_planted_set_covers_every_class_with_at_least_200_items() -> None:
    kinds = Counter(item.kind for item in PLANTED)
    assert len(PLANTED) >= 200
    assert set(kinds) == {
        "phone", "spoken phone", "email", "lower-case name", "surname that is a word",
        "own name", "zero-width join", "address", "family", "id number",
    }  # fmt: skip
    assert min(kinds.values()) >= 10


@pytest.mark.parametrize("item", PLANTED, ids=lambda item: f"{item.kind}: {item.text[:40]}")
def test_no_planted_personal_data_leaks(item: Planted) -> None:
    masked = mask_personal_data(item.text, item.names).translate(_INVISIBLES).casefold()
    for secret in item.secrets:
        pattern = r"(?<!\w)" + re.escape(secret.casefold()) + r"(?!\w)"
        assert not re.search(pattern, masked), f"{secret!r} left in {masked!r}"
    assert contains_personal_data(item.text, item.names)


# --------------------------------------------------------------------------- no over-masking

_TICKET_LIKE = [
    "Đề nghị thành phố cho biết năm 2023 Hà Nội còn bao nhiêu hộ nghèo, hộ cận nghèo?",
    "Tại sao quận Ba Đình đã đạt 100% chỉ tiêu mà phường Phúc Xá vẫn chưa được hỗ trợ?",
    "Theo Chương trình 08-CTr/TU, giai đoạn 2021-2025 phải giải quyết việc làm cho 160.000 lao "
    "động, nay mới đạt 50.019 người (31,3%).",
    "Mức hỗ trợ 1.500.000 đồng/tháng có được tăng lên 2.000.000 đồng từ ngày 01/07/2024 không?",
    "Tỷ lệ bao phủ BHYT đạt 91,8%, vượt kế hoạch 92,5% theo báo cáo Quý I/2022.",
    "Đường Nguyễn Trãi đoạn qua quận Thanh Xuân bị ngập mỗi khi mưa to, đề nghị xử lý.",
    "Cầu Long Biên xuống cấp, xe tải trên 10 tấn vẫn đi qua.",
    "Trường THCS Trần Phú quận Hoàng Mai thiếu 12 phòng học, học sinh phải học 2 ca.",
    "Bệnh viện Bạch Mai quá tải, đề nghị mở thêm cơ sở 2 ở Hà Nam.",
    "Chợ Đồng Xuân cần cải tạo hệ thống phòng cháy chữa cháy.",
    "Dự án khu đô thị Linh Đàm chậm tiến độ 3 năm, người dân chưa được cấp sổ hồng.",
    "Nghị quyết 68/NQ-CP hỗ trợ người lao động gặp khó khăn do đại dịch COVID-19 đã chi 3.612 "
    "tỷ đồng.",
    "Quyết định số 1234/QĐ-UBND ngày 13/4/2022 của UBND thành phố Hà Nội về bảo trợ xã hội.",
    "Huyện Sóc Sơn có 27 xã, trong đó 5 xã chưa đạt chuẩn nông thôn mới nâng cao.",
    "Người cao tuổi từ 80 tuổi trở lên được hưởng trợ cấp bao nhiêu?",
    "Hồ sơ đề nghị hỗ trợ nộp ở đâu, bộ phận một cửa UBND phường hay quận?",
    "Đang thi công đường ở Long Biên nhưng không có biển báo, rất nguy hiểm.",
    "Phó Chủ tịch UBND quận Cầu Giấy đã trả lời cử tri tại kỳ họp thứ 5.",
    "Quan tâm đến người có công với cách mạng, thành phố đã tặng 250.000 suất quà.",
    "Văn bản số 08-CTr/TU có hiệu lực từ năm 2021 đến năm 2025.",
    "Tôi là người dân quận Đống Đa, xin hỏi về chính sách nhà ở xã hội.",
    "Tuyến xe buýt số 32 từ Giáp Bát đi Nhổn thường xuyên bỏ chuyến.",
    "Mai tôi lên phường nộp hồ sơ được không?",
    "Cho hỏi thị xã Sơn Tây có bao nhiêu trạm y tế đạt chuẩn quốc gia?",
    "Tỷ lệ thất nghiệp ở khu vực thành thị năm 2022 là 2,5%, thấp hơn năm 2021.",
    "Hotline 1900 1234 không ai nghe máy, đề nghị tổng đài 1800 599 920 hỗ trợ.",
    "Vì sao phố Lê Duẩn và phố Bà Triệu vẫn còn nhiều hàng rong lấn chiếm vỉa hè?",
    "Ba năm liền khu tập thể Kim Liên không được sửa chữa.",
    "Hai bà mẹ Việt Nam anh hùng ở Ứng Hòa được hỗ trợ thế nào?",
    "Công trình cầu vượt Mai Dịch đã hoàn thành 85% khối lượng.",
    "The city supported 3,612 poor households in Ba Dinh and Hoan Kiem districts in 2022.",
    "Giá điện tăng 4,5% từ tháng 10, hộ nghèo có được giảm không?",
    "Có 92 xã, 18 phường, 5 thị trấn triển khai thí điểm chuyển đổi số.",
    "Dang thi cong duong o quan Ha Dong, bui qua.",
    "Ho tro ho ngheo 1.500.000 dong moi thang o huyen Ba Vi.",
]


@pytest.mark.parametrize("text", _TICKET_LIKE)
def test_ticket_like_sentences_keep_their_figures_and_places(text: str) -> None:
    assert mask_personal_data(text) == text


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "nhà số 12 Trần Phú, gần ngã tư Lê Văn Lương",
            f"nhà số {MASK} Trần Phú, gần ngã tư Lê Văn Lương",
        ),
        (
            "số nhà 12 ngõ 34 phố Huế, quận Hai Bà Trưng",
            f"số nhà {MASK} ngõ {MASK} phố Huế, quận Hai Bà Trưng",
        ),
        ("thôn Đông Hội, xã Đông Hội, huyện Đông Anh", f"thôn {MASK}, xã Đông Hội, huyện Đông Anh"),
        ("tổ dân phố số 5 phường Phúc Xá", f"tổ dân phố số {MASK} phường Phúc Xá"),
        ("ngõ Văn Chương số 3", f"ngõ {MASK}"),
        (
            "Chương trình số 08-CTr/TU; Quyết định số 1234/QĐ-UBND",
            "Chương trình số 08-CTr/TU; Quyết định số 1234/QĐ-UBND",
        ),
        ("con trai tôi tên Minh học lớp 5", f"con trai tôi tên {MASK} học lớp 5"),
        ("gọi không chín một hai ba bốn năm sáu bảy tám", f"gọi {MASK}"),
        ("mail lan.nguyen a còng gmail chấm com nhé", f"mail {MASK} nhé"),
        ("lan.nguyen＠gmail.com", MASK),
        ("đề nghị nguyen van hung trả lời", f"đề nghị {MASK} trả lời"),
        ("Người gửi: Nguyễn\u200bVăn\u200bAn.", f"Người gửi: {MASK}."),
    ],
)
def test_addresses_family_spoken_numbers_and_hidden_names_are_masked(
    text: str, expected: str
) -> None:
    assert mask_personal_data(text) == expected


def test_the_residents_telegram_username_is_masked_whole() -> None:
    text = "nhắn lan_hn92 hoặc @lan_hn92"
    assert mask_personal_data(text, ["Lan", "lan_hn92"]) == f"nhắn {MASK} hoặc {MASK}"
