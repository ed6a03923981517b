"""A sandbox restart keeps its chats, residents and the official's password; --reset-sandbox
wipes them; a damaged archive is set aside and the sandbox starts empty."""

from __future__ import annotations

import json
import stat
from pathlib import Path

from bot.launcher import SANDBOX_DASHBOARD_USERNAME, reset_database, running_sandbox
from bot.sandbox.archive import archive_path
from bot.settings import Settings, load_settings
from tests.e2e.helpers import ask


def _settings(database: Path) -> Settings:
    return load_settings(
        None,
        telegram_bot_token=None,
        admin_chat_id=None,
        sandbox_port=0,
        sandbox_database_url=f"sqlite+aiosqlite:///{database}",
    )


async def test_a_restart_keeps_chats_residents_and_the_password(tmp_path: Path) -> None:
    database = tmp_path / "sandbox.sqlite3"
    async with running_sandbox(_settings(database)) as first:
        resident = first.hub.create_resident("Hằng", "vi")
        reply = await ask(first.emulator, resident.id, "ty le ho ngheo")
        password = first.dashboard_password
        before = first.emulator.messages(resident.id)
    kept = archive_path(database)
    assert kept is not None
    assert kept.exists()
    assert stat.S_IMODE(kept.stat().st_mode) == 0o600  # it holds the official's password

    async with running_sandbox(_settings(database)) as second:
        assert second.dashboard_password == password
        await second.services.accounts.sign_in(SANDBOX_DASHBOARD_USERNAME, password)
        assert [r.name for r in second.hub.residents if r.id == resident.id] == ["Hằng"]
        assert second.emulator.messages(resident.id) == before
        assert reply["text"] in [message.get("text") for message in before]
        # The chat goes on where it stopped: new ids after the old, and the bot still answers.
        again = await ask(second.emulator, resident.id, "bao hiem y te")
        assert again["message_id"] > before[-1]["message_id"]
        newcomer = second.hub.create_resident("Minh", "en")
        assert newcomer.id > resident.id


async def test_reset_wipes_the_chats_and_the_password(tmp_path: Path) -> None:
    database = tmp_path / "sandbox.sqlite3"
    async with running_sandbox(_settings(database)) as first:
        resident = first.hub.create_resident("Hằng", "vi")
        await ask(first.emulator, resident.id, "ty le ho ngheo")
        password = first.dashboard_password
    reset_database(f"sqlite+aiosqlite:///{database}")
    assert not (archive_path(database) or database).exists()
    async with running_sandbox(_settings(database)) as second:
        assert second.dashboard_password != password
        assert resident.id not in {r.id for r in second.hub.residents}


async def test_a_damaged_archive_is_set_aside_and_the_sandbox_starts(tmp_path: Path) -> None:
    database = tmp_path / "sandbox.sqlite3"
    kept = archive_path(database)
    assert kept is not None
    kept.write_text("{ not json", encoding="utf-8")
    async with running_sandbox(_settings(database)) as sandbox:
        reply = await ask(sandbox.emulator, 1001, "ty le ho ngheo")
        assert "3.612" in reply["text"]
    assert kept.with_name(kept.name + ".damaged").read_text(encoding="utf-8") == "{ not json"
    assert json.loads(kept.read_text(encoding="utf-8"))["world"]["format"] == 1
