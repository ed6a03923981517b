"""The question log as officials see it: what residents asked that nobody has answered."""

from __future__ import annotations

from bot.errors import PermissionDenied
from bot.services.dto import Actor, ActorKind
from storage.records import UnansweredQuestion
from storage.uow import UnitOfWorkFactory


class QuestionLogService:
    def __init__(self, uow: UnitOfWorkFactory) -> None:
        self._uow = uow

    async def unanswered(self, actor: Actor, limit: int = 20) -> list[UnansweredQuestion]:
        if actor.kind is ActorKind.RESIDENT:
            raise PermissionDenied("only officials see the question log")
        async with self._uow() as uow:
            return await uow.questions.unanswered(limit)
