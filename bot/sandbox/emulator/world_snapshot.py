"""The emulated world as plain JSON data and back: what the sandbox keeps across a restart.

Kept: users, chats (members, messages, edit counts, the last message id, the keyboard shown),
who blocked the bot, files (their bytes base64) and photo sets, the bot's commands and menu
buttons, and where file numbering stands. Not kept: pending updates, open queries, faults and
webhooks, which belong to the process that is gone (the bot starts afresh and polls again).
"""

from __future__ import annotations

import base64
import itertools
from typing import Any

from bot.sandbox.botapi.params import JsonDict
from bot.sandbox.emulator.base import EmulatorBase
from bot.sandbox.emulator.records import ChatState, StoredFile

SNAPSHOT_FORMAT = 1


def _next_of(counter: itertools.count[int]) -> tuple[int, itertools.count[int]]:
    """The number a counter would give next, and a counter that still gives it."""
    value = next(counter)
    return value, itertools.count(value)


def _chat_json(chat: ChatState) -> JsonDict:
    return {
        "chat": chat.chat,
        "members": {str(user): status for user, status in chat.members.items()},
        "messages": list(chat.messages.values()),
        "edit_counts": {str(message): count for message, count in chat.edit_counts.items()},
        "last_message_id": chat.last_message_id,
        "reply_keyboard": chat.reply_keyboard,
        "force_reply_to": chat.force_reply_to,
    }


def _chat_of(data: dict[str, Any]) -> ChatState:
    return ChatState(
        chat=data["chat"],
        members={int(user): str(status) for user, status in data["members"].items()},
        messages={int(message["message_id"]): message for message in data["messages"]},
        edit_counts={int(message): int(count) for message, count in data["edit_counts"].items()},
        last_message_id=int(data["last_message_id"]),
        reply_keyboard=data.get("reply_keyboard"),
        force_reply_to=data.get("force_reply_to"),
    )


def _file_json(stored: StoredFile) -> JsonDict:
    return {
        "file_id": stored.file_id,
        "file_unique_id": stored.file_unique_id,
        "kind": stored.kind,
        "file_path": stored.file_path,
        "data": base64.b64encode(stored.data).decode("ascii"),
        "file_name": stored.file_name,
        "mime_type": stored.mime_type,
    }


def _file_of(data: dict[str, Any]) -> StoredFile:
    return StoredFile(
        file_id=data["file_id"],
        file_unique_id=data["file_unique_id"],
        kind=data["kind"],
        file_path=data["file_path"],
        data=base64.b64decode(data["data"]),
        file_name=data.get("file_name"),
        mime_type=data.get("mime_type"),
    )


class WorldSnapshots(EmulatorBase):
    @property
    def activity_count(self) -> int:
        """Bumped on every change of the world: a cheap "anything new?" for the archive."""
        return self._state.activity

    def world_snapshot(self) -> JsonDict:
        """Everything a restart should keep, as JSON-ready data."""
        state = self._state
        next_file, state.file_numbers = _next_of(state.file_numbers)
        return {
            "format": SNAPSHOT_FORMAT,
            "users": list(state.users.values()),
            "chats": [_chat_json(chat) for chat in state.chats.values()],
            "blocked_by": sorted(state.blocked_by),
            "files": [_file_json(stored) for stored in state.files.values()],
            "photo_sets": state.photo_sets,
            "next_file_number": next_file,
            "commands": [
                {"scope": scope, "language": language, "commands": commands}
                for (scope, language), commands in state.commands.items()
            ],
            "menu_buttons": [
                {"chat_id": chat_id, "button": button}
                for chat_id, button in state.menu_buttons.items()
            ],
        }

    def restore_world(self, snapshot: dict[str, Any]) -> None:
        """Put back a ``world_snapshot``; what the snapshot holds replaces what is here."""
        if snapshot.get("format") != SNAPSHOT_FORMAT:
            raise ValueError(f"unknown sandbox snapshot format {snapshot.get('format')!r}")
        state = self._state
        for user in snapshot["users"]:
            state.users[int(user["id"])] = user
        for data in snapshot["chats"]:
            chat = _chat_of(data)
            state.chats[chat.id] = chat
            username = chat.chat.get("username")
            if username and not chat.is_private:
                state.chats_by_username[str(username).lower()] = chat
        state.blocked_by = {int(user) for user in snapshot["blocked_by"]}
        for data in snapshot["files"]:
            stored = _file_of(data)
            state.files[stored.file_id] = stored
            state.files_by_path[stored.file_path] = stored
        state.photo_sets.update(snapshot["photo_sets"])
        state.file_numbers = itertools.count(int(snapshot["next_file_number"]))
        for item in snapshot["commands"]:
            state.commands[(str(item["scope"]), str(item["language"]))] = item["commands"]
        for item in snapshot["menu_buttons"]:
            state.menu_buttons[item["chat_id"]] = item["button"]
