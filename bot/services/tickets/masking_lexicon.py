"""The words of the personal-data masking: folding, the word lists and a text's words.

Internal to :mod:`bot.services.tickets.masking` (its only public entry). The word lists
themselves are data, in ``content/data/masking/*.txt``; here they are folded once into the
sets the rules look words up in.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache

from content.masking_words import masking_words
from content.normalize import canonical_syllable, strip_diacritics

Span = tuple[int, int]

# --------------------------------------------------------------------------- characters

# Zero-width and direction marks: invisible, so they can hide inside a phone number or an
# address ("0912\u200b345678") to slip past a filter.
INVISIBLE = frozenset(
    "\u00ad\u034f\u061c\u180e\u200b\u200c\u200d\u200e\u200f\u202a\u202b\u202c\u202d\u202e"
    "\u2060\u2061\u2062\u2063\u2064\u2066\u2067\u2068\u2069\ufeff"
)
HSPACE = "[ \u00a0\u202f\t]"  # the spaces people put between groups of digits


class FoldTable(dict[int, str]):
    """``str.translate`` table: lower case without diacritics (đ → d), always one character for
    one, so that a position in the folded text is the same position in the text."""

    def __missing__(self, code: int) -> str:
        char = chr(code)
        folded = strip_diacritics(char).lower()
        if len(folded) != 1:
            folded = char.lower() if len(char.lower()) == 1 else char
        self[code] = folded
        return folded


FOLD = FoldTable()


def fold(text: str) -> str:
    return text.translate(FOLD)


@lru_cache(maxsize=1 << 14)
def key(word: str) -> str:
    """Lower case with the diacritics, the tone mark placed one way ("Hoà" and "Hòa" alike)."""
    return canonical_syllable(unicodedata.normalize("NFC", word.casefold()))


@lru_cache(maxsize=1 << 14)
def bare(word: str) -> bool:
    """True when the word was typed without any diacritic ("Nguyen", not "Nguyễn" or "Dang")."""
    return fold(word) == word.lower()


SYLLABLE = re.compile(
    r"(?:ngh|ng|nh|ch|gh|gi|kh|ph|qu|th|tr|[bcdghklmnpqrstvx])?[aeiouy]+(?:ng|nh|ch|[cmnpt])?"
)


def titled(word: str) -> bool:
    return word[0].isupper() and (len(word) == 1 or word[1:].islower() or word.isupper())


def acronym(word: str) -> bool:
    """UBND, THCS, BHXH, TP: capitals that do not spell a syllable (NGUYỄN and AN do)."""
    return len(word) > 1 and word.isupper() and SYLLABLE.fullmatch(fold(word)) is None


# --------------------------------------------------------------------------- word lists


def keys(name: str) -> frozenset[str]:
    """A list of words, lower case with their diacritics."""
    return frozenset(key(word) for word in masking_words(name))


def folds(name: str) -> frozenset[str]:
    """A list of words, folded (no diacritics)."""
    return frozenset(fold(word) for word in masking_words(name))


def pairs(name: str) -> frozenset[tuple[str, ...]]:
    """A list of phrases, each folded into its words."""
    return frozenset(tuple(fold(line).split()) for line in masking_words(name))


def phrases(lines: Iterable[str]) -> dict[str, tuple[tuple[str, ...], ...]]:
    """Folded phrases by their first word, longest first."""
    table: dict[str, list[tuple[str, ...]]] = {}
    for line in lines:
        words = tuple(fold(line).split())
        table.setdefault(words[0], []).append(words)
    return {first: tuple(sorted(group, key=len, reverse=True)) for first, group in table.items()}


SURNAME_KEYS = keys("surnames")
SURNAME_FOLDS = folds("surnames")
HONORIFIC_KEYS = keys("honorifics")
HONORIFIC_BARE = folds("honorifics_bare")
TITLE_FOLDS = folds("titles")
NOT_NAME_KEYS = keys("not_name_words")
ENGLISH_NOT_NAMES = folds("english_not_names")
ROLE_PAIRS = pairs("role_pairs")
ROLE_TITLES = pairs("role_titles")
NOT_NAME_PHRASES = phrases(masking_words("not_name_phrases"))
PLACES = phrases(masking_words("places"))
PLACE_WORD_KEYS = frozenset(
    tuple(key(word) for word in line.split()) for line in masking_words("place_words")
)
PLACE_WORD_BARE = pairs("place_words_bare")
ROLE_BEFORE_PLACE = folds("role_before_place")
ENGLISH_PLACE_AFTER = folds("english_place_after")
NAME_BREAK_KEYS = keys("name_breaks")
SCHOOL_KEYS = keys("school_words")
LOCATION_PREPOSITIONS = keys("location_prepositions")
LOCATION_PREPOSITIONS_BARE = folds("location_prepositions_bare")
COMPOUNDS = pairs("compounds")
LOWER_NAME_STOPS = folds("lower_name_stops")

WORD = re.compile(r"[^\W\d_]+")

# --------------------------------------------------------------------------- words


@dataclass(frozen=True, slots=True)
class Words:
    """The letter words of a text with their positions; ``linked[i]`` when only horizontal
    spaces stand between word i-1 and word i."""

    text: str
    folded: str
    starts: list[int]
    ends: list[int]
    words: list[str]
    folds: list[str]
    linked: list[bool]

    @classmethod
    def of(cls, text: str) -> Words:
        folded = fold(text)
        starts: list[int] = []
        ends: list[int] = []
        for match in WORD.finditer(text):
            starts.append(match.start())
            ends.append(match.end())
        words = [text[a:b] for a, b in zip(starts, ends, strict=True)]
        folds = [folded[a:b] for a, b in zip(starts, ends, strict=True)]
        linked = [False] + [is_hspace(text, ends[i - 1], starts[i]) for i in range(1, len(starts))]
        return cls(text, folded, starts, ends, words, folds, linked)

    def __len__(self) -> int:
        return len(self.words)

    def gap(self, index: int) -> str:
        """The text between word ``index - 1`` and word ``index``."""
        return self.text[self.ends[index - 1] : self.starts[index]] if index > 0 else ""

    def phrase_at(self, index: int, table: dict[str, tuple[tuple[str, ...], ...]]) -> int:
        """Length in words of the longest phrase of ``table`` starting at ``index``, or 0."""
        for phrase in table.get(self.folds[index], ()):
            stop = index + len(phrase)
            if (
                stop <= len(self.folds)
                and all(self.linked[index + 1 : stop])
                and tuple(self.folds[index:stop]) == phrase
            ):
                return len(phrase)
        return 0


def is_hspace(text: str, start: int, end: int) -> bool:
    return 0 < end - start <= 3 and all(char in " \u00a0\u202f\t" for char in text[start:end])


@lru_cache(maxsize=1 << 14)
def is_surname(word: str) -> bool:
    """ "Nguyễn", or "Nguyen" typed without diacritics; but "Đường" is not "Dương", nor
    "Hỗ" "Hồ"."""
    if not titled(word):
        return False
    return key(word) in SURNAME_KEYS or (bare(word) and fold(word) in SURNAME_FOLDS)


def is_honorific(words: Words, index: int) -> bool:
    """ "anh", "bà", "Mr", or a title such as "cô giáo" ending at this word."""
    word = words.words[index]
    return (
        key(word) in HONORIFIC_KEYS
        or (bare(word) and words.folds[index] in HONORIFIC_BARE)
        or words.folds[index] in TITLE_FOLDS
        or (
            index > 0
            and words.linked[index]
            and (words.folds[index - 1], words.folds[index]) in ROLE_TITLES
        )
    )


def starts_name(words: Words, index: int) -> bool:
    """May a name start at this capitalised word (after "anh", "tôi là", "I am" ...)?"""
    word, fold = words.words[index], words.folds[index]
    if not titled(word) or acronym(word) or fold in ENGLISH_NOT_NAMES:
        return False
    if key(word) in NOT_NAME_KEYS:
        return False
    nxt = index + 1
    if nxt < len(words) and words.linked[nxt]:
        pair = (fold, words.folds[nxt])
        return pair not in ROLE_PAIRS and pair not in COMPOUNDS  # "Chủ tịch", "Thành phố"
    return True


def continues_name(words: Words, index: int) -> bool:
    word = words.words[index]
    return (
        words.linked[index]
        and titled(word)
        and not acronym(word)
        and words.folds[index] not in ENGLISH_NOT_NAMES
        and key(word) not in NAME_BREAK_KEYS
    )


def name_end(words: Words, index: int, protected: list[bool], limit: int) -> int:
    """The end of a name whose words run on from ``index`` (exclusive), at most ``limit``."""
    limit = min(limit, len(words))
    while index < limit and not protected[index] and continues_name(words, index):
        index += 1
    return index
