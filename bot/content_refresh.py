"""Every instance looks at which content release is live every CONTENT_REFRESH_SECONDS and serves
it (bot.services.knowledge.releases): a publish or rollback on any instance, or from the shell,
reaches residents within seconds, with no restart."""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections.abc import AsyncIterator
from typing import Protocol

logger = logging.getLogger(__name__)


class Refresher(Protocol):
    async def refresh(self) -> bool: ...


@contextlib.asynccontextmanager
async def content_refreshes(releases: Refresher, every: float) -> AsyncIterator[None]:
    task = asyncio.create_task(_refresh(releases, every), name="content-refresh")
    try:
        yield
    finally:
        task.cancel()
        with contextlib.suppress(asyncio.CancelledError):
            await task


async def _refresh(releases: Refresher, every: float) -> None:
    while True:
        await asyncio.sleep(every)
        try:
            await releases.refresh()
        except Exception:  # a database outage must not end the looks; the next one retries
            logger.exception("looking for a new content release failed")
