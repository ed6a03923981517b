"""Formatted text as the Bot API stores it: plain text, entities, UTF-16 lengths and links.

Shared by the HTML and Markdown parsers and by the sandbox, which counts lengths in Telegram's
unit (UTF-16 code units) everywhere.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urlsplit

JsonDict = dict[str, Any]

# Telegram trims these from both ends of a formatted text before checking its length.
TRIMMED_WHITESPACE = " \t\r\n\v\f"
_USER_LINK = re.compile(r"tg://user\?id=(\d{1,19})$", re.IGNORECASE)
_LINK_SCHEMES = frozenset({"http", "https", "tg", "ton", "tonsite"})
_DOMAIN_LIKE = re.compile(r"[\w-]+(\.[\w-]+)+([:/?#].*)?$")


class EntityParseError(ValueError):
    """Text that Telegram would refuse with "Bad Request: can't parse entities: <message>"."""


@dataclass(frozen=True, slots=True)
class FormattedText:
    """Plain text plus its MessageEntity objects (UTF-16 offsets), as Telegram stores them."""

    text: str
    entities: list[JsonDict] = field(default_factory=list)


def utf16_len(text: str) -> int:
    """Length in UTF-16 code units, the unit of every Bot API offset and length limit."""
    if text.isascii():
        return len(text)
    return len(text.encode("utf-16-le", "surrogatepass")) // 2


def utf8_offset(text: str, index: int) -> int:
    """Byte offset of ``text[index]``; Telegram's error messages count bytes."""
    return len(text[:index].encode("utf-8", "surrogatepass"))


def check_link(url: str) -> str | None:
    """The URL Telegram would store for a text link, or None when it silently drops the link."""
    url = url.strip()
    if not url or any(character.isspace() for character in url):
        return None
    parts = urlsplit(url)
    if parts.scheme:
        if parts.scheme.lower() not in _LINK_SCHEMES:
            return None
        if parts.scheme.lower() in {"http", "https"} and not parts.netloc:
            return None
        return url
    if _DOMAIN_LIKE.match(url):
        return f"http://{url}"
    return None


def make_link_entity(offset: int, length: int, url: str) -> JsonDict | None:
    """A text_mention for tg://user links, a text_link for valid URLs, otherwise nothing."""
    user_link = _USER_LINK.match(url.strip())
    if user_link is not None:
        user = {"id": int(user_link.group(1)), "is_bot": False, "first_name": ""}
        return {"offset": offset, "length": length, "type": "text_mention", "user": user}
    checked = check_link(url)
    if checked is None:
        return None
    return {"offset": offset, "length": length, "type": "text_link", "url": checked}


def trim_formatted(formatted: FormattedText) -> FormattedText:
    """Strip whitespace at both ends and clip the entities, as Telegram does before storing."""
    text = formatted.text
    stripped = text.strip(TRIMMED_WHITESPACE)
    if stripped == text:
        return formatted
    left_trimmed = utf16_len(text[: len(text) - len(text.lstrip(TRIMMED_WHITESPACE))])
    new_length = utf16_len(stripped)
    entities: list[JsonDict] = []
    for entity in formatted.entities:
        start = max(entity["offset"] - left_trimmed, 0)
        end = min(entity["offset"] + entity["length"] - left_trimmed, new_length)
        if end > start:
            entities.append({**entity, "offset": start, "length": end - start})
    return FormattedText(stripped, entities)
