"""A group of Bot API methods sharing the emulated world; each group lists the methods it serves."""

from __future__ import annotations

from collections.abc import Awaitable, Callable

from bot.sandbox.botapi.params import Parameters
from bot.sandbox.emulator.state import EmulatorState

MethodHandler = Callable[[Parameters], Awaitable[object]]


class MethodGroup:
    def __init__(self, state: EmulatorState) -> None:
        self.state = state

    def handlers(self) -> dict[str, MethodHandler]:
        """Bot API method name (as documented) -> its coroutine."""
        raise NotImplementedError
