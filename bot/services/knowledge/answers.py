"""Answering residents' questions from the knowledge base; every question is logged.

Before any search the message is classified (content.message_kinds): small talk and topics
outside the programme get a short reply and are logged as such, a personal case gets the
offices that can judge it (and is committed, so that one press sends it to officials); only a
question is searched, and only a question nothing answers joins the officials' list.
"""

from __future__ import annotations

from dataclasses import dataclass

from bot.domain.records import NewQuestion
from bot.i18n import Language
from bot.services.kernel.actor import Actor
from bot.services.kernel.backing import Backing
from bot.services.kernel.live_knowledge import FoundEntry
from bot.services.kernel.plain_text import clean_text
from bot.services.kernel.residents import KnownResident, ResidentService, reply_language
from bot.services.knowledge.model import Answer, Refusal
from bot.services.knowledge.question_recorder import QuestionRecorder
from content.index import Outcome, SearchResult
from content.message_kinds import (
    Classification,
    MessageClassifier,
    MessageKind,
    default_classifier,
)
from content.normalize import fold
from content.where_to_go import WhereToGo, default_where_to_go

MAX_QUESTION_CHARS = 1000  # longer texts are messages for the committee, not questions
STORED_QUESTION_CHARS = 2000
# The log's outcome of a message that was not searched (the column holds 16 characters);
# storage leaves every "kind:" row out of the officials' list of unanswered questions.
KIND_OUTCOMES = {
    MessageKind.SMALL_TALK: "kind:small_talk",
    MessageKind.PERSONAL: "kind:personal",
    MessageKind.OUT_OF_SCOPE: "kind:off_topic",
}


@dataclass(frozen=True, slots=True)
class Reading:
    """A resident's message and what was made of it: why it was refused, or its kind and, for
    a question, the search's outcome and the entries found."""

    text: str
    channel: str  # "chat" or "inline"
    refusal: Refusal | None
    kind: Classification | None
    outcome: Outcome | None
    found: tuple[FoundEntry, ...]


class AnswerService:
    def __init__(
        self,
        backing: Backing,
        residents: ResidentService,
        recorder: QuestionRecorder,
        classifier: MessageClassifier | None = None,
        where_to_go: WhereToGo | None = None,
    ) -> None:
        self._uow = backing.uow
        self._knowledge = backing.knowledge
        self._residents = residents
        self._recorder = recorder
        self._clock = backing.clock
        self._classifier = classifier or default_classifier()
        self._where_to_go = where_to_go or default_where_to_go()

    async def ask(self, actor: Actor, text: str, *, channel: str = "chat") -> Answer:
        snapshot = self._knowledge.current
        refusal, kind = self._read(text)
        result: SearchResult | None = None
        if kind is not None and kind.kind is MessageKind.QUESTION:
            # Off the event loop: a large index must never stall other residents.
            result = await self._knowledge.search(snapshot, text)
        found = snapshot.resolve(result.matches) if result else ()
        related = snapshot.related(result) if result else ()
        outcome = result.outcome if result else None
        personal = kind is not None and kind.kind is MessageKind.PERSONAL
        reading = Reading(text, channel, refusal, kind, outcome, found)
        if outcome is Outcome.NONE or personal:
            # The reply says the question was recorded for officials, or offers to send it
            # on in one press: commit it first.
            async with self._uow() as uow:
                known = await self._residents.touch(uow, actor)
                language = _language(known, actor, text)
                question = self._question(actor, known, language, reading)
                question_id: int | None = await uow.questions.add(question)
                await uow.commit()
        else:
            known = await self._residents.remember_contact(actor)
            language = _language(known, actor, text)
            self._recorder.record(self._question(actor, known, language, reading))
            question_id = None
        return Answer(
            language=language,
            outcome=outcome,
            found=found,
            question_id=question_id,
            refusal=refusal,
            related=related,
            kind=kind.kind if kind else None,
            small_talk=kind.small_talk if kind else None,
            offices=self._where_to_go.referrals(text) if personal else (),
        )

    def _read(self, text: str) -> tuple[Refusal | None, Classification | None]:
        """Why the text is refused, or what kind of message it is. An emoji alone has no
        word but is small talk, not a refusal."""
        if len(text) > MAX_QUESTION_CHARS:
            return Refusal.TOO_LONG, None
        kind = self._classifier.classify(text)
        if kind.kind is not MessageKind.SMALL_TALK and not fold(text).strip():
            return Refusal.NO_WORDS, None
        return None, kind

    def _question(
        self, actor: Actor, known: KnownResident | None, language: str, reading: Reading
    ) -> NewQuestion:
        """The question log's row of the message."""
        best = reading.found[0] if reading.found else None
        kind = reading.kind
        if reading.refusal:
            logged = f"refused:{reading.refusal}"
        elif kind is not None and kind.kind is not MessageKind.QUESTION:
            logged = KIND_OUTCOMES[kind.kind]
        else:
            logged = str(reading.outcome)
        return NewQuestion(
            resident_id=actor.user_id if known else None,
            # Cleaned: a NUL, say, is nothing to read, and PostgreSQL refuses it.
            text=clean_text(reading.text[:STORED_QUESTION_CHARS]),
            language=language,
            channel=reading.channel,
            outcome=logged,
            matched_kind=str(best.kind) if best else None,
            matched_key=best.entry.key if best else None,
            score=best.score if best else None,
            answered=reading.outcome is Outcome.CONFIDENT,
            asked_at=self._clock(),
        )


def _language(known: KnownResident | None, actor: Actor, text: str) -> Language:
    return reply_language(known.language if known else None, actor.telegram_language, text)
