"""What tests read back from the emulator: calls, messages, keyboards, commands, events."""

from __future__ import annotations

from collections.abc import Callable

from bot.sandbox.botapi.params import JsonDict
from bot.sandbox.botapi.validation import validate_scope
from bot.sandbox.emulator.base import EmulatorBase
from bot.sandbox.emulator.methods.commands import scope_key
from bot.sandbox.emulator.state import Observer


class Observation(EmulatorBase):
    @property
    def pending_updates(self) -> int:
        """Updates the bot has not confirmed (getUpdates offset or webhook 2xx)."""
        return len(self._state.updates)

    @property
    def webhook(self) -> JsonDict | None:
        """The registered webhook (url, secret_token, max_connections), or None when polling."""
        return self._state.webhook

    @property
    def calls(self) -> list[tuple[str, JsonDict]]:
        """Every Bot API call as (method, decoded parameters), in order, failed ones included."""
        return self._state.calls

    @property
    def webhook_replies(self) -> list[tuple[str, JsonDict]]:
        """Every call a webhook made in its answer to an update (method, parameters), in order:
        run as Telegram runs them, and not among ``calls`` (they were no request)."""
        return self._state.webhook_replies

    @property
    def failed_calls(self) -> list[tuple[str, JsonDict, int, str]]:
        """Every call answered with an error: (method, parameters, error_code, description)."""
        return self._state.failed_calls

    @property
    def commands(self) -> dict[tuple[str, str], list[JsonDict]]:
        """setMyCommands storage: (scope JSON with sorted keys, language code or "") -> list."""
        return self._state.commands

    def commands_for(
        self, scope: JsonDict | None = None, language_code: str = ""
    ) -> list[JsonDict] | None:
        """The commands set for exactly this scope and language, or None."""
        return self._state.commands.get((scope_key(validate_scope(scope)), language_code))

    def calls_of(self, method: str) -> list[JsonDict]:
        return [params for name, params in self._state.calls if name == method]

    def messages(self, chat_id: int) -> list[JsonDict]:
        """The chat's current messages, users' and the bot's, oldest first."""
        return list(self._state.chat(chat_id).messages.values())

    def bot_messages(self, chat_id: int) -> list[JsonDict]:
        return list(self._state.iter_bot_messages(self._state.chat(chat_id)))

    def reply_keyboard(self, chat_id: int) -> JsonDict | None:
        """The reply keyboard (or force reply) the bot currently shows in the chat."""
        return self._state.chat(chat_id).reply_keyboard

    def force_reply_target(self, chat_id: int, user_id: int) -> int | None:
        """The message a Telegram client would make this user's next message reply to: the
        latest ForceReply prompt in the chat (a selective one only for the users it mentions)."""
        chat = self._state.chat(chat_id)
        if chat.force_reply_to is None or not (chat.reply_keyboard or {}).get("force_reply"):
            return None
        prompt = chat.messages.get(chat.force_reply_to)
        if prompt is None:
            return None
        if (chat.reply_keyboard or {}).get("selective"):
            mentioned = {
                entity.get("user", {}).get("id")
                for entity in prompt.get("entities", [])
                if entity.get("type") == "text_mention"
            }
            if user_id not in mentioned:
                return None
        return chat.force_reply_to

    def subscribe(self, callback: Observer) -> Callable[[], None]:
        """Observe events (see the module docstring); returns the unsubscribe function."""
        self._state.observers.append(callback)

        def unsubscribe() -> None:
            if callback in self._state.observers:
                self._state.observers.remove(callback)

        return unsubscribe
