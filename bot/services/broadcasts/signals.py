"""In-process signals between officials' actions and the delivery worker.

The database is the truth (a worker elsewhere finds new work by polling); these only make the
worker of this process react at once: start on a confirmation, stop a paused or cancelled
broadcast without finishing the rows it already holds.
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable

HaltListener = Callable[[int], None]


class BroadcastSignals:
    def __init__(self) -> None:
        self._work = asyncio.Event()
        self._halt_listeners: list[HaltListener] = []

    def wake(self) -> None:
        """New work: a confirmed or resumed broadcast."""
        self._work.set()

    async def wait_for_work(self, timeout: float) -> None:  # noqa: ASYNC109 - a poll interval
        """Until woken or `timeout` seconds passed (work may come from another process)."""
        try:
            async with asyncio.timeout(timeout):
                await self._work.wait()
        except TimeoutError:
            pass
        self._work.clear()

    def on_halt(self, listener: HaltListener) -> Callable[[], None]:
        self._halt_listeners.append(listener)
        return lambda: self._halt_listeners.remove(listener)

    def halt(self, broadcast_id: int) -> None:
        """A broadcast was paused or cancelled: stop sending its rows now."""
        for listener in list(self._halt_listeners):
            listener(broadcast_id)
