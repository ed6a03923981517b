"""Broadcast tests: the real Application and delivery worker against the emulator, with an
admin group, officials and many subscribers."""

from __future__ import annotations

from collections.abc import AsyncIterator

import pytest

from bot.sandbox.emulator import BotApiEmulator
from tests.e2e.broadcasts.world import ADMIN_CHAT, MEMBER, OFFICIAL, World


@pytest.fixture
async def world(database_url: str) -> AsyncIterator[World]:
    emulator = BotApiEmulator()
    await emulator.start()
    emulator.add_user(OFFICIAL, "Hà", last_name="Nguyễn")
    emulator.add_user(MEMBER, "Tùng")
    emulator.add_group(ADMIN_CHAT, "Cán bộ 08-CTr/TU", members=[OFFICIAL, MEMBER])
    try:
        yield World(emulator, database_url)
    finally:
        await emulator.stop()
