"""The broadcast pacer on a virtual clock: even spacing, no burst after idling, 429 holds."""

from __future__ import annotations

import asyncio

import pytest

from bot.delivery.pacer import Pacer


class VirtualTime:
    def __init__(self) -> None:
        self.now = 100.0
        self.slept: list[float] = []

    def clock(self) -> float:
        return self.now

    async def sleep(self, seconds: float) -> None:
        self.slept.append(seconds)
        self.now += seconds


async def _times(pacer: Pacer, time: VirtualTime, count: int) -> list[float]:
    moments = []
    for _ in range(count):
        await pacer.acquire()
        moments.append(round(time.now - 100.0, 6))
    return moments


async def test_sends_are_spaced_at_the_rate() -> None:
    time = VirtualTime()
    pacer = Pacer(25, time.clock, time.sleep)
    assert await _times(pacer, time, 5) == [0.0, 0.04, 0.08, 0.12, 0.16]


async def test_no_burst_after_idling() -> None:
    time = VirtualTime()
    pacer = Pacer(10, time.clock, time.sleep)
    await pacer.acquire()
    time.now += 60.0  # idle for a minute: the unused slots are not saved up
    first, second = await _times(pacer, time, 2)
    assert round(second - first, 6) == 0.1


async def test_a_429_holds_everyone_for_retry_after() -> None:
    time = VirtualTime()
    pacer = Pacer(10, time.clock, time.sleep)
    await pacer.acquire()
    pacer.hold(3.0)
    assert pacer.holding
    await pacer.acquire()
    assert round(time.now - 100.0, 6) == 3.0
    assert not pacer.holding


async def test_a_hold_during_a_wait_voids_the_slot() -> None:
    """Concurrent senders: one waits for its slot, another gets a 429 meanwhile."""
    time = VirtualTime()
    waiting = asyncio.Event()
    release = asyncio.Event()

    async def sleep(seconds: float) -> None:
        waiting.set()
        await release.wait()
        time.now += seconds

    pacer = Pacer(1, time.clock, sleep)
    await pacer.acquire()  # slot at 0
    second = asyncio.create_task(pacer.acquire())  # slot at 1: sleeps
    await waiting.wait()
    pacer.hold(5.0)  # at 0: nobody before 5
    release.set()
    await second
    assert time.now - 100.0 >= 5.0


def test_rate_must_be_positive() -> None:
    with pytest.raises(ValueError, match="positive"):
        Pacer(0, lambda: 0.0)
