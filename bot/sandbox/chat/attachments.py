"""What the chat page sends besides text: a photo from the file picker, a location from the
picker, and a result picked from the bot's answer to an inline query ("@bot query").

Each is checked here, before the emulator sees it, so that a forged frame gets a clear error
code and never reaches the bot as something a Telegram client could not send.
"""

from __future__ import annotations

import base64
import binascii
import math
from typing import Final

from bot.sandbox.botapi.params import JsonDict

MAX_PHOTO_BYTES: Final = 2 << 20  # the page refuses larger files before sending them
MAX_CAPTION: Final = 1024  # Telegram's caption limit
MAX_INLINE_QUERY: Final = 256  # Telegram's limit for an inline query's text
MAX_SHOWN_RESULTS: Final = 20


def photo_bytes(value: object) -> bytes | None:
    """The image a frame carries (base64), if it is a PNG, JPEG or WebP of allowed size."""
    if not isinstance(value, str) or len(value) > (MAX_PHOTO_BYTES * 4) // 3 + 4:
        return None
    try:
        data = base64.b64decode(value, validate=True)
    except (binascii.Error, ValueError):
        return None
    if not data or len(data) > MAX_PHOTO_BYTES:
        return None
    is_png = data.startswith(b"\x89PNG\r\n\x1a\n")
    is_jpeg = data.startswith(b"\xff\xd8\xff")
    is_webp = data[:4] == b"RIFF" and data[8:12] == b"WEBP"
    return data if is_png or is_jpeg or is_webp else None


def caption_of(value: object) -> str | None:
    """A photo's caption: trimmed, at most Telegram's length; None when empty or not text."""
    if not isinstance(value, str):
        return None
    caption = value.strip()
    return caption[:MAX_CAPTION] or None


def coordinates(frame: JsonDict) -> tuple[float, float] | None:
    """(latitude, longitude) of a location frame, if both are finite and in range."""
    latitude, longitude = frame.get("latitude"), frame.get("longitude")
    if isinstance(latitude, bool) or isinstance(longitude, bool):
        return None
    if not isinstance(latitude, int | float) or not isinstance(longitude, int | float):
        return None
    if not (math.isfinite(latitude) and math.isfinite(longitude)):
        return None
    if not (-90 <= latitude <= 90 and -180 <= longitude <= 180):
        return None
    return float(latitude), float(longitude)


def inline_query_text(value: object) -> str | None:
    """The text after "@bot " as Telegram sends it (trimmed, at most 256 characters)."""
    if not isinstance(value, str):
        return None
    return value.strip()[:MAX_INLINE_QUERY]


def shown_results(answer: JsonDict) -> list[JsonDict]:
    """What the page lists of the bot's inline answer: each result's id, title and description
    (only results that send a text message, which is what danbiet answers with)."""
    shown: list[JsonDict] = []
    for result in answer.get("results", []):
        content = result.get("input_message_content")
        if not isinstance(content, dict) or "message_text" not in content:
            continue
        shown.append(
            {
                "id": str(result.get("id", "")),
                "title": str(result.get("title", "")),
                "description": str(result.get("description", "")),
            }
        )
        if len(shown) == MAX_SHOWN_RESULTS:
            break
    return shown
