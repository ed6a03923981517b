"""AiohttpRequest against a local Bot API stand-in: timeouts, errors and files as PTB means them.

The server holds a call open until the test lets it go, so "the call was cut" and "the call
waited" are shown by which of two concurrent calls finishes first, never by a clock.
"""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from dataclasses import dataclass, field
from typing import Any

import pytest
from aiohttp import web
from aiohttp.test_utils import TestServer
from telegram import Bot, InputFile
from telegram.error import NetworkError, TimedOut

from bot.telegram_http import AiohttpRequest

TOKEN = "123:abc"
SHORT = 0.2  # the request's default timeout: short, so that a cut call ends the test quickly
USER = {"id": 1, "is_bot": True, "first_name": "danbiet", "username": "danbiet_bot"}
MESSAGE = {"message_id": 7, "date": 0, "chat": {"id": 5, "type": "private"}, "text": "ok"}


@dataclass
class StandIn:
    """Answers getMe and sendMessage at once; holds the calls named in ``held``."""

    held: set[str] = field(default_factory=set)
    release: asyncio.Event = field(default_factory=asyncio.Event)
    arrived: dict[str, asyncio.Event] = field(default_factory=dict)
    received: dict[str, Any] = field(default_factory=dict)
    drop: set[str] = field(default_factory=set)

    def arrival(self, method: str) -> asyncio.Event:
        return self.arrived.setdefault(method, asyncio.Event())

    async def handle(self, request: web.Request) -> web.StreamResponse:
        method = request.match_info["method"]
        fields: dict[str, Any] = {}
        for name, value in (await request.post()).items():  # form fields, as PTB sends them
            if isinstance(value, web.FileField):
                fields[name] = (value.filename, value.file.read())
            else:
                fields[name] = value
        self.received[method] = fields
        self.arrival(method).set()
        if method in self.drop:
            assert request.transport is not None
            request.transport.close()  # the server hangs up mid-call
            return web.Response()
        if method in self.held:
            await self.release.wait()
        result: Any = {
            "getMe": USER,
            "getUpdates": [{"update_id": 11, "message": MESSAGE}],
        }.get(method, MESSAGE)
        return web.json_response({"ok": True, "result": result})


@pytest.fixture
async def stand_in() -> AsyncIterator[tuple[StandIn, str]]:
    state = StandIn()
    app = web.Application()
    app.router.add_post("/bot{token}/{method}", state.handle)
    server = TestServer(app)
    await server.start_server()
    try:
        yield state, str(server.make_url("/bot"))
    finally:
        state.release.set()
        await server.close()


async def started_bot(base_url: str, default_timeout: float = SHORT) -> Bot:
    request = AiohttpRequest(4, timeout=default_timeout, media_timeout=default_timeout * 3)
    bot = Bot(TOKEN, base_url=base_url, request=request, get_updates_request=request)
    await bot.initialize()
    return bot


async def test_a_call_answered_in_time_returns_its_result(stand_in: tuple[StandIn, str]) -> None:
    state, url = stand_in
    bot = await started_bot(url)
    try:
        message = await bot.send_message(5, "xin chào")
        assert message.message_id == 7
        assert state.received["sendMessage"] == {"chat_id": "5", "text": "xin chào"}
    finally:
        await bot.shutdown()


async def test_the_default_read_timeout_cuts_a_silent_server(
    stand_in: tuple[StandIn, str],
) -> None:
    state, url = stand_in
    state.held.add("sendMessage")
    bot = await started_bot(url)
    try:
        with pytest.raises(TimedOut):
            await bot.send_message(5, "xin chào")
    finally:
        await bot.shutdown()


async def test_a_calls_own_read_timeout_wins_over_the_default(
    stand_in: tuple[StandIn, str],
) -> None:
    state, url = stand_in
    state.held.add("sendMessage")
    bot = await started_bot(url, default_timeout=600.0)  # the default would wait ten minutes
    try:
        # A guard, not a measurement: were the call's own timeout ignored, this fails (as a
        # TimeoutError, not TimedOut) instead of passing ten minutes later.
        async with asyncio.timeout(60):
            with pytest.raises(TimedOut):
                await bot.send_message(5, "xin chào", read_timeout=SHORT)
    finally:
        await bot.shutdown()


async def test_the_long_poll_waits_beyond_the_default_read_timeout(
    stand_in: tuple[StandIn, str],
) -> None:
    """getUpdates adds its poll time to the read timeout: while a plain call with the same
    default is cut, the poll is still waiting, and it returns the update once answered."""
    state, url = stand_in
    state.held.update({"getUpdates", "sendMessage"})
    bot = await started_bot(url)
    try:
        poll = asyncio.create_task(bot.get_updates(timeout=30))
        await state.arrival("getUpdates").wait()
        with pytest.raises(TimedOut):
            await bot.send_message(5, "xin chào")  # the default read timeout has now passed
        assert not poll.done()
        state.release.set()
        updates = await poll
        assert [update.update_id for update in updates] == [11]
        assert state.received["getUpdates"]["timeout"] == "30"
    finally:
        await bot.shutdown()


async def test_a_refused_connection_is_a_network_error() -> None:
    server = TestServer(web.Application())
    await server.start_server()
    url = str(server.make_url("/bot"))
    await server.close()  # nobody listens there any more
    request = AiohttpRequest(1, timeout=SHORT, media_timeout=SHORT)
    await request.initialize()
    try:
        with pytest.raises(NetworkError) as caught:
            await request.post(f"{url}{TOKEN}/getMe")
        assert not isinstance(caught.value, TimedOut)
        assert "aiohttp.Client" in str(caught.value)
    finally:
        await request.shutdown()


async def test_a_server_hanging_up_is_a_network_error(stand_in: tuple[StandIn, str]) -> None:
    state, url = stand_in
    state.drop.add("sendMessage")
    bot = await started_bot(url)
    try:
        with pytest.raises(NetworkError) as caught:
            await bot.send_message(5, "xin chào")
        assert not isinstance(caught.value, TimedOut)
    finally:
        await bot.shutdown()


async def test_files_go_as_multipart_with_the_other_parameters(
    stand_in: tuple[StandIn, str],
) -> None:
    state, url = stand_in
    bot = await started_bot(url)
    try:
        document = InputFile(b"%PDF-1.4 bao cao", filename="bao-cao.pdf")
        await bot.send_document(5, document, caption="Báo cáo quý I")
        form = state.received["sendDocument"]
        assert form["chat_id"] == "5"
        assert form["caption"] == "Báo cáo quý I"
        assert form["document"] == ("bao-cao.pdf", b"%PDF-1.4 bao cao")
    finally:
        await bot.shutdown()


async def test_an_uninitialized_request_says_so() -> None:
    request = AiohttpRequest(1, timeout=SHORT, media_timeout=SHORT)
    with pytest.raises(RuntimeError, match="not initialized"):
        await request.do_request("http://127.0.0.1:9/x", "POST")
