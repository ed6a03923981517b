"""What operators and Prometheus ask about: is the database there, and how many tickets and
delivery rows are in each state. Infrastructure facts, not residents' data: no actor needed."""

from __future__ import annotations

import asyncio
import logging
from dataclasses import dataclass

from storage.uow import UnitOfWorkFactory

logger = logging.getLogger(__name__)

HEALTH_CHECK_SECONDS = 3.0


async def database_answers(uow_factory: UnitOfWorkFactory) -> bool:
    """A round trip within HEALTH_CHECK_SECONDS: the caller wants an answer now, not after
    the units of work's outage patience."""
    try:
        async with asyncio.timeout(HEALTH_CHECK_SECONDS), uow_factory() as uow:
            await uow.ping()
    except Exception:  # any failure means "not there"; the reason goes to the log
        logger.warning("database health check failed", exc_info=True)
        return False
    return True


@dataclass(frozen=True, slots=True)
class StateCounts:
    tickets: dict[str, int]
    deliveries: dict[str, int]
    notices: dict[str, int]


class HealthService:
    def __init__(self, uow: UnitOfWorkFactory) -> None:
        self._uow = uow

    async def database_reachable(self) -> bool:
        return await database_answers(self._uow)

    async def counts(self) -> StateCounts:
        async with asyncio.timeout(HEALTH_CHECK_SECONDS), self._uow() as uow:
            return StateCounts(
                tickets=await uow.tickets.count_by_status(),
                deliveries=await uow.deliveries.count_by_status(),
                notices=await uow.notices.count_by_status(),
            )
