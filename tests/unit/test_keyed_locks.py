"""One lock per key: same-key holders take turns in order, other keys run alongside."""

from __future__ import annotations

import asyncio

from bot.services.kernel.keyed_locks import KeyedLocks


async def test_same_key_in_order_other_keys_alongside_and_forgotten_after() -> None:
    locks = KeyedLocks()
    order: list[str] = []
    first_inside = asyncio.Event()
    release_first = asyncio.Event()
    queued = asyncio.Event()

    async def first() -> None:
        async with locks.hold("a"):
            order.append("a1")
            first_inside.set()
            await release_first.wait()

    async def second() -> None:
        queued.set()  # runs on into hold() and waits there before the test resumes
        async with locks.hold("a"):
            order.append("a2")

    async def other() -> None:
        async with locks.hold("b"):
            order.append("b")

    holder = asyncio.create_task(first())
    await first_inside.wait()
    waiter = asyncio.create_task(second())
    await queued.wait()
    await other()  # not held up by key "a"
    assert len(locks) == 1  # "b" is forgotten; "a" is held and awaited
    release_first.set()
    await asyncio.gather(holder, waiter)
    assert order == ["a1", "b", "a2"]
    assert len(locks) == 0
