"""The question log as officials see it: what residents asked that nobody has answered."""

from __future__ import annotations

from bot.domain.records import UnansweredQuestion
from bot.services.kernel.actor import Actor
from bot.services.kernel.officials import Officials, Permission
from storage.uow import UnitOfWorkFactory


class QuestionLogService:
    def __init__(self, uow: UnitOfWorkFactory, officials: Officials) -> None:
        self._uow = uow
        self._officials = officials

    async def unanswered(self, actor: Actor, limit: int = 20) -> list[UnansweredQuestion]:
        await self._officials.require(actor, Permission.VIEW_STATS)
        async with self._uow() as uow:
            return await uow.questions.unanswered(limit)
