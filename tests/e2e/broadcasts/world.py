"""The emulated Telegram world of the broadcast tests: an admin group, officials, residents,
and a record of every message the bot sent to each resident."""

from __future__ import annotations

import asyncio
from collections import Counter
from collections.abc import AsyncIterator, Callable, Iterable
from contextlib import asynccontextmanager
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import text

from bot.app import Runtime, running_bot
from bot.sandbox.emulator import BotApiEmulator, JsonDict
from bot.sandbox.rate_limit import RateLimiter, RateLimits
from bot.settings import load_settings
from storage.db import create_engine
from tests.e2e.helpers import callback_of

ADMIN_CHAT = -1003000000001
OFFICIAL = 910001  # listed in ADMIN_USER_IDS
MEMBER = 910002  # in the admin group, not an official
FIRST_RESIDENT = 20_000
FOOTER_VI = "Dừng nhận: /unsubscribe"
FOOTER_EN = "To stop: /unsubscribe"


def body(message: JsonDict) -> str:
    return str(message.get("text") or message.get("caption") or "")


def is_broadcast(message: JsonDict) -> bool:
    """Broadcasts, and only they, end with the unsubscribe footer."""
    content = body(message)
    return FOOTER_VI in content or FOOTER_EN in content


NO_LOOP = 300.0  # content_refresh_seconds when the test looks itself (the loop waits 5 minutes)


@dataclass
class Inbox:
    """Every broadcast message each resident received, observed as the emulator stores them."""

    emulator: BotApiEmulator
    received: Counter[int] = field(default_factory=Counter)
    messages: dict[int, list[JsonDict]] = field(default_factory=dict)
    arrivals: list[float] = field(default_factory=list)  # loop time of each, in order
    changed: asyncio.Condition = field(default_factory=asyncio.Condition)

    def __post_init__(self) -> None:
        self.emulator.subscribe(self._observe)

    async def _observe(self, event: str, payload: JsonDict) -> None:
        if event != "message" or payload["chat"]["id"] < 0:
            return
        chat_id = payload["chat"]["id"]
        if payload["from"]["id"] != self.emulator.bot_user["id"]:
            return
        if not is_broadcast(payload):
            return
        self.received[chat_id] += 1
        self.messages.setdefault(chat_id, []).append(payload)
        self.arrivals.append(asyncio.get_running_loop().time())
        async with self.changed:
            self.changed.notify_all()

    @property
    def total(self) -> int:
        return sum(self.received.values())

    async def wait_until(self, done: Callable[[Inbox], bool], timeout: float = 20.0) -> None:  # noqa: ASYNC109
        async with asyncio.timeout(timeout), self.changed:
            await self.changed.wait_for(lambda: done(self))


@dataclass
class World:
    emulator: BotApiEmulator
    database_url: str

    def limit_rate(self, limits: RateLimits) -> RateLimiter:
        """From now on the emulator refuses sends over Telegram's limits (429)."""
        limiter = RateLimiter(limits)
        self.emulator.rate_limiter = limiter
        return limiter

    def settings(self, **overrides: Any) -> Any:
        values: dict[str, Any] = {
            "telegram_bot_token": self.emulator.token,
            "telegram_api_url": self.emulator.base_url,
            "database_url": self.database_url,
            "admin_chat_id": ADMIN_CHAT,
            "admin_user_ids": str(OFFICIAL),
            "log_level": "WARNING",
        }
        values.update(overrides)
        return load_settings(None, **values)

    @asynccontextmanager
    async def bot(self, **overrides: Any) -> AsyncIterator[Runtime]:
        async with running_bot(self.settings(**overrides)) as runtime:
            yield runtime

    def add_residents(
        self, count: int, *, start: int = FIRST_RESIDENT, language: str = "vi"
    ) -> list[int]:
        ids = list(range(start, start + count))
        for user_id in ids:
            self.emulator.add_user(user_id, f"Dân {user_id}", language_code=language)
        return ids

    async def subscribe(self, user_ids: Iterable[int]) -> None:
        """Each resident types /subscribe and gets the answer."""

        async def one(user_id: int) -> None:
            sent = await self.emulator.send_text(user_id, "/subscribe")
            await self.emulator.wait_for_bot_message(
                user_id, after=sent["message"]["message_id"], timeout=10
            )

        await asyncio.gather(*(one(user_id) for user_id in user_ids))

    async def official_says(
        self,
        words: str,
        *,
        user_id: int = OFFICIAL,
        answer: Callable[[JsonDict], bool] | None = None,
    ) -> JsonDict:
        """A command in the admin group; returns the bot's answer: by default the first one
        with buttons (after a draft's previews, the draft's own buttons)."""
        sent = await self.emulator.send_text(user_id, words, chat_id=ADMIN_CHAT)
        return await self.emulator.wait_for_bot_message(
            ADMIN_CHAT,
            answer or (lambda message: bool(message.get("reply_markup"))),
            after=sent["message"]["message_id"],
            timeout=15,
        )

    def admin_messages_after(self, message_id: int) -> list[JsonDict]:
        return [
            message
            for message in self.emulator.bot_messages(ADMIN_CHAT)
            if message["message_id"] > message_id
        ]

    def current(self, message: JsonDict) -> JsonDict:
        """The message as it is now (the worker edits the progress message in place)."""
        return self.emulator.message(message["chat"]["id"], message["message_id"])

    async def press(self, message: JsonDict, label: str, *, user_id: int = OFFICIAL) -> JsonDict:
        """Press a button on a bot message in the admin group; returns the callback answer."""
        data = callback_of(message, label)
        chat_id = message["chat"]["id"]
        query = await self.emulator.press_button(user_id, chat_id, message["message_id"], data)
        return await self.emulator.wait_for_callback_answer(query, timeout=15)

    async def send_now(self, control: JsonDict, *, user_id: int = OFFICIAL) -> JsonDict:
        """ "Send now", then the confirmation naming the recipients (the control message,
        edited in place); returns the answer to the confirmation."""
        asked = await self.press(control, "Gửi ngay", user_id=user_id)
        assert not asked.get("text"), asked  # no refusal: the question is on the message
        question = self.current(control)
        assert "ngay bây giờ?" in body(question), body(question)
        return await self.press(question, "Xác nhận gửi", user_id=user_id)

    async def report(self, broadcast_id: int, timeout: float = 30.0) -> JsonDict:  # noqa: ASYNC109
        """The final report the worker posts in the admin group."""
        return await self.emulator.wait_for_bot_message(
            ADMIN_CHAT,
            lambda message: f"Báo cáo tin #{broadcast_id}" in body(message),
            after=0,
            timeout=timeout,
        )

    async def rows(self, sql: str, **parameters: Any) -> list[Any]:
        engine = create_engine(self.database_url)
        try:
            async with engine.connect() as connection:
                return list((await connection.execute(text(sql), parameters)).all())
        finally:
            await engine.dispose()
