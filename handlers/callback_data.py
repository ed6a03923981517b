"""Versioned callback data: "<version>:<action>[:<argument>]", always under 64 bytes.

Anything a client sends back is untrusted: decoding validates the version, the action and the
shape of the argument; a stale version or a forged value raises InvalidCallbackData.
"""

from __future__ import annotations

import enum
import re
from dataclasses import dataclass

from bot.domain.records import MAX_RECORD_ID
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
    # subscriptions and broadcasts
    SUBSCRIPTION = "um"
    SUBSCRIBE = "us"
    UNSUBSCRIBE = "uu"
    SUBSCRIBE_AREA = "ua"
    SUBSCRIBE_INDICATOR_AREAS = "ul"
    SUBSCRIBE_INDICATOR_AREA = "uc"
    SUBSCRIBE_INDICATOR = "ui"
    SUBSCRIBE_EVERYTHING = "ue"
    BROADCAST_SEND = "xs"
    BROADCAST_SCHEDULE_MENU = "xm"
    BROADCAST_SCHEDULE = "xt"
    BROADCAST_DRAFT = "xd"
    BROADCAST_CANCEL = "xc"
    BROADCAST_PAUSE = "xp"
    BROADCAST_RESUME = "xr"
    CORRECTION_PREPARE = "xk"
    BROADCAST_SEND_ASK = "xa"  # "Send now": the confirmation with the recipient count first
    BROADCAST_REPORT_PREPARE = "xo"  # a report a publish left to send (the group's offer)
    SUBSCRIBE_DISTRICTS = "uw"  # the wards or the communes, a page of them
    SUBSCRIBE_DISTRICT = "ux"  # where the resident lives ("-": not saying)
    # feedback: residents
    FEEDBACK_START = "fb"
    FEEDBACK_TOPIC = "ft"
    FEEDBACK_TOPICS = "fo"
    FEEDBACK_ATTACHED = "fd"
    FEEDBACK_IDENTITY = "fi"
    FEEDBACK_CONSENT = "fp"
    FEEDBACK_SEND = "fs"
    FEEDBACK_CANCEL = "fc"
    MY_TICKETS = "mt"
    MY_TICKET = "t"
    TICKET_RESOLVED = "tr"
    TICKET_NOT_RESOLVED = "tn"
    TICKET_RATE = "tv"
    TICKET_WITHDRAW_CONSENT = "tw"
    REGISTER = "r"
    FORGET_CONFIRM = "pf"
    FORGET_CANCEL = "pc"
    # feedback: officials
    MOD_CARD = "ov"
    MOD_APPROVE = "oa"
    MOD_REJECT_MENU = "oj"
    MOD_REJECT = "or"
    MOD_ASSIGN_MENU = "og"
    MOD_ASSIGN = "os"
    MOD_REPLY = "oy"
    MOD_CLOSE = "oc"
    MOD_PUBLISH = "op"
    MOD_UNPUBLISH = "ou"
    MOD_PUBLISH_CONFIRM = "ok"
    MOD_PHOTO = "of"
    MOD_REJECT_REFER = "oe"
    MOD_REJECT_CONFIRM = "ox"
    MOD_REJECT_WORDS = "ow"
    QUEUE = "oq"
    MOD_SAVED_MENU = "om"  # the saved answers a ticket is offered
    MOD_SAVED_PICK = "ol"  # one of them, filled in, shown before it is sent
    MOD_SAVED_SEND = "on"


_ID_PART = r"(?P<id>[1-9][0-9]{0,9})"  # a database id; decode() also checks its range
_ID = f"^{_ID_PART}$"
_PAGE = r"^(0|[1-9][0-9]{0,3})$"
_TWO_IDS = f"^{_ID_PART}:(?P<other_id>[1-9][0-9]{{0,9}})$"  # a ticket and a saved answer
# A rejection being confirmed: id:reason:office ("-": none), the office a where_to_go.yaml key.
_REJECTION = f"^{_ID_PART}:(spam|abusive|off_topic|duplicate):(-|{KEY_PATTERN[1:-1]})$"

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
    Action.ASK_COMMITTEE: _ID,
    Action.SUBSCRIPTION: None,
    Action.SUBSCRIBE: None,
    Action.UNSUBSCRIBE: None,
    Action.SUBSCRIBE_AREA: KEY_PATTERN,
    Action.SUBSCRIBE_INDICATOR_AREAS: None,
    Action.SUBSCRIBE_INDICATOR_AREA: KEY_PATTERN,
    Action.SUBSCRIBE_INDICATOR: KEY_PATTERN,
    Action.SUBSCRIBE_EVERYTHING: None,
    Action.BROADCAST_SEND: _ID,
    Action.BROADCAST_SCHEDULE_MENU: _ID,
    Action.BROADCAST_SCHEDULE: f"^{_ID_PART}:[1-9][0-9]{{9}}$",  # id:unix time
    Action.BROADCAST_DRAFT: _ID,
    Action.BROADCAST_CANCEL: _ID,
    Action.BROADCAST_PAUSE: _ID,
    Action.BROADCAST_RESUME: _ID,
    Action.CORRECTION_PREPARE: _ID,
    Action.BROADCAST_SEND_ASK: _ID,
    Action.BROADCAST_REPORT_PREPARE: KEY_PATTERN,
    Action.SUBSCRIBE_DISTRICTS: "^(ward|commune):[0-9]{1,2}$",  # kind:page
    Action.SUBSCRIBE_DISTRICT: f"^(-|{KEY_PATTERN[1:-1]})$",
    Action.FEEDBACK_START: None,
    Action.FEEDBACK_TOPIC: KEY_PATTERN,
    Action.FEEDBACK_TOPICS: None,
    Action.FEEDBACK_ATTACHED: None,
    Action.FEEDBACK_IDENTITY: r"^(named|anonymous)$",
    Action.FEEDBACK_CONSENT: r"^(yes|no)$",
    Action.FEEDBACK_SEND: None,
    Action.FEEDBACK_CANCEL: None,
    Action.MY_TICKETS: _PAGE,
    Action.MY_TICKET: _ID,
    Action.TICKET_RESOLVED: _ID,
    Action.TICKET_NOT_RESOLVED: _ID,
    Action.TICKET_RATE: f"^{_ID_PART}:[1-5]$",
    Action.TICKET_WITHDRAW_CONSENT: _ID,
    Action.REGISTER: _PAGE,
    Action.FORGET_CONFIRM: None,
    Action.FORGET_CANCEL: None,
    Action.MOD_CARD: _ID,
    Action.MOD_APPROVE: _ID,
    Action.MOD_REJECT_MENU: _ID,
    Action.MOD_REJECT: f"^{_ID_PART}:(spam|abusive|off_topic|duplicate)$",
    Action.MOD_ASSIGN_MENU: _ID,
    Action.MOD_ASSIGN: f"^{_ID_PART}:" + KEY_PATTERN.removeprefix("^"),
    Action.MOD_REPLY: _ID,
    Action.MOD_CLOSE: _ID,
    Action.MOD_PUBLISH: _ID,
    Action.MOD_PUBLISH_CONFIRM: _ID,
    Action.MOD_UNPUBLISH: _ID,
    Action.MOD_PHOTO: _ID,
    Action.MOD_REJECT_REFER: _REJECTION,
    Action.MOD_REJECT_CONFIRM: _REJECTION,
    Action.MOD_REJECT_WORDS: _REJECTION,
    Action.QUEUE: _PAGE,
    Action.MOD_SAVED_MENU: _ID,
    Action.MOD_SAVED_PICK: _TWO_IDS,
    Action.MOD_SAVED_SEND: _TWO_IDS,
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
    else:
        match = re.fullmatch(pattern, argument)
        if match is None:
            raise InvalidCallbackData(f"bad argument for {action.name}")
        ids = (match.groupdict().get(name) for name in ("id", "other_id"))
        if any(record_id is not None and int(record_id) > MAX_RECORD_ID for record_id in ids):
            raise InvalidCallbackData(f"no such record for {action.name}")
    return CallbackData(action, argument)
