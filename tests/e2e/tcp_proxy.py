"""A TCP proxy a test can cut: the database "goes away" for the bot behind it, then comes back."""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import Awaitable, Callable


class TcpProxy:
    def __init__(self, upstream_host: str, upstream_port: int) -> None:
        self._upstream = (upstream_host, upstream_port)
        self._server: asyncio.Server | None = None
        self._writers: set[asyncio.StreamWriter] = set()
        self._pipes: set[asyncio.Task[None]] = set()
        self.port = 0
        # hold(): the server's answers stop here, so a query is in the middle when cut() comes.
        self._answers_flow = asyncio.Event()
        self._answers_flow.set()
        self.held = asyncio.Event()  # set once a client sent something while answers are held
        self._hold_on: bytes | None = None

    def hold(self) -> None:
        """Keep the server's answers back from now on: the next query sent hangs mid-way."""
        self.held.clear()
        self._answers_flow.clear()

    def hold_on(self, pattern: bytes) -> None:
        """Let everything through until a query carrying ``pattern`` (its SQL text, e.g.
        b"INSERT INTO audit_log") goes out; hold the server's answers from then on."""
        self.held.clear()
        self._hold_on = pattern

    async def start(self) -> None:
        """Listen (again) on loopback; the first start picks a free port, restarts keep it."""
        self._answers_flow.set()
        self._server = await asyncio.start_server(
            self._serve, "127.0.0.1", self.port, reuse_address=True
        )
        self.port = int(self._server.sockets[0].getsockname()[1])

    async def cut(self) -> None:
        """Refuse new connections and break every open one, as a dead database server would."""
        if self._server is not None:
            self._server.close()
            self._server = None
        for writer in list(self._writers):
            writer.transport.abort()
        self._writers.clear()
        for pipe in list(self._pipes):
            pipe.cancel()
        await asyncio.gather(*self._pipes, return_exceptions=True)

    async def stop(self) -> None:
        await self.cut()

    async def _serve(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        try:
            upstream_reader, upstream_writer = await asyncio.open_connection(*self._upstream)
        except OSError:
            writer.transport.abort()
            return
        self._writers |= {writer, upstream_writer}
        for pipe in (
            asyncio.create_task(self._queries(reader, upstream_writer)),
            asyncio.create_task(self._answers(upstream_reader, writer)),
        ):
            self._pipes.add(pipe)
            pipe.add_done_callback(self._pipes.discard)

    async def _queries(self, source: asyncio.StreamReader, sink: asyncio.StreamWriter) -> None:
        async def forward(chunk: bytes) -> None:
            if self._hold_on is not None and self._hold_on in chunk:
                self._hold_on = None
                self._answers_flow.clear()  # this query's own answer is the first held
            sink.write(chunk)
            await sink.drain()
            if not self._answers_flow.is_set():
                self.held.set()  # a query went out while the answers are held

        await _pipe(source, sink, forward)

    async def _answers(self, source: asyncio.StreamReader, sink: asyncio.StreamWriter) -> None:
        async def forward(chunk: bytes) -> None:
            await self._answers_flow.wait()
            sink.write(chunk)
            await sink.drain()

        await _pipe(source, sink, forward)


async def _pipe(
    source: asyncio.StreamReader,
    sink: asyncio.StreamWriter,
    forward: Callable[[bytes], Awaitable[None]],
) -> None:
    with contextlib.suppress(ConnectionError, asyncio.CancelledError):
        while chunk := await source.read(65536):
            await forward(chunk)
    sink.transport.abort()
