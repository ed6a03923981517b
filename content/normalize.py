"""Vietnamese text folding for matching residents' questions: pure functions (the abbreviation
lists are read once, at import, from content/lexicon/abbreviations.yaml).

Residents type with and without diacritics, with old and new tone placement (hoà / hòa),
i/y variants (tỉ / tỷ, bác sĩ / bác sỹ), abbreviations (BHYT, NQ 68), chat shorthand
(ko, bn, dc) and typos. The functions below reduce all of that to comparable tokens:

- :func:`normalize`: NFC, casefold, no zero-width or control characters, punctuation and symbols
  to spaces, single spaces. Diacritics are kept.
- :func:`fold`: :func:`normalize`, then no diacritics and đ → d ("Hộ nghèo" → "ho ngheo").
- :func:`canonical_syllable`: one spelling per syllable with its diacritics kept: i/y variants
  to i ("tỷ" → "tỉ", "quy" → "qui") and the tone mark on one vowel ("hoà" → "hòa", "thuỷ" →
  "thủy"), so that comparing what the resident typed with an entry's diacritics is fair.
- :func:`expand_abbreviations`: BHYT → bảo hiểm y tế, ko → không, ...
- :func:`analyze`: the whole pipeline, giving :class:`Token`\\ s (canonical and folded forms).
- :func:`guess_language`: "vi", "en" or None.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from types import MappingProxyType
from typing import Literal

import yaml

# --------------------------------------------------------------------------- characters

_TONE_MARKS = frozenset("\u0300\u0301\u0303\u0309\u0323")  # huyền, sắc, ngã, hỏi, nặng
_VOWELS = frozenset("aăâeêioôơuưy")
_MARKED_VOWELS = frozenset("ăâêôơư")
# All lowercase letters of the Vietnamese alphabet with a diacritic, precomposed (NFC).
_VIETNAMESE_LETTERS = frozenset(
    "àáảãạăằắẳẵặâầấẩẫậèéẻẽẹêềếểễệìíỉĩịòóỏõọôồốổỗộơờớởỡợùúủũụưừứửữựỳýỷỹỵđ"
)
_WHITESPACE_CONTROLS = frozenset("\t\n\r\x0b\x0c\x1c\x1d\x1e\x1f\x85")
_TRANSLATE_FOLD = {ord("đ"): "d", ord("Đ"): "D"}

# A syllable whose only vowel is a final y, after an onset: "ty", "quy", "kỳ", "sỹ".
# Not a lone "y" ("y tế"): nobody writes "i tế", and "i" is an English word.
_ONSET_Y = re.compile(r"^(?:b|c|ch|d|đ|g|gh|h|k|kh|l|m|n|ng|ngh|nh|p|ph|qu|r|s|t|th|tr|v|x)y$")
_THOUSANDS = re.compile(r"(?<![\d.,])(\d{1,3})((?:[.,]\d{3})+)(?![\d]|[.,]\d)")
_LETTER_DIGIT = re.compile(r"(?<=[^\W\d_])(?=\d)|(?<=\d)(?=[^\W\d_])")
_WORD = re.compile(r"[^\W_]+")
_REPEATS = re.compile(r"([^\W\d_])\1{2,}")  # "teee" → "te": a letter typed 3+ times
# "Sở LĐ-TB&XH" and the like: written with punctuation inside the abbreviation.
_LDTBXH = re.compile(r"l[đd]\s*-?\s*tb\s*(?:&|và)?\s*xh", re.IGNORECASE)


class _CharTable(dict[int, str | None]):
    """A ``str.translate`` table filled on first sight of each character: one dictionary
    lookup per character afterwards, in C. Safe to share between threads (a race only
    computes the same entry twice)."""

    def __init__(self, rule: Callable[[str], str | None]) -> None:
        super().__init__()
        self._rule = rule

    def __missing__(self, code: int) -> str | None:
        value = self[code] = self._rule(chr(code))
        return value


def _invisible_rule(char: str) -> str | None:
    if char in _WHITESPACE_CONTROLS:
        return " "
    return None if unicodedata.category(char) in ("Cf", "Cc", "Cs", "Co", "Cn") else char


def _word_char_rule(char: str) -> str | None:
    # Marks stay only if they are combining diacritics (U+0300-U+036F): variation selectors
    # and other marks that ride on emoji are not part of any word.
    category = unicodedata.category(char)[0]
    if category == "M":
        return char if "\u0300" <= char <= "\u036f" else " "
    return char if category in "LN" else " "


def _bare_rule(char: str) -> str | None:
    return None if unicodedata.combining(char) else char


_INVISIBLE = _CharTable(_invisible_rule)
_WORD_CHARS = _CharTable(_word_char_rule)
_BARE = _CharTable(_bare_rule)


def _strip_invisible(text: str) -> str:
    """Drop zero-width and control characters (whitespace controls become spaces)."""
    return text.translate(_INVISIBLE)


def normalize(text: str) -> str:
    """NFC, casefold, zero-width and control characters dropped, punctuation and symbols
    (emoji included) to spaces, whitespace collapsed. Diacritics are kept."""
    text = _strip_invisible(unicodedata.normalize("NFC", text))
    text = unicodedata.normalize("NFC", text.casefold()).translate(_WORD_CHARS)
    return " ".join(text.split())


def strip_diacritics(text: str) -> str:
    """Remove every combining mark and map đ → d; the case is kept."""
    decomposed = unicodedata.normalize("NFD", text.translate(_TRANSLATE_FOLD))
    return unicodedata.normalize("NFC", decomposed.translate(_BARE))


def has_diacritics(text: str) -> bool:
    """True when the (normalized) text has a Vietnamese letter with a diacritic."""
    return any(char in _VIETNAMESE_LETTERS for char in normalize(text))


def fold(text: str) -> str:
    """:func:`normalize`, then without diacritics: "Hộ nghèo" and "ho ngheo" fold alike."""
    return strip_diacritics(normalize(text))


# --------------------------------------------------------------------------- syllables


def _i_for_y(letters: str) -> str:
    """ "ty" → "ti", "quy" → "qui", "sy" → "si": the i/y variants spelled one way.
    Not "thuy", "tay", "yeu": there y is not the syllable's only vowel."""
    if letters.endswith("y") and _ONSET_Y.match(letters):
        return letters[:-1] + "i"
    return letters


def _tone_position(letters: str) -> int | None:
    """Where the tone mark goes in a toneless syllable, in the traditional placement
    (hòa, thủy, khỏe, người, hoàng, quý, gì): the vowel with a quality mark (ơ in ươ);
    else the last vowel before a final consonant; else the first of two vowels, the
    middle of three. None when the syllable has no vowel."""
    length = len(letters)
    start = 0
    if length > 2 and letters[:2] in ("qu", "gi") and letters[2] in _VOWELS:
        start = 2  # the u of qu and the i of gi belong to the onset
    first = start
    while first < length and letters[first] not in _VOWELS:
        first += 1
    if first == length:
        return None
    end = first
    while end < length and letters[end] in _VOWELS:
        end += 1
    marked = [index for index in range(first, end) if letters[index] in _MARKED_VOWELS]
    if marked:
        return marked[-1]  # ươ: the ơ
    size = end - first
    if size == 1 or end < length:
        return end - 1
    return first if size == 2 else first + 1


def canonical_syllable(word: str) -> str:
    """One spelling for a normalized syllable, diacritics kept: i/y variants as i and the
    tone mark placed by one rule, so "hoà" == "hòa", "thuỷ" == "thủy", "tỷ" == "tỉ",
    "bác sỹ" == "bác sĩ". Words that are not Vietnamese syllables pass through unchanged
    apart from the i/y rule."""
    if word.isascii():
        return _i_for_y(word)
    tone = ""
    base: list[str] = []
    for char in unicodedata.normalize("NFD", word):
        if char in _TONE_MARKS:
            tone = char
        else:
            base.append(char)
    letters = _i_for_y(unicodedata.normalize("NFC", "".join(base)))
    if not tone:
        return letters
    position = _tone_position(letters)
    if position is None:
        return unicodedata.normalize("NFC", word)
    return unicodedata.normalize("NFC", letters[: position + 1] + tone + letters[position + 1 :])


def canonical(text: str) -> str:
    """:func:`normalize`, then every syllable in its :func:`canonical_syllable` spelling."""
    return " ".join(canonical_syllable(word) for word in normalize(text).split())


# --------------------------------------------------------------------------- abbreviations

# Abbreviations and chat shorthand are data: content/lexicon/abbreviations.yaml.
ABBREVIATIONS_FILE = Path(__file__).parent / "lexicon" / "abbreviations.yaml"


def _load_abbreviations(path: Path = ABBREVIATIONS_FILE) -> dict[str, Mapping[str, str]]:
    raw = yaml.safe_load(path.read_text(encoding="utf-8"))
    return {
        section: MappingProxyType({str(key): str(value) for key, value in raw[section].items()})
        for section in ("abbreviations", "cased_abbreviations")
    }


def _load_programme(path: Path = ABBREVIATIONS_FILE) -> tuple[str, re.Pattern[str]]:
    raw = yaml.safe_load(path.read_text(encoding="utf-8"))
    names = "|".join(f"(?:{pattern})" for pattern in raw["programme_patterns"])
    return str(raw["programme_name"]), re.compile(f"(?:{names}){raw['programme_tail']}")


_LOADED = _load_abbreviations()
# The programme's informal names, written as one (abbreviations.yaml, programme_patterns).
PROGRAMME_NAME, _PROGRAMME = _load_programme()
# Expanded whatever their case; keys casefolded, values with diacritics.
ABBREVIATIONS: Mapping[str, str] = _LOADED["abbreviations"]
# Expanded only when typed in capitals: in lower case they are ordinary syllables.
CASED_ABBREVIATIONS: Mapping[str, str] = _LOADED["cased_abbreviations"]


def _prepare(text: str) -> str:
    """NFC, invisible characters out, thousands separators out ("10.000" → "10000"),
    "LĐ-TB&XH" written as one abbreviation, letters and digits apart ("NQ68" → "NQ 68")."""
    text = _strip_invisible(unicodedata.normalize("NFC", text))
    text = _THOUSANDS.sub(lambda match: match.group(1) + re.sub(r"[.,]", "", match[2]), text)
    text = _LDTBXH.sub("lđtbxh", text)
    return _LETTER_DIGIT.sub(" ", _programme_named(text))


def _programme_named(text: str) -> str:
    """The programme's informal names as its one name: "ct 08", "chương trình số tám của
    Thành ủy" → "chương trình 08" (found without diacritics, replaced in the text)."""
    bare = strip_diacritics(text).lower()
    if len(bare) != len(text) or not _PROGRAMME.search(bare):
        return text
    parts: list[str] = []
    position = 0
    for found in _PROGRAMME.finditer(bare):
        parts += [text[position : found.start()], PROGRAMME_NAME]
        position = found.end()
    parts.append(text[position:])
    return "".join(parts)


def _expand_word(word: str) -> str:
    cased = CASED_ABBREVIATIONS.get(word)
    if cased is not None:
        return cased
    return ABBREVIATIONS.get(unicodedata.normalize("NFC", word.casefold()), word)


def expand_abbreviations(text: str) -> str:
    """The :func:`normalize`\\ d text with abbreviations and chat shorthand written out:
    "ty le BHYT dc bn" → "ty le bảo hiểm y tế được bao nhiêu"."""
    words = (_expand_word(word) for word in _WORD.findall(_prepare(text)))
    return normalize(" ".join(words))


# --------------------------------------------------------------------------- tokens


@dataclass(frozen=True, slots=True)
class Token:
    """One word as the matcher sees it.

    ``canonical`` keeps the diacritics in one spelling (:func:`canonical_syllable`);
    ``folded`` is the matching key: no diacritics, i/y variants as i, runs of a repeated
    letter squeezed, English plural and a few suffixes off ("households" → "household",
    "enrolled" → "enrol"); ``marked`` tells whether the resident typed any diacritic on it.
    """

    canonical: str
    folded: str
    marked: bool


# English suffixes, stripped from folded words so that "enrolled", "enrolment" and "enrol"
# meet. No Vietnamese syllable ends in any of them, so Vietnamese words are never touched.
_ENGLISH_SUFFIXES = (
    "ments", "ment", "ings", "ing", "ed", "ages", "age", "ances", "ance", "ences", "ence",
)  # fmt: skip


# Irregular English forms to their base ("spent" → "spend"): data, content/lexicon/english.yaml.
ENGLISH_FILE = Path(__file__).parent / "lexicon" / "english.yaml"
ENGLISH_IRREGULAR: Mapping[str, str] = MappingProxyType(
    {
        str(form): str(base)
        for form, base in yaml.safe_load(ENGLISH_FILE.read_text(encoding="utf-8"))[
            "irregular"
        ].items()
    }
)


def _fold_word(canonical_word: str) -> str:
    folded = strip_diacritics(canonical_word)
    base = ENGLISH_IRREGULAR.get(folded)
    if base is not None:
        return base
    if len(folded) > 3 and folded.endswith("s") and not folded.endswith(("ss", "us", "is")):
        folded = folded[:-3] + "y" if folded.endswith("ies") else folded[:-1]
    for suffix in _ENGLISH_SUFFIXES:
        if folded.endswith(suffix) and len(folded) >= len(suffix) + 3:
            folded = folded[: -len(suffix)]
            if len(folded) > 3 and folded[-1] == folded[-2] and folded[-1] not in "aeiou":
                folded = folded[:-1]  # "enroll" → "enrol"
            break
    return folded


@lru_cache(maxsize=1 << 16)
def make_token(word: str) -> Token:
    """A :class:`Token` from one normalized word (cached: tokens are immutable)."""
    word = _REPEATS.sub(r"\1", word)
    spelled = canonical_syllable(word)
    return Token(
        canonical=spelled,
        folded=_fold_word(spelled),
        marked=any(char in _VIETNAMESE_LETTERS for char in word),
    )


def analyze(text: str, *, max_chars: int | None = None) -> list[Token]:
    """The matcher's view of a text: abbreviations expanded, normalized, one token a word.
    ``max_chars`` caps the raw text considered (cut at a word boundary)."""
    if max_chars is not None and len(text) > max_chars:
        cut = text[:max_chars]
        space = cut.rfind(" ")
        text = cut[:space] if space > max_chars // 2 else cut
    tokens = (make_token(word) for word in expand_abbreviations(text).split())
    return [token for token in tokens if token.folded]


# --------------------------------------------------------------------------- language

# Folded, canonical (i for y) function words and common syllables that only Vietnamese has.
_VI_WORDS = frozenset((
    "khong", "co", "la", "gi", "bao", "nhieu", "nhu", "nao", "cho", "minh", "toi", "em", "chi",
    "hoi", "duoc", "cua", "nguoi", "nhung", "cac", "nay", "voi", "ve", "thi", "ma", "nhe", "nha",
    "oi", "vay", "sao", "dau", "ai", "mai", "roi", "chua", "cung", "con", "dang", "se", "van",
    "hay", "hoac", "tai", "vi", "lam", "biet", "muon", "xin", "giup", "ha", "noi", "thanh",
    "pho", "nam", "thang", "qui", "dan", "ho", "ngheo", "can", "viec", "bac", "si", "ti", "le",
    "truong", "ban", "chuong", "trinh", "nghi", "quyet", "chinh", "sach", "tro", "suc", "khoe",
    "hien", "tren", "duoi", "mot", "hai", "ba", "bon", "sau", "bay", "tam", "chin", "muoi",
    "tram", "nghin", "trieu", "dong", "khoang", "it", "lon", "nho", "moi", "cu", "tot", "xau",
    "chao", "cam", "on", "ak", "admin", "ad",
))  # fmt: skip
_EN_WORDS = frozenset((
    "the", "a", "an", "is", "are", "was", "were", "be", "been", "what", "how", "many", "much",
    "who", "whom", "where", "when", "which", "why", "of", "in", "on", "at", "for", "from", "by",
    "with", "about", "and", "or", "does", "did", "can", "could", "would", "should", "will",
    "there", "this", "that", "these", "those", "it", "its", "i", "me", "my", "we", "our", "you",
    "your", "they", "their", "please", "tell", "show", "give", "know", "want", "have", "has",
    "had", "any", "some", "than", "rate", "number", "people", "city", "households", "household",
    "poor", "poverty", "health", "insurance", "doctors", "doctor", "jobs", "job", "school",
    "milk", "water", "programme", "program", "resolution", "policy", "hello", "thanks", "thank",
))  # fmt: skip
# Words of both languages: they count for English only as its articles and particles.
_AMBIGUOUS_WORDS = frozenset({"a", "an", "to", "do", "me", "the", "ban", "hi"})


def guess_language(text: str) -> Literal["vi", "en"] | None:
    """ "vi" for Vietnamese diacritics or Vietnamese words (with or without diacritics),
    "en" for English words, None when the text gives no sign (or as many of each)."""
    if has_diacritics(text):
        return "vi"
    words = fold(text).split()
    raw_words = {word.casefold() for word in _WORD.findall(_prepare(text))}
    vi = sum(
        1
        for word in words
        if (word in _VI_WORDS or canonical_syllable(word) in _VI_WORDS)
        and word not in _AMBIGUOUS_WORDS
    )
    vi += sum(1 for word in raw_words if word in ABBREVIATIONS and len(word) > 2)
    en = sum(1 for word in words if word in _EN_WORDS and word not in _AMBIGUOUS_WORDS)
    en += sum(1 for word in words if word in ("the", "a", "an", "to", "do"))
    if vi > en:
        return "vi"
    if en > vi:
        return "en"
    return None
