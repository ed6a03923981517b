"""The replies' retry policy, call by call."""

from __future__ import annotations

from typing import Any

import pytest
from telegram.error import BadRequest, Forbidden, NetworkError, RetryAfter, TimedOut

from bot.metrics import Metrics
from bot.telegram_retry import RetryingRateLimiter


class Script:
    """A Bot API call that fails as scripted, then succeeds."""

    def __init__(self, *failures: Exception) -> None:
        self.failures = list(failures)
        self.calls = 0

    async def __call__(self, *_args: Any, **_kwargs: Any) -> dict[str, Any]:
        self.calls += 1
        if self.failures:
            raise self.failures.pop(0)
        return {"message_id": 1}


async def run(limiter: RetryingRateLimiter, call: Script, endpoint: str = "sendMessage") -> Any:
    return await limiter.process_request(call, (), {}, endpoint, {}, None)


@pytest.fixture(autouse=True)
def _no_pauses(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("bot.telegram_retry.FIRST_PAUSE_SECONDS", 0.0)


async def test_network_failures_are_retried_up_to_the_limit() -> None:
    limiter = RetryingRateLimiter(3)
    call = Script(TimedOut(), NetworkError("Bad Gateway"))
    assert await run(limiter, call) == {"message_id": 1}
    assert call.calls == 3
    failing = Script(TimedOut(), TimedOut(), TimedOut())
    with pytest.raises(TimedOut):
        await run(limiter, failing)
    assert failing.calls == 3


async def test_a_429_waits_without_using_an_attempt_and_is_counted() -> None:
    metrics = Metrics()
    limiter = RetryingRateLimiter(1, metrics)
    call = Script(RetryAfter(0), RetryAfter(0))
    assert await run(limiter, call) == {"message_id": 1}
    assert metrics.rate_limited.labels("replies")._value.get() == 2


async def test_refusals_are_never_retried() -> None:
    limiter = RetryingRateLimiter(5)
    for refusal in (BadRequest("Chat not found"), Forbidden("bot was blocked by the user")):
        call = Script(refusal)
        with pytest.raises(type(refusal)):
            await run(limiter, call)
        assert call.calls == 1


async def test_a_retry_that_finds_the_call_already_done_is_a_success() -> None:
    limiter = RetryingRateLimiter(5)
    call = Script(NetworkError("Server disconnected"), BadRequest("Message is not modified"))
    assert await run(limiter, call) is True
    # Without an uncertain first try, the same answer is a real error.
    with pytest.raises(BadRequest):
        await run(limiter, Script(BadRequest("Message is not modified")))


async def test_get_updates_is_left_to_the_poller() -> None:
    call = Script(TimedOut())
    with pytest.raises(TimedOut):
        await run(RetryingRateLimiter(5), call, "getUpdates")
    assert call.calls == 1
