"""Making Telegram misbehave on purpose: injected errors, held calls and fault plans."""

from __future__ import annotations

import asyncio

from bot.sandbox.botapi.params import ApiError
from bot.sandbox.emulator.base import EmulatorBase
from bot.sandbox.emulator.records import Fault
from bot.sandbox.fault_plan import FaultPlan

ANSWER_HOLD = "answer:"  # the key of holds on answers, beside holds on calls


class FaultInjection(EmulatorBase):
    def inject_error(
        self,
        method: str,
        *,
        error_code: int,
        description: str,
        retry_after: int | None = None,
        times: int = 1,
    ) -> None:
        """Make the next ``times`` calls of ``method`` ("*": any but getUpdates) fail."""
        if times < 1:
            raise ValueError("times must be at least 1")
        if method != "*" and self._methods.lookup(method) is None:
            raise ValueError(f"the emulator implements no Bot API method {method!r}")
        if error_code == 429 and retry_after is None:
            retry_after = 1
        error = ApiError(error_code, description, retry_after=retry_after)
        self._state.faults.append(Fault(method if method == "*" else method.lower(), error, times))

    def hold_calls(self, method: str) -> None:
        """Calls of ``method`` wait, unanswered, until ``release_calls``: a slow Telegram."""
        self._holds[method.lower()] = asyncio.Event()

    def release_calls(self, method: str) -> None:
        hold = self._holds.pop(method.lower(), None)
        if hold is not None:
            hold.set()

    def hold_answers(self, method: str) -> None:
        """Calls of ``method`` are carried out (the message is delivered) but their answers
        wait until ``release_answers``: a bot killed then never learns the call succeeded."""
        self.hold_calls(ANSWER_HOLD + method)

    def release_answers(self, method: str) -> None:
        self.release_calls(ANSWER_HOLD + method)

    async def wait_for_held_calls(self, method: str, count: int, timeout: float = 5.0) -> None:  # noqa: ASYNC109
        """Wait until ``count`` calls of ``method`` are being held."""
        key = method.lower()

        def enough() -> bool | None:
            return True if self._held.get(key, 0) >= count else None

        if await self._wait_for(enough, timeout) is None:
            raise TimeoutError(f"{self._held.get(key, 0)} of {count} {method} calls held")

    async def _wait_while_held(self, method: str) -> None:
        key = method.lower()
        hold = self._holds.get(key)
        if hold is None:
            return
        self._held[key] = self._held.get(key, 0) + 1
        await self._state.notify()
        try:
            await hold.wait()
        finally:
            self._held[key] -= 1

    def inject_faults(self, plan: FaultPlan | None) -> None:
        """From now on, fail a share of calls as ``plan`` says (None: stop)."""
        self.fault_plan = plan

    def clear_injected_errors(self) -> None:
        self._state.faults.clear()

    def _take_fault(self, method: str) -> ApiError | None:
        faults = self._state.faults
        for fault in faults:
            # "*" spares getUpdates: the poller would swallow an error meant for the bot's code.
            if fault.method == method.lower() or (fault.method == "*" and method != "getUpdates"):
                fault.remaining -= 1
                if fault.remaining <= 0:
                    faults.remove(fault)
                return fault.error
        return None
