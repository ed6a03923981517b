"""Personal data out of text before the public register ("dân kiểm tra") shows it.

Residents' feedback and officials' answers are published; neither may tell who wrote them or
who they are about. :func:`mask_personal_data` turns each of these spans into "***":

- phone numbers: Vietnamese mobiles and landlines in every usual grouping (0912 345 678,
  091-234-5678, (024) 3825 1234, +84 912 345 678, 84912345678) and foreign ones (+ and 8-15
  digits);
- e-mail addresses (also "lan [at] gmail [dot] com") and Telegram @usernames (bots excepted);
- ID and account numbers: CCCD (12 digits), CMND (9), social-insurance books (10), bank
  accounts (9-19 digits, grouped or not), passports (B1234567) and health-insurance cards
  (HS4010123456789);
- names: those given in ``names`` (the resident's, the official's), with or without diacritics;
  Vietnamese full names (a common surname and 1-3 more capitalised words); a capitalised name
  after an honorific ("chị Lan" → "chị ***"); a name after "tên tôi là", "tôi là", "my name
  is", "I am" and the like.

Left alone on purpose, because the register is about them: amounts and statistics (1.500.000
đồng, 3.612 hộ, 92,5%), dates, years, document numbers (68/NQ-CP, 08-CTr/TU), public hotlines
(1900/1800 numbers, 111, 113), and places, streets and schools named after people (phố Lê Duẩn,
quận Hoàng Mai, Trường THCS Trần Phú). The text is NFC-normalised; outside the masked spans it
is kept exactly as it was, zero-width characters included.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from functools import lru_cache

from bot.services.tickets.masking_addresses import address_spans
from bot.services.tickets.masking_lexicon import INVISIBLE, Span, Words
from bot.services.tickets.masking_names import KnownNames, known_names, name_spans
from bot.services.tickets.masking_numbers import contact_spans
from bot.services.tickets.masking_people import lower_case_full_names

__all__ = ["MASK", "contains_personal_data", "mask_personal_data"]

MASK = "***"

# --------------------------------------------------------------------------- public API


def mask_personal_data(text: str, names: Iterable[str] = ()) -> str:
    """The text (NFC) with every phone number, e-mail address, ID or account number and
    personal name replaced by "***"; everything else is left exactly as it was."""
    text = unicodedata.normalize("NFC", text)
    spans = _spans(text, tuple(names))
    if not spans:
        return text
    parts: list[str] = []
    last = 0
    for start, end in spans:
        parts.append(text[last:start])
        parts.append(MASK)
        last = end
    parts.append(text[last:])
    return "".join(parts)


def contains_personal_data(text: str, names: Iterable[str] = ()) -> bool:
    """True when :func:`mask_personal_data` would mask something (NFC aside): shown to an
    official as a warning before publishing."""
    return bool(_spans(unicodedata.normalize("NFC", text), tuple(names)))


# --------------------------------------------------------------------------- spans


def _found(text: str, known: KnownNames, handles: re.Pattern[str] | None) -> list[Span]:
    words = Words.of(text)
    return (
        ([match.span() for match in handles.finditer(text)] if handles else [])
        + contact_spans(text)
        + name_spans(words, known)
        + lower_case_full_names(words)
        + address_spans(words)
    )


def _spans(text: str, names: tuple[str, ...]) -> list[Span]:
    """Spans to mask in ``text`` (NFC), sorted and merged where they overlap or touch."""
    if not text:
        return []
    known = known_names(names)
    handles = _handles(names)
    found = _found(text, known, handles)
    if not INVISIBLE.isdisjoint(text):
        # Invisible characters can hide personal data two ways: inside it ("0912\u200b345678",
        # "Ngu\u200byễn") or between its words ("Nguyễn\u200bVăn\u200bAn"). Look at the text
        # without them, mapped back to the original positions, and with them as spaces.
        positions = [index for index, char in enumerate(text) if char not in INVISIBLE]
        visible = "".join(text[index] for index in positions)
        hidden = _found(visible, known, handles)
        found += [(positions[start], positions[end - 1] + 1) for start, end in hidden]
        spaced = "".join(" " if char in INVISIBLE else char for char in text)
        found += _found(spaced, known, handles)
    merged: list[Span] = []
    for start, end in sorted(found):
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(end, merged[-1][1]))
        else:
            merged.append((start, end))
    return merged


@lru_cache(maxsize=256)
def _handles(names: tuple[str, ...]) -> re.Pattern[str] | None:
    """Telegram usernames among the names ("lan_hn92"), matched whole, with or without "@":
    the name rules split them into words and would miss them."""
    handles = sorted(
        {name.strip().lstrip("@") for name in names if _HANDLE.fullmatch(name.strip())},
        key=len,
        reverse=True,
    )
    if not handles:
        return None
    return re.compile(
        r"(?<![\w@])@?(?:" + "|".join(map(re.escape, handles)) + r")(?!\w)", re.IGNORECASE
    )


_HANDLE = re.compile(r"@?(?=[A-Za-z0-9_]*[\d_])[A-Za-z][A-Za-z0-9_]{3,31}")
