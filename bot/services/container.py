"""All services, built once by the composition root."""

from __future__ import annotations

from dataclasses import dataclass

from bot.services.answers import AnswerService
from bot.services.catalog import CatalogService
from bot.services.knowledge import LiveKnowledge
from bot.services.officials import Officials
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
    officials: Officials

    @classmethod
    def build(
        cls,
        uow: UnitOfWorkFactory,
        knowledge: LiveKnowledge,
        *,
        admin_user_ids: frozenset[int] = frozenset(),
    ) -> Services:
        residents = ResidentService(uow)
        recorder = QuestionRecorder(uow)
        officials = Officials(admin_user_ids)
        return cls(
            knowledge=knowledge,
            officials=officials,
            residents=residents,
            recorder=recorder,
            answers=AnswerService(uow, knowledge, residents, recorder),
            catalog=CatalogService(knowledge),
            questions=QuestionLogService(uow),
        )
