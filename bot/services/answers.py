"""Answering residents' questions from the knowledge base; every question is logged."""

from __future__ import annotations

from bot.i18n import Language
from bot.services.clock import Clock, utc_now
from bot.services.dto import Actor, Answer, FoundEntry, Refusal
from bot.services.knowledge import LiveKnowledge
from bot.services.plain_text import clean_text
from bot.services.question_recorder import QuestionRecorder
from bot.services.residents import KnownResident, ResidentService, reply_language
from content.index import Outcome, SearchResult
from content.normalize import fold
from storage.records import NewQuestion
from storage.uow import UnitOfWorkFactory

MAX_QUESTION_CHARS = 1000  # longer texts are messages for the committee, not questions
STORED_QUESTION_CHARS = 2000


class AnswerService:
    def __init__(
        self,
        uow: UnitOfWorkFactory,
        knowledge: LiveKnowledge,
        residents: ResidentService,
        recorder: QuestionRecorder,
        clock: Clock = utc_now,
    ) -> None:
        self._uow = uow
        self._knowledge = knowledge
        self._residents = residents
        self._recorder = recorder
        self._clock = clock

    async def ask(self, actor: Actor, text: str, *, channel: str = "chat") -> Answer:
        snapshot = self._knowledge.current
        refusal = _refusal(text)
        result: SearchResult | None = None
        if refusal is None:
            # Off the event loop: a large index must never stall other residents.
            result = await self._knowledge.search(snapshot, text)
        found = snapshot.resolve(result.matches) if result else ()
        related = snapshot.related(result) if result else ()
        outcome = result.outcome if result else None
        if outcome is Outcome.NONE:
            # The reply says the question was recorded for officials: commit it first.
            async with self._uow() as uow:
                known = await self._residents.touch(uow, actor)
                language = _language(known, actor, text)
                question = self._question(actor, known, text, language, channel, outcome, found)
                question_id: int | None = await uow.questions.add(question)
                await uow.commit()
        else:
            known = await self._residents.remember_contact(actor)
            language = _language(known, actor, text)
            self._recorder.record(
                self._question(actor, known, text, language, channel, outcome, found, refusal)
            )
            question_id = None
        return Answer(
            language=language,
            outcome=outcome,
            found=found,
            question_id=question_id,
            refusal=refusal,
            related=related,
        )

    def _question(
        self,
        actor: Actor,
        known: KnownResident | None,
        text: str,
        language: str,
        channel: str,
        outcome: Outcome | None,
        found: tuple[FoundEntry, ...],
        refusal: Refusal | None = None,
    ) -> NewQuestion:
        best = found[0] if found else None
        return NewQuestion(
            resident_id=actor.user_id if known else None,
            # Cleaned: a NUL, say, is nothing to read, and PostgreSQL refuses it.
            text=clean_text(text[:STORED_QUESTION_CHARS]),
            language=language,
            channel=channel,
            outcome=f"refused:{refusal}" if refusal else str(outcome),
            matched_kind=str(best.kind) if best else None,
            matched_key=best.entry.key if best else None,
            score=best.score if best else None,
            answered=outcome is Outcome.CONFIDENT,
            asked_at=self._clock(),
        )


def _language(known: KnownResident | None, actor: Actor, text: str) -> Language:
    return reply_language(known.language if known else None, actor.telegram_language, text)


def _refusal(text: str) -> Refusal | None:
    if len(text) > MAX_QUESTION_CHARS:
        return Refusal.TOO_LONG
    if not fold(text).strip():
        return Refusal.NO_WORDS
    return None
