"""Names in a text: full names, names after an honorific or an introduction, and the names
given (the resident's, the official's); places named after people are left alone.

Internal to :mod:`bot.services.tickets.masking`.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache

from bot.services.tickets.masking_lexicon import (
    COMPOUNDS,
    ENGLISH_PLACE_AFTER,
    HONORIFIC_KEYS,
    LOCATION_PREPOSITIONS,
    LOCATION_PREPOSITIONS_BARE,
    LOWER_NAME_STOPS,
    NOT_NAME_PHRASES,
    PLACE_WORD_BARE,
    PLACE_WORD_KEYS,
    PLACES,
    ROLE_BEFORE_PLACE,
    SCHOOL_KEYS,
    TITLE_FOLDS,
    WORD,
    Span,
    Words,
    acronym,
    bare,
    continues_name,
    fold,
    is_honorific,
    is_surname,
    key,
    name_end,
    starts_name,
    titled,
)  # fmt: skip
from bot.services.tickets.masking_numbers import YEAR
from content.masking_words import masking_words

HOUSE_NUMBER_BEFORE = re.compile(
    r"(?:^|[\s,(])(?:số\s|so\s)?(\d{1,4}[A-Za-z]?(?:[/\-]\d{1,4}[A-Za-z]?)*)[ \u00a0]$",
    re.IGNORECASE,
)
PLACE_ABBREVIATION_BEFORE = re.compile(r"(?:^|[^\w])(?:Q|P|TP|Tp|H|TX|TT|X)\.[ \u00a0]?$")

# Family members before "tôi tên": "con trai tôi tên Minh", "my son's name is Kevin".
FAMILY = "|".join(
    sorted(
        (r"\s+".join(fold(line).split()) for line in masking_words("family_words")),
        key=len,
        reverse=True,
    )
)
FAMILY_EN = (
    "son|daughter|child|wife|husband|mother|father|mum|mom|dad|grandson|granddaughter|"
    "grandchild|brother|sister"
)
# Introductions, matched in the folded text. Strong ones are followed by a name even in
# lower case; weak ones ("tôi là người dân") only by a capitalised one.
STRONG_LEAD = re.compile(
    r"(?<!\w)(?:"
    r"(?:ho\s+(?:va\s+)?)?ten\s+(?:cua\s+)?(?:toi|em|minh|chau|con(?:\s+toi|\s+em)?|be|me|bo|"
    r"vo|chong)\s*(?:la(?!\w)|:)"
    r"|ho\s+(?:va\s+)?ten(?:\s+la(?!\w)|\s*:)"
    r"|(?<!co\s)(?<!mang\s)ten\s*(?:la(?!\w)|:)"
    r"|(?:toi|em|minh|chau|con|be|con\s+toi|con\s+em)\s+ten(?:\s+la)?(?!\w)"
    r"|my\s+name\s+is(?!\w)|my\s+name['’]s(?!\w)|(?:full\s+)?name\s*:"
    rf"|(?:{FAMILY})\s+(?:cua\s+)?(?:toi|em|minh|chau)\s+ten(?:\s+la)?(?!\w)"
    rf"|my\s+(?:{FAMILY_EN})(?:['’]s\s+name\s+is|\s+is\s+(?:called|named)|\s+(?:called|named))"
    r"(?!\w)"
    r")"
)
WEAK_LEAD = re.compile(
    r"(?<!\w)(?:(?:toi|em|minh|chau|con\s+toi|con\s+em)\s+la|i\s+am|i['’]m"
    rf"|(?:{FAMILY})\s+(?:cua\s+)?(?:toi|em|minh)\s+la)(?!\w)"
)
LEAD_GAP = re.compile(r"[\s:,\-–]{0,3}")


# --------------------------------------------------------------------------- places


def protected_words(words: Words) -> list[bool]:
    """Words that belong to a place's name, which the name heuristics must leave alone."""
    count = len(words)
    protected = [False] * count
    for index in range(count):
        word = words.words[index]
        if not word[0].isupper():
            continue
        length = words.phrase_at(index, PLACES)
        if length and not after_surname(words, index):
            protected[index : index + length] = [True] * length
            continue
        before = words.text[max(0, words.starts[index] - 24) : words.starts[index]]
        last = before.rstrip()[-1:]
        if (
            place_word_before(words, index)
            or location_before(words, index)
            or (last == "." and PLACE_ABBREVIATION_BEFORE.search(before))
            or (last.isdigit() and house_number_before(before))
        ):
            protect_run(words, index, protected)
    for index in range(1, count):
        # English puts the place word after the name: "Tran Phu Street".
        if words.linked[index] and words.folds[index] in ENGLISH_PLACE_AFTER:
            first = index - 1
            while first > 0 and words.linked[first] and titled(words.words[first - 1]):
                first -= 1
            if titled(words.words[index - 1]) and index - first <= 5:
                protected[first:index] = [True] * (index - first)
    return protected


def after_surname(words: Words, index: int) -> bool:
    """Is this word part of a name begun by a surname one or two words before? Then "Hoàng
    Mai" in "Nguyễn Hoàng Mai" is a person, not the district."""
    for back in (1, 2):
        first = index - back
        if first < 0 or not words.linked[first + 1] or not titled(words.words[first + 1]):
            return False
        if is_surname(words.words[first]):
            return True
    return False


def place_word_before(words: Words, index: int) -> bool:
    """Does a place word ("phố", "bệnh viện", "Trường THCS") stand right before this word?"""
    if index == 0 or not words.linked[index]:
        return False
    for length in (3, 2, 1):
        first = index - length
        if first < 0 or not all(words.linked[first + 1 : index + 1]):
            continue
        span = words.words[first:index]
        keys = tuple(key(word) for word in span)
        folds = tuple(words.folds[first:index])
        if keys not in PLACE_WORD_KEYS and not (all(map(bare, span)) and folds in PLACE_WORD_BARE):
            continue
        if first > 0 and words.linked[first] and words.folds[first - 1] in ROLE_BEFORE_PLACE:
            return False  # "trưởng thôn Nguyễn Văn A" is a person
        if length == 1 and is_surname(span[0]) and words.folds[index] in ("thi", "van"):
            return False  # "Hồ Thị Thu" is a person, not a lake
        if folds == ("truong",) and titled(span[0]):
            # "Trường THCS Trần Phú", "Trường Tiểu học ..." but "Trường Giang" is a person.
            following = words.words[index]
            return acronym(following) or key(following) in SCHOOL_KEYS or is_surname(following)
        return True
    return False


def house_number_before(before: str) -> bool:
    match = HOUSE_NUMBER_BEFORE.search(before)
    return match is not None and not YEAR.fullmatch(match.group(1))


def location_before(words: Words, index: int) -> bool:
    if index == 0 or not words.linked[index]:
        return False
    word = words.words[index - 1]
    return key(word) in LOCATION_PREPOSITIONS or (
        bare(word) and words.folds[index - 1] in LOCATION_PREPOSITIONS_BARE
    )


def protect_run(words: Words, index: int, protected: list[bool]) -> None:
    """Protect the capitalised words of a place's name from ``index``: at most five, and not
    a person named after it ("phường Ba Đình Nguyễn Văn A" protects "Ba Đình" only)."""
    stop = min(len(words), index + 5)
    current = index
    while current < stop and (current == index or words.linked[current]):
        word = words.words[current]
        if not word[0].isupper():
            break
        if (
            current - index >= 2
            and is_surname(word)
            and current + 1 < len(words)
            and continues_name(words, current + 1)
        ):
            break
        protected[current] = True
        current += 1


# --------------------------------------------------------------------------- names


def name_spans(words: Words, known: KnownNames) -> list[Span]:
    if not words.words:
        return []
    protected = protected_words(words)
    spans: list[Span] = []
    lead_ends: set[int] = set()
    for first, stop in full_names(words, protected):
        spans.append((words.starts[first], words.ends[stop - 1]))
    for first, stop in honorific_names(words, protected):
        spans.append((words.starts[first], words.ends[stop - 1]))
    for first, stop in introduced_names(words, protected, lead_ends):
        spans.append((words.starts[first], words.ends[stop - 1]))
    spans += known_name_spans(words, known, protected, lead_ends)
    return spans


def full_names(words: Words, protected: list[bool]) -> Iterable[Span]:
    """Vietnamese full names: a surname and one to three more capitalised words."""
    index = 0
    count = len(words)
    while index < count:
        if (
            not protected[index]
            and is_surname(words.words[index])
            and not words.phrase_at(index, NOT_NAME_PHRASES)
        ):
            stop = name_end(words, index + 1, protected, index + 4)
            if stop - index >= 2:
                yield index, stop
                index = stop
                continue
        index += 1


def honorific_names(words: Words, protected: list[bool]) -> Iterable[Span]:
    """ "anh Tuấn", "bà Trần Thị Hoa", "Mr. Smith": the name, not the honorific."""
    for index in range(len(words) - 1):
        following = index + 1
        if not is_honorific(words, index):
            continue
        gap = words.gap(following)
        linked = words.linked[following] or (
            words.folds[index] in TITLE_FOLDS and gap.strip() == "." and len(gap) <= 2
        )
        if linked and not protected[following] and starts_name(words, following):
            yield following, name_end(words, following + 1, protected, following + 4)


def introduced_names(words: Words, protected: list[bool], lead_ends: set[int]) -> Iterable[Span]:
    """Names after "tên tôi là", "tôi là", "my name is", "I am" ... ``lead_ends`` gets the
    index of each word right after an introduction."""
    for pattern, strong in ((STRONG_LEAD, True), (WEAK_LEAD, False)):
        for match in pattern.finditer(words.folded):
            index = first_word_from(words, match.end())
            if index is None:
                continue
            lead_ends.add(index)
            if protected[index]:
                continue
            if starts_name(words, index):
                yield index, name_end(words, index + 1, protected, index + 4)
            elif strong and words.words[index].islower():
                stop = index
                while (
                    stop < min(len(words), index + 4)
                    and (stop == index or words.linked[stop])
                    and words.words[stop].islower()
                    and words.folds[stop] not in LOWER_NAME_STOPS
                ):
                    stop += 1
                if stop > index:
                    yield index, stop


def first_word_from(words: Words, position: int) -> int | None:
    """The word starting right after ``position`` (past a colon or spaces), if any."""
    gap = LEAD_GAP.match(words.text, position)
    start = gap.end() if gap else position
    low, high = 0, len(words.starts)
    while low < high:
        middle = (low + high) // 2
        if words.starts[middle] < start:
            low = middle + 1
        else:
            high = middle
    if low < len(words.starts) and words.starts[low] == start and "\n" not in words.gap(low):
        return low
    return None


# --------------------------------------------------------------------------- known names


@dataclass(frozen=True, slots=True)
class KnownNames:
    """The forms of the given names to look for: several words (any case) by their first
    folded word, longest first; single given names (capitalised) by their folded form."""

    multi: dict[str, tuple[tuple[str, ...], ...]]
    single: dict[str, tuple[str, ...]]


@lru_cache(maxsize=256)
def known_names(names: tuple[str, ...]) -> KnownNames:
    multi: dict[str, set[tuple[str, ...]]] = {}
    single: dict[str, set[str]] = {}
    for name in names:
        parts = tuple(WORD.findall(unicodedata.normalize("NFC", name)))
        if not parts:
            continue
        if len(parts) == 1:
            if len(parts[0]) >= 3 and key(parts[0]) not in HONORIFIC_KEYS:
                single.setdefault(fold(parts[0]), set()).add(parts[0])
            continue
        # Telegram often has "An Nguyễn" (first name, last name): try the Vietnamese order too.
        orders = [parts]
        if is_surname(parts[-1].title()) and not is_surname(parts[0].title()):
            orders.append((parts[-1], *parts[:-1]))
        for order in orders:
            forms = {order} | {order[cut:] for cut in range(1, len(order) - 1)}
            if len(order) >= 3:
                forms.add((order[0], order[-1]))  # "Nguyễn An" for "Nguyễn Văn An"
            for form in forms:
                multi.setdefault(fold(form[0]), set()).add(form)
        given = orders[-1][-1]
        if len(given) >= 3 and key(given) not in HONORIFIC_KEYS:
            single.setdefault(fold(given), set()).add(given)
    return KnownNames(
        {first: tuple(sorted(forms, key=len, reverse=True)) for first, forms in multi.items()},
        {fold: tuple(forms) for fold, forms in single.items()},
    )


def same_word(written: str, name: str) -> bool:
    """ "Nguyen" matches "Nguyễn" (typed without diacritics), "Nguyễn" matches "nguyễn"; but
    "Vân" does not match "Văn"."""
    if fold(written) != fold(name):
        return False
    return bare(written) or bare(name) or key(written) == key(name)


def known_name_spans(
    words: Words, known: KnownNames, protected: list[bool], lead_ends: set[int]
) -> list[Span]:
    spans: list[Span] = []
    count = len(words)
    for index in range(count):
        fold = words.folds[index]
        for form in known.multi.get(fold, ()):
            stop = index + len(form)
            if (
                stop <= count
                and all(words.linked[index + 1 : stop])
                and all(map(same_word, words.words[index:stop], form))
            ):
                spans.append((words.starts[index], words.ends[stop - 1]))
                break
        forms = known.single.get(fold, ())
        if not forms or protected[index]:
            continue
        word = words.words[index]
        if not any(same_word(word, form) for form in forms):
            continue
        nxt = index + 1
        if nxt < count and words.linked[nxt] and (fold, words.folds[nxt]) in COMPOUNDS:
            continue  # "Bảo hiểm" for a resident named Bảo
        after_honorific = (
            index > 0
            and words.linked[index]
            and is_honorific(words, index - 1)
            and (words.folds[index - 1], fold) not in COMPOUNDS  # "anh hùng" is a hero
        )
        if titled(word) or after_honorific or index in lead_ends:
            spans.append((words.starts[index], words.ends[index]))
    return spans
