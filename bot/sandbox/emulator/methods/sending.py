"""What every sending method shares: the target chat, the reply, the keyboard, the text or
caption with its entities, input files, and storing the new bot message."""

from __future__ import annotations

from urllib.parse import urlsplit

from bot.sandbox.botapi.params import JsonDict, Parameters, UploadedFile, bad_request
from bot.sandbox.botapi.validation import format_text, validate_reply_markup
from bot.sandbox.emulator.methods.base import MethodGroup
from bot.sandbox.emulator.records import ChatState, StoredFile, public_message
from bot.sandbox.entities.text import FormattedText


def is_html(parse_mode: str | None) -> bool:
    return parse_mode is not None and parse_mode.lower() == "html"


def is_url(value: str) -> bool:
    return urlsplit(value).scheme in {"http", "https"}


class Sender(MethodGroup):
    """A method group that sends messages."""

    def _writable_chat(self, params: Parameters) -> ChatState:
        chat = self.state.resolve_chat(params.chat_id())
        self.state.check_bot_can_write(chat)
        return chat

    def _text_content(
        self, formatted: FormattedText | None, text_key: str, entities_key: str
    ) -> JsonDict:
        """The text (or caption) fields of a message; mentions get the full user object."""
        if formatted is None:
            return {}
        content: JsonDict = {text_key: formatted.text}
        if formatted.entities:
            content[entities_key] = [
                {**entity, "user": self.state.users[entity["user"]["id"]]}
                if entity["type"] == "text_mention" and entity["user"]["id"] in self.state.users
                else entity
                for entity in formatted.entities
            ]
        return content

    def _reply_markup(self, params: Parameters, chat: ChatState) -> JsonDict | None:
        markup = params.json_object("reply_markup")
        if markup is not None:
            validate_reply_markup(markup, private_chat=chat.is_private)
        return markup

    def _reply_target(self, params: Parameters, chat: ChatState) -> JsonDict | None:
        """The message being replied to (reply_parameters or legacy reply_to_message_id)."""
        reply = params.json_object("reply_parameters")
        if reply is not None:
            message_id = reply.get("message_id")
            allow_missing = bool(reply.get("allow_sending_without_reply"))
            other_chat = reply.get("chat_id")
            if other_chat is not None and self.state.resolve_chat(other_chat) is not chat:
                raise bad_request("the emulator does not support replies to other chats")
        else:
            message_id = params.integer("reply_to_message_id")
            allow_missing = params.flag("allow_sending_without_reply")
        if message_id is None:
            return None
        replied = (
            self.state.reply_snapshot(chat, message_id) if isinstance(message_id, int) else None
        )
        if replied is None and not allow_missing:
            raise bad_request("message to be replied not found")
        return replied

    async def _send(
        self,
        params: Parameters,
        chat: ChatState,
        content: JsonDict,
        markup: JsonDict | None,
    ) -> JsonDict:
        """Store a new bot message made of ``content``, tell observers, return it."""
        reply_to = self._reply_target(params, chat)
        message = self.state.new_message(chat, self.state.bot_user)
        if reply_to is not None:
            message["reply_to_message"] = reply_to
        message.update(content)
        if params.flag("protect_content"):
            message["has_protected_content"] = True
        if markup is not None:
            if "inline_keyboard" in markup:
                message["reply_markup"] = markup
            elif markup.get("remove_keyboard"):
                chat.reply_keyboard = None
            else:
                chat.reply_keyboard = markup
                if markup.get("force_reply"):
                    chat.force_reply_to = message["message_id"]
        self.state.store_message(chat, message)
        await self.state.emit("message", message)
        await self.state.notify()
        return public_message(message)

    def _caption_content(self, params: Parameters) -> JsonDict:
        source = params.string("caption")
        parse_mode = params.string("parse_mode")
        formatted = format_text(
            source, parse_mode, params.json_array("caption_entities"), is_caption=True
        )
        content = self._text_content(formatted, "caption", "caption_entities")
        if formatted is not None and is_html(parse_mode) and not params.raw("caption_entities"):
            content["html"] = source
        if params.flag("show_caption_above_media"):
            content["show_caption_above_media"] = True
        return content

    def _input_file(self, params: Parameters, name: str) -> UploadedFile | str:
        value = params.raw(name)
        if isinstance(value, str) and value.startswith("attach://"):
            value = params.raw(value.removeprefix("attach://"))
        if isinstance(value, UploadedFile):
            if not value.data:
                raise bad_request("file must be non-empty")
            return value
        if isinstance(value, str) and value:
            return value
        raise bad_request(f"there is no {name} in the request")

    def _existing_file(self, file_id: str, kind: str) -> StoredFile:
        stored = self.state.files.get(file_id)
        if stored is None:
            raise bad_request("wrong file identifier/HTTP URL specified")
        if stored.kind != kind:
            raise bad_request(
                f"can't use file of type {stored.kind.capitalize()} as {kind.capitalize()}"
            )
        return stored
