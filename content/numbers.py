"""Numbers residents write in words, to the digits the figure matcher reads
(content/index/figures.py): pure, the words are data (content/lexicon/numbers.yaml).

"chín mốt phẩy tám phần trăm" → "91,8%", "năm mươi nghìn không trăm mười chín" → "50019",
"5 vạn" → "50000", "5 triệu 640 nghìn" → "5640000", "bảy nghìn một trăm năm mươi hai phẩy tám
tỷ" → "7152,8 tỷ", "ninety one point eight percent" → "91,8%", "91,8 phần trăm" → "91,8%".

Only runs that can only be a number are rewritten: two words or more, with a word that says so
(mươi, trăm, nghìn, phẩy, phần trăm, ...). A lone digit word ("năm" is also a year, "tư"
private, "không" no) and two digit words side by side ("hai ba người") stay as written; two
digit words are read as tens and units ("chín mốt" = 91), as residents say them, only before
phẩy, a scale word or phần trăm. A number followed by one scale word ("5,64 triệu", "160
nghìn") is left to the figure matcher, which reads it as written; "vạn" (ten thousand) it does
not know, so that one is multiplied out. Without any diacritic in the message, words are read
by their folded form, and the folded forms that are also common words of the content ("tram":
trạm y tế, "ty": tỷ lệ, "le": tỷ lệ, "van": vẫn) count only between other number words.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from functools import lru_cache
from pathlib import Path
from types import MappingProxyType

import yaml

from content.normalize import canonical, fold, has_diacritics

NUMBERS_FILE = Path(__file__).parent / "lexicon" / "numbers.yaml"

_TOKEN = re.compile(r"\d+(?:[.,]\d+)*|[^\W\d_]+")
_GAP = re.compile(r"[\s\-]*")  # what may separate the words of one number


@dataclass(frozen=True, slots=True)
class _Symbol:
    kind: str  # digit, literal, tens, hundred, scale, linh, point, percent, number
    value: Decimal = Decimal(0)


def _load(path: Path = NUMBERS_FILE) -> tuple[dict[str, _Symbol], frozenset[str]]:
    raw = yaml.safe_load(path.read_text(encoding="utf-8"))
    words: dict[str, _Symbol] = {}
    for kind in ("digit", "literal", "scale"):
        for word, value in raw[kind].items():
            words[canonical(str(word))] = _Symbol(kind, Decimal(str(value)))
    for kind in ("tens", "hundred", "linh", "half", "point", "percent"):
        for word in raw[kind]:
            words[canonical(str(word))] = _Symbol(kind)
    return words, frozenset(fold(str(word)) for word in raw["ambiguous_folded"])


_WORDS, _AMBIGUOUS = _load()
# The same words by their folded form, for messages typed without diacritics; a folded form
# two words share keeps the first listed ("muoi": mười, ten; after a digit it is read as mươi,
# times ten, which is what it can only be there: _integer).
_FOLDED = MappingProxyType({fold(word): symbol for word, symbol in reversed(list(_WORDS.items()))})
_STRONG = frozenset({"tens", "literal", "hundred", "half", "point", "percent"})


@dataclass(frozen=True, slots=True)
class _Word:
    start: int
    end: int
    text: str
    symbol: _Symbol | None  # None: not a number word


def _read_words(text: str, marked: bool) -> list[_Word]:
    found: list[_Word] = []
    for match in _TOKEN.finditer(text):
        word = match.group()
        symbol: _Symbol | None
        if word[0].isdigit():
            value = _digits(word)
            symbol = None if value is None else _Symbol("number", value)
        else:
            symbol = _number_word(word, marked)
        found.append(_Word(match.start(), match.end(), word, symbol))
    return _pair_percent(found, text)


@lru_cache(maxsize=1 << 14)
def _number_word(word: str, marked: bool) -> _Symbol | None:
    return _WORDS.get(canonical(word)) if marked else _FOLDED.get(fold(word))


def _pair_percent(words: list[_Word], text: str) -> list[_Word]:
    """ "phần trăm" and "per cent" as one word."""
    out: list[_Word] = []
    index = 0
    while index < len(words):
        word = words[index]
        if index + 1 < len(words) and fold(word.text) in ("phan", "per"):
            after = words[index + 1]
            if fold(after.text) in ("tram", "cent") and _adjacent(text, word, after):
                out.append(_Word(word.start, after.end, text[word.start : after.end], _PERCENT))
                index += 2
                continue
        if word.symbol is not None and word.symbol.kind == "percent":
            word = _Word(word.start, word.end, word.text, _PERCENT)
        out.append(word)
        index += 1
    return out


_PERCENT = _Symbol("percent")


def _adjacent(text: str, left: _Word, right: _Word) -> bool:
    return _GAP.fullmatch(text[left.end : right.start]) is not None


def _digits(word: str) -> Decimal | None:
    """A number as written, "," or "." as decimal mark (Vietnamese first)."""
    for decimal, thousands in ((",", "."), (".", ",")):
        whole, _, fraction = word.partition(decimal)
        groups = whole.split(thousands)
        if decimal in fraction or thousands in fraction:
            continue
        if len(groups) > 1 and any(len(group) != 3 for group in groups[1:]):
            continue
        try:
            return Decimal("".join(groups) + (f".{fraction}" if fraction else ""))
        except InvalidOperation:
            continue
    return None


def _runs(words: list[_Word], text: str) -> list[list[_Word]]:
    """Consecutive number words; digits join only next to a scale word or a percent
    ("5 triệu 640 nghìn", "5 vạn", "91,8 phần trăm"), never a year or a count alone."""
    runs: list[list[_Word]] = []
    current: list[_Word] = []
    for index, word in enumerate(words):
        if current and not _adjacent(text, current[-1], word):
            runs.append(current)
            current = []
        symbol = word.symbol
        if symbol is not None and symbol.kind == "number":
            after = words[index + 1] if index + 1 < len(words) else None
            scaled = (
                after is not None
                and after.symbol is not None
                and after.symbol.kind in ("scale", "percent")
                and _adjacent(text, word, after)
            )
            last = current[-1].symbol if current else None
            if not scaled and not (last is not None and last.kind == "scale"):
                symbol = None
        if symbol is None:
            if current:
                runs.append(current)
            current = []
            continue
        current.append(word)
    if current:
        runs.append(current)
    return runs


def _trim(run: list[_Word], marked: bool) -> list[_Word]:
    """Without diacritics, a folded form that is also a common word of the content ends no
    run ("mot tram y te": một trạm y tế). With or without, "năm" after tens is a year ("hai
    mươi năm": twenty years; five there is "lăm")."""
    for index in range(1, len(run)):
        before = run[index - 1].symbol
        if (
            fold(run[index].text) == "nam"
            and before is not None
            and before.kind in ("tens", "literal")
        ):
            run = run[:index]
            break
    if not marked:
        while run and fold(run[-1].text) in _AMBIGUOUS:
            run = run[:-1]
    return run


def _integer(symbols: list[_Symbol]) -> Decimal | None:  # noqa: C901 - one grammar
    """The value of number words without a decimal part, or None if they are no number."""
    total = Decimal(0)
    group = Decimal(0)
    last_scale = Decimal(0)
    pending: Decimal | None = None  # the last digit word, still to be scaled
    previous = ""
    for symbol in symbols:
        kind = symbol.kind
        if kind == "digit":
            if previous == "digit" and pending is not None and pending > 0:
                group += pending * 9 + symbol.value  # "chín mốt": 91
                pending, previous = None, "pair"
                continue
            if previous == "pair" or (previous == "literal" and group % 10):
                return None
            group += symbol.value
            pending = symbol.value
        elif kind == "tens" or (kind == "literal" and symbol.value == _TEN and previous == "digit"):
            if previous != "digit" or pending is None:
                return None
            group += pending * 9
            pending = None
        elif kind == "literal":
            group += symbol.value
            pending = None
        elif kind == "hundred":
            if previous == "digit" and pending is not None:
                group += pending * 99
            elif group == 0:
                group = Decimal(100)
            else:
                return None
            pending = None
        elif kind == "linh":
            if previous != "hundred":
                return None
        elif kind == "half":  # "5 triệu rưỡi": half the scale before it
            if previous != "scale" or last_scale < _HALF_FROM:
                return None
            total += last_scale / 2
        elif kind == "number":
            group += symbol.value
            pending = None
        elif kind == "scale":
            if group == 0 and total == 0:
                return None
            if symbol.value > last_scale:  # "sáu nghìn tám trăm bốn mươi ba tỷ"
                total = (total + group) * symbol.value
            else:
                total += group * symbol.value
            last_scale = symbol.value
            group = Decimal(0)
            pending = None
        else:
            return None
        previous = kind
    return total + group


def _fraction(symbols: list[_Symbol]) -> str | None:
    """The digits after the decimal mark: digit words one by one ("sáu tư" → "64"), or a
    number ("sáu mươi tư" → "64")."""
    if symbols and all(symbol.kind == "digit" for symbol in symbols):
        return "".join(str(int(symbol.value)) for symbol in symbols)
    value = _integer(symbols)
    return None if value is None else str(int(value))


def _written(run: list[_Word]) -> str | None:
    """The digits of a run of number words, or None to leave it as written."""
    symbols = [word.symbol for word in run if word.symbol is not None]
    percent = symbols[-1].kind == "percent"
    if percent:
        symbols = symbols[:-1]
    kinds = [symbol.kind for symbol in symbols]
    scale: _Symbol | None = None
    if "point" in kinds and kinds[-1] == "scale":
        scale, symbols, kinds = symbols[-1], symbols[:-1], kinds[:-1]
    if not _says_a_number(kinds, symbols, percent=percent, scaled=scale is not None):
        return None
    if scale is None and _largest_last(symbols):
        # "sáu nghìn tám trăm bốn mươi ba tỷ": "6843 tỷ", the scale word as written, which
        # the figure matcher reads (and the content may name: "billion")
        scale, symbols, kinds = symbols[-1], symbols[:-1], kinds[:-1]
        number = _number(symbols, kinds)
        return None if number is None else f"{number} {run[-1].text}"
    number = _number(symbols, kinds)
    if number is None:
        return None
    if scale is not None and scale.value == _VAN:  # "1,5 vạn": 15000
        return format((Decimal(number.replace(",", ".")) * _VAN).normalize(), "f")
    if scale is not None:
        return f"{number} {run[-1].text}"
    return number + ("%" if percent else "")


def _largest_last(symbols: list[_Symbol]) -> bool:
    """The last word is a scale larger than any before it, not vạn (which the figure matcher
    does not read), after some number words."""
    last = symbols[-1]
    return (
        last.kind == "scale"
        and last.value != _VAN
        and len(symbols) > 1
        and all(symbol.kind != "scale" or symbol.value < last.value for symbol in symbols[:-1])
    )


def _says_a_number(
    kinds: list[str], symbols: list[_Symbol], *, percent: bool, scaled: bool
) -> bool:
    """Whether number words can only be a number: not one word alone, not "5,64 triệu" (the
    figure matcher reads it), not two digit words side by side ("hai ba")."""
    if not kinds or (not percent and len(kinds) < 2):
        return False
    if kinds == ["number", "scale"] and symbols[1].value != _VAN:
        return False
    if kinds == ["digit", "digit"] and not percent:
        return False
    return percent or scaled or "scale" in kinds or bool(set(kinds) & _STRONG)


def _number(symbols: list[_Symbol], kinds: list[str]) -> str | None:
    """The number written in digits, "," its decimal mark; None if the words are no number."""
    if "point" not in kinds:
        value = _integer(symbols)
        return None if value is None else format(value.normalize(), "f").replace(".", ",")
    cut = kinds.index("point")
    if cut == 0 or "point" in kinds[cut + 1 :]:
        return None
    whole, fraction = _integer(symbols[:cut]), _fraction(symbols[cut + 1 :])
    if whole is None or fraction is None:
        return None
    return f"{int(whole)},{fraction}"


_VAN = Decimal(10_000)
_TEN = Decimal(10)
_HALF_FROM = Decimal(1_000)  # "rưỡi" after a scale word; after a unit it is no figure


def spell_numbers(text: str) -> str:
    """``text`` with the numbers it writes in words written in digits (see the module)."""
    marked = has_diacritics(text)
    words = _read_words(text, marked)
    if not any(word.symbol is not None and word.symbol.kind != "number" for word in words):
        return text
    out: list[str] = []
    position = 0
    for run in _runs(words, text):
        run = _trim(run, marked)
        if not run:
            continue
        written = _written(run)
        if written is None:
            continue
        out.append(text[position : run[0].start])
        out.append(written)
        position = run[-1].end
    out.append(text[position:])
    return "".join(out)
