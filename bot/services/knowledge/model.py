"""What answering a resident's question hands to the front ends."""

from __future__ import annotations

import enum
from dataclasses import dataclass

from bot.i18n import Language
from bot.services.kernel.live_knowledge import FoundEntry
from content.index import Outcome
from content.message_kinds import MessageKind, SmallTalk
from content.where_to_go import Referral


class Refusal(enum.StrEnum):
    """Why a question was not searched at all."""

    TOO_LONG = "too_long"
    NO_WORDS = "no_words"


@dataclass(frozen=True, slots=True)
class Answer:
    """The outcome of a resident's question, in the language to reply in."""

    language: Language
    outcome: Outcome | None  # None when refused
    found: tuple[FoundEntry, ...]
    question_id: int | None  # set when the question was committed (unanswered, personal)
    refusal: Refusal | None = None
    # When answered: the entries linked with the answer (content/data/links.yaml), for buttons.
    related: tuple[FoundEntry, ...] = ()
    kind: MessageKind | None = None  # None when refused; searched only if QUESTION
    small_talk: SmallTalk | None = None  # which small talk, when kind is SMALL_TALK
    offices: tuple[Referral, ...] = ()  # where to take a PERSONAL case, and on what basis

    @property
    def best(self) -> FoundEntry | None:
        return self.found[0] if self.found else None
