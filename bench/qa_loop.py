"""The event loop while bench/qa.py searches: how late a 1 ms ticker wakes when searches run
through ``asyncio.to_thread``, through the bot's own path (``LiveKnowledge.search``: one
dedicated search thread, GIL switch interval 1 ms as bot.app sets it), and directly on the
loop (what blocking would cost)."""

from __future__ import annotations

import asyncio
import sys
import time
from collections.abc import Sequence
from dataclasses import dataclass

from bot.services.kernel.live_knowledge import LiveKnowledge, Snapshot
from content.index import SearchIndex
from content.loader import load_knowledge_base

TICK_SECONDS = 0.001


def percentile(values: Sequence[int], percent: float) -> float:
    if not values:
        return 0.0
    position = (len(values) - 1) * percent / 100
    low = int(position)
    high = min(low + 1, len(values) - 1)
    return values[low] + (values[high] - values[low]) * (position - low)


@dataclass
class LoopLag:
    mode: str
    searches: int
    wall_ms: float
    max_lag_ms: float
    p99_lag_ms: float


async def _loop_lag(
    index: SearchIndex, texts: Sequence[str], mode: str, at_once: int = 8
) -> LoopLag:
    """Searches ``at_once`` at a time (residents asking together) while a ticker measures
    how late the loop wakes it. Modes: "to_thread" (the default executor), "bot" (the bot's
    own path, LiveKnowledge.search: one dedicated search thread), "on the loop" (blocking,
    for comparison)."""
    lags: list[float] = []
    done = asyncio.Event()
    loop = asyncio.get_running_loop()
    knowledge = LiveKnowledge(Snapshot(kb=load_knowledge_base(), index=index))

    async def ticker() -> None:
        while not done.is_set():
            expected = loop.time() + TICK_SECONDS
            await asyncio.sleep(TICK_SECONDS)
            lags.append(max(0.0, loop.time() - expected))

    async def one(text: str) -> None:
        if mode == "to_thread":
            await asyncio.to_thread(index.search, text)
        elif mode == "bot":
            await knowledge.search(knowledge.current, text)
        else:
            index.search(text)  # what the bot must not do: search on the event loop
            await asyncio.sleep(0)

    tick = asyncio.create_task(ticker())
    await asyncio.sleep(0.02)  # let the ticker settle
    started = time.perf_counter()
    for start in range(0, len(texts), at_once):
        await asyncio.gather(*(one(text) for text in texts[start : start + at_once]))
    wall = time.perf_counter() - started
    done.set()
    await tick
    knowledge.close()
    lags.sort()
    return LoopLag(
        mode=mode,
        searches=len(texts),
        wall_ms=round(wall * 1e3, 1),
        max_lag_ms=round(lags[-1] * 1e3, 2) if lags else 0.0,
        p99_lag_ms=round(percentile([int(lag * 1e9) for lag in lags], 99) / 1e6, 2),
    )


def loop_lags(index: SearchIndex, texts: Sequence[str]) -> list[LoopLag]:
    lags = [
        asyncio.run(_loop_lag(index, texts, "to_thread")),
        asyncio.run(_loop_lag(index, texts, "on the loop")),
    ]
    interval = sys.getswitchinterval()
    sys.setswitchinterval(0.001)  # as bot.app sets it: how long a thread may hold the GIL
    try:
        lag = asyncio.run(_loop_lag(index, texts, "bot"))
    finally:
        sys.setswitchinterval(interval)
    lag.mode = "bot: search thread, GIL switch 1 ms"
    return [*lags, lag]
