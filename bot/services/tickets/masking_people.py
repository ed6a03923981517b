"""Full names written in lower case or without diacritics ("nguyen van hung", "phạm thu hằng").

Internal to :mod:`bot.services.tickets.masking`. A capitalised full name is found by its capitals
(masking_names); in lower case only the shape is left: a surname, one or two middle names
from a list, and a given name, none of them an ordinary pair of words ("đang thi công").
"""

from __future__ import annotations

from bot.services.tickets.masking_lexicon import (
    COMPOUNDS,
    LOWER_NAME_STOPS,
    NOT_NAME_PHRASES,
    SURNAME_FOLDS,
    SURNAME_KEYS,
    Span,
    Words,
    bare,
    folds,
    key,
)

MIDDLE_NAMES = folds("middle_names")
_MAX_MIDDLE = 2


def lower_case_full_names(words: Words) -> list[Span]:
    spans: list[Span] = []
    index = 0
    while index < len(words):
        stop = _full_name_end(words, index)
        if stop is None:
            index += 1
            continue
        spans.append((words.starts[index], words.ends[stop - 1]))
        index = stop
    return spans


def _is_lower_surname(words: Words, index: int) -> bool:
    word = words.words[index]
    if not word.islower() and not word.isupper():
        return False  # capitalised names are the capital rules' business
    return key(word) in SURNAME_KEYS or (bare(word) and words.folds[index] in SURNAME_FOLDS)


def _full_name_end(words: Words, index: int) -> int | None:
    """The end (exclusive) of a lower-case full name starting at ``index``, if one does."""
    if not _is_lower_surname(words, index) or words.phrase_at(index, NOT_NAME_PHRASES):
        return None
    current = index + 1
    middles = 0
    while (
        current < len(words)
        and middles < _MAX_MIDDLE
        and words.linked[current]
        and words.folds[current] in MIDDLE_NAMES
        and _plain(words, current)
    ):
        pair = (words.folds[current - 1], words.folds[current])
        if current > index + 1 and pair in COMPOUNDS:
            break
        middles += 1
        current += 1
    if middles == 0:
        return None
    after_first = words.folds[index + 2] if index + 2 < len(words) else ""
    if (words.folds[index + 1], after_first) in COMPOUNDS:
        return None  # "đang thi công", "nguyên văn bản"
    if (
        current < len(words)
        and words.linked[current]
        and _plain(words, current)
        and words.folds[current] not in LOWER_NAME_STOPS
        and (words.folds[current - 1], words.folds[current]) not in COMPOUNDS
    ):
        return current + 1
    # No given name after the middle ones: the last middle one is it ("nguyễn minh" + stop).
    return current if middles == _MAX_MIDDLE else None


def _plain(words: Words, index: int) -> bool:
    word = words.words[index]
    return word.islower() or word.isupper()
