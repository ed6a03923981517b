"""The Bot API methods the emulator implements, one coroutine per method, in groups by concern.

Each takes the request's ``Parameters`` and returns the ``result`` of a successful call or
raises ``ApiError``. Names, limits and error descriptions follow https://core.telegram.org/bots/api.
"""

from __future__ import annotations

from bot.sandbox.emulator.methods.base import MethodHandler
from bot.sandbox.emulator.methods.chats import ChatMethods
from bot.sandbox.emulator.methods.commands import CommandMethods
from bot.sandbox.emulator.methods.files import FileMethods
from bot.sandbox.emulator.methods.messages import MessageMethods
from bot.sandbox.emulator.methods.queries import QueryMethods
from bot.sandbox.emulator.methods.updates import UpdateMethods
from bot.sandbox.emulator.methods.webhooks import WebhookMethods
from bot.sandbox.emulator.state import EmulatorState

_GROUPS = (
    UpdateMethods,
    WebhookMethods,
    MessageMethods,
    FileMethods,
    QueryMethods,
    CommandMethods,
    ChatMethods,
)


class BotApiMethods:
    def __init__(self, state: EmulatorState) -> None:
        self.state = state
        self.handlers: dict[str, tuple[str, MethodHandler]] = {}
        for group in _GROUPS:
            for name, handler in group(state).handlers().items():
                # Telegram matches method names case-insensitively.
                self.handlers[name.lower()] = (name, handler)

    def lookup(self, method: str) -> tuple[str, MethodHandler] | None:
        return self.handlers.get(method.lower())
