"""The retention sweep task: runs at start, survives a failed sweep, stops with the bot."""

from __future__ import annotations

import asyncio

from bot.retention import retention_sweeps


class FakePrivacy:
    """Fails its first sweep (a database outage), then counts."""

    def __init__(self, wanted: int) -> None:
        self.calls = 0
        self.wanted = wanted
        self.done = asyncio.Event()

    async def anonymise_expired(self) -> int:
        self.calls += 1
        if self.calls >= self.wanted:
            self.done.set()
        if self.calls == 1:
            raise ConnectionError("database unreachable")
        return 0


async def test_the_sweep_runs_at_once_and_again_after_a_failure() -> None:
    privacy = FakePrivacy(wanted=2)
    async with retention_sweeps(privacy, every=0):
        await asyncio.wait_for(privacy.done.wait(), timeout=5)
    calls = privacy.calls
    await asyncio.sleep(0)  # let a stray iteration show itself, were the task still running
    assert privacy.calls == calls  # stopped with the context


async def test_a_long_period_sweeps_once_at_start() -> None:
    privacy = FakePrivacy(wanted=1)
    async with retention_sweeps(privacy, every=3600):
        await asyncio.wait_for(privacy.done.wait(), timeout=5)
    assert privacy.calls == 1
