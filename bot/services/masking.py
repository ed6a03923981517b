"""Personal data out of published text: phone numbers, e-mail addresses, ID and account numbers,
and names (those we know, and Vietnamese full names or honorific + name found in the text).

The public register ("dân kiểm tra") shows what residents wrote and what officials answered;
neither may expose who they are. Every masked span becomes "***". Amounts ("1.500.000 đồng"),
percentages, dates, years, document numbers ("68/NQ-CP") and public hotlines stay.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable

from content.normalize import strip_diacritics

MASK = "***"
_INVISIBLE = re.compile("[\u200b-\u200f\u2060\ufeff\u00ad]")

_EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+", re.UNICODE)
# A run of digits with optional separators, at least 9 digits in all; amounts are told apart
# below (dot-grouped thousands), hotlines 1800/1900 are public.
_DIGITS = re.compile(r"(?<![\w/.,-])(?:\+|\(\s*)?\d[\d\s().-]{7,22}\d(?![\w/]|[.,]\d)")
_PASSPORT = re.compile(r"\b[A-Z]\d{7,8}\b")

_SURNAMES = [
    "Nguyễn",
    "Trần",
    "Lê",
    "Phạm",
    "Hoàng",
    "Huỳnh",
    "Phan",
    "Vũ",
    "Võ",
    "Đặng",
    "Bùi",
    "Đỗ",
    "Hồ",
    "Ngô",
    "Dương",
    "Lý",
    "Đinh",
    "Đoàn",
    "Trương",
    "Lâm",
    "Mai",
    "Trịnh",
    "Đào",
    "Cao",
    "Lương",
    "Tạ",
    "Chu",
    "Hà",
    "Tô",
    "Kiều",
    "Quách",
    "Phùng",
    "Vương",
    "Thái",
    "Triệu",
    "Khúc",
    "Lưu",
    "Tăng",
    "Văn",
    "Châu",
    "La",
    "Mạc",
    "Nghiêm",
    "Đàm",
    "Lại",
    "Hứa",
    "Kim",
    "Từ",
    "Thân",
    "Doãn",
]
_SURNAME_SET = frozenset(_SURNAMES)
_SURNAME_FOLDED = {strip_diacritics(name).lower() for name in _SURNAMES}
_HONORIFICS = [
    "anh",
    "chị",
    "ông",
    "bà",
    "cô",
    "chú",
    "bác",
    "em",
    "cháu",
    "cụ",
    "dì",
    "thím",
    "mợ",
    "cậu",
]
_NAME_LEADS = (
    r"tôi là|tên tôi là|tên là|tên|con tôi là|cháu tên|em tên|mình là|tôi tên|"
    r"toi la|ten toi la|ten la|my name is|i am|i'm"
)
# Words after which capitalised words are places, not people.
_PLACE_WORDS = {
    strip_diacritics(word).lower()
    for word in [
        "phố",
        "đường",
        "quận",
        "huyện",
        "phường",
        "xã",
        "ngõ",
        "ngách",
        "thôn",
        "tổ",
        "trường",
        "viện",
        "chợ",
        "cầu",
        "hồ",
        "sông",
        "tỉnh",
        "TP",
        "Q.",
        "P.",
        "thị",
        "trấn",
        "thành",
        "phố",
        "khu",
        "làng",
        "bến",
        "bệnh",
        "viện",
        "THCS",
        "THPT",
        "tiểu",
        "học",
        "mầm",
        "non",
    ]
}
_PLACES = {
    strip_diacritics(name).lower()
    for name in (
        "Hà Nội",
        "Thủ đô",
        "Việt Nam",
        "Hoàng Mai",
        "Mai Dịch",
        "Bạch Mai",
        "Thái Hà",
        "Long Biên",
        "Hà Đông",
        "Tây Hồ",
        "Hồ Tây",
        "Hai Bà Trưng",
        "Lê Duẩn",
        "Trần Hưng Đạo",
        "Đoàn Thị Điểm",
    )
}

_UPPERCASE = "A-ZĐÀÁÂÃÈÉÊÌÍÒÓÔÕÙÚÝĂĨŨƠƯẠẢẤẦẨẪẬẮẰẲẴẶẸẺẼẾỀỂỄỆỈỊỌỎỐỒỔỖỘỚỜỞỠỢỤỦỨỪỬỮỰỲỴỶỸ"
_UPPER_WORD = rf"(?-i:[{_UPPERCASE}][\w]*)"
_CAPITALISED = re.compile(rf"\b{_UPPER_WORD}(?:\s+{_UPPER_WORD}){{1,3}}\b")
_HONORIFIC_NAME = re.compile(
    rf"\b(?P<title>{'|'.join(_HONORIFICS)})\s+(?P<name>{_UPPER_WORD}(?:\s+{_UPPER_WORD}){{0,3}})",
    re.IGNORECASE,
)
_LED_NAME = re.compile(
    rf"\b(?P<lead>{_NAME_LEADS})\s*:?\s+(?P<name>{_UPPER_WORD}(?:\s+{_UPPER_WORD}){{0,3}})",
    re.IGNORECASE,
)


def mask_personal_data(text: str, names: Iterable[str] = ()) -> str:
    text = unicodedata.normalize("NFC", text)
    text = _mask_contacts(_INVISIBLE.sub("", text))
    text = _mask_known_names(text, names)
    text = _LED_NAME.sub(lambda match: f"{match.group('lead')} {MASK}", text)
    text = _HONORIFIC_NAME.sub(_honorific, text)
    return _CAPITALISED.sub(_full_name, text)


def contains_personal_data(text: str, names: Iterable[str] = ()) -> bool:
    cleaned = _INVISIBLE.sub("", unicodedata.normalize("NFC", text))
    return mask_personal_data(text, names) != cleaned


def _mask_contacts(text: str) -> str:
    text = _EMAIL.sub(MASK, text)
    text = _DIGITS.sub(_digits, text)
    return _PASSPORT.sub(MASK, text)


def _digits(match: re.Match[str]) -> str:
    span = match.group(0)
    digits = re.sub(r"\D", "", span)
    if len(digits) < 9:
        return span
    if re.fullmatch(r"\d{1,3}(?:\.\d{3})+", span.strip()):
        return span  # an amount written with thousands dots: 1.500.000
    if digits.startswith(("1800", "1900")) and len(digits) <= 10:
        return span  # public hotlines
    return MASK


def _mask_known_names(text: str, names: Iterable[str]) -> str:
    for name in sorted({name.strip() for name in names if name and name.strip()}, key=len):
        variants = {name, strip_diacritics(name)}
        for variant in sorted(variants, key=len, reverse=True):
            if len(variant) < 3:
                continue
            pattern = re.compile(rf"(?<!\w){re.escape(variant)}(?!\w)", re.IGNORECASE)
            text = pattern.sub(MASK, text)
        # The given name on its own ("chị Lan" for "Nguyễn Thị Lan"), case as written.
        words = name.split()
        if len(words) > 1 and len(words[-1]) >= 3:
            pattern = re.compile(rf"(?<!\w){re.escape(words[-1])}(?!\w)")
            text = pattern.sub(MASK, text)
    return text


def _honorific(match: re.Match[str]) -> str:
    if _is_place(match.group("name")):
        return match.group(0)
    return f"{match.group('title')} {MASK}"


def _full_name(match: re.Match[str]) -> str:
    words = match.group(0).split()
    if not _is_surname(words[0]) or _is_place(match.group(0)):
        return match.group(0)
    before = match.string[: match.start()].split()
    if before and strip_diacritics(before[-1]).lower().rstrip(".") in _PLACE_WORDS | {
        word.rstrip(".") for word in _PLACE_WORDS
    }:
        return match.group(0)  # "phố Lê Duẩn", "trường Trần Phú"
    return MASK


def _is_surname(word: str) -> bool:
    """ "Nguyễn" or an unaccented "Nguyen"; but "Đường" is not "Dương", nor "Trường" "Trương"."""
    if word in _SURNAME_SET:
        return True
    return word == strip_diacritics(word) and word.lower() in _SURNAME_FOLDED


def _is_place(name: str) -> bool:
    return strip_diacritics(name).lower() in _PLACES
