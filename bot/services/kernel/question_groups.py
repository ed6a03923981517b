"""Residents' unanswered questions grouped by meaning, so that one FAQ entry answers a group.

Pure rules, shared by the officials' /questions command, the CLI and the dashboard's statistics
page. Two steps:

1. Wordings that fold alike are one question: "hoc phi" and "Học phí?" (no case, diacritics or
   punctuation).
2. Questions are compared by what they ask about: the words that only ask ("cho mình hỏi",
   "mức", "là bao nhiêu", "ạ") are left out (content.message_kinds, `meaning`), and what is
   left is clustered with rapidfuzz's token-sort ratio: the most asked question of a cluster
   leads it, and each next question joins the leader it resembles most if at least
   ``SIMILAR`` (of 100), else leads a cluster of its own. Token *sort*, not token *set*:
   "trợ cấp người cao tuổi" and "trợ cấp người khuyết tật" share three words but are two
   questions (61), while "mức trợ cấp người cao tuổi bao nhiêu" and "tro cap ngoui cao tuoi
   la bao nhieu" are one (95). Questions whose numbers differ are never one: "học phí năm
   2023" and "học phí năm 2024" ask two things, however alike their words. Nor are questions
   that do not share most of their words (``WORDS_SHARED`` of each side's words, a word typed
   with a typo counting if it is four letters or more): Vietnamese syllables are short, and
   "cây xanh Hà Đông" / "cây xanh Đống Đa" look alike letter by letter (token sort 88) but
   share three words of four.

Groups come biggest first (times asked, then the most recent, then the text), so the group an
FAQ entry would help most is on top.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from rapidfuzz import fuzz, process

from bot.domain.records import UnansweredQuestion
from content.message_kinds import default_classifier
from content.normalize import fold

# Token-sort similarity (0-100) at which two questions are one: on the pairs of
# tests/unit/test_question_groups.py, rewordings score 86-100 and different questions of one
# field 60-81 ("học bổng" / "học phí sinh viên nghèo" is the closest).
SIMILAR = 85.0
WORDS_SHARED = 0.8
TYPO_WORD = 80.0  # fuzz.ratio at which a word of four letters or more is the same word
CANDIDATES = 5  # the most similar leaders whose words are checked


@dataclass(frozen=True, slots=True)
class QuestionGroup:
    """One question residents asked, in all the wordings found alike."""

    text: str  # the most asked wording of the group (the latest of equally asked ones)
    folded: str  # the folded form of that wording
    times_asked: int  # all wordings together
    wordings: int  # how many different wordings (as typed) the group holds
    last_asked: dt.datetime
    examples: tuple[str, ...]  # other wordings, most asked first (a few, for the reader)


EXAMPLES = 3


@dataclass(slots=True)
class _Folded:
    folded: str
    meaning: str  # what is compared: the folded words that say what is asked about
    members: list[UnansweredQuestion]

    @property
    def times(self) -> int:
        return sum(item.times_asked for item in self.members)

    @property
    def last(self) -> dt.datetime:
        return max(item.last_asked for item in self.members)


def group_questions(
    wordings: Sequence[UnansweredQuestion],
    similar: float = SIMILAR,
    meaning: Callable[[str], str] | None = None,
) -> list[QuestionGroup]:
    """Group unanswered wordings by meaning; biggest group first."""
    about = meaning or default_classifier().meaning
    by_folded: dict[str, _Folded] = {}
    for wording in wordings:
        folded = fold(wording.text)
        if folded and folded not in by_folded:
            by_folded[folded] = _Folded(folded, about(wording.text) or folded, [])
        if folded:
            by_folded[folded].members.append(wording)
    ordered = sorted(
        by_folded.values(), key=lambda item: (-item.times, -_ts(item.last), item.folded)
    )
    # Leaders by the numbers they hold: a question is compared only with those of its numbers.
    leaders: dict[tuple[str, ...], list[str]] = {}
    members: dict[tuple[str, ...], list[list[_Folded]]] = {}
    clusters: list[list[_Folded]] = []
    for item in ordered:
        numbers = tuple(sorted(word for word in item.meaning.split() if word.isdigit()))
        same_numbers = leaders.setdefault(numbers, [])
        best = next(
            (
                candidate
                for candidate in process.extract(
                    item.meaning,
                    same_numbers,
                    scorer=fuzz.token_sort_ratio,
                    score_cutoff=similar,
                    limit=CANDIDATES,
                )
                if _share_words(item.meaning, candidate[0])
            ),
            None,
        )
        if best is None:
            same_numbers.append(item.meaning)
            members.setdefault(numbers, []).append([item])
            clusters.append(members[numbers][-1])
        else:
            members[numbers][best[2]].append(item)
    groups = [_group(cluster) for cluster in clusters]
    groups.sort(key=lambda group: (-group.times_asked, -_ts(group.last_asked), group.folded))
    return groups


def _share_words(first: str, second: str) -> bool:
    one, other = first.split(), second.split()
    return _covered(one, other) >= WORDS_SHARED and _covered(other, one) >= WORDS_SHARED


def _covered(words: list[str], others: list[str]) -> float:
    if not words:
        return 1.0
    found = sum(1 for word in words if any(_same_word(word, other) for other in others))
    return found / len(words)


def _same_word(word: str, other: str) -> bool:
    if word == other:
        return True
    return min(len(word), len(other)) >= 4 and fuzz.ratio(word, other) >= TYPO_WORD


def _group(cluster: list[_Folded]) -> QuestionGroup:
    members = sorted(
        (member for item in cluster for member in item.members),
        key=lambda member: (-member.times_asked, -_ts(member.last_asked), member.text),
    )
    lead = members[0]
    return QuestionGroup(
        text=lead.text,
        folded=fold(lead.text),
        times_asked=sum(member.times_asked for member in members),
        wordings=len(members),
        last_asked=max(member.last_asked for member in members),
        examples=tuple(member.text for member in members[1 : 1 + EXAMPLES]),
    )


def _ts(moment: dt.datetime) -> float:
    return moment.timestamp()
