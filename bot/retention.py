"""The personal-data retention sweep: closed tickets past PERSONAL_DATA_RETENTION_MONTHS are
anonymised at start and every few hours while the bot runs (also: `danbiet privacy anonymise`).
Several instances may sweep at once: a ticket already anonymised is not picked again."""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections.abc import AsyncIterator
from typing import Protocol

logger = logging.getLogger(__name__)

SWEEP_SECONDS = 6 * 3600.0


class Sweeper(Protocol):
    async def anonymise_expired(self) -> int: ...


@contextlib.asynccontextmanager
async def retention_sweeps(privacy: Sweeper, every: float = SWEEP_SECONDS) -> AsyncIterator[None]:
    task = asyncio.create_task(_sweep(privacy, every), name="retention-sweep")
    try:
        yield
    finally:
        task.cancel()
        with contextlib.suppress(asyncio.CancelledError):
            await task


async def _sweep(privacy: Sweeper, every: float) -> None:
    while True:
        try:
            await privacy.anonymise_expired()
        except Exception:  # a database outage must not end the sweeps; the next one retries
            logger.exception("personal data retention sweep failed")
        await asyncio.sleep(every)
