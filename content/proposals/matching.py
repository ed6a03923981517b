"""Which existing indicator a figure belongs to, from the words around it.

Each indicator is known by its Vietnamese name, aliases (weight 1 a word) and keywords (weight
0.4 a word) only — never by its observations or quotes, so a new report is matched as it would
be from empty content. Words are compared folded (no diacritics, i/y alike, "tỷđồng" split).
A term found near the figure counts more than one far away: weight / (1 + distance / 60 chars).
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache

from content.normalize import canonical_syllable, strip_diacritics
from content.schema import Indicator

NAME_WEIGHT = 1.0
KEYWORD_WEIGHT = 0.4
THRESHOLD = 1.0
_WORD_RE = re.compile(r"[^\W_]+")
# "đ" never ends a Vietnamese syllable: a lowercase letter before it is a lost space.
_LOST_SPACE_RE = re.compile(r"(?<=[a-zà-ỹ])(?=[đĐ])")


@lru_cache(maxsize=65536)  # Vietnamese has a few thousand syllables: a long report repeats them
def fold_word(word: str) -> str:
    return strip_diacritics(canonical_syllable(word.casefold()))


def words(text: str, start: int = 0, end: int | None = None) -> list[tuple[int, int, str]]:
    """(start, end, folded word) for every word of text[start:end], offsets in ``text``."""
    found: list[tuple[int, int, str]] = []
    for match in _WORD_RE.finditer(text, start, len(text) if end is None else end):
        start, word = match.start(), match.group(0)
        if "đ" not in word and "Đ" not in word:
            found.append((start, match.end(), fold_word(word)))
            continue
        for piece in _LOST_SPACE_RE.split(word):
            if piece:
                found.append((start, start + len(piece), fold_word(piece)))
            start += len(piece)
    return found


class Words:
    """The folded words of a whole report, searchable by offset.

    "số" before a number is dropped, so that the alias "Nghị quyết 68" matches "Nghị quyết số
    68/NQ-CP" as written in reports.
    """

    def __init__(self, text: str, start: int = 0, end: int | None = None) -> None:
        found = words(text, start, end)
        self.tokens = [
            token
            for index, token in enumerate(found)
            if not (token[2] == "so" and index + 1 < len(found) and found[index + 1][2].isdigit())
        ]
        self.starts = [token[0] for token in self.tokens]


@dataclass(frozen=True, slots=True)
class _Term:
    words: tuple[str, ...]
    indicator: str
    weight: float


class IndicatorMatcher:
    """Scores a stretch of a report against every indicator's names, aliases and keywords."""

    def __init__(self, indicators: Iterable[Indicator]) -> None:
        self._terms: dict[str, list[_Term]] = {}
        self.keys: list[str] = []
        for indicator in indicators:
            self.keys.append(indicator.key)
            names = [indicator.name.vi, *indicator.aliases.vi]
            for phrases, weight in ((names, NAME_WEIGHT), (indicator.keywords.vi, KEYWORD_WEIGHT)):
                for phrase in phrases:
                    folded = tuple(item[2] for item in words(phrase))
                    if folded:
                        term = _Term(folded, indicator.key, weight * len(folded))
                        self._terms.setdefault(folded[0], []).append(term)

    def scores(
        self, text_words: Words, start: int, end: int, target: tuple[int, int]
    ) -> dict[str, float]:
        """Indicator → score for the words between ``start`` and ``end`` (text offsets)."""
        tokens = text_words.tokens
        first = bisect.bisect_left(text_words.starts, start)
        last = bisect.bisect_left(text_words.starts, end)
        best: dict[tuple[str, tuple[str, ...]], float] = {}
        for index in range(first, last):
            for term in self._terms.get(tokens[index][2], ()):
                stop = index + len(term.words)
                if stop > last or tuple(t[2] for t in tokens[index:stop]) != term.words:
                    continue
                term_start, term_end = tokens[index][0], tokens[stop - 1][1]
                distance = max(0, target[0] - term_end, term_start - target[1])
                weight = term.weight / (1 + distance / 60)
                key = (term.indicator, term.words)
                best[key] = max(best.get(key, 0.0), weight)
        totals: dict[str, float] = {}
        for (indicator, _), weight in best.items():
            totals[indicator] = totals.get(indicator, 0.0) + weight
        return totals


def best_of(scores: dict[str, float]) -> tuple[str | None, float]:
    if not scores:
        return None, 0.0
    key = max(scores, key=lambda item: scores[item])
    return key, scores[key]
