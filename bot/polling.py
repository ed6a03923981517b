"""Polling with several instances: only the holder of the leader lock calls getUpdates.

Telegram allows one getUpdates caller per bot (a second gets 409 Conflict), so instances on one
PostgreSQL elect a poller; the others stand by, handling broadcasts and the dashboard, and one of
them starts polling within POLLING_STANDBY_SECONDS of the leader's death.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
from typing import Protocol

from telegram import Update
from telegram.ext import Updater

logger = logging.getLogger(__name__)

POLL_TIMEOUT_SECONDS = 10


class Lock(Protocol):
    async def try_acquire(self) -> bool: ...

    async def still_held(self) -> bool: ...

    async def release(self) -> None: ...


class PollingLeader:
    """Polls while it holds the lock; tries again every ``interval`` seconds while it does not."""

    def __init__(self, updater: Updater, lock: Lock, *, interval: float) -> None:
        self._updater = updater
        self._lock = lock
        self._interval = interval
        self._task: asyncio.Task[None] | None = None
        self._stopping = asyncio.Event()
        self.leading = asyncio.Event()  # set while this instance polls

    async def start(self) -> None:
        # The first attempt happens before start() returns, so a lone instance polls at once.
        await self._step()
        self._task = asyncio.create_task(self._supervise(), name="polling-leader")

    async def stop(self) -> None:
        """Stop fetching updates (the last fetched ones are confirmed) and free the lock."""
        self._stopping.set()
        if self._task is not None:
            await self._task
            self._task = None
        await self._stop_polling()
        await self._lock.release()

    async def _supervise(self) -> None:
        while not self._stopping.is_set():
            with contextlib.suppress(TimeoutError):
                async with asyncio.timeout(self._interval):
                    await self._stopping.wait()
            if not self._stopping.is_set():
                await self._step()

    async def _step(self) -> None:
        try:
            if self.leading.is_set():
                if not await self._lock.still_held():
                    logger.warning("lost the polling lock: standing by")
                    await self._stop_polling()
            elif await self._lock.try_acquire():
                await self._start_polling()
        except Exception:
            # The supervisor must outlive any one failure: it is what brings polling back.
            logger.exception("polling supervisor step failed; trying again later")

    async def _start_polling(self) -> None:
        await self._updater.start_polling(
            poll_interval=0,
            timeout=POLL_TIMEOUT_SECONDS,
            allowed_updates=Update.ALL_TYPES,
            # The old leader may have died mid-poll: its unconfirmed updates are ours now.
            drop_pending_updates=False,
        )
        self.leading.set()
        logger.info("this instance polls Telegram for updates")

    async def _stop_polling(self) -> None:
        if self.leading.is_set():
            self.leading.clear()
            await self._updater.stop()
