"""All services, built once by the composition root."""

from __future__ import annotations

from dataclasses import dataclass

from bot.services.answers import AnswerService
from bot.services.catalog import CatalogService
from bot.services.knowledge import LiveKnowledge
from bot.services.question_recorder import QuestionRecorder
from bot.services.questions import QuestionLogService
from bot.services.residents import ResidentService
from storage.uow import UnitOfWorkFactory


@dataclass(frozen=True, slots=True)
class Services:
    knowledge: LiveKnowledge
    residents: ResidentService
    answers: AnswerService
    catalog: CatalogService
    questions: QuestionLogService
    recorder: QuestionRecorder

    @classmethod
    def build(cls, uow: UnitOfWorkFactory, knowledge: LiveKnowledge) -> Services:
        residents = ResidentService(uow)
        recorder = QuestionRecorder(uow)
        return cls(
            knowledge=knowledge,
            residents=residents,
            recorder=recorder,
            answers=AnswerService(uow, knowledge, residents, recorder),
            catalog=CatalogService(knowledge),
            questions=QuestionLogService(uow),
        )
