"""Messages between the page and the emulator: a long paste cut as Telegram clients cut it,
and a stored message reduced to what the page shows."""

from __future__ import annotations

import copy
from typing import Final

from bot.sandbox.botapi.params import JsonDict
from bot.sandbox.entities.text import TRIMMED_WHITESPACE, utf16_len

MAX_MESSAGE_LENGTH: Final = 4096  # Telegram's limit, in UTF-16 code units
_MESSAGE_KEYS = (
    "message_id",
    "date",
    "edit_date",
    "text",
    "entities",
    "caption",
    "caption_entities",
    "document",
    "location",
    "has_protected_content",
    "has_media_spoiler",
    "show_caption_above_media",
)


def split_message(text: str, limit: int = MAX_MESSAGE_LENGTH) -> list[str]:
    """Cut ``text`` into trimmed, non-empty parts of at most ``limit`` UTF-16 code units,
    as Telegram clients do with a long paste: at a line break or a space when one is in the
    second half of the part, else exactly at the limit (never inside a surrogate pair)."""
    if limit < 2:
        raise ValueError("limit must be at least 2")
    parts: list[str] = []
    rest = text.strip(TRIMMED_WHITESPACE)
    while utf16_len(rest) > limit:
        end = _prefix_fitting(rest, limit)
        window = rest[:end]
        cut = window.rfind("\n")
        if cut < end // 2:
            cut = max(window.rfind(" "), window.rfind("\t"))
        if cut < end // 2:
            cut = end
        part = rest[:cut].strip(TRIMMED_WHITESPACE)
        if part:
            parts.append(part)
        rest = rest[cut:].strip(TRIMMED_WHITESPACE)
    if rest:
        parts.append(rest)
    return parts


def _prefix_fitting(text: str, limit: int) -> int:
    """How many characters of ``text`` fit in ``limit`` UTF-16 code units."""
    if text.isascii():
        return min(len(text), limit)
    units = 0
    for index, character in enumerate(text):
        units += 2 if ord(character) > 0xFFFF else 1
        if units > limit:
            return index
    return len(text)


def client_message(message: JsonDict) -> JsonDict:
    """What the page needs of a stored message (a deep copy: later changes cannot leak in)."""
    shown: JsonDict = {key: copy.deepcopy(message[key]) for key in _MESSAGE_KEYS if key in message}
    sender = message.get("from") or {}
    shown["from"] = {
        "id": sender.get("id"),
        "is_bot": bool(sender.get("is_bot")),
        "name": " ".join(
            part for part in (sender.get("first_name"), sender.get("last_name")) if part
        ),
    }
    shown["chat_id"] = message["chat"]["id"]
    photo = message.get("photo")
    if isinstance(photo, list) and photo:
        largest = max(photo, key=lambda size: size.get("width", 0) * size.get("height", 0))
        shown["photo"] = {key: largest.get(key) for key in ("file_id", "width", "height")}
    via_bot = message.get("via_bot")
    if isinstance(via_bot, dict):
        shown["via_bot"] = {"username": str(via_bot.get("username") or "")}
    sticker = message.get("sticker")
    if isinstance(sticker, dict):
        shown["sticker"] = {"emoji": sticker.get("emoji", "")}
    markup = message.get("reply_markup")
    if isinstance(markup, dict) and "inline_keyboard" in markup:
        shown["reply_markup"] = {"inline_keyboard": copy.deepcopy(markup["inline_keyboard"])}
    replied = message.get("reply_to_message")
    if isinstance(replied, dict):
        replied_from = replied.get("from") or {}
        shown["reply_to_message"] = {
            "message_id": replied.get("message_id"),
            "from_name": replied_from.get("first_name", ""),
            "text": str(replied.get("text") or replied.get("caption") or "")[:200],
        }
    return shown
