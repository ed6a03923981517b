"""Words of a question respelled to the index's own words, before they are weighed
(content/index/query.py): how residents' voice typing and dialects spell, and words run together.

- **Sound-alike spellings.** Northern speech mixes l and n ("hà lội", "lông thôn"), voice
  typing and southern speech s/x, ch/tr, d/gi/r ("xố bác xỹ", "chẻ em") and the finals n/ng,
  t/c ("hỏa tán"), and a tone mark lands on the wrong syllable or takes the wrong form ("hộ
  nghéo", "bảo hiễm"). A word is respelled only when the index does not know it as typed and
  knows the variant: a spelling (diacritics kept) no entry and no word list has; or, typed
  without diacritics, a word that stands beside neither neighbour as in any entry's phrase
  while its variant does ("ha loi": "ha noi"). A tone mark no entry spells is dropped, so the
  word matches by its folded form as if typed without diacritics (never another word: the
  folded form is the same).
- **Words run together** ("baohiemyte", "hộcậnnghèo"): a word the index does not know, cut
  into the fewest syllables the index knows (each of Vietnamese shape, each two side by side as
  in an entry's phrase), typed without diacritics (the tone marks of a run-together word cannot
  be placed back on its syllables).
- **A department beside a topic** ("Sở LĐTBXH giải quyết việc làm bao nhiêu"): a department
  states no figure of its own, so in a question asking for a number of something else the
  index knows, its name is left out (content/lexicon/context.yaml).

All data-driven from the index's vocabulary (nothing per question); a few set lookups a word.
"""

from __future__ import annotations

import re
from collections.abc import Collection, Iterable, Mapping, Sequence
from functools import lru_cache
from pathlib import Path
from types import MappingProxyType

import yaml

from content.index.lexicon import (
    ASKING_NUMBER,
    ASKING_NUMBER_PHRASES,
    BOUND_WORDS,
    GENERIC_PHRASES,
    PROGRAMME_NAMES,
    SENTENCE_FINAL,
    STOP_PHRASES,
    STOP_VI,
    STOP_WORDS_VI,
    PhraseList,
)
from content.index.thresholds import MIN_JOINED, MIN_RUN_ABBREVIATION
from content.normalize import (
    ABBREVIATIONS,
    Token,
    analyze,
    canonical_syllable,
    make_token,
    strip_diacritics,
)

# Onsets residents confuse, each with the ones it is mistaken for (northern l/n, s/x, ch/tr,
# d/gi/r): general Vietnamese phonology, not words of the content.
_ONSETS: dict[str, tuple[str, ...]] = {
    "l": ("n",), "n": ("l",), "s": ("x",), "x": ("s",), "ch": ("tr",), "tr": ("ch",),
    "d": ("gi", "r"), "gi": ("d", "r"), "r": ("d", "gi"),
}  # fmt: skip
# Final consonants southern speech merges, longest first ("ng" before "n").
_FINALS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("ng", ("n",)), ("n", ("ng",)), ("c", ("t",)), ("t", ("c",)),
)  # fmt: skip
# A syllable of Vietnamese shape, folded: onset, one of the language's vowel groups, final
# consonant ("out", "ou": no Vietnamese syllable).
_VOWEL_GROUPS = [
    "uyeu",
    "uoi",
    "uou",
    "uya",
    "uye",
    "uyu",
    "ieu",
    "yeu",
    "oai",
    "oao",
    "oay",
    "oeo",
    "uay",
    "ai",
    "ao",
    "au",
    "ay",
    "eo",
    "eu",
    "ia",
    "ie",
    "iu",
    "oa",
    "oe",
    "oi",
    "oo",
    "ua",
    "ue",
    "ui",
    "uo",
    "uu",
    "uy",
    "ye",
    "a",
    "e",
    "i",
    "o",
    "u",
    "y",
]
_SYLLABLE = re.compile(
    r"(?:b|c|ch|d|g|gh|gi|h|k|kh|l|m|n|ng|ngh|nh|p|ph|qu|r|s|t|th|tr|v|x)?"
    rf"(?:{'|'.join(_VOWEL_GROUPS)})(?:c|ch|m|n|ng|nh|p|t)?"
)
_LONGEST_SYLLABLE = 7  # "nghieng", "nguyen": the longest Vietnamese syllables


def vietnamese_shape(word: str) -> bool:
    """A folded word that could be one Vietnamese syllable ("the": thẻ; not "what", "of")."""
    return len(word) <= _LONGEST_SYLLABLE and word.isascii() and bool(_SYLLABLE.fullmatch(word))


def known_spellings(*, function_words_only: bool = False) -> frozenset[str]:
    """The canonical spellings of the matcher's word lists (function words and phrases): a
    resident's "hỏi" is the verb of "cho tôi hỏi", never a misspelt "hội". With
    ``function_words_only``, without the topic phrases (the programme's names, generic
    phrases): their words are content words, respelled by their neighbours like any other."""
    function_words: Iterable[str] = (
        *STOP_PHRASES, *STOP_WORDS_VI, *ASKING_NUMBER_PHRASES, *SENTENCE_FINAL, *BOUND_WORDS,
    )  # fmt: skip
    lists: Iterable[str] = (
        function_words
        if function_words_only
        else (*function_words, *GENERIC_PHRASES, *PROGRAMME_NAMES)
    )
    return frozenset(token.canonical for text in lists for token in analyze(text))


_LISTED = known_spellings()
CONTEXT_FILE = Path(__file__).parent.parent / "lexicon" / "context.yaml"
# Departments named beside a topic (content/lexicon/context.yaml).
DEPARTMENTS = PhraseList(
    str(name) for name in yaml.safe_load(CONTEXT_FILE.read_text(encoding="utf-8"))["departments"]
)
# A word typed bare that folds to a function word is left as typed ("cho", "roi"); "loi" of
# "phúc lợi" (a programme's name) is no function word and may still be "nội" beside "hà".
_LISTED_FOLDED = frozenset(
    strip_diacritics(spelled) for spelled in known_spellings(function_words_only=True)
)


class Respeller:
    """Built once per index from its vocabulary; :meth:`respell` is pure and thread-safe."""

    def __init__(
        self,
        indexed: Collection[str],
        spellings: Collection[str],
        pairs: Collection[tuple[str, str]],
        informative: Collection[str] = frozenset(),
    ) -> None:
        self._indexed = frozenset(indexed)
        self._informative = frozenset(informative)
        self._spellings = frozenset(spellings) | _LISTED
        self._pairs = frozenset(pairs)
        self._syllables = frozenset(
            word
            for word in self._indexed
            if len(word) <= _LONGEST_SYLLABLE and word.isascii() and _SYLLABLE.fullmatch(word)
        )
        # Abbreviations typed inside a run ("baophubhyt"): those of no syllable's shape, whose
        # words the index knows, each read as its words (content/lexicon/abbreviations.yaml).
        self._abbreviations = {
            folded: written
            for short, expansion in ABBREVIATIONS.items()
            if len(folded := strip_diacritics(short)) >= MIN_RUN_ABBREVIATION
            and folded.isascii()
            and folded.isalpha()
            and not _SYLLABLE.fullmatch(folded)
            and (written := tuple(analyze(expansion)))
            and all(token.folded in self._indexed for token in written)
            # "yte" is "y tế" run together, cut as syllables already
            and folded != "".join(token.folded for token in written)
        }
        self._abbreviation_words = MappingProxyType(
            {
                short: tuple(token.folded for token in written)
                for short, written in self._abbreviations.items()
            }
        )

    def respell(self, tokens: Sequence[Token]) -> list[Token]:
        split: list[Token] = []
        for token in tokens:
            split += self._split(token)
        respelled = [self._respelled(split, position) for position in range(len(split))]
        return self._without_departments(respelled)

    # ----------------------------------------------------------------- context

    def _without_departments(self, tokens: list[Token]) -> list[Token]:
        """A department states no figure of its own: named in a question that asks for a
        number of something else the index knows, it is the context, left out."""
        named = DEPARTMENTS.flags(tokens)
        if not any(named):
            return tokens
        asking = ASKING_NUMBER.flags(tokens)
        if not any(asking):
            return tokens
        if any(
            token.folded in self._informative and token.canonical not in STOP_VI
            for token, department, asks in zip(tokens, named, asking, strict=True)
            if not department and not asks
        ):
            return [
                token for token, department in zip(tokens, named, strict=True) if not department
            ]
        return tokens

    # ----------------------------------------------------------------- run together

    def _split(self, token: Token) -> list[Token]:
        word = token.folded
        if len(word) < MIN_JOINED or word in self._indexed or not word.isalpha():
            return [token]
        pieces = _segment(word, self._syllables, self._pairs, self._abbreviation_words)
        if pieces is None or len(pieces) < 2:
            return [token]
        out: list[Token] = []
        for piece in pieces:
            out += self._abbreviations.get(piece, (make_token(piece),))
        return out

    # ----------------------------------------------------------------- sound-alike

    def _respelled(self, tokens: Sequence[Token], position: int) -> Token:
        token = tokens[position]
        word = token.folded
        if not word.isalpha() or not word.isascii():
            return token
        if token.marked:
            if token.canonical in self._spellings:
                return token
            for variant in _variants(token.canonical):
                if variant in self._spellings:
                    return make_token(variant)
            # A tone or mark no entry spells: matched by the folded form, as typed bare.
            return make_token(word) if word in self._indexed else token
        # Typed bare: a variant only where it stands beside a neighbour as in an entry's
        # phrase and the word as typed does not (or is no word of the index); never a
        # function word ("cho", "roi") nor a word of another shape than a syllable ("now").
        if (
            word in _LISTED_FOLDED
            or not _SYLLABLE.fullmatch(word)
            or (word in self._indexed and self._paired(tokens, position, word))
        ):
            return token
        found = [
            variant
            for variant in _variants(word)
            if variant in self._indexed and self._paired(tokens, position, variant, alone=False)
        ]
        return make_token(found[0]) if found else token

    def _paired(
        self, tokens: Sequence[Token], position: int, word: str, *, alone: bool = True
    ) -> bool:
        """Whether ``word`` stands beside a neighbour as in some entry's phrase; a word with
        no neighbour has nothing to disagree with (``alone``)."""
        before = tokens[position - 1].folded if position > 0 else None
        after = tokens[position + 1].folded if position + 1 < len(tokens) else None
        if before is None and after is None:
            return alone
        return (before, word) in self._pairs or (word, after) in self._pairs


@lru_cache(maxsize=1 << 14)
def _variants(word: str) -> tuple[str, ...]:
    """The word with each confusable onset in place of its own, then with its final
    consonant confused (southern n/ng, t/c: "hỏa tán" for táng); same marks."""
    found: list[str] = []
    for onset in ("gi", "ch", "tr", "d", "l", "n", "r", "s", "x"):
        if not word.startswith(onset) or len(word) == len(onset):
            continue
        rest = word[len(onset) :]
        if onset == "gi" and not rest[0].isalpha():
            continue
        found += [other + rest for other in _ONSETS[onset]]
        break
    for final, others in _FINALS:
        if word.endswith(final) and len(word) > len(final) + 1:
            found += [word[: -len(final)] + other for other in others]
            break
    return tuple(found)


def _segment(
    word: str,
    syllables: frozenset[str],
    pairs: frozenset[tuple[str, str]],
    abbreviations: Mapping[str, tuple[str, ...]] = MappingProxyType({}),
) -> tuple[str, ...] | None:
    """``word`` cut into the fewest known syllables, each two side by side as in an entry's
    phrase ("baohiemyte": bảo hiểm y tế, never "payout": pay out), or None. A piece may be
    one of ``abbreviations`` (folded → the folded words it stands for: "baophubhyt": bao phủ
    bhyt, "phủ" beside "bảo" of "bảo hiểm y tế" as in an entry's phrase)."""
    # best[end][last]: the fewest pieces covering word[:end] whose last word is ``last``
    best: list[dict[str, tuple[str, ...]]] = [{} for _ in range(len(word) + 1)]
    best[0][""] = ()
    for end in range(1, len(word) + 1):
        for start in range(max(0, end - _LONGEST_SYLLABLE), end):
            typed = word[start:end]
            spelled = abbreviations.get(typed)
            if spelled is not None:
                piece, first, final = typed, spelled[0], spelled[-1]
            else:
                piece = canonical_syllable(typed)  # "tylehoatang": "ti le hoa tang"
                if piece not in syllables:
                    continue
                first = final = piece
            for last, pieces in best[start].items():
                if last and (last, first) not in pairs:
                    continue
                current = best[end].get(final)
                if current is None or len(pieces) + 1 < len(current):
                    best[end][final] = (*pieces, piece)
    found = list(best[len(word)].values())
    return min(found, key=len) if found else None
