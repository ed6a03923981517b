"""The real Application, polling our Bot API emulator over HTTP, on a fresh SQLite database."""

from __future__ import annotations

from collections.abc import AsyncIterator
from pathlib import Path

import pytest

from bot.app import Runtime, running_bot
from bot.sandbox.emulator import BotApiEmulator
from bot.settings import load_settings
from tests.e2e.helpers import ENGLISH_RESIDENT_ID, RESIDENT_ID


@pytest.fixture
async def emulator() -> AsyncIterator[BotApiEmulator]:
    emulator = BotApiEmulator()
    await emulator.start()
    emulator.add_user(RESIDENT_ID, "Lan", language_code="vi")
    emulator.add_user(ENGLISH_RESIDENT_ID, "Sam", language_code="en")
    yield emulator
    await emulator.stop()


@pytest.fixture
async def bot(emulator: BotApiEmulator, tmp_path: Path) -> AsyncIterator[Runtime]:
    settings = load_settings(
        None,
        telegram_bot_token=emulator.token,
        telegram_api_url=emulator.base_url,
        database_url=f"sqlite+aiosqlite:///{tmp_path / 'bot.sqlite3'}",
    )
    async with running_bot(settings) as runtime:
        yield runtime
