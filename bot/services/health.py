"""What operators and Prometheus ask about: is the database there, and how many tickets and
delivery rows are in each state. Infrastructure facts, not residents' data: no actor needed."""

from __future__ import annotations

import asyncio
import logging
from dataclasses import dataclass

from storage.uow import UnitOfWorkFactory

logger = logging.getLogger(__name__)

HEALTH_CHECK_SECONDS = 3.0


@dataclass(frozen=True, slots=True)
class StateCounts:
    tickets: dict[str, int]
    deliveries: dict[str, int]


class HealthService:
    def __init__(self, uow: UnitOfWorkFactory) -> None:
        self._uow = uow

    async def database_reachable(self) -> bool:
        try:
            # A load balancer wants an answer now, not after the units of work's patience.
            async with asyncio.timeout(HEALTH_CHECK_SECONDS), self._uow() as uow:
                await uow.ping()
        except Exception:  # any failure means "not healthy"; the reason goes to the log
            logger.warning("database health check failed", exc_info=True)
            return False
        return True

    async def counts(self) -> StateCounts:
        async with asyncio.timeout(HEALTH_CHECK_SECONDS), self._uow() as uow:
            return StateCounts(
                tickets=await uow.tickets.count_by_status(),
                deliveries=await uow.deliveries.count_by_status(),
            )
