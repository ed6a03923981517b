"""What kind of message a resident sent, read before any search: pure, no I/O after loading.

A greeting, a thank-you or an emoji is not a question; a personal case ("tôi bị mất việc thì
làm thế nào") is not answered by a statistic; the weather is not the programme. Only what is
left is searched. The words are data (content/guidance/message_kinds.yaml, validated on
loading); the rules below are written once per kind of message, and a message is a question
unless a rule says otherwise, so that the classifier never keeps a real question from the
search (tests/data/message_kinds.yaml measures it).
"""

from __future__ import annotations

import enum
import re
import unicodedata
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Annotated

import yaml
from pydantic import AfterValidator, BaseModel, ConfigDict, Field, StringConstraints

from content.normalize import expand_abbreviations, fold

GUIDANCE_DIR = Path(__file__).parent / "guidance"
MESSAGE_KINDS_FILE = GUIDANCE_DIR / "message_kinds.yaml"

# ":)", ":))", "=))", ":D", ":v", "^^", "<3": what chat writes for a smile, dropped by folding.
# Eyes are punctuation only: "xo so" (xổ số) is no emoticon.
_EMOTICONS = re.compile(r"(?:[:;=]['\-^]?[)(\]\[DdPpOo3vV]+|\^[_.]?\^|<3+|\b[tT]_[tT]\b|\bx[D]+\b)")
_REPEATS = re.compile(r"([a-z])\1{2,}")  # "okkkk" → "ok", "helloooo" → "hello"
_ONE_LETTER = re.compile(r"([a-z])\1+")  # "kkkk", "hhhh": laughter or a shout, not a word
_PHRASE_WORDS = 6  # the longest phrase looked for, in words
_CLAUSES = re.compile(r"[,;?!.]+\s|[,;?!]+")  # "..., chương trình ... ntn": a clause of its own


class MessageKind(enum.StrEnum):
    QUESTION = "question"  # for the search
    SMALL_TALK = "small_talk"  # greetings, thanks, acknowledgements, emoji, laughter
    PERSONAL = "personal"  # one resident's case, or how to do something: where to go
    OUT_OF_SCOPE = "out_of_scope"  # a topic the programme does not cover


class SmallTalk(enum.StrEnum):
    GREETING = "greeting"
    THANKS = "thanks"
    ACKNOWLEDGEMENT = "acknowledgement"
    FAREWELL = "farewell"
    ABOUT_BOT = "about_bot"  # "bạn là người hay máy?"
    CONFUSED = "confused"  # "không hiểu lắm": the examples again, said plainly


@dataclass(frozen=True, slots=True)
class Classification:
    kind: MessageKind
    small_talk: SmallTalk | None = None  # which small talk, for the reply's first line


# --------------------------------------------------------------------------- the data


def _compiles(patterns: tuple[str, ...]) -> tuple[str, ...]:
    for pattern in patterns:
        try:
            re.compile(pattern)
        except re.error as error:  # a validation error naming the list, not a crash
            raise ValueError(f"not a regular expression: {pattern!r} ({error})") from None
    return patterns


Phrase = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1)]
Phrases = tuple[Phrase, ...]
Patterns = Annotated[tuple[Phrase, ...], AfterValidator(_compiles)]


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class SmallTalkWords(_Model):
    greeting: Phrases = Field(min_length=1)
    thanks: Phrases = Field(min_length=1)
    acknowledgement: Phrases = Field(min_length=1)
    farewell: Phrases = Field(min_length=1)
    about_bot: Phrases = Field(min_length=1)
    confused: Phrases = Field(min_length=1)


class PersonalWords(_Model):
    self_: Phrases = Field(alias="self", min_length=1)
    situation: Phrases = Field(min_length=1)
    how_to: Phrases = Field(min_length=1)
    eligibility: Patterns = Field(min_length=1)


class MessageKindWords(_Model):
    """The shape of message_kinds.yaml."""

    small_talk: SmallTalkWords
    laughter: Patterns = ()
    fillers: Phrases = ()
    openers: Phrases = ()
    final_particles: Phrases = ()
    neutral: Phrases = ()
    personal: PersonalWords
    figure: Phrases = Field(min_length=1)
    out_of_scope: Phrases = Field(min_length=1)
    elsewhere: Phrases = ()
    citywide: Phrases = ()
    hanoi: Phrases = ()
    programme: Phrases = Field(min_length=1)
    programme_matters: Phrases = ()
    asking: Phrases = ()


def fold_words(text: str) -> list[str]:
    """A message as the classifier reads it: abbreviations written out, folded, a letter
    typed three times or more squeezed ("cam onnn" → "cam on")."""
    return [_squeeze(word) for word in fold(expand_abbreviations(text)).split()]


def _squeeze(word: str) -> str:
    if _ONE_LETTER.fullmatch(word):
        return word[:2]  # "kkkk" → "kk", still laughter, never the "k" of "không"
    return _REPEATS.sub(r"\1", word)


# --------------------------------------------------------------------------- groups of words

# The label of each list; one phrase may be in several lists ("em" is a filler and the
# resident speaking of themself): a span keeps every label of its phrase.
GREETING, THANKS, ACK, FAREWELL = "greeting", "thanks", "acknowledgement", "farewell"
ABOUT_BOT, CONFUSED = "about_bot", "confused"
LAUGHTER, FILLER, OPENER, NEUTRAL = "laughter", "filler", "opener", "neutral"
SELF, SITUATION, HOW_TO = "self", "situation", "how_to"
FIGURE, OUT_OF_SCOPE, PROGRAMME, CONTENT = "figure", "out_of_scope", "programme", "content"
ELSEWHERE, HANOI, CITYWIDE = "elsewhere", "hanoi", "citywide"
ASKING = "asking"
MATTERS = "programme_matters"

_SMALL_TALK_LABELS = {
    CONFUSED: SmallTalk.CONFUSED,
    ABOUT_BOT: SmallTalk.ABOUT_BOT,
    THANKS: SmallTalk.THANKS,
    GREETING: SmallTalk.GREETING,
    FAREWELL: SmallTalk.FAREWELL,
    ACK: SmallTalk.ACKNOWLEDGEMENT,
}
_CARRY_NOTHING = frozenset({*_SMALL_TALK_LABELS, LAUGHTER, FILLER, OPENER})
_ONLY_ASK = frozenset({FILLER, OPENER, LAUGHTER, FIGURE, ASKING})


@dataclass(frozen=True, slots=True)
class _Span:
    words: tuple[str, ...]
    labels: frozenset[str]


class MessageClassifier:
    """Built once from the word lists; :meth:`classify` is pure and thread-safe."""

    def __init__(self, words: MessageKindWords) -> None:
        lists: dict[str, Iterable[str]] = {
            GREETING: words.small_talk.greeting,
            THANKS: words.small_talk.thanks,
            ACK: words.small_talk.acknowledgement,
            FAREWELL: words.small_talk.farewell,
            ABOUT_BOT: words.small_talk.about_bot,
            CONFUSED: words.small_talk.confused,
            FILLER: words.fillers,
            OPENER: words.openers,
            NEUTRAL: words.neutral,
            SELF: words.personal.self_,
            SITUATION: words.personal.situation,
            HOW_TO: words.personal.how_to,
            FIGURE: words.figure,
            OUT_OF_SCOPE: words.out_of_scope,
            ELSEWHERE: words.elsewhere,
            HANOI: words.hanoi,
            CITYWIDE: words.citywide,
            PROGRAMME: words.programme,
            ASKING: words.asking,
            MATTERS: words.programme_matters,
        }
        phrases: dict[tuple[str, ...], set[str]] = {}
        for label, entries in lists.items():
            for entry in entries:
                folded = tuple(fold_words(entry))
                if folded:
                    phrases.setdefault(folded, set()).add(label)
        self._phrases: Mapping[tuple[str, ...], frozenset[str]] = {
            phrase: frozenset(labels) for phrase, labels in phrases.items()
        }
        lengths: dict[str, set[int]] = {}
        for phrase in phrases:
            if len(phrase) <= _PHRASE_WORDS:
                lengths.setdefault(phrase[0], set()).add(len(phrase))
        # The lengths of the phrases each word starts, longest first: one lookup a length.
        self._lengths = {word: sorted(found, reverse=True) for word, found in lengths.items()}
        self._laughter = [re.compile(pattern) for pattern in words.laughter]
        self._eligibility = [re.compile(pattern) for pattern in words.personal.eligibility]
        self._final_particles = frozenset(fold_words(" ".join(words.final_particles)))

    def spans(self, words: list[str]) -> list[_Span]:
        """The message cut into phrases, left to right, the longest known phrase first."""
        spans: list[_Span] = []
        position = 0
        while position < len(words):
            for length in self._lengths.get(words[position], ()):
                candidate = tuple(words[position : position + length])
                labels = self._phrases.get(candidate)
                if labels is not None:
                    spans.append(_Span(candidate, labels))
                    position += length
                    break
            else:
                word = words[position]
                laughing = any(pattern.fullmatch(word) for pattern in self._laughter)
                spans.append(_Span((word,), frozenset({LAUGHTER if laughing else CONTENT})))
                position += 1
        return spans

    def meaning(self, text: str) -> str:
        """The folded words that say what is asked about, without the words that only ask
        (fillers, openers, "bao nhiêu") and the small talk around the question: "cho mình hỏi
        mức trợ cấp người cao tuổi là bao nhiêu ạ" → "tro cap nguoi cao tuoi". Small-talk words
        inside a question stay ("dạ" and "Đống Đa" fold alike). Empty if nothing is left."""
        spans = self.spans(fold_words(_EMOTICONS.sub(" ", text)))
        start, end = 0, len(spans)
        while start < end and spans[start].labels & _CARRY_NOTHING:
            start += 1
        while end > start and spans[end - 1].labels & _CARRY_NOTHING:
            end -= 1
        kept = (span for span in spans[start:end] if not span.labels & _ONLY_ASK)
        return " ".join(word for span in kept for word in span.words)

    def classify(self, text: str) -> Classification:
        smiles = _count_smiles(text)
        words = fold_words(_EMOTICONS.sub(" ", text))
        spans = self.spans(words)
        if (smiles or spans) and all(
            span.labels & _CARRY_NOTHING for span in self._without_final_particle(spans)
        ):
            return Classification(MessageKind.SMALL_TALK, _which_small_talk(spans))
        labels = frozenset().union(*(span.labels for span in spans))
        if OUT_OF_SCOPE in labels and PROGRAMME not in labels:
            return Classification(MessageKind.OUT_OF_SCOPE)
        # another place's figures are not the programme's, unless Hanoi is named too
        if ELSEWHERE in labels and not labels & {HANOI, CITYWIDE}:
            return Classification(MessageKind.OUT_OF_SCOPE)
        if self._personal(labels, " ".join(words)) and not self._asks_programme_too(text):
            return Classification(MessageKind.PERSONAL)
        return Classification(MessageKind.QUESTION)

    def _without_final_particle(self, spans: list[_Span]) -> list[_Span]:
        """Small talk ending on a particle ("bạn là người hay máy vậy"): the particle carries
        nothing there. Only last, and only after small talk of a kind: folded, "vậy" is "vay"
        (a loan) and "thế" is "thẻ" (a card), so they are no fillers anywhere else."""
        if (
            len(spans) > 1
            and len(spans[-1].words) == 1
            and spans[-1].words[0] in self._final_particles
            and any(span.labels & _SMALL_TALK_LABELS.keys() for span in spans[:-1])
        ):
            return spans[:-1]
        return spans

    def _asks_programme_too(self, text: str) -> bool:
        """A case told, then a question of the programme's own in a clause of its own ("con tôi
        học mẫu giáo có được uống sữa không, chương trình sữa học đường như thế nào"): the
        message asks the programme, which the search answers. A clause continuing the case
        ("..., có được uống sữa học đường không") is the case still."""
        clauses = [part for part in _CLAUSES.split(text) if part.strip()]
        if len(clauses) < 2:
            return False
        for clause in clauses:
            words = fold_words(_EMOTICONS.sub(" ", clause))
            labels = frozenset().union(*(span.labels for span in self.spans(words)))
            if (
                PROGRAMME in labels
                and not labels & {SELF, SITUATION, HOW_TO}
                and not any(pattern.search(" ".join(words)) for pattern in self._eligibility)
            ):
                return True
        return False

    def _personal(self, labels: frozenset[str], folded: str) -> bool:
        if CITYWIDE in labels:  # "..., tôi muốn biết cả thành phố đã chi bao nhiêu"
            return False
        speaks_of_self = SELF in labels
        if MATTERS in labels and not speaks_of_self:  # the programme's own difficulties
            return False
        if SITUATION in labels or HOW_TO in labels:
            # "mất việc thì được hỗ trợ bao nhiêu" asks the programme's figure; "tôi được
            # hỗ trợ bao nhiêu" asks about one person.
            return speaks_of_self or FIGURE not in labels
        return speaks_of_self and any(pattern.search(folded) for pattern in self._eligibility)


def _which_small_talk(spans: list[_Span]) -> SmallTalk:
    found = {label for span in spans for label in span.labels}
    for label, kind in _SMALL_TALK_LABELS.items():  # thanks first: "chào, cảm ơn" thanks
        if label in found:
            return kind
    if found & {FILLER, OPENER}:  # "ad ơi", "cho mình hỏi": the resident is calling
        return SmallTalk.GREETING
    return SmallTalk.ACKNOWLEDGEMENT  # an emoji, a laugh


def _count_smiles(text: str) -> int:
    """Emoji (symbols) and emoticons: a message of only these is small talk."""
    emoji = sum(1 for char in text if unicodedata.category(char) == "So")
    return emoji + len(_EMOTICONS.findall(text))


# --------------------------------------------------------------------------- loading


def read_words(path: Path = MESSAGE_KINDS_FILE) -> MessageKindWords:
    """Read and validate the word lists; raises pydantic's ValidationError naming the field."""
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    return MessageKindWords.model_validate(data)


@lru_cache(maxsize=1)
def default_classifier() -> MessageClassifier:
    return MessageClassifier(read_words())
