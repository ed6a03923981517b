"""The chat page's read-only window on emulator state that the emulator's API does not expose."""

from __future__ import annotations

from bot.sandbox.botapi.params import JsonDict
from bot.sandbox.emulator import BotApiEmulator
from bot.sandbox.emulator.records import StoredFile
from bot.sandbox.emulator.state import EmulatorState


class EmulatorView:
    """Read-only views of emulator state that its public API does not expose yet; the one
    place that reaches into ``EmulatorState``."""

    def __init__(self, emulator: BotApiEmulator) -> None:
        state: EmulatorState = emulator._state  # see the class docstring
        self._state = state

    def has_user(self, user_id: int) -> bool:
        return user_id in self._state.users

    def has_chat(self, chat_id: int) -> bool:
        return chat_id in self._state.chats

    def chat(self, chat_id: int) -> JsonDict:
        return dict(self._state.chat(chat_id).chat)

    def user_name(self, user_id: int) -> str:
        user = self._state.users.get(user_id) or {}
        return str(user.get("first_name", ""))

    def is_admin(self, chat_id: int, user_id: int) -> bool:
        chat = self._state.chats.get(chat_id)
        return chat is not None and chat.members.get(user_id) in {"creator", "administrator"}

    def file(self, file_id: str) -> StoredFile | None:
        return self._state.files.get(file_id)
