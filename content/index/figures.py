"""Figures as search words: a resident asks of a figure by its value ("5,64 triệu lượt là gì",
"68% là tỷ lệ gì", "50.019 lao động"), so the figures an entry states (in its statements,
summary or answer) are words of the entry, and a number the question writes is a word of the
question that only the entries stating that figure hold.

A figure is read from its text with the text's own separators (Vietnamese "7.152,8", English
"7,152.8": one value, 7152.8); a question's number is read both ways and kept as the reading an
entry states, if any (a number no entry states adds nothing: its digits are already words of
the question, weighing little, content/index/query.py). Only figures that say something: a
value with a decimal part, or a whole number of 10 or more that is not a year; a single digit
is a quarter, a month, a count of documents ("quý 1", "6 tháng"), which the words say better.
A whole number is a percentage or not ("68%" of cremations, "68/NQ-CP"); a decimal needs no
such mark ("0,16" and "0,16%" are one figure). A number followed by a scale word ("5,64 triệu",
"160 nghìn", "10k", "7.152,8 tỷ") is also the figure it scales to, so "160.000" and "160 nghìn"
meet; the number as written stays a figure of the entry too ("5,64" alone).
"""

from __future__ import annotations

import re
from collections.abc import Collection, Iterable
from decimal import Decimal, InvalidOperation

from content.index.lexicon import is_year
from content.normalize import Token

# Marks a figure word: no word of a text folds to anything starting with it.
FIGURE_MARK = "#"
# At most this many figures read from one question (bounded work).
MAX_QUESTION_FIGURES = 4

# Scale words after a number, as residents and the reports write them ("tỷ" but not "tỷ lệ").
_SCALES = {
    "k": 1_000, "nghìn": 1_000, "nghin": 1_000, "ngàn": 1_000, "ngan": 1_000,
    "thousand": 1_000, "triệu": 1_000_000, "trieu": 1_000_000, "tr": 1_000_000,
    "million": 1_000_000, "tỷ": 1_000_000_000, "tỉ": 1_000_000_000, "ty": 1_000_000_000,
    "billion": 1_000_000_000,
}  # fmt: skip
SCALE_WORDS = frozenset(_SCALES)  # after a number, part of its figure (content/index/query.py)
_NUMBER = re.compile(
    r"(?<![\w.,])(\d+(?:[.,]\d+)*)(?:(\s*%)|\s*("
    + "|".join(sorted(_SCALES, key=len, reverse=True))
    + r")(?![\w])(?!\s+l[eệ]\b))?",
    re.IGNORECASE,
)


def _value(text: str, decimal: str) -> Decimal | None:
    """The number ``text`` writes with ``decimal`` as its decimal separator (the other one
    separates thousands, in groups of three), or None if it cannot be read so."""
    thousands = "." if decimal == "," else ","
    whole, _, fraction = text.partition(decimal)
    if decimal in fraction or thousands in fraction:
        return None
    groups = whole.split(thousands)
    if len(groups) > 1 and (not 1 <= len(groups[0]) <= 3 or any(len(g) != 3 for g in groups[1:])):
        return None
    try:
        return Decimal("".join(groups) + (f".{fraction}" if fraction else ""))
    except InvalidOperation:
        return None


def _word(value: Decimal, percent: bool) -> str | None:
    """The figure word of a value, or None if the value says nothing on its own."""
    whole = value == value.to_integral_value()
    if whole and (value < 10 or is_year(str(int(value)))):
        return None
    written = format(value.normalize(), "f") if not whole else str(int(value))
    return f"{FIGURE_MARK}{written}{'%' if percent and whole else ''}"


def figure_token(word: str) -> Token:
    return Token(canonical=word, folded=word, marked=False)


def _words(match: re.Match[str], decimal: str) -> list[str]:
    """The figure words of one number read with ``decimal``: scaled first, then as written."""
    value = _value(match.group(1), decimal)
    if value is None:
        return []
    percent = bool(match.group(2))
    values = [value]
    if match.group(3):
        values.insert(0, value * _SCALES[match.group(3).casefold()])
    return [word for value in values if (word := _word(value, percent)) is not None]


def stated_figures(texts: Iterable[str], decimal: str) -> set[str]:
    """The figure words of texts that write numbers with ``decimal`` (``","`` Vietnamese,
    ``"."`` English)."""
    return {
        word
        for text in texts
        for match in _NUMBER.finditer(text)
        for word in _words(match, decimal)
    }


def asked_figures(question: str, known: Collection[str]) -> list[Token]:
    """The figures a question writes that some entry states (``known``), as words: for each
    number, the first reading an entry states (scaled, then as written; Vietnamese
    separators, then English)."""
    tokens: list[Token] = []
    for match in _NUMBER.finditer(question):
        readings = [word for decimal in (",", ".") for word in _words(match, decimal)]
        word = next((word for word in readings if word in known), None)
        if word is not None:
            tokens.append(figure_token(word))
        if len(tokens) >= MAX_QUESTION_FIGURES:
            break
    return tokens
