"""Sending, editing and deleting text and location messages, and chat actions ("typing...")."""

from __future__ import annotations

import time

from bot.sandbox.botapi.params import JsonDict, Parameters, bad_request
from bot.sandbox.botapi.validation import (
    CHAT_ACTIONS,
    format_text,
    validate_inline_keyboard,
)
from bot.sandbox.emulator.methods.base import MethodHandler
from bot.sandbox.emulator.methods.sending import Sender, is_html
from bot.sandbox.emulator.records import (
    ADMIN_STATUSES,
    ChatState,
    public_message,
)

_NOT_MODIFIED = (
    "message is not modified: specified new message content and reply markup are exactly the "
    "same as a current content and reply markup of the message"
)
# What editMessage* compares to decide "message is not modified".
_EDITABLE_KEYS = ("text", "entities", "caption", "caption_entities", "reply_markup")


def _without(message: JsonDict, *keys: str) -> JsonDict:
    return {key: value for key, value in message.items() if key not in keys}


class MessageMethods(Sender):
    def handlers(self) -> dict[str, MethodHandler]:
        return {
            "sendMessage": self.send_message,
            "sendLocation": self.send_location,
            "sendChatAction": self.send_chat_action,
            "editMessageText": self.edit_message_text,
            "editMessageCaption": self.edit_message_caption,
            "editMessageReplyMarkup": self.edit_message_reply_markup,
            "deleteMessage": self.delete_message,
        }

    async def send_message(self, params: Parameters) -> JsonDict:
        chat = self._writable_chat(params)
        source = params.string("text")
        parse_mode = params.string("parse_mode")
        formatted = format_text(source, parse_mode, params.json_array("entities"))
        markup = self._reply_markup(params, chat)
        content = self._text_content(formatted, "text", "entities")
        if is_html(parse_mode) and source is not None and not params.raw("entities"):
            content["html"] = source
        link_preview = params.json_object("link_preview_options")
        if link_preview is not None:
            content["link_preview_options"] = link_preview
        elif params.flag("disable_web_page_preview"):
            content["link_preview_options"] = {"is_disabled": True}
        return await self._send(params, chat, content, markup)

    async def send_location(self, params: Parameters) -> JsonDict:
        chat = self._writable_chat(params)
        latitude = params.number("latitude", required=True)
        longitude = params.number("longitude", required=True)
        if latitude is None or not -90 <= latitude <= 90:
            raise bad_request("wrong latitude specified")
        if longitude is None or not -180 <= longitude <= 180:
            raise bad_request("wrong longitude specified")
        markup = self._reply_markup(params, chat)
        location = {"latitude": latitude, "longitude": longitude}
        return await self._send(params, chat, {"location": location}, markup)

    async def send_chat_action(self, params: Parameters) -> bool:
        chat = self._writable_chat(params)
        action = params.string("action", required=True)
        if action not in CHAT_ACTIONS:
            raise bad_request("wrong parameter action in request")
        await self.state.emit("chat_action", {"chat_id": chat.id, "action": action})
        return True

    def _message_to_edit(self, params: Parameters) -> tuple[ChatState, JsonDict]:
        if "inline_message_id" in params and "chat_id" not in params:
            # Messages sent via inline mode are not simulated.
            raise bad_request("MESSAGE_ID_INVALID")
        chat = self.state.resolve_chat(params.chat_id())
        self.state.check_bot_can_write(chat)
        message_id = params.integer("message_id", required=True)
        message = chat.messages.get(message_id) if message_id is not None else None
        if message is None:
            raise bad_request("message to edit not found")
        if not self.state.is_bot_message(message):
            raise bad_request("message can't be edited")
        return chat, message

    def _edit_markup(self, params: Parameters) -> JsonDict | None:
        markup = params.json_object("reply_markup")
        if markup is not None:
            if "inline_keyboard" not in markup:
                raise bad_request("inline keyboard expected")
            validate_inline_keyboard(markup)
            if not markup["inline_keyboard"]:
                return None
        return markup

    async def _apply_edit(self, chat: ChatState, old: JsonDict, new: JsonDict) -> JsonDict:
        if all(old.get(key) == new.get(key) for key in _EDITABLE_KEYS):
            raise bad_request(_NOT_MODIFIED)
        new["edit_date"] = int(time.time())
        self.state.replace_message(chat, new)
        await self.state.emit("edit", new)
        await self.state.notify()
        return public_message(new)

    async def edit_message_text(self, params: Parameters) -> JsonDict:
        chat, message = self._message_to_edit(params)
        if "text" not in message:
            raise bad_request("there is no text in the message to edit")
        source = params.string("text")
        parse_mode = params.string("parse_mode")
        formatted = format_text(source, parse_mode, params.json_array("entities"))
        markup = self._edit_markup(params)
        edited = _without(message, "text", "entities", "html", "reply_markup")
        edited.update(self._text_content(formatted, "text", "entities"))
        if is_html(parse_mode) and source is not None and not params.raw("entities"):
            edited["html"] = source
        link_preview = params.json_object("link_preview_options")
        if link_preview is not None:
            edited["link_preview_options"] = link_preview
        if markup is not None:
            edited["reply_markup"] = markup
        return await self._apply_edit(chat, message, edited)

    async def edit_message_caption(self, params: Parameters) -> JsonDict:
        chat, message = self._message_to_edit(params)
        if not any(kind in message for kind in ("photo", "document")):
            raise bad_request("there is no caption in the message to edit")
        caption = self._caption_content(params)
        markup = self._edit_markup(params)
        edited = _without(message, "caption", "caption_entities", "html", "reply_markup")
        edited.pop("show_caption_above_media", None)
        edited.update(caption)
        if markup is not None:
            edited["reply_markup"] = markup
        return await self._apply_edit(chat, message, edited)

    async def edit_message_reply_markup(self, params: Parameters) -> JsonDict:
        chat, message = self._message_to_edit(params)
        markup = self._edit_markup(params)
        edited = _without(message, "reply_markup")
        if markup is not None:
            edited["reply_markup"] = markup
        return await self._apply_edit(chat, message, edited)

    async def delete_message(self, params: Parameters) -> bool:
        chat = self.state.resolve_chat(params.chat_id())
        self.state.check_bot_can_write(chat)
        message_id = params.integer("message_id", required=True)
        message = chat.messages.get(message_id) if message_id is not None else None
        if message is None:
            raise bad_request("message to delete not found")
        bot_status = chat.members.get(self.state.bot_user["id"], "left")
        if (
            not chat.is_private
            and not self.state.is_bot_message(message)
            and bot_status not in ADMIN_STATUSES
        ):
            raise bad_request("message can't be deleted")
        del chat.messages[message["message_id"]]
        await self.state.emit("delete", message)
        await self.state.notify()
        return True
