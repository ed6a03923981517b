"""Answering residents' questions from the knowledge base; every question is logged."""

from __future__ import annotations

import asyncio

from content.index import Outcome, SearchResult
from content.normalize import fold

from bot.services.clock import Clock, utc_now
from bot.services.dto import Actor, Answer, Refusal
from bot.services.knowledge import LiveKnowledge
from bot.services.residents import ResidentService, reply_language
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
        clock: Clock = utc_now,
    ) -> None:
        self._uow = uow
        self._knowledge = knowledge
        self._residents = residents
        self._clock = clock

    async def ask(self, actor: Actor, text: str, *, channel: str = "chat") -> Answer:
        snapshot = self._knowledge.current
        refusal = _refusal(text)
        result: SearchResult | None = None
        if refusal is None:
            # Search off the event loop: a large index must never stall other residents.
            result = await asyncio.to_thread(snapshot.index.search, text)
        found = snapshot.resolve(result.matches) if result else ()
        outcome = result.outcome if result else None
        async with self._uow() as uow:
            record = await self._residents.touch(uow, actor)
            language = reply_language(record, actor.telegram_language, text)
            best = found[0] if found else None
            question_id = await uow.questions.add(
                NewQuestion(
                    resident_id=actor.user_id if record else None,
                    text=text[:STORED_QUESTION_CHARS],
                    language=language,
                    channel=channel,
                    outcome=str(outcome) if outcome else f"refused:{refusal}",
                    matched_kind=str(best.kind) if best else None,
                    matched_key=best.entry.key if best else None,
                    score=best.score if best else None,
                    answered=outcome is Outcome.CONFIDENT,
                    asked_at=self._clock(),
                )
            )
            await uow.commit()
        return Answer(
            language=language,
            outcome=outcome,
            found=found,
            question_id=question_id,
            refusal=refusal,
        )


def _refusal(text: str) -> Refusal | None:
    if len(text) > MAX_QUESTION_CHARS:
        return Refusal.TOO_LONG
    if not fold(text).strip():
        return Refusal.NO_WORDS
    return None
