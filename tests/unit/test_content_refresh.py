"""The look for a new live content release: repeated, survives a failed look, stops with the bot."""

from __future__ import annotations

import asyncio

from bot.content_refresh import content_refreshes


class FakeReleases:
    """Fails its first look (a database outage), then counts."""

    def __init__(self, wanted: int) -> None:
        self.calls = 0
        self.wanted = wanted
        self.done = asyncio.Event()

    async def refresh(self) -> bool:
        self.calls += 1
        if self.calls >= self.wanted:
            self.done.set()
        if self.calls == 1:
            raise ConnectionError("database unreachable")
        return False


async def test_the_look_is_repeated_after_a_failure_and_stops_with_the_context() -> None:
    releases = FakeReleases(wanted=3)
    async with content_refreshes(releases, every=0.001):
        await asyncio.wait_for(releases.done.wait(), timeout=5)
    calls = releases.calls
    await asyncio.sleep(0.01)  # let a stray look show itself, were the task still running
    assert releases.calls == calls
