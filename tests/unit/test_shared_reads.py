"""SharedReads: the callers asking at one moment share a read; one read is in flight at a time,
and the callers arriving meanwhile share the next, each read after it was asked for."""

import asyncio
from collections.abc import Mapping, Sequence
from types import TracebackType
from typing import Self

import pytest

from bot.services.kernel.shared_reads import SharedReads


class Units:
    """Units of work that hold nothing: what is measured here is who reads when."""

    def __init__(self) -> None:
        self.opened = 0

    def __call__(self) -> "Units":
        return self

    def reading(self) -> Self:
        return self

    async def __aenter__(self) -> Self:
        self.opened += 1
        await asyncio.sleep(0)  # taking a connection yields to the loop, as a pool does
        return self

    async def __aexit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        return None


class Store:
    """Values by key, read in batches; the first read can be held in flight."""

    def __init__(self) -> None:
        self.values: dict[int, str] = {}
        self.batches: list[list[int]] = []
        self.hold = asyncio.Event()
        self.holding = asyncio.Event()
        self.hold.set()

    async def read(self, _uow: object, keys: Sequence[int]) -> Mapping[int, str]:
        self.batches.append(sorted(keys))
        snapshot = {key: self.values[key] for key in keys if key in self.values}
        self.holding.set()
        await self.hold.wait()
        return snapshot


async def test_callers_arriving_while_a_read_is_in_flight_share_the_next_one() -> None:
    units, store = Units(), Store()
    reads: SharedReads[int, str] = SharedReads(units, store.read, "test-reads")  # type: ignore[arg-type]
    store.values[1] = "before"
    store.hold.clear()
    first = asyncio.create_task(reads.get(1))
    await store.holding.wait()  # the first read is in flight, holding its snapshot
    store.values.update({1: "after", 2: "two", 3: "three"})
    later = [asyncio.create_task(reads.get(key)) for key in (1, 2, 3, 2)]
    for _ in range(5):
        await asyncio.sleep(0)
    assert store.batches == [[1]]  # nobody started a second read beside it
    store.hold.set()
    assert await first == "before"
    # One more read for all four callers, made after they asked: it sees the change.
    assert [await task for task in later] == ["after", "two", "three", "two"]
    assert store.batches == [[1], [1, 2, 3]]
    assert units.opened == 2


async def test_a_key_absent_reads_as_none_and_a_failed_read_fails_only_its_batch() -> None:
    units = Units()
    calls = 0

    async def flaky(_uow: object, keys: Sequence[int]) -> Mapping[int, str]:
        nonlocal calls
        calls += 1
        if calls == 1:
            raise OSError("connection reset")
        return {key: f"v{key}" for key in keys if key != 9}

    reads: SharedReads[int, str] = SharedReads(units, flaky, "test-reads")  # type: ignore[arg-type]
    with pytest.raises(OSError, match="connection reset"):
        await reads.get(1)
    assert await reads.get(1) == "v1"
    assert await reads.get(9) is None
