"""Waiting for the bot: its next message, an edit, an answer, or for it to fall idle.

Every wait re-checks its condition when the emulated world changes; nothing polls."""

from __future__ import annotations

import asyncio
import functools
from collections.abc import Callable

from bot.sandbox.botapi.params import JsonDict
from bot.sandbox.emulator.base import EmulatorBase
from bot.sandbox.emulator.records import EmulatorError
from bot.sandbox.emulator.state import EmulatorState


def _changed_since(state: EmulatorState, activity: int) -> bool | None:
    return True if state.activity != activity else None


class Waiting(EmulatorBase):
    async def wait_for_webhook_error(self, timeout: float = 5.0) -> str:  # noqa: ASYNC109
        """The next failed webhook delivery's description (as getWebhookInfo reports it)."""
        self._state.webhook_error = None

        def find() -> str | None:
            error = self._state.webhook_error
            return error[1] if error is not None else None

        found = await self._wait_for(find, timeout)
        if found is None:
            raise TimeoutError(f"no webhook delivery failed within {timeout}s")
        return found

    async def wait_for_bot_message(
        self,
        chat_id: int,
        predicate: Callable[[JsonDict], bool] | None = None,
        *,
        timeout: float = 5.0,  # noqa: ASYNC109 - part of the specified test API
        after: int | None = None,
    ) -> JsonDict:
        """The first bot message in the chat newer than ``after`` (default: newer than any
        message at the time of the call) that satisfies ``predicate``.

        When other awaits separate the triggering action from this call, pass
        ``after=update["message"]["message_id"]`` so that a quick reply is not missed.
        """
        chat = self._state.chat(chat_id)
        newer_than = chat.last_message_id if after is None else after

        def find() -> JsonDict | None:
            for message in chat.messages_after(newer_than):
                if self._state.is_bot_message(message) and (
                    predicate is None or predicate(message)
                ):
                    return message
            return None

        found = await self._wait_for(find, timeout)
        if found is None:
            wanted = "matching the predicate " if predicate is not None else ""
            raise TimeoutError(
                f"no bot message {wanted}in chat {chat_id} after message_id {newer_than} "
                f"within {timeout}s\n{self._state.describe_recent(chat)}"
            )
        return found

    async def wait_for_edit(
        self,
        chat_id: int,
        message_id: int,
        predicate: Callable[[JsonDict], bool] | None = None,
        *,
        timeout: float = 5.0,  # noqa: ASYNC109 - part of the specified test API
    ) -> JsonDict:
        """The message once it has been edited (at least once) and satisfies ``predicate``."""
        chat = self._state.chat(chat_id)

        def find() -> JsonDict | None:
            message = chat.messages.get(message_id)
            if message is None or not chat.edit_counts.get(message_id):
                return None
            return message if predicate is None or predicate(message) else None

        found = await self._wait_for(find, timeout)
        if found is None:
            state = "deleted" if message_id not in chat.messages else "not edited as expected"
            raise TimeoutError(
                f"message {message_id} in chat {chat_id} {state} within {timeout}s\n"
                f"{self._state.describe_recent(chat)}"
            )
        return found

    async def wait_for_callback_answer(
        self,
        callback_query_id: str,
        timeout: float = 5.0,  # noqa: ASYNC109 - part of the specified test API
    ) -> JsonDict:
        """The answerCallbackQuery parameters for that query."""
        state = self._state
        if callback_query_id not in state.open_callback_queries | state.callback_answers.keys():
            raise EmulatorError(f"unknown callback query {callback_query_id}")
        found = await self._wait_for(lambda: state.callback_answers.get(callback_query_id), timeout)
        if found is None:
            raise TimeoutError(
                f"callback query {callback_query_id} not answered within {timeout}s"
                f"{self._state.describe_failed_calls()}"
            )
        return found

    async def wait_for_inline_answer(
        self,
        inline_query_id: str,
        timeout: float = 5.0,  # noqa: ASYNC109 - part of the specified test API
    ) -> JsonDict:
        """The answerInlineQuery parameters for that query, with "results" parsed."""
        state = self._state
        if inline_query_id not in state.open_inline_queries | state.inline_answers.keys():
            raise EmulatorError(f"unknown inline query {inline_query_id}")
        found = await self._wait_for(lambda: state.inline_answers.get(inline_query_id), timeout)
        if found is None:
            raise TimeoutError(
                f"inline query {inline_query_id} not answered within {timeout}s"
                f"{self._state.describe_failed_calls()}"
            )
        return found

    async def wait_until_idle(
        self,
        timeout: float = 5.0,  # noqa: ASYNC109 - part of the specified test API
        *,
        quiet_period: float = 0.05,
    ) -> None:
        """Wait until every queued update was confirmed by getUpdates, no bot request is in
        flight, and that stays so for ``quiet_period`` seconds.

        The quiet period covers the moment between the bot confirming an update and its
        handler's first request, which no server can observe.
        """
        state = self._state
        loop = asyncio.get_running_loop()
        deadline = loop.time() + timeout

        def idle() -> bool | None:
            return True if not state.updates and state.requests_in_flight == 0 else None

        while True:
            if await self._wait_for(idle, max(deadline - loop.time(), 0)) is None:
                raise TimeoutError(
                    f"the bot is not idle after {timeout}s: {len(state.updates)} updates not "
                    f"confirmed, {state.requests_in_flight} requests in flight"
                )
            activity = state.activity
            quiet = max(min(quiet_period, deadline - loop.time()), 0)
            changed = await self._wait_for(
                functools.partial(_changed_since, state, activity), quiet
            )
            if changed is None and idle():
                return
