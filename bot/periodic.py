"""A job repeated while the bot runs: a failed run is logged and the next one retries (a database
outage must not end the repetition), and leaving the context stops it."""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections.abc import AsyncIterator, Awaitable, Callable

logger = logging.getLogger(__name__)


@contextlib.asynccontextmanager
async def repeating(
    job: Callable[[], Awaitable[object]], every: float, *, name: str, at_once: bool
) -> AsyncIterator[None]:
    """Run `job` every `every` seconds (first at once, or after one wait) in a task named `name`."""
    task = asyncio.create_task(_repeat(job, every, name, at_once), name=name)
    try:
        yield
    finally:
        task.cancel()
        with contextlib.suppress(asyncio.CancelledError):
            await task


async def _repeat(
    job: Callable[[], Awaitable[object]], every: float, name: str, at_once: bool
) -> None:
    if not at_once:
        await asyncio.sleep(every)
    while True:
        try:
            await job()
        except Exception:
            logger.exception("%s failed; the next run retries", name)
        await asyncio.sleep(every)
