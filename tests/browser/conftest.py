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
from aiohttp import ClientSession

from bot.launcher import SANDBOX_ADMIN_CHAT_ID, running_sandbox
from bot.launcher import Sandbox as LauncherSandbox
from bot.sandbox import chromium
from bot.sandbox.chat import ChatHub, Resident
from bot.sandbox.emulator import BotApiEmulator
from bot.services.container import Services
from bot.settings import load_settings
from tests.conftest import POSTGRES_URL, clean_postgres

if TYPE_CHECKING:
    from playwright.sync_api import Browser, Page

T = TypeVar("T")

ADMIN_CHAT_ID = SANDBOX_ADMIN_CHAT_ID
STARTUP_SECONDS = 60


@dataclass
class Sandbox:
    """The running sandbox; ``run`` executes a coroutine on its event loop."""

    url: str
    emulator: BotApiEmulator
    hub: ChatHub
    loop: asyncio.AbstractEventLoop
    dashboard_url: str
    dashboard_password: str  # of the sandbox official's administrator account
    services: Services

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


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Under pytest-xdist (`--dist loadgroup`) a browser module's tests stay on one worker, so
    its Chromium and sandbox (module-scoped) start once, not once per worker."""
    here = Path(__file__).parent
    for item in items:
        if item.path.parent == here:
            item.add_marker(pytest.mark.xdist_group(f"browser-{item.path.stem}"))


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


async def _start_sandbox(stack: AsyncExitStack, database_url: str) -> LauncherSandbox:
    """The sandbox exactly as `danbiet run` starts it, on a fresh database and a free port."""
    if database_url.startswith("postgresql"):
        await clean_postgres(database_url)
    settings = load_settings(
        None,
        telegram_bot_token=None,
        admin_chat_id=None,
        sandbox_port=0,
        sandbox_database_url=database_url,
    )
    return await stack.enter_async_context(running_sandbox(settings))


@pytest.fixture(scope="module")
def sandbox(
    tmp_path_factory: pytest.TempPathFactory, request: pytest.FixtureRequest
) -> Iterator[Sandbox]:
    """Emulator + real bot + chat page on loopback, in a thread of their own so that the
    synchronous Playwright API can drive the browser from the test. On SQLite, or on
    PostgreSQL where a module parametrizes it so (indirectly, "postgresql")."""
    backend = getattr(request, "param", "sqlite")
    if backend == "postgresql" and not POSTGRES_URL:
        pytest.skip("TEST_DATABASE_URL is not set: PostgreSQL tests need a server")
    database_url = (
        POSTGRES_URL
        if backend == "postgresql"
        else f"sqlite+aiosqlite:///{tmp_path_factory.mktemp('sandbox') / 'sandbox.sqlite3'}"
    )
    loop = asyncio.new_event_loop()
    thread = threading.Thread(target=loop.run_forever, name="sandbox-loop", daemon=True)
    thread.start()
    stack = AsyncExitStack()

    def run(coroutine: Coroutine[Any, Any, T], timeout: float = STARTUP_SECONDS) -> T:
        return asyncio.run_coroutine_threadsafe(coroutine, loop).result(timeout)

    try:
        started = run(_start_sandbox(stack, database_url))
        yield Sandbox(
            started.url,
            started.emulator,
            started.hub,
            loop,
            started.dashboard_url,
            started.dashboard_password,
            started.services,
        )
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
