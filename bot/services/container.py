"""All services, built once by the composition root."""

from __future__ import annotations

from dataclasses import dataclass

from bot.services.answers import AnswerService
from bot.services.catalog import CatalogService
from bot.services.knowledge import LiveKnowledge
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

    @classmethod
    def build(cls, uow: UnitOfWorkFactory, knowledge: LiveKnowledge) -> Services:
        residents = ResidentService(uow)
        return cls(
            knowledge=knowledge,
            residents=residents,
            answers=AnswerService(uow, knowledge, residents),
            catalog=CatalogService(knowledge),
            questions=QuestionLogService(uow),
        )
