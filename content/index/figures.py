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
such mark ("0,16" and "0,16%" are one figure).
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

_NUMBER = re.compile(r"(?<![\w.,])(\d+(?:[.,]\d+)*)(\s*%)?")


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


def stated_figures(texts: Iterable[str], decimal: str) -> set[str]:
    """The figure words of texts that write numbers with ``decimal`` (``","`` Vietnamese,
    ``"."`` English)."""
    found: set[str] = set()
    for text in texts:
        for match in _NUMBER.finditer(text):
            value = _value(match.group(1), decimal)
            word = None if value is None else _word(value, bool(match.group(2)))
            if word is not None:
                found.add(word)
    return found


def asked_figures(question: str, known: Collection[str]) -> list[Token]:
    """The figures a question writes that some entry states (``known``), as words."""
    tokens: list[Token] = []
    for match in _NUMBER.finditer(question):
        for decimal in (",", "."):
            value = _value(match.group(1), decimal)
            word = None if value is None else _word(value, bool(match.group(2)))
            if word is not None and word in known:
                tokens.append(figure_token(word))
                break
        if len(tokens) >= MAX_QUESTION_FIGURES:
            break
    return tokens
