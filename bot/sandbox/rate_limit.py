"""Telegram-like flood limits for the emulator (off unless asked for).

Telegram documents them loosely: about 30 messages per second to different chats, about one
per second to the same chat (short bursts pass), 20 per minute to a group. Past them it answers
429 "Too Many Requests: retry after N" with `parameters.retry_after`. The emulator applies:

- all chats together: more than `per_second` messages in any sliding second;
- one private chat: a token bucket of `chat_burst` refilled at `per_chat_per_second`;
- one group: a token bucket of `group_per_minute` refilled over a minute.

Only sends count (sendMessage, sendPhoto ...; not sendChatAction, edits or answers), and only
accepted ones: a refused request uses nothing up.
"""

from __future__ import annotations

import math
import time
from collections import deque
from collections.abc import Callable
from dataclasses import dataclass, field

from bot.sandbox.botapi.params import ApiError, JsonDict

_NOT_SENDS = frozenset({"sendchataction"})


@dataclass(frozen=True, slots=True)
class RateLimits:
    per_second: int = 30
    per_chat_per_second: float = 1.0
    chat_burst: int = 3
    group_per_minute: int = 20


@dataclass(slots=True)
class _Bucket:
    tokens: float
    at: float


@dataclass(slots=True)
class RateLimitStats:
    accepted: int = 0
    refused: int = 0
    busiest_second: int = 0  # the most sends accepted within any sliding second
    first_at: float | None = None
    last_at: float | None = None
    by_method: dict[str, int] = field(default_factory=dict)


class RateLimiter:
    def __init__(self, limits: RateLimits, clock: Callable[[], float] = time.monotonic) -> None:
        self.limits = limits
        self.stats = RateLimitStats()
        self._clock = clock
        self._recent: deque[float] = deque()  # accepted sends in the last second
        self._chats: dict[int | str, _Bucket] = {}

    def check(self, method: str, values: JsonDict) -> None:
        """Count a send, or raise the 429 Telegram would answer."""
        name = method.lower()
        if not name.startswith("send") or name in _NOT_SENDS:
            return
        now = self._clock()
        recent = self._recent
        while recent and now - recent[0] >= 1.0:
            recent.popleft()
        limits = self.limits
        if len(recent) >= limits.per_second:
            self._refuse(recent[0] + 1.0 - now)
        chat = _chat_key(values.get("chat_id"))
        group = isinstance(chat, int) and chat < 0
        capacity = float(limits.group_per_minute if group else limits.chat_burst)
        refill = limits.group_per_minute / 60.0 if group else limits.per_chat_per_second
        bucket = self._chats.get(chat) or _Bucket(capacity, now)
        bucket.tokens = min(capacity, bucket.tokens + (now - bucket.at) * refill)
        bucket.at = now
        if bucket.tokens < 1.0:
            self._chats[chat] = bucket
            self._refuse((1.0 - bucket.tokens) / refill)
        bucket.tokens -= 1.0
        self._chats[chat] = bucket
        recent.append(now)
        stats = self.stats
        stats.accepted += 1
        stats.busiest_second = max(stats.busiest_second, len(recent))
        stats.first_at = now if stats.first_at is None else stats.first_at
        stats.last_at = now
        stats.by_method[method] = stats.by_method.get(method, 0) + 1

    def _refuse(self, wait: float) -> None:
        self.stats.refused += 1
        retry_after = max(1, math.ceil(wait))
        raise ApiError(
            429, f"Too Many Requests: retry after {retry_after}", retry_after=retry_after
        )


def _chat_key(value: object) -> int | str:
    if isinstance(value, int):
        return value
    text = str(value)
    try:
        return int(text)
    except ValueError:
        return text.lower()  # "@channel"
