"""One real bot for a whole fuzz test: the Application polling the emulator on an event loop
of its own thread, so hypothesis' synchronous examples can drive it."""

from __future__ import annotations

import asyncio
import threading
from collections.abc import Coroutine, Iterator
from contextlib import AsyncExitStack
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TypeVar

import pytest

from bot.app import Runtime, running_bot
from bot.sandbox.emulator import BotApiEmulator
from bot.settings import load_settings
from tests.conftest import POSTGRES_URL, clean_postgres
from tests.e2e.helpers import ADMIN_CHAT, MEMBER, OFFICIAL

T = TypeVar("T")
RESIDENT = 4242
STEP_SECONDS = 30


@dataclass
class LiveBot:
    loop: asyncio.AbstractEventLoop
    emulator: BotApiEmulator
    runtime: Runtime
    pool: tuple[list[str], list[dict[str, Any]]] | None = None  # see test_fuzz_bot.opened

    def run(self, coroutine: Coroutine[Any, Any, T]) -> T:
        """Run a coroutine on the bot's loop and wait for its result."""
        return asyncio.run_coroutine_threadsafe(coroutine, self.loop).result(STEP_SECONDS)

    @property
    def handled(self) -> int:
        """Updates the bot has finished with (handled or failed)."""
        counter = self.runtime.application.bot_data.metrics.updates
        return int(
            sum(
                sample.value
                for metric in counter.collect()
                for sample in metric.samples
                if sample.name.endswith("_total")
            )
        )

    async def handled_beyond(self, count: int) -> None:
        """Wait until more than ``count`` updates are finished: each one's replies are sent."""
        async with asyncio.timeout(STEP_SECONDS):
            # The bot's own counter, polled: no hook tells when an update is finished.
            while self.handled <= count:  # noqa: ASYNC110
                await asyncio.sleep(0.005)

    @property
    def update_errors(self) -> float:
        return float(self.runtime.application.bot_data.metrics.update_errors._value.get())


@pytest.fixture(params=["sqlite", "postgresql"])
def live_bot(tmp_path: Path, request: pytest.FixtureRequest) -> Iterator[LiveBot]:
    if request.param == "postgresql" and not POSTGRES_URL:
        pytest.skip("TEST_DATABASE_URL is not set: PostgreSQL tests need a server")
    database_url = (
        POSTGRES_URL
        if request.param == "postgresql"
        else f"sqlite+aiosqlite:///{tmp_path / 'fuzz.sqlite3'}"
    )
    loop = asyncio.new_event_loop()
    thread = threading.Thread(target=loop.run_forever, name="fuzzed-bot", daemon=True)
    thread.start()
    stack = AsyncExitStack()

    async def start() -> LiveBot:
        if request.param == "postgresql":
            await clean_postgres(POSTGRES_URL)
        emulator = await stack.enter_async_context(BotApiEmulator())
        emulator.add_user(RESIDENT, "Lan", language_code="vi")
        emulator.add_user(OFFICIAL, "Hà")
        emulator.add_user(MEMBER, "Tùng")
        emulator.add_group(ADMIN_CHAT, "Cán bộ", members=[OFFICIAL, MEMBER])
        settings = load_settings(
            None,
            telegram_bot_token=emulator.token,
            telegram_api_url=emulator.base_url,
            database_url=database_url,
            admin_chat_id=ADMIN_CHAT,
            admin_user_ids=str(OFFICIAL),
        )
        runtime = await stack.enter_async_context(running_bot(settings))
        return LiveBot(loop, emulator, runtime)

    try:
        yield asyncio.run_coroutine_threadsafe(start(), loop).result(STEP_SECONDS)
    finally:
        asyncio.run_coroutine_threadsafe(stack.aclose(), loop).result(STEP_SECONDS)
        loop.call_soon_threadsafe(loop.stop)
        thread.join(STEP_SECONDS)
        loop.close()
