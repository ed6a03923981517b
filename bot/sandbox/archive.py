"""The sandbox kept across restarts: its chats, residents and the official's password.

The database already keeps tickets, subscriptions and questions; without this file a restart
would show empty chats beside them and print a new password. The archive is one JSON file
beside the sandbox's SQLite database (``danbiet-sandbox.sqlite3.chat.json``), written whole to a
temporary file and renamed (never half-written), readable by its owner only since it holds the
sandbox official's password. ``danbiet run --reset-sandbox`` deletes it with the database.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import logging
import os
from pathlib import Path
from typing import Any, Final

from bot.sandbox.chat import ChatHub
from bot.sandbox.emulator import BotApiEmulator

logger = logging.getLogger(__name__)

ARCHIVE_SUFFIX: Final = ".chat.json"
SAVE_EVERY_SECONDS: Final = 1.0  # at most this much chat is lost if the process is killed


def archive_path(database_path: Path | None) -> Path | None:
    """Where the archive of a sandbox with this SQLite file lives (None: no file database)."""
    if database_path is None:
        return None
    return database_path.with_name(database_path.name + ARCHIVE_SUFFIX)


class SandboxArchive:
    def __init__(self, path: Path, emulator: BotApiEmulator) -> None:
        self.path = path
        self._emulator = emulator
        self._saved_activity: tuple[int, int] | None = None

    def load(self) -> dict[str, Any] | None:
        """The archive's data, or None when there is none or it cannot be read (a damaged
        archive is set aside, not lost, and the sandbox starts empty)."""
        try:
            data = json.loads(self.path.read_text(encoding="utf-8"))
        except FileNotFoundError:
            return None
        except (OSError, ValueError) as error:
            aside = self.path.with_name(self.path.name + ".damaged")
            with contextlib.suppress(OSError):
                self.path.replace(aside)
            logger.warning("sandbox archive unreadable (%s); set aside as %s", error, aside.name)
            return None
        return data if isinstance(data, dict) else None

    def restore(self, data: dict[str, Any]) -> None:
        """Put the emulator's world back (before the chat page and the bot start)."""
        self._emulator.restore_world(data["world"])

    def save(self, hub: ChatHub, password: str) -> None:
        data = {
            "world": self._emulator.world_snapshot(),
            "residents": [resident.to_json() for resident in hub.residents],
            "dashboard_password": password,
        }
        temporary = self.path.with_name(self.path.name + ".tmp")
        descriptor = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        with os.fdopen(descriptor, "w", encoding="utf-8") as file:
            json.dump(data, file, ensure_ascii=False, separators=(",", ":"))
        temporary.replace(self.path)

    async def keep(self, hub: ChatHub, password: str) -> None:
        """Save whenever the chat changed, at most once a second, until cancelled; then once
        more, so that a clean stop loses nothing."""
        try:
            while True:
                self.save_if_changed(hub, password)
                await asyncio.sleep(SAVE_EVERY_SECONDS)
        finally:
            self.save_if_changed(hub, password)

    def save_if_changed(self, hub: ChatHub, password: str) -> None:
        activity = (self._emulator.activity_count, len(hub.residents))
        if activity == self._saved_activity:
            return
        try:
            self.save(hub, password)
        except OSError as error:
            logger.warning("sandbox archive not saved: %s", error)
            return
        self._saved_activity = activity
