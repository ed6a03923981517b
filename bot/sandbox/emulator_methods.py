"""The Bot API methods the emulator implements, one coroutine per method.

Each takes the request's ``Parameters`` and returns the ``result`` of a successful call or
raises ``ApiError``. Names, limits and error descriptions follow https://core.telegram.org/bots/api.
"""

from __future__ import annotations

import asyncio
import json
import re
import time
from collections.abc import Awaitable, Callable
from itertools import islice
from urllib.parse import urlsplit

from bot.sandbox.emulator_params import (
    ApiError,
    JsonDict,
    Parameters,
    UploadedFile,
    bad_request,
)
from bot.sandbox.emulator_state import (
    ADMIN_STATUSES,
    TINY_PNG,
    ChatState,
    EmulatorState,
    StoredFile,
    public_message,
)
from bot.sandbox.emulator_validation import (
    CHAT_ACTIONS,
    MAX_CALLBACK_ANSWER_LENGTH,
    format_text,
    validate_commands,
    validate_inline_keyboard,
    validate_inline_results,
    validate_language_code,
    validate_reply_markup,
    validate_scope,
)
from bot.sandbox.html_entities import FormattedText

MethodHandler = Callable[[Parameters], Awaitable[object]]

MAX_POLL_TIMEOUT = 50
_SECRET_TOKEN = re.compile(r"[A-Za-z0-9_-]{1,256}")
LOOPBACK_HOSTS = frozenset({"127.0.0.1", "localhost", "::1"})
_NOT_MODIFIED = (
    "message is not modified: specified new message content and reply markup are exactly the "
    "same as a current content and reply markup of the message"
)
_QUERY_TOO_OLD = "query is too old and response timeout expired or query ID is invalid"
_ACCEPTED_GIFT_TYPES = {
    "unlimited_gifts": False,
    "limited_gifts": False,
    "unique_gifts": False,
    "premium_subscription": False,
    "gifts_from_channels": False,
}


def scope_key(scope: JsonDict) -> str:
    """The canonical JSON of a command scope, used as a dictionary key."""
    return json.dumps(scope, sort_keys=True, separators=(",", ":"))


class BotApiMethods:
    def __init__(self, state: EmulatorState) -> None:
        self.state = state
        self.handlers: dict[str, tuple[str, MethodHandler]] = {}
        for name, handler in (
            ("getMe", self.get_me),
            ("getUpdates", self.get_updates),
            ("setWebhook", self.set_webhook),
            ("deleteWebhook", self.delete_webhook),
            ("getWebhookInfo", self.get_webhook_info),
            ("logOut", self.log_out),
            ("close", self.log_out),
            ("sendMessage", self.send_message),
            ("sendPhoto", self.send_photo),
            ("sendDocument", self.send_document),
            ("sendLocation", self.send_location),
            ("sendChatAction", self.send_chat_action),
            ("editMessageText", self.edit_message_text),
            ("editMessageCaption", self.edit_message_caption),
            ("editMessageReplyMarkup", self.edit_message_reply_markup),
            ("deleteMessage", self.delete_message),
            ("answerCallbackQuery", self.answer_callback_query),
            ("answerInlineQuery", self.answer_inline_query),
            ("setMyCommands", self.set_my_commands),
            ("getMyCommands", self.get_my_commands),
            ("deleteMyCommands", self.delete_my_commands),
            ("setChatMenuButton", self.set_chat_menu_button),
            ("getChatMenuButton", self.get_chat_menu_button),
            ("getChat", self.get_chat),
            ("getChatMember", self.get_chat_member),
            ("getChatAdministrators", self.get_chat_administrators),
            ("getFile", self.get_file),
        ):
            # Telegram matches method names case-insensitively.
            self.handlers[name.lower()] = (name, handler)

    def lookup(self, method: str) -> tuple[str, MethodHandler] | None:
        return self.handlers.get(method.lower())

    # --- bot and updates --------------------------------------------------------------------

    async def get_me(self, params: Parameters) -> JsonDict:
        return {
            **self.state.bot_user,
            "can_join_groups": True,
            "can_read_all_group_messages": not self.state.group_privacy,
            "supports_inline_queries": True,
            "can_connect_to_business": False,
            "has_main_web_app": False,
        }

    async def get_updates(self, params: Parameters) -> list[JsonDict]:
        state = self.state
        if state.webhook is not None:
            raise ApiError(
                409,
                "Conflict: can't use getUpdates method while webhook is active; "
                "use deleteWebhook to delete the webhook first",
            )
        offset = params.integer("offset")
        limit = min(max(params.integer("limit", default=100) or 100, 1), 100)
        timeout = min(max(params.integer("timeout", default=0) or 0, 0), MAX_POLL_TIMEOUT)
        allowed = params.json_array("allowed_updates")
        if allowed is not None:
            state.set_allowed_updates(allowed)
        if offset is not None:
            state.confirm_updates(offset)
        # A newer getUpdates call terminates an older one that is still waiting.
        state.poll_generation += 1
        generation = state.poll_generation
        await state.notify()
        if not state.updates and timeout > 0 and not state.closing:
            try:
                async with asyncio.timeout(timeout), state.changed:
                    await state.changed.wait_for(
                        lambda: (
                            bool(state.updates)
                            or state.closing
                            or generation != state.poll_generation
                        )
                    )
            except TimeoutError:
                pass
        if generation != state.poll_generation:
            raise ApiError(
                409,
                "Conflict: terminated by other getUpdates request; "
                "make sure that only one bot instance is running",
            )
        return list(islice(state.updates, limit))

    async def set_webhook(self, params: Parameters) -> bool:
        url = params.string("url") or ""
        if not url:
            return await self.delete_webhook(params)
        parts = urlsplit(url)
        # Telegram wants HTTPS; plain HTTP on loopback lets tests reach a bot on this machine.
        local = parts.scheme == "http" and parts.hostname in LOOPBACK_HOSTS
        if not parts.hostname or (parts.scheme != "https" and not local):
            raise bad_request("bad webhook: An HTTPS URL must be provided for webhook")
        secret = params.string("secret_token")
        if secret is not None and not _SECRET_TOKEN.fullmatch(secret):
            raise bad_request("secret token contains unallowed characters")
        allowed = params.json_array("allowed_updates")
        if allowed is not None:
            self.state.set_allowed_updates(allowed)
        if params.flag("drop_pending_updates"):
            self.state.updates.clear()
        max_connections = params.integer("max_connections", default=40) or 40
        if not 1 <= max_connections <= 100:
            raise bad_request("bad webhook: max_connections must be between 1 and 100")
        self.state.webhook = {
            "url": url,
            "secret_token": secret,
            "max_connections": max_connections,
        }
        await self.state.notify()
        return True

    async def delete_webhook(self, params: Parameters) -> bool:
        self.state.webhook = None
        if params.flag("drop_pending_updates"):
            self.state.updates.clear()
        await self.state.notify()
        return True

    async def get_webhook_info(self, params: Parameters) -> JsonDict:
        webhook = self.state.webhook
        info: JsonDict = {
            "url": webhook["url"] if webhook else "",
            "has_custom_certificate": False,
            "pending_update_count": len(self.state.updates),
        }
        if webhook:
            info["max_connections"] = webhook["max_connections"]
            info["allowed_updates"] = sorted(self.state.allowed_updates)
            if self.state.webhook_error is not None:
                info["last_error_date"], info["last_error_message"] = self.state.webhook_error
        return info

    async def log_out(self, params: Parameters) -> bool:
        return True

    # --- sending -------------------------------------------------------------------------------

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

    async def send_message(self, params: Parameters) -> JsonDict:
        chat = self._writable_chat(params)
        source = params.string("text")
        parse_mode = params.string("parse_mode")
        formatted = format_text(source, parse_mode, params.json_array("entities"))
        markup = self._reply_markup(params, chat)
        content = self._text_content(formatted, "text", "entities")
        if _is_html(parse_mode) and source is not None and not params.raw("entities"):
            content["html"] = source
        link_preview = params.json_object("link_preview_options")
        if link_preview is not None:
            content["link_preview_options"] = link_preview
        elif params.flag("disable_web_page_preview"):
            content["link_preview_options"] = {"is_disabled": True}
        return await self._send(params, chat, content, markup)

    def _caption_content(self, params: Parameters) -> JsonDict:
        source = params.string("caption")
        parse_mode = params.string("parse_mode")
        formatted = format_text(
            source, parse_mode, params.json_array("caption_entities"), is_caption=True
        )
        content = self._text_content(formatted, "caption", "caption_entities")
        if formatted is not None and _is_html(parse_mode) and not params.raw("caption_entities"):
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

    async def send_photo(self, params: Parameters) -> JsonDict:
        chat = self._writable_chat(params)
        photo = self._input_file(params, "photo")
        caption = self._caption_content(params)
        markup = self._reply_markup(params, chat)
        if isinstance(photo, UploadedFile):
            sizes = self.state.store_photo(photo.data)
        elif _is_url(photo):
            # No internet here: a URL photo becomes a synthetic image.
            sizes = self.state.store_photo(TINY_PNG)
        else:
            self._existing_file(photo, "photo")
            sizes = self.state.photo_sets[photo]
        content: JsonDict = {"photo": sizes, **caption}
        if params.flag("has_spoiler"):
            content["has_media_spoiler"] = True
        return await self._send(params, chat, content, markup)

    async def send_document(self, params: Parameters) -> JsonDict:
        chat = self._writable_chat(params)
        document = self._input_file(params, "document")
        caption = self._caption_content(params)
        markup = self._reply_markup(params, chat)
        if isinstance(document, UploadedFile):
            stored = self.state.store_file(
                "document",
                document.data,
                file_name=document.filename,
                mime_type=document.content_type,
            )
        elif _is_url(document):
            name = urlsplit(document).path.rsplit("/", 1)[-1] or "file"
            stored = self.state.store_file("document", b"", file_name=name)
        else:
            stored = self._existing_file(document, "document")
        document_json: JsonDict = {
            "file_id": stored.file_id,
            "file_unique_id": stored.file_unique_id,
            "file_size": len(stored.data),
        }
        if stored.file_name:
            document_json["file_name"] = stored.file_name
        if stored.mime_type:
            document_json["mime_type"] = stored.mime_type
        return await self._send(params, chat, {"document": document_json, **caption}, markup)

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

    # --- editing and deleting --------------------------------------------------------------------

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
        if _is_html(parse_mode) and source is not None and not params.raw("entities"):
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

    # --- queries ---------------------------------------------------------------------------------

    async def answer_callback_query(self, params: Parameters) -> bool:
        query_id = params.string("callback_query_id", required=True) or ""
        if query_id not in self.state.open_callback_queries:
            raise bad_request(_QUERY_TOO_OLD)
        text = params.string("text")
        if text is not None and len(text) > MAX_CALLBACK_ANSWER_LENGTH:
            raise bad_request("MESSAGE_TOO_LONG")
        self.state.open_callback_queries.discard(query_id)
        answer = dict(params.values)
        self.state.callback_answers[query_id] = answer
        await self.state.emit("callback_answer", answer)
        await self.state.notify()
        return True

    async def answer_inline_query(self, params: Parameters) -> bool:
        query_id = params.string("inline_query_id", required=True) or ""
        if query_id not in self.state.open_inline_queries:
            raise bad_request(_QUERY_TOO_OLD)
        results = validate_inline_results(params.json_array("results", required=True) or [])
        self.state.open_inline_queries.discard(query_id)
        answer = {**params.values, "results": results}
        self.state.inline_answers[query_id] = answer
        await self.state.emit("inline_answer", answer)
        await self.state.notify()
        return True

    # --- commands and menu -----------------------------------------------------------------------

    def _command_key(self, params: Parameters) -> tuple[str, str]:
        scope = validate_scope(params.json_object("scope"))
        if "chat_id" in scope:
            scope["chat_id"] = self.state.resolve_chat(scope["chat_id"]).id
        language = validate_language_code(params.string("language_code"))
        return scope_key(scope), language

    async def set_my_commands(self, params: Parameters) -> bool:
        commands = validate_commands(params.json_array("commands", required=True) or [])
        key = self._command_key(params)
        if commands:
            self.state.commands[key] = commands
        else:
            self.state.commands.pop(key, None)
        return True

    async def get_my_commands(self, params: Parameters) -> list[JsonDict]:
        return self.state.commands.get(self._command_key(params), [])

    async def delete_my_commands(self, params: Parameters) -> bool:
        self.state.commands.pop(self._command_key(params), None)
        return True

    def _menu_chat(self, params: Parameters) -> int | None:
        if "chat_id" not in params:
            return None
        chat = self.state.resolve_chat(params.chat_id())
        if not chat.is_private:
            raise bad_request("menu button can be set only in private chats")
        return chat.id

    async def set_chat_menu_button(self, params: Parameters) -> bool:
        chat_id = self._menu_chat(params)
        button = params.json_object("menu_button") or {"type": "default"}
        kind = button.get("type")
        if kind == "web_app":
            web_app = button.get("web_app")
            url = web_app.get("url") if isinstance(web_app, dict) else None
            if not isinstance(button.get("text"), str) or not isinstance(url, str):
                raise bad_request("can't parse menu button JSON object")
            if urlsplit(url).scheme != "https":
                raise bad_request("BUTTON_URL_INVALID")
        elif kind not in {"commands", "default"}:
            raise bad_request("can't parse menu button JSON object")
        self.state.menu_buttons[chat_id] = button
        return True

    async def get_chat_menu_button(self, params: Parameters) -> JsonDict:
        chat_id = self._menu_chat(params)
        buttons = self.state.menu_buttons
        return buttons.get(chat_id) or buttons.get(None) or {"type": "default"}

    # --- chats and files -------------------------------------------------------------------------

    async def get_chat(self, params: Parameters) -> JsonDict:
        chat = self.state.resolve_chat(params.chat_id())
        if chat.members.get(self.state.bot_user["id"]) == "kicked":
            self.state.check_bot_can_write(chat)
        return {
            **chat.chat,
            "accent_color_id": 0,
            "max_reaction_count": 11,
            "accepted_gift_types": dict(_ACCEPTED_GIFT_TYPES),
        }

    async def get_chat_member(self, params: Parameters) -> JsonDict:
        chat = self.state.resolve_chat(params.chat_id())
        user_id = params.integer("user_id", required=True)
        return self.state.chat_member(chat, user_id or 0)

    async def get_chat_administrators(self, params: Parameters) -> list[JsonDict]:
        chat = self.state.resolve_chat(params.chat_id())
        if chat.is_private:
            raise bad_request("there are no administrators in the private chat")
        return [
            self.state.chat_member(chat, user_id)
            for user_id, status in chat.members.items()
            if status in ADMIN_STATUSES
        ]

    async def get_file(self, params: Parameters) -> JsonDict:
        file_id = params.string("file_id", required=True) or ""
        stored = self.state.files.get(file_id)
        if stored is None:
            raise bad_request("invalid file_id")
        return stored.as_file()


# What editMessage* compares to decide "message is not modified".
_EDITABLE_KEYS = ("text", "entities", "caption", "caption_entities", "reply_markup")


def _without(message: JsonDict, *keys: str) -> JsonDict:
    return {key: value for key, value in message.items() if key not in keys}


def _is_html(parse_mode: str | None) -> bool:
    return parse_mode is not None and parse_mode.lower() == "html"


def _is_url(value: str) -> bool:
    return urlsplit(value).scheme in {"http", "https"}
