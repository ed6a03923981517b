"""Broadcast tests: the real Application and delivery worker against the emulator, with an
admin group, officials and many subscribers."""

from __future__ import annotations

from collections.abc import AsyncIterator
from pathlib import Path

import pytest

from bot.sandbox.emulator import BotApiEmulator
from tests.e2e.broadcasts.world import ADMIN_CHAT, MEMBER, OFFICIAL, World


@pytest.fixture
async def world(tmp_path: Path) -> AsyncIterator[World]:
    emulator = BotApiEmulator()
    await emulator.start()
    emulator.add_user(OFFICIAL, "Hà", last_name="Nguyễn")
    emulator.add_user(MEMBER, "Tùng")
    emulator.add_group(ADMIN_CHAT, "Cán bộ 08-CTr/TU", members=[OFFICIAL, MEMBER])
    try:
        yield World(emulator, f"sqlite+aiosqlite:///{tmp_path / 'bot.sqlite3'}")
    finally:
        await emulator.stop()
