"""Figures in a report's text: where each number stands, what it is worth, and what is not one.

Vietnamese first: "." groups thousands and "," marks decimals ("2.981" is 2981, "0,13" is 0.13,
"7.152,8" is 7152.8). English forms are read where they cannot be Vietnamese ("1,234,567",
"7,152.8", "2.5"). A lone "1.234" or "2,981" is read the Vietnamese way: the reports are
Vietnamese press texts, and a wrong guess shows in the quote the editor checks.

What is skipped is decided here from the number's own neighbourhood: years, dates, document and
section numbers, phone numbers, codes glued to letters ("Covid-19", "08-CTr/TU") and numbers
inside the quoted title of a document ("Đề án “Giảm 10% ...”").
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass

# A number, optionally "X/Y". Digits only: roman numerals (quý II, khóa XVII) never match.
_NUMBER = r"\d+(?:[.,]\d+)*"
NUMBER_RE = re.compile(rf"(?<![\w.,/])({_NUMBER})(?:\s*/\s*({_NUMBER}))?")

_PHONE_RE = re.compile(r"(?<![\w])(?:\+84|0)\d{1,3}(?:[ .\-]?\d{2,4}){2,4}(?![\w])")
_PHONE_WORDS = re.compile(r"(?:điện thoại|đt|sđt|hotline|fax|tel|liên hệ)\W{0,4}$", re.IGNORECASE)
_SECTION_RE = re.compile(r"^[ \t]*\d+(?:\.\d+)*[.)](?=\s)", re.MULTILINE)
# Words after which a number is an identifier, not a figure ("Điều 5", "Quyết định số 123",
# "quý 2", "lần thứ 3", "khóa 17", "số 1").
_IDENTIFIER_BEFORE = re.compile(
    r"(?:\bđiều|\bkhoản|\bmục|\bchương|\bphần|\bphụ lục|\bquyết định|\bnghị quyết|\bnghị định"
    r"|\bthông tư|\bchỉ thị|\bcông văn|\bthông báo|\btờ trình|\bluật|\bquý|\bthứ|\bkhóa|\bkhoá"
    r"|\bphiên|\bsố|\bngày|\btháng|\bnăm|\bgiai đoạn|\bgiờ|\bnhà số|\bphòng)\s*$",
    re.IGNORECASE,
)
# Units after which a number is a time or a period, not a figure ("6 tháng đầu năm", "70 năm").
_TIME_AFTER = re.compile(r"\s*(?:năm|tháng|ngày|giờ|phút|tuần|tuổi|h\b)", re.IGNORECASE)
_DOC_TITLE_BEFORE = re.compile(
    r"(?:chương trình|đề án|kế hoạch|nghị quyết|quyết định|chỉ thị|phong trào|cuộc vận động"
    r"|cuộc thi|chủ đề|dự án|chiến dịch|thông tư|luật)\W{0,12}$",
    re.IGNORECASE,
)
_QUOTES = re.compile(r"“[^”\n]{0,400}”|\"[^\"\n]{0,400}\"")


@dataclass(frozen=True, slots=True)
class NumberToken:
    """A number as written (``start``..``end`` in the text) and its value; ``total`` for X/Y."""

    start: int
    end: int
    value: float
    total: float | None = None


def parse_number(text: str) -> float | None:
    """The value of one written number, Vietnamese separators first; None if it is no number
    (a dotted section or version number such as "1.2.3", or digits beyond a float)."""
    value = _parse(text)
    return value if value is not None and math.isfinite(value) else None


def _parse(text: str) -> float | None:
    if not text or not text[0].isdigit():
        return None
    dots, commas = text.count("."), text.count(",")
    if dots and commas:
        # Both: the separator written last marks the decimals, the other groups thousands.
        decimal = "," if text.rfind(",") > text.rfind(".") else "."
        thousands = "." if decimal == "," else ","
        whole, _, fraction = text.rpartition(decimal)
        if text.count(decimal) != 1 or not _grouped(whole.split(thousands)):
            return None
        return float(whole.replace(thousands, "") + "." + fraction)
    if dots or commas:
        separator = "." if dots else ","
        groups = text.split(separator)
        if len(groups) > 2:
            return float("".join(groups)) if _grouped(groups) else None
        if separator == "." and _grouped(groups):
            return float("".join(groups))  # "2.981": Vietnamese thousands
        return float(groups[0] + "." + groups[1])  # "0,13", "2,981" (Vietnamese), "2.5"
    return float(text)


def _grouped(groups: list[str]) -> bool:
    """True for thousands groups: 1-3 digits, then groups of exactly 3."""
    return 1 <= len(groups[0]) <= 3 and all(len(group) == 3 for group in groups[1:])


def _is_year(raw: str, value: float) -> bool:
    return raw.isdigit() and len(raw) == 4 and 1900 <= value <= 2100


def _is_date(first: str, second: str, rest: str) -> bool:
    """ "13/4", "30/4", "7/5/1954": day/month (and year) written with slashes."""
    if rest.startswith("/") and rest[1:2].isdigit():
        return True
    if not (first.isdigit() and second.isdigit()):
        return False
    return 1 <= int(first) <= 31 and 1 <= int(second) <= 12


def _skipped_spans(text: str) -> list[tuple[int, int]]:
    """Spans whose numbers are never figures: phone numbers and quoted document titles."""
    spans = [match.span() for match in _PHONE_RE.finditer(text)]
    for match in _QUOTES.finditer(text):
        if _DOC_TITLE_BEFORE.search(text, max(0, match.start() - 60), match.start()):
            spans.append(match.span())
    spans.extend(match.span() for match in _SECTION_RE.finditer(text))
    return sorted(spans)


def find_numbers(text: str, has_unit: re.Pattern[str]) -> list[NumberToken]:
    """Every number in ``text`` that may be a figure, in order.

    ``has_unit`` matches at the text right after a number when a known unit follows: a date-like
    "3/10 huyện" or a year-like "2022 hộ" followed by a unit is a figure after all.
    """
    skipped = _skipped_spans(text)
    found: list[NumberToken] = []
    index = 0
    for match in NUMBER_RE.finditer(text):
        start = match.start()
        while index < len(skipped) and skipped[index][1] <= start:
            index += 1
        if index < len(skipped) and skipped[index][0] <= start < skipped[index][1]:
            continue
        token = _token(text, match, has_unit)
        if token is not None:
            found.append(token)
    return [token for token in found if _keep(text, token, has_unit)]


def _token(text: str, match: re.Match[str], has_unit: re.Pattern[str]) -> NumberToken | None:
    first, second = match.group(1), match.group(2)
    value = parse_number(first)
    if value is None:
        return None
    total = parse_number(second) if second else None
    if second and total is None:
        return None
    rest = text[match.end() : match.end() + 3]
    if second and _is_date(first, second, rest) and has_unit.match(text, match.end()) is None:
        return None
    if not second and rest.startswith("/") and rest[1:2].isdigit():
        return None  # the "1954" of a date the regex could not take whole
    return NumberToken(match.start(), match.end(), value, total)


def _keep(text: str, token: NumberToken, has_unit: re.Pattern[str]) -> bool:
    raw = text[token.start : token.end]
    before = text[max(0, token.start - 30) : token.start]
    after = text[token.end : token.end + 12]
    glued_before = before[-1:] in {"-", "/"} and before[-2:-1].isalpha()
    glued_after = after[:1].isalpha() and after[:1] not in "đĐ"  # "500.000đ" is in đồng
    if glued_before or glued_after or (after[:1] in {"-", "/"} and after[1:2].isalpha()):
        return False  # "Covid-19", "08-CTr/TU", "68/NQ-CP", "8h30", "F0"
    if raw.startswith("0") and raw[1:2].isdigit():
        return False  # "08", "024": codes and phone parts, never a figure
    if _PHONE_WORDS.search(before):
        return False
    unit = has_unit.match(text, token.end) is not None
    if _is_year(raw, token.value) and token.total is None and not unit:
        return False
    if _IDENTIFIER_BEFORE.search(before) and not unit:
        return False
    return not _TIME_AFTER.match(after)
