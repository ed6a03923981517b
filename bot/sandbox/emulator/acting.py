"""What users do, simulated: joining, writing, pressing buttons, typing inline queries."""

from __future__ import annotations

import re
from collections.abc import Iterable

from bot.sandbox.botapi.params import JsonDict
from bot.sandbox.botapi.validation import format_text
from bot.sandbox.emulator.base import EmulatorBase
from bot.sandbox.emulator.records import TINY_PNG, EmulatorError, public_message
from bot.sandbox.entities.text import TRIMMED_WHITESPACE, utf16_len

_BOT_COMMAND = re.compile(r"(?<![A-Za-z0-9_/])/[A-Za-z0-9_]{1,64}(?:@[A-Za-z0-9_]{3,32})?")


def command_entities(text: str) -> list[JsonDict]:
    """bot_command entities for every "/command" or "/command@bot" in ``text``, as Telegram
    adds them to incoming messages (offsets and lengths in UTF-16 code units)."""
    entities = []
    for match in _BOT_COMMAND.finditer(text):
        offset = utf16_len(text[: match.start()])
        entities.append({"offset": offset, "length": len(match.group()), "type": "bot_command"})
    return entities


def _chat_instance(chat_id: int) -> str:
    # Stable per chat and opaque, like Telegram's.
    return str((chat_id * 2_654_435_761) % (1 << 63))


class UserActions(EmulatorBase):
    def add_user(
        self,
        user_id: int,
        first_name: str,
        *,
        language_code: str | None = "vi",
        username: str | None = None,
        last_name: str | None = None,
    ) -> JsonDict:
        """Register a user and their private chat with the bot (chat id == user id)."""
        return self._state.add_user(
            user_id,
            first_name,
            language_code=language_code,
            username=username,
            last_name=last_name,
        )

    def add_group(  # noqa: PLR0913 - keyword-only traits of the group to add
        self,
        chat_id: int,
        title: str,
        *,
        administrators: Iterable[int] = (),
        members: Iterable[int] = (),
        creator: int | None = None,
        username: str | None = None,
        bot_status: str = "member",
    ) -> JsonDict:
        """Register a group with the bot in it (``bot_status``); ids from -100... make it a
        supergroup, as on Telegram."""
        chat = self._state.add_group(chat_id, title, username=username)
        self.set_member_status(chat_id, self.bot_user["id"], bot_status)
        for user_id in members:
            self.set_member_status(chat_id, user_id, "member")
        for user_id in administrators:
            self.set_member_status(chat_id, user_id, "administrator")
        if creator is not None:
            self.set_member_status(chat_id, creator, "creator")
        return chat

    def set_member_status(self, chat_id: int, user_id: int, status: str) -> None:
        """Set a user's (or the bot's) status in a group: creator, administrator, member,
        restricted, left or kicked."""
        self._state.set_member_status(chat_id, user_id, status)

    def block_bot(self, user_id: int, blocked: bool = True) -> None:
        """The user blocks (or unblocks) the bot: sends to them fail with 403."""
        self._state.user(user_id)
        if blocked:
            self._state.blocked_by.add(user_id)
        else:
            self._state.blocked_by.discard(user_id)

    # --- what users do -------------------------------------------------------------------------

    async def send_text(
        self,
        user_id: int,
        text: str,
        *,
        chat_id: int | None = None,
        reply_to_message_id: int | None = None,
    ) -> JsonDict:
        """The user sends a text message; returns the Update (queued unless filtered)."""
        text = text.strip(TRIMMED_WHITESPACE)  # Telegram clients and servers trim messages
        if not text:
            raise EmulatorError("Telegram does not send empty messages")
        content: JsonDict = {"text": text}
        entities = command_entities(text)
        if entities:
            content["entities"] = entities
        return await self._state.post_user_message(user_id, chat_id, content, reply_to_message_id)

    async def send_sticker(
        self, user_id: int, *, emoji: str = "👍", chat_id: int | None = None
    ) -> JsonDict:
        stored = self._state.store_file("sticker", b"RIFF\x00\x00\x00\x00WEBP")
        sticker = {
            "file_id": stored.file_id,
            "file_unique_id": stored.file_unique_id,
            "type": "regular",
            "width": 512,
            "height": 512,
            "is_animated": False,
            "is_video": False,
            "emoji": emoji,
            "file_size": len(stored.data),
        }
        return await self._state.post_user_message(user_id, chat_id, {"sticker": sticker}, None)

    async def send_photo(
        self,
        user_id: int,
        *,
        caption: str | None = None,
        chat_id: int | None = None,
        data: bytes = TINY_PNG,
    ) -> JsonDict:
        content: JsonDict = {"photo": self._state.store_photo(data)}
        if caption:
            content["caption"] = caption
        return await self._state.post_user_message(user_id, chat_id, content, None)

    async def send_location(
        self, user_id: int, latitude: float, longitude: float, *, chat_id: int | None = None
    ) -> JsonDict:
        location = {"latitude": latitude, "longitude": longitude}
        return await self._state.post_user_message(user_id, chat_id, {"location": location}, None)

    async def press_button(
        self, user_id: int, chat_id: int, message_id: int, callback_data: str
    ) -> str:
        """The user presses an inline button carrying ``callback_data`` (not checked against
        the keyboard, so tests can forge data); returns the callback query id."""
        state = self._state
        user = state.user(user_id)
        chat = state.chat(chat_id)
        message = chat.messages.get(message_id)
        if message is None:
            raise EmulatorError(f"no message {message_id} in chat {chat_id}")
        query_id = state.next_query_id()
        query = {
            "id": query_id,
            "from": user,
            "message": public_message(message),
            "chat_instance": _chat_instance(chat.id),
            "data": callback_data,
        }
        state.open_callback_queries.add(query_id)
        state.enqueue("callback_query", query)
        await state.notify()
        return query_id

    async def press_button_by_text(
        self, user_id: int, chat_id: int, message_id: int, button_text: str
    ) -> str:
        """Press the callback button labelled ``button_text`` on the message's keyboard."""
        message = self.message(chat_id, message_id)
        rows = message.get("reply_markup", {}).get("inline_keyboard", [])
        buttons = [button for row in rows for button in row]
        for button in buttons:
            if button.get("text") == button_text:
                if "callback_data" not in button:
                    raise EmulatorError(f"button {button_text!r} is not a callback button")
                return await self.press_button(
                    user_id, chat_id, message_id, button["callback_data"]
                )
        labels = [button.get("text") for button in buttons]
        raise EmulatorError(
            f"no button {button_text!r} on message {message_id} in chat {chat_id}; "
            f"buttons: {labels}"
        )

    async def inline_query(self, user_id: int, query: str, *, offset: str = "") -> str:
        """The user types "@bot query"; returns the inline query id."""
        state = self._state
        query_id = state.next_query_id()
        payload = {
            "id": query_id,
            "from": state.user(user_id),
            "query": query,
            "offset": offset,
            "chat_type": "sender",
        }
        state.open_inline_queries.add(query_id)
        state.enqueue("inline_query", payload)
        await state.notify()
        return query_id

    async def send_inline_result(
        self, user_id: int, chat_id: int, inline_query_id: str, result_id: str
    ) -> JsonDict:
        """The user picks one result of the bot's answer to their inline query: the result's
        message is sent to ``chat_id`` from the user, "via" the bot, as Telegram does."""
        answer = self._state.inline_answers.get(inline_query_id)
        if answer is None:
            raise EmulatorError(f"inline query {inline_query_id!r} has no answer")
        result = next((r for r in answer["results"] if r.get("id") == result_id), None)
        if result is None:
            raise EmulatorError(f"no result {result_id!r} in the answer to {inline_query_id!r}")
        message_content = result.get("input_message_content") or {}
        if "message_text" not in message_content:
            raise EmulatorError("only results with a text message can be sent")
        formatted = format_text(
            message_content["message_text"],
            message_content.get("parse_mode"),
            message_content.get("entities"),
        )
        if formatted is None:  # format_text refuses an empty text; kept for the type checker
            raise EmulatorError("the result's message text is empty")
        content: JsonDict = {"text": formatted.text, "via_bot": self._state.bot_user}
        if formatted.entities:
            content["entities"] = formatted.entities
        if isinstance(result.get("reply_markup"), dict):
            content["reply_markup"] = result["reply_markup"]
        return await self._state.post_user_message(user_id, chat_id, content, None)
