"""The real Application, polling our Bot API emulator over HTTP, on a fresh SQLite database."""

from __future__ import annotations

from collections.abc import AsyncIterator

import pytest

from bot.app import Runtime, running_bot
from bot.sandbox.emulator import BotApiEmulator
from bot.settings import load_settings
from tests.e2e.helpers import (
    ADMIN_CHAT,
    ENGLISH_RESIDENT_ID,
    GROUP_ADMIN,
    MEMBER,
    OFFICIAL,
    RESIDENT_ID,
)


@pytest.fixture
async def emulator() -> AsyncIterator[BotApiEmulator]:
    emulator = BotApiEmulator()
    await emulator.start()
    emulator.add_user(RESIDENT_ID, "Lan", language_code="vi")
    emulator.add_user(ENGLISH_RESIDENT_ID, "Sam", language_code="en")
    yield emulator
    await emulator.stop()


@pytest.fixture
async def bot(emulator: BotApiEmulator, database_url: str) -> AsyncIterator[Runtime]:
    settings = load_settings(
        None,
        telegram_bot_token=emulator.token,
        telegram_api_url=emulator.base_url,
        database_url=database_url,
    )
    async with running_bot(settings) as runtime:
        yield runtime


@pytest.fixture
async def group(emulator: BotApiEmulator) -> BotApiEmulator:
    """The emulator with the officials' group: one listed official, one group administrator,
    one plain member."""
    emulator.add_user(OFFICIAL, "Hà", last_name="Nguyễn")
    emulator.add_user(GROUP_ADMIN, "Minh")
    emulator.add_user(MEMBER, "Tùng")
    emulator.add_group(
        ADMIN_CHAT,
        "Cán bộ 08-CTr/TU",
        administrators=[GROUP_ADMIN],
        members=[OFFICIAL, MEMBER],
    )
    return emulator
