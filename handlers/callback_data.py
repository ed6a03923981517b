"""Versioned callback data: "<version>:<action>[:<argument>]", always under 64 bytes.

Anything a client sends back is untrusted: decoding validates the version, the action and the
shape of the argument; a stale version or a forged value raises InvalidCallbackData.
"""

from __future__ import annotations

import enum
import re
from dataclasses import dataclass

from content.schema import KEY_PATTERN

VERSION = "1"
MAX_BYTES = 64


class Action(enum.StrEnum):
    MENU = "m"
    INDICATOR_AREAS = "ia"
    INDICATOR_AREA = "a"
    INDICATOR = "i"
    POLICY_AREAS = "pa"
    POLICY_AREA = "b"
    POLICY = "p"
    FAQS = "fl"
    FAQ = "f"
    LANGUAGE = "l"
    LANGUAGE_MENU = "lm"
    HELP = "h"
    ASK_COMMITTEE = "q"


_ARGUMENT_PATTERNS: dict[Action, str | None] = {
    Action.MENU: None,
    Action.INDICATOR_AREAS: None,
    Action.INDICATOR_AREA: KEY_PATTERN,
    Action.INDICATOR: KEY_PATTERN,
    Action.POLICY_AREAS: None,
    Action.POLICY_AREA: KEY_PATTERN,
    Action.POLICY: KEY_PATTERN,
    Action.FAQS: None,
    Action.FAQ: KEY_PATTERN,
    Action.LANGUAGE: r"^(vi|en)$",
    Action.LANGUAGE_MENU: None,
    Action.HELP: None,
    Action.ASK_COMMITTEE: r"^[1-9][0-9]{0,18}$",
}


class InvalidCallbackData(ValueError):
    pass


@dataclass(frozen=True, slots=True)
class CallbackData:
    action: Action
    argument: str = ""

    def encode(self) -> str:
        parts = [VERSION, self.action.value] + ([self.argument] if self.argument else [])
        data = ":".join(parts)
        if len(data.encode()) > MAX_BYTES:
            raise ValueError(f"callback data over {MAX_BYTES} bytes: {data!r}")
        return data


def encode(action: Action, argument: str = "") -> str:
    return CallbackData(action, argument).encode()


def decode(data: str | None) -> CallbackData:
    if not data or len(data.encode()) > MAX_BYTES:
        raise InvalidCallbackData("missing or oversized")
    version, _, rest = data.partition(":")
    if version != VERSION:
        raise InvalidCallbackData(f"stale version {version!r}")
    code, _, argument = rest.partition(":")
    try:
        action = Action(code)
    except ValueError:
        raise InvalidCallbackData(f"unknown action {code!r}") from None
    pattern = _ARGUMENT_PATTERNS[action]
    if pattern is None:
        if argument:
            raise InvalidCallbackData(f"{action.name} takes no argument")
    elif not re.fullmatch(pattern, argument):
        raise InvalidCallbackData(f"bad argument for {action.name}")
    return CallbackData(action, argument)
