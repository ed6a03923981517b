"""Telegram's validation rules for texts, keyboards, commands and inline results.

Each check raises ApiError with the description the real Bot API uses, so that a bot which
would fail in production fails the same way under test.
"""

from __future__ import annotations

import re
from typing import Any
from urllib.parse import urlsplit

from bot.sandbox.botapi.params import JsonDict, bad_request
from bot.sandbox.entities.html import parse_html
from bot.sandbox.entities.markdown import parse_markdown, parse_markdown_v2
from bot.sandbox.entities.text import EntityParseError, FormattedText, trim_formatted, utf16_len

MAX_TEXT_LENGTH = 4096
MAX_CAPTION_LENGTH = 1024
MAX_CALLBACK_ANSWER_LENGTH = 200
MAX_INLINE_RESULTS = 50
MAX_KEYBOARD_BUTTONS = 100

ENTITY_TYPES = frozenset(
    {
        "mention",
        "hashtag",
        "cashtag",
        "bot_command",
        "url",
        "email",
        "phone_number",
        "bold",
        "italic",
        "underline",
        "strikethrough",
        "spoiler",
        "blockquote",
        "expandable_blockquote",
        "code",
        "pre",
        "text_link",
        "text_mention",
        "custom_emoji",
        "date_time",
    }
)
INLINE_BUTTON_ACTIONS = (
    "url",
    "callback_data",
    "web_app",
    "login_url",
    "switch_inline_query",
    "switch_inline_query_current_chat",
    "switch_inline_query_chosen_chat",
    "copy_text",
    "callback_game",
    "pay",
)
CHAT_ACTIONS = frozenset(
    {
        "typing",
        "upload_photo",
        "record_video",
        "upload_video",
        "record_voice",
        "upload_voice",
        "upload_document",
        "choose_sticker",
        "find_location",
        "record_video_note",
        "upload_video_note",
    }
)
INLINE_RESULT_TYPES = frozenset(
    {
        "article",
        "photo",
        "gif",
        "mpeg4_gif",
        "video",
        "audio",
        "voice",
        "document",
        "location",
        "venue",
        "contact",
        "game",
        "sticker",
    }
)
COMMAND_SCOPE_TYPES = frozenset(
    {
        "default",
        "all_private_chats",
        "all_group_chats",
        "all_chat_administrators",
        "chat",
        "chat_administrators",
        "chat_member",
    }
)
_STRING_ACTIONS = frozenset({"switch_inline_query", "switch_inline_query_current_chat"})
_COMMAND_NAME = re.compile(r"[a-z0-9_]{1,32}")
_BUTTON_URL_SCHEMES = frozenset({"http", "https", "tg"})


def format_text(
    text: str | None,
    parse_mode: str | None,
    entities: list[Any] | None,
    *,
    is_caption: bool = False,
) -> FormattedText | None:
    """The stored text after entity parsing and trimming; None for an absent caption.

    Raises the Bot API's errors for parse failures, an empty message text and over-long texts.
    """
    if not text:
        if is_caption:
            return None
        raise bad_request("message text is empty")
    if entities:
        formatted = FormattedText(text, _checked_entities(text, entities))
    elif parse_mode:
        formatted = parse_with_mode(text, parse_mode)
    else:
        formatted = FormattedText(text, [])
    formatted = trim_formatted(formatted)
    if not formatted.text:
        if is_caption:
            return None
        raise bad_request("message text is empty")
    limit = MAX_CAPTION_LENGTH if is_caption else MAX_TEXT_LENGTH
    if utf16_len(formatted.text) > limit:
        raise bad_request("message caption is too long" if is_caption else "message is too long")
    return formatted


def parse_with_mode(text: str, parse_mode: str) -> FormattedText:
    mode = parse_mode.lower()
    try:
        if mode == "html":
            return parse_html(text)
        if mode == "markdownv2":
            return parse_markdown_v2(text)
        if mode == "markdown":
            return parse_markdown(text)
    except EntityParseError as error:
        raise bad_request(f"can't parse entities: {error}") from None
    raise bad_request(f"unsupported parse_mode {parse_mode!r}")


def _checked_entities(text: str, entities: list[Any]) -> list[JsonDict]:
    """Explicit entities: well-formed ones are clipped to the text, as Telegram does."""
    text_length = utf16_len(text)
    checked: list[JsonDict] = []
    for entity in entities:
        if not isinstance(entity, dict):
            raise bad_request("can't parse entities JSON object")
        offset, length, kind = entity.get("offset"), entity.get("length"), entity.get("type")
        if not isinstance(offset, int) or not isinstance(length, int):
            raise bad_request('can\'t parse MessageEntity: Field "offset" must be of type Number')
        if kind not in ENTITY_TYPES:
            raise bad_request("can't parse MessageEntity: Unsupported type specified")
        if kind == "text_link" and not isinstance(entity.get("url"), str):
            raise bad_request('can\'t parse MessageEntity: Field "url" must be of type String')
        end = min(offset + length, text_length)
        if offset >= 0 and end > offset:
            checked.append({**entity, "offset": offset, "length": end - offset})
    return sorted(checked, key=lambda entity: (entity["offset"], -entity["length"]))


def validate_reply_markup(markup: JsonDict, *, private_chat: bool) -> None:
    """Check any of the four reply markup kinds; raise Telegram's error for a bad one."""
    if "inline_keyboard" in markup:
        validate_inline_keyboard(markup, private_chat=private_chat)
    elif "keyboard" in markup:
        _validate_reply_keyboard(markup)
    elif markup.get("remove_keyboard") is True or markup.get("force_reply") is True:
        return
    else:
        raise bad_request("can't parse reply keyboard markup JSON object")


def validate_inline_keyboard(markup: JsonDict, *, private_chat: bool = True) -> None:
    rows = markup.get("inline_keyboard")
    if not isinstance(rows, list) or not all(isinstance(row, list) for row in rows):
        raise bad_request(
            'can\'t parse inline keyboard button: Field "inline_keyboard" must be of type Array'
        )
    if sum(len(row) for row in rows) > MAX_KEYBOARD_BUTTONS:
        raise bad_request("reply markup is too long")
    for row in rows:
        for button in row:
            _validate_inline_button(button, private_chat=private_chat)


def _validate_inline_button(button: object, *, private_chat: bool) -> None:
    action, value = _inline_button_action(button)
    _validate_inline_button_value(action, value, private_chat=private_chat)


def _inline_button_action(button: object) -> tuple[str, object]:
    """The one action field of a well-formed inline button and its value, checked as Telegram
    checks them."""
    if not isinstance(button, dict):
        raise bad_request(
            "can't parse inline keyboard button: InlineKeyboardButton must be an Object"
        )
    if not isinstance(button.get("text"), str):
        raise bad_request(
            'can\'t parse inline keyboard button: Field "text" must be of type String'
        )
    if not button["text"].strip():
        raise bad_request("BUTTON_TEXT_INVALID")
    actions = [action for action in INLINE_BUTTON_ACTIONS if action in button]
    if not actions:
        raise bad_request(
            "can't parse inline keyboard button: Text buttons are unallowed in the inline keyboard"
        )
    if len(actions) > 1:
        raise bad_request(
            "can't parse inline keyboard button: exactly one of the optional fields must be used, "
            f"found {', '.join(actions)}"
        )
    return actions[0], button[actions[0]]


def _validate_inline_button_value(action: str, value: object, *, private_chat: bool) -> None:
    if action == "callback_data":
        if not isinstance(value, str) or not 1 <= len(value.encode("utf-8")) <= 64:
            raise bad_request("BUTTON_DATA_INVALID")
    elif action == "url":
        if not isinstance(value, str) or not is_valid_button_url(value):
            raise bad_request("BUTTON_URL_INVALID")
    elif action in {"web_app", "login_url"}:
        url = value.get("url") if isinstance(value, dict) else None
        if not isinstance(url, str) or urlsplit(url).scheme != "https":
            raise bad_request("BUTTON_URL_INVALID")
        if action == "web_app" and not private_chat:
            raise bad_request("BUTTON_TYPE_INVALID")
    elif action in _STRING_ACTIONS and not isinstance(value, str):
        raise bad_request(
            f'can\'t parse inline keyboard button: Field "{action}" must be of type String'
        )


def is_valid_button_url(url: str) -> bool:
    parts = urlsplit(url.strip())
    scheme = parts.scheme.lower()
    if scheme not in _BUTTON_URL_SCHEMES:
        return False
    if scheme == "tg":
        return bool(parts.netloc or parts.path)
    return bool(parts.hostname)


def _validate_reply_keyboard(markup: JsonDict) -> None:
    rows = markup.get("keyboard")
    if not isinstance(rows, list) or not all(isinstance(row, list) for row in rows):
        raise bad_request('can\'t parse keyboard button: Field "keyboard" must be of type Array')
    if sum(len(row) for row in rows) > MAX_KEYBOARD_BUTTONS * 3:
        raise bad_request("reply markup is too long")
    for row in rows:
        for button in row:
            text = button.get("text") if isinstance(button, dict) else button
            if not isinstance(text, str):
                raise bad_request(
                    'can\'t parse keyboard button: Field "text" must be of type String'
                )
            if not text.strip():
                raise bad_request("BUTTON_TEXT_INVALID")


def validate_commands(commands: list[Any]) -> list[JsonDict]:
    if len(commands) > 100:
        raise bad_request("BOT_COMMANDS_TOO_MUCH")
    validated: list[JsonDict] = []
    for command in commands:
        if not isinstance(command, dict):
            raise bad_request("can't parse BotCommand JSON object")
        name, description = command.get("command"), command.get("description")
        if not isinstance(name, str) or not _COMMAND_NAME.fullmatch(name):
            raise bad_request("BOT_COMMAND_INVALID")
        if not isinstance(description, str) or not 1 <= len(description.strip()) <= 256:
            raise bad_request("BOT_COMMAND_DESCRIPTION_INVALID")
        validated.append({"command": name, "description": description})
    return validated


def validate_scope(scope: JsonDict | None) -> JsonDict:
    """The scope with only its meaningful fields (so equal scopes have equal keys)."""
    if scope is None:
        return {"type": "default"}
    kind = scope.get("type")
    if kind not in COMMAND_SCOPE_TYPES:
        raise bad_request("can't parse BotCommandScope JSON object")
    normalized: JsonDict = {"type": kind}
    if kind in {"chat", "chat_administrators", "chat_member"}:
        if "chat_id" not in scope:
            raise bad_request("can't parse BotCommandScope JSON object")
        normalized["chat_id"] = scope["chat_id"]
    if kind == "chat_member":
        if not isinstance(scope.get("user_id"), int):
            raise bad_request("can't parse BotCommandScope JSON object")
        normalized["user_id"] = scope["user_id"]
    return normalized


def validate_language_code(language_code: str | None) -> str:
    code = language_code or ""
    if code and not re.fullmatch(r"[a-z]{2}", code):
        raise bad_request("invalid language code specified")
    return code


def validate_inline_results(results: list[Any]) -> list[JsonDict]:
    """Check answerInlineQuery results, including the text each would send."""
    if len(results) > MAX_INLINE_RESULTS:
        raise bad_request("RESULTS_TOO_MUCH")
    seen_ids: set[str] = set()
    for result in results:
        if not isinstance(result, dict):
            raise bad_request("can't parse inline query results JSON object")
        kind, result_id = result.get("type"), result.get("id")
        if kind not in INLINE_RESULT_TYPES:
            raise bad_request("RESULT_TYPE_INVALID")
        if not isinstance(result_id, str) or not 1 <= len(result_id.encode("utf-8")) <= 64:
            raise bad_request("RESULT_ID_INVALID")
        if result_id in seen_ids:
            raise bad_request("RESULT_ID_DUPLICATE")
        seen_ids.add(result_id)
        _validate_inline_result(kind, result)
    return results


def _validate_inline_result(kind: str, result: JsonDict) -> None:
    name = "InlineQueryResult" + "".join(part.capitalize() for part in kind.split("_"))
    content = result.get("input_message_content")
    if kind == "article":
        if not isinstance(result.get("title"), str) or not result["title"]:
            raise bad_request(f'can\'t parse {name}: Field "title" must be of type String')
        if not isinstance(content, dict):
            raise bad_request(
                f'can\'t parse {name}: Field "input_message_content" must be of type Object'
            )
    if isinstance(content, dict) and "message_text" in content:
        format_text(
            content.get("message_text"),
            content.get("parse_mode"),
            content.get("entities"),
        )
    if "caption" in result:
        format_text(
            result.get("caption"),
            result.get("parse_mode"),
            result.get("caption_entities"),
            is_caption=True,
        )
    markup = result.get("reply_markup")
    if markup is not None:
        if not isinstance(markup, dict):
            raise bad_request("can't parse reply keyboard markup JSON object")
        validate_inline_keyboard(markup)
