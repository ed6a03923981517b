"""Contacts and numbers in a text: e-mail addresses, @usernames, phones, ID and account numbers.

Internal to :mod:`bot.services.tickets.masking`. Amounts, statistics, dates, years, document numbers
and public hotlines are told apart from personal numbers piece by piece.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from bot.services.tickets.masking_lexicon import HSPACE, Span

URL = re.compile(r"(?:https?://|www\.)[^\s<>\"'()]+", re.IGNORECASE)
AT = (
    r"(?:\s?[@＠﹫]\s?|\s?[\[({]\s?(?:at|a còng|a cong)\s?[\])}]\s?"
    r"|\s(?:a\s?còng|a\s?cong|a\s?móc|at)\s)"
)
# A dot, also written out ("chấm", "dot") or fullwidth; a written-out dot before the last
# label only with a known top-level domain, so that "... at noon. Then" is no address.
DOT = r"(?:\s?[.．。]\s?|\s?[\[({]\s?(?:dot|chấm|cham)\s?[\])}]\s?|\s(?:dot|chấm|cham)\s)"
TLD = r"(?:com|net|org|edu|gov|info|biz|vn|io|me|uk|us|jp|kr|au|de|fr)"
EMAIL = re.compile(
    rf"(?<![\w.+\-])[\w.+\-]*\w{AT}\w[\w\-]*(?:{DOT}\w[\w\-]*)*"
    rf"(?:[.．][^\W\d_]{{2,}}|{DOT}{TLD})(?![\w\-@])",
    re.IGNORECASE,
)
USERNAME = re.compile(r"(?<![\w@./])@[A-Za-z][A-Za-z0-9_]{4,31}(?![\w@])")
PASSPORT = re.compile(r"(?<!\w)[A-Z]\d{7,8}(?!\w)")
HEALTH_CARD = re.compile(r"(?<!\w)[A-Z]{2}\s?\d\s?\d{2}\s?\d{10}(?!\w)")
# A run of digit groups with the separators people use inside one number; whether it is a
# phone, an ID or an amount is decided piece by piece in number_spans.
NUMBER = re.compile(
    rf"(?<![\d_])(?:\+{HSPACE}?\(?{HSPACE}?|\({HSPACE}?\+?{HSPACE}?)?\d+"
    rf"(?:(?:[.\-–,]|{HSPACE}{{1,2}}\(?|\){HSPACE}{{0,2}}\(?|\()\d+)*"
)
PIECE = re.compile(r"[^ \u00a0\u202f\t,]+")
NOT_DIGIT = re.compile(r"\D")
GROUPS = re.compile(r"\d+")
VN_PHONE = re.compile(r"(?:0|84|840)(?:[35789]\d{8}|2\d{9}|1[2689]\d{8})")
AMOUNT = re.compile(r"[1-9]\d{0,2}(?:\.\d{3})+(?:,\d+)?|[1-9]\d{0,2}(?:,\d{3})+(?:\.\d+)?")
AMOUNT_SPACED = re.compile(rf"[1-9]\d{{0,2}}(?:{HSPACE}\d{{3}})+(?:,\d+)?")
DATE = re.compile(r"\d{1,2}[.\-]\d{1,2}[.\-](?:19|20)\d\d|(?:19|20)\d\d[.\-]\d{1,2}[.\-]\d{1,2}")
YEAR = re.compile(r"(?:19|20)\d\d")
UNIT_AFTER = re.compile(
    r"[ \u00a0]?(?:đồng|đ|dong|vnđ|vnd|usd|\$|€|tỷ|tỉ|ty|triệu|trieu|nghìn|nghin|ngàn|ngan|"
    r"người|nguoi|hộ|lượt|luot|suất|lần|%|m2|m²|km|kg|tấn)(?![^\W\d_])",
    re.IGNORECASE,
)
CURRENCY_BEFORE = re.compile(r"(?:\$|€|usd|vnd|vnđ)[ \u00a0]?$", re.IGNORECASE)

MAX_PIECES = 6  # no phone or account number is written in more groups than this


def contact_spans(text: str) -> list[Span]:
    spans = [match.span() for match in EMAIL.finditer(text)]
    spans += [
        match.span()
        for match in USERNAME.finditer(text)
        if not match.group().lower().endswith("bot")
    ]
    spans += [match.span() for match in PASSPORT.finditer(text)]
    spans += [match.span() for match in HEALTH_CARD.finditer(text)]
    urls = [match.span() for match in URL.finditer(text)] if "/" in text or "www" in text else []
    spans += separated_phone_spans(text) + id_spans(text) + spoken_number_spans(text)
    for match in NUMBER.finditer(text):
        in_url = any(start <= match.start() < end for start, end in urls)
        spans += number_spans(text, match.start(), match.end(), in_url)
    return spans


def number_spans(text: str, start: int, end: int, in_url: bool) -> list[Span]:
    """The personal numbers in a run of digit groups: the longest run of pieces (groups split
    by spaces or commas) that is one, from the left, so that "0912345678, 0987654321" is two
    numbers and "năm 2023 0912345678" keeps its year."""
    pieces = [match.span() for match in PIECE.finditer(text, start, end)]
    sizes = [sum(char.isdigit() for char in text[a:b]) for a, b in pieces]
    spans: list[Span] = []
    first = 0
    while first < len(pieces):
        if is_decimals(text, pieces, sizes, first):
            first += 1
            continue
        found = longest_number(text, pieces, sizes, first, in_url)
        if found is None:
            first += 1
        else:
            spans.append(without_loose_parentheses(text, (pieces[first][0], pieces[found][1])))
            first = found + 1
    return spans


def is_decimals(text: str, pieces: Sequence[Span], sizes: Sequence[int], index: int) -> bool:
    """The decimals of "3,1415926535": not a number of their own."""
    start = pieces[index][0]
    return (
        index > 0
        and sizes[index - 1] <= 3
        and pieces[index - 1][1] == start - 1
        and text[start - 1] == ","
    )


def longest_number(
    text: str, pieces: Sequence[Span], sizes: Sequence[int], first: int, in_url: bool
) -> int | None:
    """The last piece of the longest personal number starting at piece ``first``, if any."""
    for last in range(min(len(pieces), first + MAX_PIECES) - 1, first - 1, -1):
        if sum(sizes[first : last + 1]) < 8:
            return None  # too short for any phone or ID, and shorter runs are shorter still
        span = (pieces[first][0], pieces[last][1])
        if is_personal_number(text, span, pieces[first : last + 1], in_url):
            return last
    return None


def is_personal_number(text: str, span: Span, pieces: Sequence[Span], in_url: bool) -> bool:
    start, end = span
    written = text[start:end]
    digits = NOT_DIGIT.sub("", written)
    count = len(digits)
    if count < 8:
        return False
    phone = VN_PHONE.fullmatch(digits) is not None
    if in_url:
        return phone and written == digits  # "zalo.me/0912345678", not an article's number
    bare = written.lstrip("+") == digits
    if not _reads_as_one_number(text, span, pieces, phone=phone, bare=bare):
        return False
    if "+" in written[:3]:
        return _international_is_personal(text, end, written, digits)
    groups = GROUPS.findall(written)
    if digits[0] == "0":
        if phone:
            return True
        return count >= 9 and max(map(len, groups)) > 2 and (count <= 19 or bare)
    return _domestic_is_personal(text, span, groups, phone=phone, bare=bare)


def _reads_as_one_number(
    text: str, span: Span, pieces: Sequence[Span], *, phone: bool, bare: bool
) -> bool:
    """False when the run is glued to a word, is two numbers side by side, or holds a date."""
    start, end = span
    written = text[start:end]
    count = len(NOT_DIGIT.sub("", written))
    if start > 0 and text[start - 1].isalpha() and not (phone or (bare and count >= 9)):
        return False  # glued to a word: "B1234567" is a passport, "x2021" nothing
    sizes = [len(NOT_DIGIT.sub("", text[a:b])) for a, b in pieces]
    if len(pieces) > 1 and max(sizes) > 5 and not phone and "+" not in written[:3]:
        return False  # "2023 0912345678": two numbers side by side, not one in groups
    return not any(DATE.fullmatch(text[a:b].strip("()")) for a, b in pieces)


def _international_is_personal(text: str, end: int, written: str, digits: str) -> bool:
    """A number written with its country code ("+84 912 345 678")."""
    if digits.startswith("84"):
        return VN_PHONE.fullmatch(digits) is not None
    if AMOUNT.fullmatch(written.lstrip("(+ ")) or UNIT_AFTER.match(text, end):
        return False  # "+15.000.000 đồng" is a rise, not a phone
    return len(digits) <= 15


def _domestic_is_personal(
    text: str, span: Span, groups: Sequence[str], *, phone: bool, bare: bool
) -> bool:
    """A number neither starting with 0 nor with a country code: an ID, or an amount, a year."""
    start, end = span
    written = text[start:end]
    digits = NOT_DIGIT.sub("", written)
    count = len(digits)
    if count < 9 or AMOUNT.fullmatch(written):
        return False
    if UNIT_AFTER.match(text, end) or CURRENCY_BEFORE.search(text, max(0, start - 5), start):
        return False
    if digits.startswith(("1800", "1900")) and count <= 10:
        return False  # public hotlines
    if all(YEAR.fullmatch(group) for group in groups):
        return False  # "2021 2022 2023"
    if phone:
        return True  # 84912345678
    if AMOUNT_SPACED.fullmatch(written) or max(map(len, groups)) <= 2:
        return False  # "1 500 000 000", "1 2 3 4 5 6 7 8 9"
    return bare or count <= 19


def without_loose_parentheses(text: str, span: Span) -> Span:
    """A parenthesised number masks as "(***)"; "(024) 3825 1234" masks whole."""
    start, end = span
    written = text[start:end]
    if written.startswith("(") and written.count("(") > written.count(")"):
        start += 1
        while start < end and not (text[start].isdigit() or text[start] == "+"):
            start += 1
    return start, end


# --------------------------------------------------------------------------- runs of digits

# Digits separated one by one or in groups by spaces, dots, slashes or dashes ("0912/345/678",
# "0 9 1 2 3 4 5 6 7 8"): a phone when the digits are one and no date hides in the run.
SEPARATED = re.compile(
    r"(?<![\w./\-])\+?\d(?:(?:[ \u00a0\t]{0,2}[./\-–_][ \u00a0\t]{0,2}|[ \u00a0\t]{1,2})?\d){7,13}"
    r"(?![\w/])"
)
# After these words the next run of letters and digits is an ID, an account or a plate number,
# however it is grouped: "CMND số 1 2 3 4 5 6 7 8 9", "stk: 102.345.678.901", "30E 12345".
ID_LEAD = re.compile(
    r"(?<!\w)(?:cccd|cmnd|cmt|căn cước|can cuoc|chứng minh(?: thư| nhân dân)?|chung minh"
    r"|stk|số tài khoản|so tai khoan|tài khoản|tai khoan|tk|account(?: number| no\.?)?"
    r"|bhxh|bhyt|mã số thuế|ma so thue|mst|hộ chiếu|ho chieu|passport"
    r"|biển số(?: xe)?|bien so(?: xe)?|biển kiểm soát|bien kiem soat)"
    r"[ \t]*(?:số|so|no\.?|number)?[ \t]*[:.#]?[ \t]*",
    re.IGNORECASE,
)
ID_RUN = re.compile(r"(?=[A-Za-z]{0,3}\d)[A-Za-z0-9]+(?:(?:[ \t]?[.\-/][ \t]?|[ \t])[A-Za-z0-9]+)*")


def separated_phone_spans(text: str) -> list[Span]:
    spans = []
    for match in SEPARATED.finditer(text):
        written = match.group()
        digits = NOT_DIGIT.sub("", written)
        if digits.startswith("84") and not written.startswith("+"):
            continue  # "84.912.345.678 đồng" is an amount; "+84 ..." a phone
        if VN_PHONE.fullmatch(digits) and not DATE.search(written):
            spans.append(match.span())
    return spans


def id_spans(text: str) -> list[Span]:
    """The run of letters and digits after an ID, account or plate keyword, when it holds at
    least five digits (fewer is a count: "3 tài khoản")."""
    spans = []
    for lead in ID_LEAD.finditer(text):
        run = ID_RUN.match(text, lead.end())
        if run is None:
            continue
        pieces = run.group().split()
        # Stop before a word that is not part of the number ("Techcombank", "cấp năm").
        kept: list[str] = []
        for piece in pieces:
            if kept and not any(char.isdigit() for char in piece):
                break
            kept.append(piece)
        written = text[run.start() : run.start() + len(" ".join(kept))]
        end = run.start() + len(written.rstrip(" .-/"))
        if sum(char.isdigit() for char in text[run.start() : end]) >= 5:
            spans.append((run.start(), end))
    return spans


# --------------------------------------------------------------------------- digits in words

DIGIT_WORDS = {
    "khong": "0", "không": "0", "zero": "0", "oh": "0",
    "mot": "1", "một": "1", "mốt": "1", "one": "1",
    "hai": "2", "two": "2",
    "ba": "3", "three": "3",
    "bon": "4", "bốn": "4", "tư": "4", "four": "4",
    "nam": "5", "năm": "5", "lăm": "5", "five": "5",
    "sau": "6", "sáu": "6", "six": "6",
    "bay": "7", "bảy": "7", "bẩy": "7", "seven": "7",
    "tam": "8", "tám": "8", "eight": "8",
    "chin": "9", "chín": "9", "nine": "9",
}  # fmt: skip
SPOKEN_TOKEN = re.compile(r"[^\W_]+")
SPOKEN_GAP = re.compile(r"[ \u00a0\t,.\-–]{1,3}")


def spoken_number_spans(text: str) -> list[Span]:
    """Phones read out in words ("không chín một hai ..."), or mixed with digits: nine or
    more digits in a row, at least three of them words."""
    spans: list[Span] = []
    run: list[tuple[int, int, int, bool]] = []  # start, end, digits, is a word
    last_end = -1
    for match in SPOKEN_TOKEN.finditer(text):
        token = match.group()
        lower = token.lower()
        if lower in DIGIT_WORDS:
            item = (match.start(), match.end(), 1, True)
        elif token.isdigit():
            item = (match.start(), match.end(), len(token), False)
        else:
            _close_run(run, spans)
            run = []
            continue
        if run and not SPOKEN_GAP.fullmatch(text, last_end, match.start()):
            _close_run(run, spans)
            run = []
        run.append(item)
        last_end = match.end()
    _close_run(run, spans)
    return spans


def _close_run(run: list[tuple[int, int, int, bool]], spans: list[Span]) -> None:
    words = sum(1 for item in run if item[3])
    digits = sum(item[2] for item in run)
    if words >= 3 and digits >= 9:
        spans.append((run[0][0], run[-1][1]))
