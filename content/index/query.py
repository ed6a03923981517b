"""Query analysis: a resident's question → weighted words, each matched against the index's
vocabulary (exactly after folding, else as a typo, else split in two known words), with how
well its diacritics agree with an entry's spelling."""

from __future__ import annotations

import re
import unicodedata
from collections import defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from types import MappingProxyType

from rapidfuzz import process
from rapidfuzz.distance import OSA

from content.index.figures import SCALE_WORDS
from content.index.lexicon import (
    FILLER,
    GENERIC,
    PROGRAMME,
    is_year,
    periods,
    trailing_particles,
    typed_stop,
    unbound,
)
from content.index.respell import vietnamese_shape
from content.index.thresholds import (
    AGREE_CONFLICT,
    AGREE_OMITTED,
    AMBIGUOUS_FACTOR,
    GENERIC_FACTOR,
    MAX_QUERY_CHARS,
    MAX_QUERY_TOKENS,
    MAX_TYPOS,
    NUMBER_FACTOR,
    SHORT_WORD,
    TYPO_SIMILARITY,
    UNKNOWN_FACTOR,
)
from content.normalize import Token, analyze, make_token

_VOWEL_GROUPS = re.compile(r"[aeiouy]+")

# Per query: vocabulary word → (query position, similarity, the typed token).
Hits = Mapping[str, Sequence[tuple[int, float, Token]]]


def read_query(text: str) -> list[Token]:
    """The words of a question as the matcher reads them: its start only (bounded work)."""
    return analyze(text, max_chars=MAX_QUERY_CHARS)[:MAX_QUERY_TOKENS]


@dataclass(slots=True)
class QueryWord:
    token: Token
    weight: float
    informative: bool
    matches: dict[str, float] = field(default_factory=dict)  # vocabulary word → similarity
    # Unaccented, both a function word and a content word ("hoi": hỏi / hội, "van": vẫn / văn):
    # not informative, yet it may be the topic (it can hold an entry's phrase).
    ambiguous: bool = False


@dataclass(frozen=True, slots=True)
class Query:
    words: tuple[QueryWord, ...]
    hits: Hits
    total: float  # the weight of all its words
    background: float  # ... of its non-informative words
    # the positions of its informative words and of those unaccented ones that may be
    topical: frozenset[int] = frozenset()

    @classmethod
    def of(cls, words: Sequence[QueryWord]) -> Query:
        hits: dict[str, list[tuple[int, float, Token]]] = defaultdict(list)
        for position, word in enumerate(words):
            for vocabulary_word, similarity in word.matches.items():
                hits[vocabulary_word].append((position, similarity, word.token))
        return cls(
            words=tuple(words),
            hits=MappingProxyType(dict(hits)),
            total=sum(word.weight for word in words),
            background=sum(word.weight for word in words if not word.informative),
            topical=frozenset(
                position
                for position, word in enumerate(words)
                if word.informative or word.ambiguous
            ),
        )


@dataclass(frozen=True, slots=True)
class Vocabulary:
    """What query analysis needs of the index: every word's IDF, the words entries are found
    by (``indexed``), those informative in some phrase, and the indexed words by length (for
    typo lookup)."""

    idf: Mapping[str, float]
    indexed: frozenset[str]
    informative: frozenset[str]
    by_length: Mapping[int, tuple[str, ...]]
    unknown_weight: float  # a word the index has never seen: as rare as can be
    pairs: frozenset[tuple[str, str]] = frozenset()  # words next to each other in a phrase

    def query_words(self, text: str) -> list[QueryWord]:
        return self.words_of(read_query(text))

    def words_of(self, tokens: list[Token]) -> list[QueryWord]:
        """:meth:`query_words` of a question already read (:func:`read_query`)."""
        filler = FILLER.flags(tokens)
        tokens = self.split_joined(
            [token for token, f in zip(tokens, filler, strict=True) if not f]
        )
        generic = [
            listed or apart or period or _scales(tokens, position) or _fraction(tokens, position)
            for position, (listed, apart, period) in enumerate(
                zip(
                    GENERIC.flags(tokens),
                    unbound(tokens, self.pairs),
                    periods(tokens),
                    strict=True,
                )
            )
        ]
        ending = len(tokens) - trailing_particles(tokens, self.pairs)
        words = [
            self._word(token, is_generic)
            if position < ending
            else QueryWord(token, 0.0, False)  # "... vậy ạ": ends the question, says nothing
            for position, (token, is_generic) in enumerate(zip(tokens, generic, strict=True))
        ]
        return self._as_context(words, PROGRAMME.flags(tokens))

    def _as_context(self, words: list[QueryWord], programme: list[bool]) -> list[QueryWord]:
        """The programme's name weighs as a generic word when the question names something
        else too: it is the context of every question, the topic only when alone or beside
        words no entry uses ("chương trình an sinh *chạy* từ năm nào": they name nothing)."""
        if not any(programme) or not any(
            word.informative and word.matches and not named
            for word, named in zip(words, programme, strict=True)
        ):
            return words
        return [
            QueryWord(
                word.token,
                self.idf.get(word.token.folded, self.unknown_weight) * GENERIC_FACTOR
                if word.informative
                else word.weight,
                False,
                word.matches,
            )
            if named and (word.informative or word.ambiguous)
            else word
            for word, named in zip(words, programme, strict=True)
        ]

    def _word(self, token: Token, is_generic: bool) -> QueryWord:
        stop = typed_stop(token)
        if stop or is_generic or is_year(token.folded):
            # Filler or generic; unaccented, it may also be a content word ("hoi": hội).
            matches = {token.folded: 1.0} if token.folded in self.idf else {}
            idf = self.idf.get(token.folded, self.unknown_weight)
            # A word no Vietnamese syllable spells ("what", "of", "end") is no unaccented
            # Vietnamese word: only the function or generic word it is listed as.
            ambiguous = (
                not token.marked
                and token.folded in self.informative
                and vietnamese_shape(token.folded)
            )
            if ambiguous:
                weight = idf * AMBIGUOUS_FACTOR
            elif stop:
                weight = 0.0
            else:
                weight = idf * GENERIC_FACTOR
            return QueryWord(token, weight, False, matches, ambiguous)
        matches = self.vocabulary_matches(token)
        idf = max((self.idf[word] for word in matches), default=self.unknown_weight)
        if token.folded.isdigit():
            # Numbers help ("NQ 68" names a resolution) but never match on their own.
            return QueryWord(token, idf * NUMBER_FACTOR, False, matches)
        if not matches:
            # In no entry, not even as a typo: the resident's own context (UNKNOWN_FACTOR).
            return QueryWord(token, idf * UNKNOWN_FACTOR, True, matches)
        return QueryWord(token, idf, True, matches)

    def split_joined(self, tokens: list[Token]) -> list[Token]:
        """ "hongheo" → "ho ngheo", "baohiem" → "bao hiem": words typed without a space."""
        out: list[Token] = []
        for token in tokens:
            cut = self._cut(token.folded)
            if cut is None:
                out.append(token)
            elif len(token.canonical) == len(token.folded):
                out += [make_token(token.canonical[:cut]), make_token(token.canonical[cut:])]
            else:
                out += [make_token(token.folded[:cut]), make_token(token.folded[cut:])]
        return out

    def _cut(self, word: str) -> int | None:
        """Where to split an unknown word into two known ones, the most balanced cut."""
        if (
            word in self.indexed
            or not word.isalpha()
            or len(_VOWEL_GROUPS.findall(word)) < 2  # one syllable: a word, not two
        ):
            return None
        best: tuple[int, int] | None = None
        for cut in range(2, len(word) - 1):  # both parts two letters or more
            if word[:cut] in self.indexed and word[cut:] in self.indexed:
                balance = min(cut, len(word) - cut)
                if best is None or balance > best[0]:
                    best = (balance, cut)
        return None if best is None else best[1]

    def vocabulary_matches(self, token: Token) -> dict[str, float]:
        word = token.folded
        if word in self.indexed:
            return {word: 1.0}
        length = len(word)
        if length < 4 or length > 30 or word.isdigit():
            return {}
        edits = 1 if length < 8 else 2
        found: list[tuple[int, float, str]] = []
        for size in range(length - edits, length + edits + 1):
            choices = self.by_length.get(size)
            if choices:
                found += (
                    (int(distance), self.idf[choice], choice)
                    for choice, distance, _ in process.extract(
                        word, choices, scorer=OSA.distance, score_cutoff=edits, limit=None
                    )
                )
        if length <= SHORT_WORD:
            # A short syllable with one letter changed is another word ("chút" is not "chua",
            # "xong" not "đóng"); a letter left out, added or swapped is a typo ("ngeo").
            found = [item for item in found if not _substituted(word, item[2])]
        # The closest; between equals, the commoner word (the likelier one meant).
        found.sort()
        return {choice: TYPO_SIMILARITY[distance] for distance, _, choice in found[:MAX_TYPOS]}


def _scales(tokens: Sequence[Token], position: int) -> bool:
    """A scale word after a number ("309,7 tỷ", "160 nghìn"): part of the figure read with it
    (content/index/figures.py), not a word of its own ("tỷ" is no topic there)."""
    token = tokens[position]
    return (
        position > 0
        and tokens[position - 1].folded.isdigit()
        and (token.canonical in SCALE_WORDS or token.folded in SCALE_WORDS)
    )


# A word between two numbers that makes them one fraction ("18 trên 27", "50.019 over 160.000").
_FRACTION_WORDS = frozenset({"tren", "over"})


def _fraction(tokens: Sequence[Token], position: int) -> bool:
    """ "trên" of "18 trên 27": the fraction's mark (the figures say what it is), not "trên"
    of "trên 5,64 triệu" (over) nor of "bác sĩ trên vạn dân" (per), a word of those entries."""
    return (
        0 < position < len(tokens) - 1
        and tokens[position].folded in _FRACTION_WORDS
        and tokens[position - 1].folded.isdigit()
        and tokens[position + 1].folded.isdigit()
    )


def _substituted(typed: str, known: str) -> bool:
    """One letter replaced by another (same length, not the same letters swapped)."""
    return len(typed) == len(known) and sorted(typed) != sorted(known)


def _marks(char: str) -> frozenset[str]:
    return frozenset(c for c in unicodedata.normalize("NFD", char) if unicodedata.combining(c))


def agreement(typed: Token, spelled: str) -> float:
    """How well the diacritics the resident typed agree with an entry word's (same fold)."""
    if not typed.marked or typed.canonical == spelled:
        return 1.0
    return _marked_agreement(typed.canonical, spelled)


@lru_cache(maxsize=1 << 16)
def _marked_agreement(typed: str, spelled: str) -> float:
    if len(typed) != len(spelled):
        return AGREE_OMITTED
    omitted = False
    for mine, theirs in zip(typed, spelled, strict=True):
        if mine == theirs:
            continue
        if not _marks(mine) <= _marks(theirs) or (mine == "đ") != (theirs == "đ"):
            return AGREE_CONFLICT
        omitted = True
    return AGREE_OMITTED if omitted else 1.0
