"""What a service stands on: the database, the content and the time."""

from __future__ import annotations

from dataclasses import dataclass

from bot.services.kernel.clock import Clock, utc_now
from bot.services.kernel.live_knowledge import LiveKnowledge
from storage.uow import UnitOfWorkFactory


@dataclass(frozen=True, slots=True)
class Backing:
    """The unit of work each call opens, the live content, and the clock (a test's own, or
    UTC now): the three every service of the container is handed together."""

    uow: UnitOfWorkFactory
    knowledge: LiveKnowledge
    clock: Clock = utc_now
