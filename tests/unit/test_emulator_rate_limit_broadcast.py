"""The emulator's Telegram-like flood limits (used by the broadcast tests and benchmark)."""

from __future__ import annotations

import pytest

from bot.sandbox.botapi.params import ApiError
from bot.sandbox.rate_limit import RateLimiter, RateLimits


class Clock:
    def __init__(self) -> None:
        self.now = 0.0

    def __call__(self) -> float:
        return self.now


def _refusal(limiter: RateLimiter, chat_id: object, method: str = "sendMessage") -> ApiError:
    with pytest.raises(ApiError) as caught:
        limiter.check(method, {"chat_id": chat_id})
    return caught.value


def test_more_than_the_bulk_limit_in_a_second_gets_429_with_retry_after() -> None:
    clock = Clock()
    limiter = RateLimiter(RateLimits(per_second=30), clock)
    for chat in range(1, 31):
        limiter.check("sendMessage", {"chat_id": chat})
    refused = _refusal(limiter, 31)
    assert refused.error_code == 429
    assert refused.retry_after == 1
    assert refused.to_json()["parameters"] == {"retry_after": 1}
    clock.now = 1.0  # the window slid past the first 30
    limiter.check("sendPhoto", {"chat_id": "31"})
    assert limiter.stats.accepted == 31
    assert limiter.stats.refused == 1
    assert limiter.stats.busiest_second == 30


def test_one_chat_may_burst_a_little_then_about_one_per_second() -> None:
    clock = Clock()
    limiter = RateLimiter(RateLimits(chat_burst=3, per_chat_per_second=1.0), clock)
    for _ in range(3):
        limiter.check("sendMessage", {"chat_id": 7})
    assert _refusal(limiter, 7).retry_after == 1
    limiter.check("sendMessage", {"chat_id": 8})  # another chat is not held back
    clock.now = 1.0
    limiter.check("sendMessage", {"chat_id": 7})
    assert _refusal(limiter, "7").error_code == 429


def test_a_group_gets_twenty_a_minute() -> None:
    clock = Clock()
    limiter = RateLimiter(RateLimits(group_per_minute=20), clock)
    for _ in range(20):
        limiter.check("sendMessage", {"chat_id": -100123})
    assert _refusal(limiter, -100123).retry_after == 3  # one more message every 3 s
    clock.now = 3.0
    limiter.check("sendMessage", {"chat_id": -100123})


def test_only_sends_count() -> None:
    limiter = RateLimiter(RateLimits(per_second=1), Clock())
    limiter.check("sendMessage", {"chat_id": 1})
    for method in ("editMessageText", "answerCallbackQuery", "sendChatAction", "getUpdates"):
        limiter.check(method, {"chat_id": 2})
    assert _refusal(limiter, 3).error_code == 429
