"""Text as people send it, and as Telegram measures it.

Telegram counts a message's length in UTF-16 code units (an emoji outside the BMP counts two),
so every limit a resident or an official is held to, and every clip before a message is sent,
counts the same way; otherwise a text that passed our check would fail Telegram's.
"""

from __future__ import annotations

import re
import unicodedata
from typing import Final

# Control, format, surrogate, private-use and unassigned characters: invisible or refused by
# PostgreSQL (NUL), never meaningful in feedback or a question.
_INVISIBLE: Final = frozenset({"Cf", "Cc", "Cs", "Co", "Cn"})
_ASCII_DIGITS: Final = re.compile(r"[0-9]+")
ELLIPSIS: Final = "…"


def clean_text(text: str) -> str:
    """NFC, without control and invisible characters (keeping line breaks), trimmed."""
    text = unicodedata.normalize("NFC", text)
    kept = (ch for ch in text if ch in "\n\t" or unicodedata.category(ch) not in _INVISIBLE)
    return "".join(kept).strip()


def telegram_length(text: str) -> int:
    """The length Telegram gives ``text``: UTF-16 code units."""
    return len(text.encode("utf-16-le", "surrogatepass")) // 2


def clip(text: str, limit: int) -> str:
    """``text`` if it fits ``limit`` UTF-16 units, else its start and "…" within the limit."""
    if telegram_length(text) <= limit:
        return text
    budget = limit - telegram_length(ELLIPSIS)
    kept: list[str] = []
    for char in text:
        budget -= 2 if ord(char) > 0xFFFF else 1
        if budget < 0:
            break
        kept.append(char)
    return "".join(kept) + ELLIPSIS


# Telegram allows 64 characters of first name and 64 of last name: a full name fits whole.
# The columns that keep names hold 256 characters (a PostgreSQL VARCHAR counts code points,
# never more than UTF-16 units), so a name clipped to 256 units always fits.
PERSON_NAME_CHARS: Final = 256


def person_name(name: str | None) -> str | None:
    """A person's name as we keep it: one line, no control or invisible characters (NUL,
    which PostgreSQL refuses, among them), clipped to what the columns hold; None if empty."""
    if not name:
        return None
    cleaned = " ".join(clean_text(name).split())
    return clip(cleaned, PERSON_NAME_CHARS) if cleaned else None


def bounded_number(text: str, maximum: int) -> int | None:
    """``text`` as a whole number from 0 to ``maximum``, written in ASCII digits; else None.

    ``str.isdigit`` accepts "²" (which ``int`` refuses) and any length (which a database
    column refuses): input from outside goes through here instead."""
    cleaned = text.strip()
    if not _ASCII_DIGITS.fullmatch(cleaned) or len(cleaned) > len(str(maximum)):
        return None
    value = int(cleaned)
    return value if value <= maximum else None
