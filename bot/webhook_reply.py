"""A reply given as the webhook's HTTP response: in webhook mode Telegram takes one Bot API
method in the body of the answer to an update's POST, so that reply costs no request at all.

Only a reply whose result nobody reads may go that way (Telegram runs the method but tells the
bot nothing: neither the message id nor an error). A handler marks such a call
(`result_unused`, e.g. handlers/common.reply: a resident's answer, never a message whose id is
kept for later edits); the bot's call then stops here (`WebhookReplies`, the rate limiter
layer PTB passes every call through), stands in a result, and the webhook's receiver puts the
method in its response (bot/webhook.py). Order is kept: any call made for the same update after
a deferred reply sends the reply first, the ordinary way; so a reply goes in the response only
when it is the update's last call. Outside a webhook's update (polling, the outbox, the
broadcasts) such a reply is sent as usual, but PTB is handed Telegram's answer reduced to its
id and date: parsing the whole Message (keyboard, sender, chat) that nobody reads was about
half of sending a reply.

What it costs: such a reply is not retried (a 429 or a failure at Telegram is not reported),
which for an answer to a message the resident has just sent is the same bet Telegram's own
documentation makes; WEBHOOK_REPLY_IN_RESPONSE=false turns it off.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Coroutine, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass, field
from typing import Any

from telegram.ext import BaseRateLimiter
from telegram.request import RequestData
from telegram.request._requestparameter import RequestParameter
from typing_extensions import override

# The one method that may go in the response; its parameters in a JSON object.
DEFERRABLE = "sendMessage"


@dataclass
class _Deferred:
    callback: Callable[..., Coroutine[Any, Any, Any]]
    args: Any
    kwargs: dict[str, Any]
    endpoint: str
    data: dict[str, Any]


@dataclass
class ReplySlot:
    """The response of one webhook update: open while its handlers run."""

    open: bool = True
    deferred: _Deferred | None = field(default=None, repr=False)

    def close(self) -> dict[str, Any] | None:
        """The method for the response body (with "method"), if a reply waits; closes."""
        self.open = False
        deferred, self.deferred = self.deferred, None
        if deferred is None:
            return None
        return {"method": deferred.endpoint, **_parameters(deferred.data)}


_slot: ContextVar[ReplySlot | None] = ContextVar("webhook_reply_slot", default=None)
_result_unused: ContextVar[bool] = ContextVar("webhook_reply_result_unused", default=False)


@contextmanager
def answering() -> Iterator[ReplySlot]:
    """Around a webhook update's handling (bot/webhook.py)."""
    slot = ReplySlot()
    token = _slot.set(slot)
    try:
        yield slot
    finally:
        slot.open = False
        _slot.reset(token)


@contextmanager
def result_unused() -> Iterator[None]:
    """Around a call whose result the caller never reads: it may go in the webhook response."""
    token = _result_unused.set(True)
    try:
        yield
    finally:
        _result_unused.reset(token)


class WebhookReplies(BaseRateLimiter[None]):
    """Wraps the rate limiter that really sends (telegram_retry.RetryingRateLimiter)."""

    def __init__(self, inner: BaseRateLimiter[None], *, enabled: bool = True) -> None:
        self._inner = inner
        self._enabled = enabled

    async def initialize(self) -> None:
        await self._inner.initialize()

    async def shutdown(self) -> None:
        await self._inner.shutdown()

    @override  # PTB's BaseRateLimiter signature
    async def process_request(
        self,
        callback: Callable[..., Coroutine[Any, Any, bool | dict[str, Any] | list[Any]]],
        args: Any,
        kwargs: dict[str, Any],
        endpoint: str,
        data: dict[str, Any],
        rate_limit_args: None,
    ) -> bool | dict[str, Any] | list[Any]:
        slot = _slot.get()
        if slot is not None and slot.deferred is not None:
            # Something goes out after the deferred reply: the reply first, as it was made.
            deferred, slot.deferred = slot.deferred, None
            await self._inner.process_request(
                deferred.callback,
                deferred.args,
                deferred.kwargs,
                deferred.endpoint,
                deferred.data,
                None,
            )
        unread = endpoint == DEFERRABLE and _result_unused.get()
        if unread and self._enabled and slot is not None and slot.open:
            slot.deferred = _Deferred(callback, args, kwargs, endpoint, data)
            return _stand_in_message(data)
        sent = await self._inner.process_request(
            callback, args, kwargs, endpoint, data, rate_limit_args
        )
        if unread and isinstance(sent, dict):
            # Sent the ordinary way (polling, or not the update's last call): PTB would parse
            # Telegram's whole answer into a Message (the keyboard, the sender, the chat) that
            # nobody reads, about half of sending a reply (docs/benchmarks.md, session 9); it
            # gets the answer's id and date only.
            return _stand_in_message(data, sent)
        return sent


def _parameters(data: dict[str, Any]) -> dict[str, Any]:
    """The call's parameters as PTB sends them (Bot._do_post): JSON values, None left out."""
    request = RequestData(
        parameters=[RequestParameter.from_input(key, value) for key, value in data.items()]
    )
    return request.parameters


def _stand_in_message(data: dict[str, Any], sent: dict[str, Any] | None = None) -> dict[str, Any]:
    """What PTB parses as the sent message; nobody reads it (`result_unused`). With Telegram's
    answer (`sent`), its id and date."""
    return {
        "message_id": sent.get("message_id", 0) if sent else 0,
        "date": sent.get("date", int(time.time())) if sent else int(time.time()),
        "chat": {"id": data.get("chat_id", 0), "type": "private"},
        "text": data.get("text", ""),
    }
