"""One translator from a domain error to the catalog message that explains it.

The bot's handlers and the officials' dashboard both ask here, so a refusal is worded in one
place: the error class names its message (`key` for the chat, `dashboard_key` for the dashboard,
see bot/domain/errors.py) and this module gathers the message's arguments from the error. Each
front end then renders the arguments its own way (HTML escaping and local time in the chat,
templates on the dashboard); an argument that is itself a message (a status's or a move's name)
comes as a `Term` for the front end to translate.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass, field

from bot.domain.errors import (
    BroadcastRefused,
    DomainError,
    DraftChanged,
    DraftHasProblems,
    DraftUnchanged,
    DuplicateTicket,
    InvalidTransition,
    NoPublishConsent,
    NothingToPublish,
    TextTooLong,
    TooManyTickets,
)


@dataclass(frozen=True, slots=True)
class Term:
    """An argument that is itself a catalog message."""

    key: str


Argument = str | int | dt.datetime | Term


@dataclass(frozen=True, slots=True)
class ErrorMessage:
    key: str
    args: Mapping[str, Argument] = field(default_factory=dict)


def chat_message(error: DomainError) -> ErrorMessage:
    """The message explaining `error` in the chat (to a resident or an official)."""
    match error:
        case TooManyTickets(limit=limit, retry_at=retry_at):
            return ErrorMessage(error.key, {"limit": limit, "time": retry_at})
        case TextTooLong(limit=limit, length=length):
            return ErrorMessage(error.key, {"limit": limit, "length": length})
        case DuplicateTicket(code=code):
            return ErrorMessage(error.key, {"code": code})
        case InvalidTransition(status=status, move=move):
            names = {"move": Term(f"mod-move-{move.value}"), "status": _status(status)}
            return ErrorMessage(error.key, names)
        case NothingToPublish() | NoPublishConsent():
            return ErrorMessage(error.key, {"code": str(error)})
        case BroadcastRefused(reason=reason, broadcast_id=broadcast_id):
            return ErrorMessage(error.reason_keys[reason], {"id": str(broadcast_id or "")})
    return ErrorMessage(error.key)


def dashboard_message(error: DomainError) -> ErrorMessage | None:
    """The notice explaining `error` on the dashboard; None when the dashboard shows none."""
    if error.dashboard_key is None:
        return None
    key = error.dashboard_key.format_map(vars(error))
    match error:
        case InvalidTransition(status=status):
            return ErrorMessage(key, {"status": Term(f"web-stats-status-{status}")})
        case TextTooLong(limit=limit):
            return ErrorMessage(key, {"limit": limit})
        case DraftChanged(expected=expected, current=current):
            return ErrorMessage(key, {"expected": expected, "current": current})
        case DraftHasProblems(count=count):
            return ErrorMessage(key, {"count": count})
        case DraftUnchanged(release=release):
            return ErrorMessage(key, {"release": release})
    return ErrorMessage(key)


def _status(status: str) -> Term:
    return Term(f"ticket-status-{status}")
