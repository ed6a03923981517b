"""The broadcast pacer: evenly spaced sends at a fixed rate, and one pause for everyone.

aiolimiter's leaky bucket would do the spacing, but Telegram's 429 asks the whole bot to wait
`retry_after` seconds, and a send already promised a slot must wait too: so a small pacer of
our own. It serves only the worker; interactive replies never pass through it.
"""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable


class Pacer:
    def __init__(
        self,
        rate: float,
        clock: Callable[[], float] | None = None,
        sleep: Callable[[float], Awaitable[None]] = asyncio.sleep,
    ) -> None:
        if rate <= 0:
            raise ValueError("rate must be positive")
        self._interval = 1.0 / rate
        self._clock = clock or asyncio.get_running_loop().time
        self._sleep = sleep
        self._next = 0.0  # the earliest moment of the next send
        self._hold_until = 0.0

    @property
    def rate(self) -> float:
        return 1.0 / self._interval

    async def acquire(self) -> None:
        """Wait for this send's slot: at most `rate` per second, never a burst after idling."""
        while True:
            now = self._clock()
            hold = self._hold_until
            slot = max(now, self._next, hold)
            self._next = slot + self._interval
            if slot > now:
                await self._sleep(slot - now)
            if self._hold_until == hold:
                return
            # A 429 arrived while we waited: our slot is void, queue again after the pause.

    def hold(self, seconds: float) -> None:
        """Telegram said "retry after": nobody sends for that long."""
        until = self._clock() + seconds
        self._hold_until = max(self._hold_until, until)
        self._next = max(self._next, self._hold_until)

    @property
    def holding(self) -> bool:
        return self._clock() < self._hold_until
