"""Which calls ride in a webhook's answer (bot/webhook_reply.py): the update's last call, when
nobody reads its result; anything made after it sends it first, the ordinary way."""

from __future__ import annotations

from collections.abc import Callable, Coroutine
from typing import Any

from telegram import InlineKeyboardButton, InlineKeyboardMarkup
from telegram.ext import BaseRateLimiter
from typing_extensions import override

from bot.webhook_reply import WebhookReplies, answering, result_unused


class Sender(BaseRateLimiter[None]):
    """Stands for the limiter that sends: records what went out, in order."""

    def __init__(self) -> None:
        self.sent: list[tuple[str, Any]] = []

    async def initialize(self) -> None:
        return None

    async def shutdown(self) -> None:
        return None

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
        self.sent.append((endpoint, data.get("text")))
        return await callback(*args, **kwargs)


async def _done() -> bool:
    return True


async def call(limiter: WebhookReplies, endpoint: str, **data: Any) -> Any:
    return await limiter.process_request(_done, (), {}, endpoint, data, None)


async def test_the_last_reply_nobody_reads_goes_in_the_answer() -> None:
    sender = Sender()
    limiter = WebhookReplies(sender)
    markup = InlineKeyboardMarkup([[InlineKeyboardButton("Menu", callback_data="m")]])
    with answering() as slot:
        await call(limiter, "answerCallbackQuery", callback_query_id="1")
        with result_unused():
            stand_in = await call(limiter, "sendMessage", chat_id=7, text="hi", reply_markup=markup)
        answer = slot.close()
    assert stand_in["chat"]["id"] == 7  # parsed by PTB as the sent message, then dropped
    assert sender.sent == [("answerCallbackQuery", None)]
    assert answer == {
        "method": "sendMessage",
        "chat_id": 7,
        "text": "hi",
        "reply_markup": {"inline_keyboard": [[{"text": "Menu", "callback_data": "m"}]]},
    }


async def test_a_call_after_the_reply_sends_the_reply_first() -> None:
    sender = Sender()
    limiter = WebhookReplies(sender)
    with answering() as slot:
        with result_unused():
            await call(limiter, "sendMessage", chat_id=7, text="first")
        await call(limiter, "sendMessage", chat_id=7, text="second")
        assert slot.close() is None
    assert sender.sent == [("sendMessage", "first"), ("sendMessage", "second")]


async def test_a_result_someone_reads_or_a_call_outside_an_update_is_sent() -> None:
    sender = Sender()
    limiter = WebhookReplies(sender)
    with answering() as slot:
        await call(limiter, "sendMessage", chat_id=7, text="its id is kept")
        assert slot.close() is None
    with result_unused():
        await call(limiter, "sendMessage", chat_id=7, text="polling")
    off = WebhookReplies(sender, enabled=False)
    with answering() as slot, result_unused():
        await call(off, "sendMessage", chat_id=7, text="turned off")
        assert slot.close() is None
    assert [text for _endpoint, text in sender.sent] == ["its id is kept", "polling", "turned off"]


async def _telegrams_answer() -> dict[str, Any]:
    return {
        "message_id": 42,
        "date": 1_764_000_000,
        "chat": {"id": 7, "type": "private", "first_name": "Lan"},
        "from": {"id": 1, "is_bot": True, "first_name": "danbiet"},
        "text": "hi",
        "reply_markup": {"inline_keyboard": [[{"text": "Menu", "callback_data": "m"}]]},
    }


async def test_outside_a_webhook_a_reply_nobody_reads_is_sent_and_handed_back_reduced() -> None:
    sender = Sender()
    limiter = WebhookReplies(sender)
    with result_unused():
        reduced = await limiter.process_request(
            _telegrams_answer, (), {}, "sendMessage", {"chat_id": 7, "text": "hi"}, None
        )
    read = await limiter.process_request(
        _telegrams_answer, (), {}, "sendMessage", {"chat_id": 7, "text": "hi"}, None
    )
    assert sender.sent == [("sendMessage", "hi"), ("sendMessage", "hi")]  # both really sent
    assert isinstance(reduced, dict)
    # PTB parses no keyboard nor sender it would drop; the id and date are Telegram's
    assert reduced["message_id"] == 42
    assert reduced["date"] == 1_764_000_000
    assert "reply_markup" not in reduced
    assert "from" not in reduced
    assert read == await _telegrams_answer()  # a caller that reads gets the whole answer
