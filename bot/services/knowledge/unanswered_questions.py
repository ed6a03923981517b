"""The question log as officials see it: what residents asked that nobody has answered,
grouped by meaning (bot.services.kernel.question_groups), biggest group first."""

from __future__ import annotations

from bot.services.kernel.actor import Actor
from bot.services.kernel.officials import Officials, Permission
from bot.services.kernel.question_groups import QuestionGroup, group_questions
from storage.uow import UnitOfWorkFactory

SCANNED = 5000  # distinct wordings grouped per listing (the most asked ones)


class QuestionLogService:
    def __init__(self, uow: UnitOfWorkFactory, officials: Officials) -> None:
        self._uow = uow
        self._officials = officials

    async def unanswered(self, actor: Actor, limit: int = 20) -> list[QuestionGroup]:
        await self._officials.require(actor, Permission.VIEW_STATS)
        async with self._uow() as uow:
            wordings = await uow.questions.unanswered(SCANNED)
        return group_questions(wordings)[:limit]
