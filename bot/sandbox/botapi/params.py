"""Decoding Bot API request parameters and Telegram's error responses.

Telegram accepts parameters in the query string, as form-urlencoded or multipart/form-data
fields, or as a JSON object. Form values are strings; nested objects (reply_markup, entities,
...) then arrive as JSON strings, which is how python-telegram-bot sends them. Everything is
normalised here once, by parameter name, so method handlers see proper ints, bools and objects.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from aiohttp import web

JsonDict = dict[str, Any]

# Parameters whose value is a JSON-serialized object or array.
JSON_PARAMETERS = frozenset(
    {
        "reply_markup",
        "entities",
        "caption_entities",
        "commands",
        "results",
        "scope",
        "link_preview_options",
        "reply_parameters",
        "allowed_updates",
        "menu_button",
        "button",
        "media",
        "rights",
        "permissions",
    }
)
INTEGER_PARAMETERS = frozenset(
    {
        "message_id",
        "offset",
        "limit",
        "timeout",
        "cache_time",
        "user_id",
        "reply_to_message_id",
        "message_thread_id",
        "max_connections",
        "live_period",
        "heading",
        "proximity_alert_radius",
        "from_chat_id",
        "until_date",
    }
)
FLOAT_PARAMETERS = frozenset({"latitude", "longitude", "horizontal_accuracy"})
BOOLEAN_PARAMETERS = frozenset(
    {
        "disable_notification",
        "protect_content",
        "show_alert",
        "is_personal",
        "drop_pending_updates",
        "disable_web_page_preview",
        "allow_sending_without_reply",
        "has_spoiler",
        "show_caption_above_media",
        "disable_content_type_detection",
        "allow_paid_broadcast",
        "for_channels",
    }
)
# What Telegram answers when a JSON parameter does not parse.
_JSON_ERROR_NAMES = {
    "reply_markup": "reply keyboard markup",
    "entities": "entities",
    "caption_entities": "caption entities",
    "commands": "commands",
    "results": "inline query results",
    "scope": "BotCommandScope",
    "link_preview_options": "link preview options",
    "reply_parameters": "reply parameters",
    "allowed_updates": "allowed updates",
    "menu_button": "menu button",
}


class ApiError(Exception):
    """A Bot API failure: answered with HTTP status ``error_code`` and Telegram's error JSON."""

    def __init__(self, error_code: int, description: str, *, retry_after: int | None = None):
        super().__init__(description)
        self.error_code = error_code
        self.description = description
        self.retry_after = retry_after

    def to_json(self) -> JsonDict:
        body: JsonDict = {
            "ok": False,
            "error_code": self.error_code,
            "description": self.description,
        }
        if self.retry_after is not None:
            body["parameters"] = {"retry_after": self.retry_after}
        return body


def bad_request(detail: str) -> ApiError:
    return ApiError(400, f"Bad Request: {detail}")


@dataclass(frozen=True, slots=True)
class UploadedFile:
    """A file sent as a multipart part."""

    filename: str
    content_type: str
    data: bytes


def _parse_bool(name: str, value: object) -> bool:
    if isinstance(value, bool):
        return value
    if isinstance(value, int | float):
        return bool(value)
    if isinstance(value, str) and value.strip().lower() in {"true", "1", "yes", "on"}:
        return True
    if isinstance(value, str) and value.strip().lower() in {"false", "0", "no", "off", ""}:
        return False
    raise bad_request(f'invalid boolean value of parameter "{name}"')


def _parse_int(name: str, value: object) -> int:
    if isinstance(value, bool):
        return int(value)
    if isinstance(value, int):
        return value
    if isinstance(value, float) and value.is_integer():
        return int(value)
    if isinstance(value, str):
        try:
            return int(value.strip())
        except ValueError:
            pass
    raise bad_request(f'invalid integer value of parameter "{name}"')


def _parse_float(name: str, value: object) -> float:
    if isinstance(value, int | float) and not isinstance(value, bool):
        return float(value)
    if isinstance(value, str):
        try:
            return float(value.strip())
        except ValueError:
            pass
    raise bad_request(f'invalid float value of parameter "{name}"')


def _parse_json(name: str, value: object) -> object:
    if not isinstance(value, str):
        return value
    try:
        return json.loads(value)
    except ValueError:
        label = _JSON_ERROR_NAMES.get(name, name)
        raise bad_request(f"can't parse {label} JSON object") from None


def _parse_chat_id(value: object) -> int | str:
    if isinstance(value, int) and not isinstance(value, bool):
        return value
    text = str(value).strip()
    try:
        return int(text)
    except ValueError:
        return text


def normalize_parameters(raw: Mapping[str, object]) -> JsonDict:
    """Convert raw values to their Bot API types, chosen by parameter name."""
    normalized: JsonDict = {}
    for name, value in raw.items():
        if isinstance(value, UploadedFile) or value is None:
            normalized[name] = value
        elif name in JSON_PARAMETERS:
            normalized[name] = _parse_json(name, value)
        elif name in INTEGER_PARAMETERS:
            normalized[name] = _parse_int(name, value)
        elif name in FLOAT_PARAMETERS:
            normalized[name] = _parse_float(name, value)
        elif name in BOOLEAN_PARAMETERS:
            normalized[name] = _parse_bool(name, value)
        elif name == "chat_id":
            normalized[name] = _parse_chat_id(value)
        else:
            normalized[name] = value
    return normalized


async def read_parameters(request: web.Request) -> JsonDict:
    """All parameters of a request: query string first, then the body overriding it."""
    raw: dict[str, object] = dict(request.query)
    if request.method == "POST" and request.can_read_body:
        content_type = request.content_type
        if content_type == "application/json":
            try:
                body = await request.json()
            except ValueError:
                raise bad_request("can't parse JSON object") from None
            if not isinstance(body, dict):
                raise bad_request("JSON object expected")
            raw.update(body)
        elif content_type in {"application/x-www-form-urlencoded", "multipart/form-data"}:
            form = await request.post()
            for name, value in form.items():
                if isinstance(value, web.FileField):
                    raw[name] = UploadedFile(
                        filename=value.filename,
                        content_type=value.content_type,
                        data=value.file.read(),
                    )
                else:
                    raw[name] = value
    return normalize_parameters(raw)


class Parameters:
    """Typed, validated access to one request's normalised parameters."""

    def __init__(self, values: JsonDict) -> None:
        self.values = values

    def __contains__(self, name: str) -> bool:
        return self.values.get(name) is not None

    def raw(self, name: str) -> object:
        return self.values.get(name)

    def required(self, name: str) -> object:
        value = self.values.get(name)
        if value is None or value == "":
            if name == "chat_id":
                raise bad_request("chat_id is empty")
            raise bad_request(f'parameter "{name}" is required')
        return value

    def string(self, name: str, *, required: bool = False) -> str | None:
        value = self.required(name) if required else self.values.get(name)
        if value is None:
            return None
        if isinstance(value, UploadedFile):
            raise bad_request(f'parameter "{name}" must be a string')
        if isinstance(value, dict | list):
            return json.dumps(value)
        if isinstance(value, bool):
            return "true" if value else "false"
        return str(value)

    def integer(
        self, name: str, *, required: bool = False, default: int | None = None
    ) -> int | None:
        value = self.required(name) if required else self.values.get(name)
        if value is None or value == "":
            return default
        return _parse_int(name, value)

    def number(self, name: str, *, required: bool = False) -> float | None:
        value = self.required(name) if required else self.values.get(name)
        return None if value is None else _parse_float(name, value)

    def flag(self, name: str) -> bool:
        value = self.values.get(name)
        return False if value is None else _parse_bool(name, value)

    def json_object(self, name: str) -> JsonDict | None:
        value = self.values.get(name)
        if value is None:
            return None
        value = _parse_json(name, value)
        if not isinstance(value, dict):
            raise bad_request(f"can't parse {_JSON_ERROR_NAMES.get(name, name)} JSON object")
        return value

    def json_array(self, name: str, *, required: bool = False) -> list[Any] | None:
        value = self.required(name) if required else self.values.get(name)
        if value is None:
            return None
        value = _parse_json(name, value)
        if not isinstance(value, list):
            raise bad_request(f"can't parse {_JSON_ERROR_NAMES.get(name, name)} JSON object")
        return value

    def chat_id(self) -> int | str:
        return _parse_chat_id(self.required("chat_id"))
