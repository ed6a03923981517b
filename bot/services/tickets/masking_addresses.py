"""Addresses down to the house: house numbers, lanes, alleys, residential groups, hamlets.

Internal to :mod:`bot.services.tickets.masking`. The word naming the kind of place stays and what
tells which one goes: "ngõ 34" → "ngõ ***", "thôn Đông Hội" → "thôn ***". Districts, wards,
communes and streets stay: the register is about them ("quận Ba Đình", "phố Huế").
"""

from __future__ import annotations

import re

from bot.services.tickets.masking_lexicon import Span, Words, acronym, titled
from bot.services.tickets.masking_numbers import YEAR

# Folded, matched on the folded text (same positions as the text).
_NUMBER = r"(?>\d{1,4}[a-z]?(?:[ \t]?[/\-][ \t]?\d{1,4}[a-z]?)*)(?![\w/\-]|[.,]\d)"
_NUMBERED = re.compile(
    r"(?<!\w)(?:so\s+nha|nha\s+so|to\s+dan\s+pho|tdp|khu\s+pho|can\s+ho|ngo|ngach|hem|kiet"
    r"|thon|xom|ap|to|phong|lo|nha)"
    rf"[ \t]*(?:so|no\.?)?[ \t]*[:.#]?[ \t]*({_NUMBER})",
    re.IGNORECASE,
)
# "số 15 ngõ 68", "số 12 Trần Phú": a bare "số" + number only before a lane or a street,
# so that "Chương trình số 08" and "Quyết định số 1234/QĐ-UBND" keep their numbers.
_SO_NUMBER = re.compile(rf"(?<!\w)so[ \t]+({_NUMBER})[ \t]+(?=\S)", re.IGNORECASE)
_STREET_AFTER = re.compile(r"(?:ngo|ngach|hem|kiet|pho|duong|khu|toa|ngo)(?!\w)")
# "ở 18 Hàng Bạc", "địa chỉ: 25 Lý Thường Kiệt": a number between "ở"/"tại" and a street.
_AT_NUMBER = re.compile(
    rf"(?<!\w)(?:o|tai|dia\s+chi[ \t]*:?|address[ \t]*:?)[ \t]+({_NUMBER})[ \t]+(?=\S)",
    re.IGNORECASE,
)
# Named hamlets and lanes: "thôn Đông Hội", "xóm Chùa", "ngõ Văn Chương số 3".
_NAMED = frozenset({"thon", "xom", "ap", "ngo", "ngach", "hem", "kiet"})
_NAMED_PHRASE = ("to", "dan", "pho")
_TRAILING_NUMBER = re.compile(rf"[ \t,]*(?:so[ \t]*)?({_NUMBER})", re.IGNORECASE)


def address_spans(words: Words) -> list[Span]:
    folded = words.folded
    spans = [match.span(1) for match in _NUMBERED.finditer(folded)]
    for pattern in (_SO_NUMBER, _AT_NUMBER):
        for match in pattern.finditer(folded):
            if YEAR.fullmatch(match.group(1)):
                continue  # "ở 2023 ..." is a year
            after = folded[match.end() :]
            if _STREET_AFTER.match(after) or _starts_street_name(words, match.end()):
                spans.append(match.span(1))
    spans += _named_places(words)
    return spans


def _starts_street_name(words: Words, position: int) -> bool:
    index = _word_at(words, position)
    return index is not None and titled(words.words[index]) and not acronym(words.words[index])


def _word_at(words: Words, position: int) -> int | None:
    for index, start in enumerate(words.starts):
        if start == position:
            return index
        if start > position:
            return None
    return None


def _named_places(words: Words) -> list[Span]:
    spans: list[Span] = []
    for index in range(len(words) - 1):
        fold = words.folds[index]
        named = fold in _NAMED or (
            index >= 2 and tuple(words.folds[index - 2 : index + 1]) == _NAMED_PHRASE
        )
        if not named or (not words.words[index].islower() and not titled(words.words[index])):
            continue
        first = index + 1
        stop = first
        while (
            stop < len(words)
            and stop - first < 3
            and words.linked[stop]
            and titled(words.words[stop])
            and not acronym(words.words[stop])
        ):
            stop += 1
        if stop == first:
            continue
        end = words.ends[stop - 1]
        trailing = _TRAILING_NUMBER.match(words.folded, end)
        if trailing:
            end = trailing.end(1)
        spans.append((words.starts[first], end))
    return spans
