"""Word classes of the matcher: filler phrases dropped from a question, function words that
weigh nothing, generic words that weigh little. The lists are data
(``content/lexicon/words.yaml``); this module compiles them into lookups by folded first word."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Collection, Iterable, Mapping, Sequence
from pathlib import Path
from types import MappingProxyType

import yaml

from content.normalize import Token, analyze

LEXICON_FILE = Path(__file__).parent.parent / "lexicon" / "words.yaml"


def _load(path: Path = LEXICON_FILE) -> dict[str, tuple[str, ...]]:
    raw = yaml.safe_load(path.read_text(encoding="utf-8"))
    return {name: tuple(str(word) for word in words) for name, words in raw.items()}


_LISTS = _load()
STOP_PHRASES = _LISTS["stop_phrases"]
STOP_WORDS_VI = _LISTS["stop_words_vi"]
STOP_WORDS_EN = _LISTS["stop_words_en"]
GENERIC_PHRASES = _LISTS["generic_phrases"]
ASKING_NUMBER_PHRASES = _LISTS["asking_number"]
PROGRAMME_NAMES = _LISTS["programme_names"]
SENTENCE_FINAL = _LISTS["sentence_final"]
BOUND_WORDS = _LISTS["bound_words"]
DOUBT_BREAKS = _LISTS["doubt_breaks"]


def same_word(typed: Token, listed: Token) -> bool:
    """A typed word is a listed one: by diacritics when it has any, else by its folded form."""
    return typed.canonical == listed.canonical if typed.marked else typed.folded == listed.folded


class PhraseList:
    """Words and phrases of a word class, looked up by the folded form of their first word."""

    def __init__(self, phrases: Iterable[str]) -> None:
        by_first: dict[str, list[tuple[Token, ...]]] = defaultdict(list)
        for text in phrases:
            words = tuple(analyze(text))
            if words:
                by_first[words[0].folded].append(words)
        self._by_first: Mapping[str, tuple[tuple[Token, ...], ...]] = MappingProxyType(
            {
                first: tuple(sorted(found, key=len, reverse=True))
                for first, found in by_first.items()
            }
        )

    def flags(self, tokens: Sequence[Token]) -> list[bool]:
        """Which positions belong to a listed phrase (the longest at each start)."""
        flags = [False] * len(tokens)
        for start, end in self.spans(tokens):
            flags[start:end] = [True] * (end - start)
        return flags

    def spans(self, tokens: Sequence[Token]) -> list[tuple[int, int]]:
        """Where listed phrases stand: (start, end), the longest at each start."""
        found = []
        for start, token in enumerate(tokens):
            for phrase in self._by_first.get(token.folded, ()):
                end = start + len(phrase)
                if end <= len(tokens) and all(
                    same_word(tokens[start + offset], word) for offset, word in enumerate(phrase)
                ):
                    found.append((start, end))
                    break
        return found


FILLER = PhraseList(STOP_PHRASES)
GENERIC = PhraseList(GENERIC_PHRASES)
ASKING_NUMBER = PhraseList(ASKING_NUMBER_PHRASES)
PROGRAMME = PhraseList(PROGRAMME_NAMES)
STOP_VI = frozenset(token.canonical for word in STOP_WORDS_VI for token in analyze(word))
STOP_VI_FOLDED = frozenset(token.folded for word in STOP_WORDS_VI for token in analyze(word))
STOP_EN = frozenset(token.folded for word in STOP_WORDS_EN for token in analyze(word))


_FINAL = frozenset(token.canonical for word in SENTENCE_FINAL for token in analyze(word))
_FINAL_FOLDED = frozenset(token.folded for word in SENTENCE_FINAL for token in analyze(word))


def trailing_particles(tokens: Sequence[Token], pairs: Collection[tuple[str, str]]) -> int:
    """How many words at the end of a question are particles ending it (words.yaml,
    ``sentence_final``): by diacritics when typed, else by the folded form; a particle that
    stands with the word before it in an entry's phrase (``pairs``: "cho vay") ends the run."""
    count = 0
    for index in range(len(tokens) - 1, 0, -1):  # the first word is never a particle here
        token = tokens[index]
        final = token.canonical in _FINAL if token.marked else token.folded in _FINAL_FOLDED
        if not final or (tokens[index - 1].folded, token.folded) in pairs:
            break
        count += 1
    return count


BOUND = PhraseList(BOUND_WORDS)


def unbound(tokens: Sequence[Token], pairs: Collection[tuple[str, str]]) -> list[bool]:
    """Which words belong to a bound word or phrase (words.yaml, ``bound_words``) standing apart
    from the word it forms a topic with: beside neither neighbour as in an entry's phrase
    (``pairs``): "việc" of "làm những việc gì", "báo cáo" of "theo báo cáo mới nhất"."""
    flags = [False] * len(tokens)
    for start, end in BOUND.spans(tokens):
        before = start > 0 and (tokens[start - 1].folded, tokens[start].folded) in pairs
        after = end < len(tokens) and (tokens[end - 1].folded, tokens[end].folded) in pairs
        flags[start:end] = [not (before or after)] * (end - start)
    return flags


def typed_stop(token: Token) -> bool:
    """A function word in a query: by its diacritics if typed, else by its folded form."""
    if token.marked:
        return token.canonical in STOP_VI
    return token.folded in STOP_VI_FOLDED or token.folded in STOP_EN


# A period's letter before its number ("Q2", "Q1/2022", "H1 2023": read "q" + "2") and a
# Roman number after "quý" ("quý II"): the period a question asks of, never its topic.
_PERIOD_LETTERS = frozenset({"q", "h"})
_PERIOD_NUMBERS = frozenset({"1", "2", "3", "4"})
_ROMAN = frozenset({"i", "ii", "iii", "iv"})
_QUARTER = frozenset({"quy", "qui", "quarter"})


def periods(tokens: Sequence[Token]) -> list[bool]:
    """Which words only mark a period: "q" of "Q2", "h" of "H1", "ii" of "quý II". They
    weigh as generic words, like "quý" and a year (content/index/query.py, build.py)."""
    flags = [False] * len(tokens)
    for index, token in enumerate(tokens):
        after = tokens[index + 1].folded if index + 1 < len(tokens) else ""
        before = tokens[index - 1].folded if index > 0 else ""
        flags[index] = (token.folded in _PERIOD_LETTERS and after in _PERIOD_NUMBERS) or (
            token.folded in _ROMAN and before in _QUARTER
        )
    return flags


def is_year(folded: str) -> bool:
    return len(folded) == 4 and folded.isdigit() and 1990 <= int(folded) <= 2050
