"""Updates from different people are handled side by side; one person's, in the order sent.

A resident who sends a photo and its text in quick succession must not have the two steps of
their /feedback conversation race each other; nobody else waits for that.
"""

from __future__ import annotations

import time
from collections.abc import Awaitable
from typing import Any

from telegram import Update
from telegram.ext import BaseUpdateProcessor

from bot.metrics import Metrics, update_kind
from bot.services.kernel.keyed_locks import KeyedLocks


class PerUserUpdateProcessor(BaseUpdateProcessor):
    """Note: PTB takes a concurrency slot before we take the user's lock, so one user's backlog
    holds at most that many slots while it drains; the slots are plenty for normal traffic."""

    def __init__(self, max_concurrent_updates: int, metrics: Metrics | None = None) -> None:
        super().__init__(max_concurrent_updates)
        self._locks = KeyedLocks()
        self._metrics = metrics

    async def do_process_update(self, update: object, coroutine: Awaitable[Any]) -> None:
        started = time.perf_counter()
        key = _sender(update)
        try:
            if key is None:
                await coroutine
            else:
                async with self._locks.hold(key):
                    await coroutine
        finally:
            if self._metrics is not None:
                kind = update_kind(update)
                self._metrics.updates.labels(kind).inc()
                self._metrics.update_seconds.labels(kind).observe(time.perf_counter() - started)

    async def initialize(self) -> None:
        return None

    async def shutdown(self) -> None:
        return None


def _sender(update: object) -> int | None:
    if isinstance(update, Update) and update.effective_user is not None:
        return update.effective_user.id
    return None
