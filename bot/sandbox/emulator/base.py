"""What the parts of ``BotApiEmulator`` share: the emulated world, and waiting on it."""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from typing import TypeVar

from bot.sandbox.botapi.params import JsonDict
from bot.sandbox.emulator.methods import BotApiMethods
from bot.sandbox.emulator.records import EmulatorError
from bot.sandbox.emulator.state import EmulatorState
from bot.sandbox.fault_plan import FaultPlan

T = TypeVar("T")


class EmulatorBase:
    """The attributes ``BotApiEmulator.__init__`` sets, for the mixins that make it up."""

    bot_user: JsonDict
    fault_plan: FaultPlan | None
    _state: EmulatorState
    _methods: BotApiMethods
    _holds: dict[str, asyncio.Event]
    _held: dict[str, int]

    def message(self, chat_id: int, message_id: int) -> JsonDict:
        message = self._state.chat(chat_id).messages.get(message_id)
        if message is None:
            raise EmulatorError(f"no message {message_id} in chat {chat_id}")
        return message

    async def _wait_for(self, find: Callable[[], T | None], within: float) -> T | None:
        """The first non-None ``find()``, re-checked on every change; None on timeout."""
        found = find()
        if found is not None:
            return found
        results: list[T] = []

        def check() -> bool:
            value = find()
            if value is not None:
                results.append(value)
            return value is not None

        try:
            async with asyncio.timeout(within), self._state.changed:
                await self._state.changed.wait_for(check)
        except TimeoutError:
            return None
        return results[-1]
