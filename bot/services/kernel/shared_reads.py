"""Reads by key shared by the callers asking at the same moment: one unit of work, one
statement for all of them.

A caller whose read arrives while another's waits for its connection joins it; the batch is
taken only once the connection is there, just before the statement, so every caller's read
runs after it asked (as its own read would: nothing is cached, and a change committed by
another process before the question is seen). One read is in flight at a time: the callers
arriving meanwhile wait for it to end and share the next. With a pool of connections a read
would otherwise start as soon as it was asked for, and a burst of residents' messages would
cost a read each (on PostgreSQL 2.4 times SQLite's, whose one connection made them wait); now
it costs a few, for at most one read's time more of waiting.
"""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable, Mapping, Sequence
from typing import Generic, TypeVar

from storage.uow import UnitOfWork, UnitOfWorkFactory

K = TypeVar("K")
V = TypeVar("V")

Read = Callable[[UnitOfWork, Sequence[K]], Awaitable[Mapping[K, V]]]


class SharedReads(Generic[K, V]):
    def __init__(self, uow: UnitOfWorkFactory, read: Read[K, V], name: str) -> None:
        self._uow = uow
        self._read_many = read
        self._name = name
        self._wanted: dict[K, asyncio.Future[V | None]] = {}
        self._reader: asyncio.Task[None] | None = None  # the read others may still join
        self._reading: set[asyncio.Task[None]] = set()  # held: the loop keeps weak references
        self._in_flight = asyncio.Lock()  # one read at a time; the next one's batch grows

    async def get(self, key: K) -> V | None:
        """The value read for ``key`` (None: none), read after this call began."""
        wanted = self._wanted.get(key)
        if wanted is None:
            wanted = self._wanted[key] = asyncio.get_running_loop().create_future()
            if self._reader is None:
                self._reader = asyncio.create_task(self._read(), name=self._name)
                self._reading.add(self._reader)
                self._reader.add_done_callback(self._reading.discard)
        # Shielded: one caller's cancelled update must not fail the others' read.
        return await asyncio.shield(wanted)

    async def _read(self) -> None:
        batch: dict[K, asyncio.Future[V | None]] = {}
        try:
            # While the read before it and then its connection are awaited, others join.
            async with self._in_flight, self._uow().reading() as uow:
                batch, self._wanted, self._reader = self._wanted, {}, None
                found = await self._read_many(uow, list(batch))
        except BaseException as error:
            if not batch:
                batch, self._wanted, self._reader = self._wanted, {}, None
            for future in batch.values():
                if not future.done():
                    future.set_exception(error)
                    future.exception()  # told to every waiter; never "unretrieved"
            if not isinstance(error, Exception):
                raise
            return
        for key, future in batch.items():
            if not future.done():
                future.set_result(found.get(key))
