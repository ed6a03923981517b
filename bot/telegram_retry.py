"""Every Bot API call of the replies' client outlives a flaky network and Telegram's 429s.

Plugged in through python-telegram-bot's own hook for this (BaseRateLimiter): a 429 waits its
retry_after; a 5xx, a time-out or a dropped connection is tried again after a growing pause, up
to TELEGRAM_MAX_ATTEMPTS. A resident's reply is never given up on a single failure.
"""

from __future__ import annotations

import asyncio
import datetime as dt
import logging
import warnings
from collections.abc import Callable, Coroutine
from typing import Any

from telegram.error import BadRequest, NetworkError, RetryAfter
from telegram.ext import BaseRateLimiter
from telegram.warnings import PTBDeprecationWarning
from typing_extensions import override

from bot.metrics import Metrics

logger = logging.getLogger(__name__)

FIRST_PAUSE_SECONDS = 0.2
LONGEST_PAUSE_SECONDS = 5.0
# A call that timed out or lost its answer may have been done: its retry then meets one of
# these, which means the first try worked.
ALREADY_DONE = ("message is not modified", "query is too old")
# getUpdates is retried by the poller itself, and a 409 there must reach it at once.
NOT_RETRIED = frozenset({"getUpdates"})

MAX_RATE_LIMIT_WAITS = 10
Result = bool | dict[str, Any] | list[dict[str, Any]]


class RetryingRateLimiter(BaseRateLimiter[None]):
    def __init__(self, max_attempts: int, metrics: Metrics | None = None) -> None:
        if max_attempts < 1:
            raise ValueError("max_attempts must be at least 1")
        self._max_attempts = max_attempts
        self._metrics = metrics

    async def initialize(self) -> None:
        return None

    async def shutdown(self) -> None:
        return None

    @override  # PTB's BaseRateLimiter signature
    async def process_request(
        self,
        callback: Callable[..., Coroutine[Any, Any, Result]],
        args: Any,
        kwargs: dict[str, Any],
        endpoint: str,
        data: dict[str, Any],
        rate_limit_args: None,
    ) -> Result:
        if endpoint in NOT_RETRIED:
            return await callback(*args, **kwargs)
        uncertain = False  # an earlier try may have been done without our knowing
        attempt = waits = 0
        while True:
            attempt += 1
            try:
                return await callback(*args, **kwargs)
            except RetryAfter as error:
                # Telegram did nothing and says when to come back: not a failed attempt.
                attempt -= 1
                waits += 1
                if waits > MAX_RATE_LIMIT_WAITS:
                    raise
                if self._metrics is not None:
                    self._metrics.rate_limited.labels("replies").inc()
                pause = retry_after_seconds(error)
            except BadRequest as error:  # a subclass of NetworkError: never retried
                if uncertain and error.message.lower().startswith(ALREADY_DONE):
                    return True
                raise
            except NetworkError as error:  # 5xx, time-outs, dropped connections
                if attempt >= self._max_attempts:
                    raise
                uncertain = True
                pause = min(FIRST_PAUSE_SECONDS * 2 ** (attempt - 1), LONGEST_PAUSE_SECONDS)
                logger.info(
                    "%s failed (%s); trying again in %.1f s", endpoint, type(error).__name__, pause
                )
            await asyncio.sleep(pause)


def retry_after_seconds(error: RetryAfter) -> float:
    """How long Telegram asked us to wait (replies and broadcasts alike)."""
    # PTB 22 warns that the int will become a timedelta; either is fine here.
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", PTBDeprecationWarning)
        value = error.retry_after
    return value.total_seconds() if isinstance(value, dt.timedelta) else float(value)
