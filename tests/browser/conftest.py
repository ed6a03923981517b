"""The sandbox (emulator, the real bot, the chat page) in a background event loop, and Debian's
Chromium driven by Playwright.

Playwright never downloads a browser here: it launches ``/usr/bin/chromium`` (or
``CHROMIUM_PATH``). Without the ``playwright`` package or that binary the tests skip, saying
why (CI turns skips into failures).
"""

from __future__ import annotations

import asyncio
import os
import shutil
import threading
from collections.abc import Coroutine, Iterator
from contextlib import AsyncExitStack
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

import pytest
from aiohttp import ClientSession, web

from bot.app import running_bot
from bot.sandbox import chromium
from bot.sandbox.chat import CHAT_HUB, ChatHub, Resident, create_chat_app
from bot.sandbox.emulator import BotApiEmulator
from bot.settings import load_settings

if TYPE_CHECKING:
    from playwright.sync_api import Browser, Page

T = TypeVar("T")

ADMIN_CHAT_ID = -1001000000001
OFFICIAL_ID = 900001
STARTUP_SECONDS = 60


@dataclass
class Sandbox:
    """The running sandbox; ``run`` executes a coroutine on its event loop."""

    url: str
    emulator: BotApiEmulator
    hub: ChatHub
    loop: asyncio.AbstractEventLoop

    def run(self, coroutine: Coroutine[Any, Any, T], timeout: float = 15.0) -> T:
        return asyncio.run_coroutine_threadsafe(coroutine, self.loop).result(timeout)

    def bot_call(self, method: str, **params: Any) -> Any:
        """A Bot API call made as the bot makes it, over HTTP."""

        async def call() -> Any:
            url = f"{self.emulator.base_url}/bot{self.emulator.token}/{method}"
            async with ClientSession() as session, session.post(url, json=params) as response:
                body = await response.json()
            assert body["ok"], body
            return body["result"]

        return self.run(call())

    def create_resident(self, name: str, language: str = "vi") -> Resident:
        async def create() -> Resident:
            return self.hub.create_resident(name, language)

        return self.run(create())


def chromium_path() -> str:
    path = chromium.chromium_path()
    if not (Path(path).is_file() and os.access(path, os.X_OK)) and shutil.which(path) is None:
        pytest.skip(f"no Chromium at {path} (apt-get install chromium, or set CHROMIUM_PATH)")
    return path


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        pytest.skip("the playwright package is not installed (pip install -e '.[test]')")
    executable = chromium_path()
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=executable, args=list(chromium.ARGS))
        try:
            yield browser
        finally:
            browser.close()


async def _start_sandbox(
    stack: AsyncExitStack, database: Path
) -> tuple[str, BotApiEmulator, ChatHub]:
    emulator = BotApiEmulator()
    await emulator.start()
    stack.push_async_callback(emulator.stop)
    emulator.add_user(OFFICIAL_ID, "Cán bộ", language_code="vi")
    emulator.add_group(ADMIN_CHAT_ID, "Ban Chỉ đạo (sandbox)", administrators=[OFFICIAL_ID])
    settings = load_settings(
        None,
        telegram_bot_token=emulator.token,
        telegram_api_url=emulator.base_url,
        database_url=f"sqlite+aiosqlite:///{database}",
    )
    await stack.enter_async_context(running_bot(settings))
    app = create_chat_app(emulator, admin_chat_id=ADMIN_CHAT_ID, official_user_id=OFFICIAL_ID)
    runner = web.AppRunner(app, access_log=None, shutdown_timeout=1.0)
    await runner.setup()
    stack.push_async_callback(runner.cleanup)
    await web.TCPSite(runner, "127.0.0.1", 0).start()
    port = runner.addresses[0][1]
    return f"http://127.0.0.1:{port}/", emulator, app[CHAT_HUB]


@pytest.fixture(scope="module")
def sandbox(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Sandbox]:
    """Emulator + real bot + chat page on loopback, in a thread of their own so that the
    synchronous Playwright API can drive the browser from the test."""
    loop = asyncio.new_event_loop()
    thread = threading.Thread(target=loop.run_forever, name="sandbox-loop", daemon=True)
    thread.start()
    stack = AsyncExitStack()
    database = tmp_path_factory.mktemp("sandbox") / "sandbox.sqlite3"

    def run(coroutine: Coroutine[Any, Any, T], timeout: float = STARTUP_SECONDS) -> T:
        return asyncio.run_coroutine_threadsafe(coroutine, loop).result(timeout)

    try:
        url, emulator, hub = run(_start_sandbox(stack, database))
        yield Sandbox(url, emulator, hub, loop)
    finally:
        try:
            run(stack.aclose())
        finally:
            loop.call_soon_threadsafe(loop.stop)
            thread.join(10)
            loop.close()


@pytest.fixture
def open_page(browser: Browser, sandbox: Sandbox) -> Iterator[Any]:
    """``open_page(resident, query="")``: a fresh tab (its own sessionStorage) showing that
    resident's chat, connected and ready."""
    contexts = []

    def open_for(resident: Resident, query: str = "", *, width: int = 1000) -> Page:
        context = browser.new_context(viewport={"width": width, "height": 800})
        contexts.append(context)
        context.add_init_script(
            f"sessionStorage.setItem('danbiet.sandbox.resident', '{int(resident.id)}')"
        )
        page = context.new_page()
        page.goto(sandbox.url + query)
        page.wait_for_function("() => window.danbietSandbox && window.danbietSandbox.connected")
        return page

    yield open_for
    for context in contexts:
        context.close()
