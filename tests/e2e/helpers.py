"""Small helpers for reading what the bot sent through the emulator."""

from __future__ import annotations

import asyncio
from typing import Any

from sqlalchemy import text

from bot.sandbox.emulator import BotApiEmulator
from storage.db import create_engine

RESIDENT_ID = 1001
ENGLISH_RESIDENT_ID = 1002
ADMIN_CHAT = -1002000000001  # the officials' group of the `group` fixture
OFFICIAL = 900001  # listed in ADMIN_USER_IDS
GROUP_ADMIN = 900002  # not listed, but an administrator of the admin chat
MEMBER = 900003  # in the admin chat, not an official


def buttons(message: dict[str, Any]) -> list[dict[str, Any]]:
    markup = message.get("reply_markup") or {}
    return [button for row in markup.get("inline_keyboard", []) for button in row]


def button_texts(message: dict[str, Any]) -> list[str]:
    return [str(button["text"]) for button in buttons(message)]


def callback_of(message: dict[str, Any], text_part: str) -> str:
    for button in buttons(message):
        if text_part in button["text"] and "callback_data" in button:
            return str(button["callback_data"])
    raise AssertionError(f"no button with {text_part!r} in {button_texts(message)}")


async def ask(
    emulator: BotApiEmulator,
    user_id: int,
    text: str,
    *,
    timeout: float = 5.0,  # noqa: ASYNC109 - a test helper's patience
) -> dict[str, Any]:
    """Send a text and wait for the bot's reply to it."""
    sent = await emulator.send_text(user_id, text)
    return await emulator.wait_for_bot_message(
        user_id, after=sent["message"]["message_id"], timeout=timeout
    )


async def rows(database_url: str, sql: str, **parameters: Any) -> list[Any]:
    """A query's rows, read beside the bot (another process may be writing)."""
    engine = create_engine(database_url)
    try:
        async with engine.connect() as connection:
            return list((await connection.execute(text(sql), parameters)).all())
    finally:
        await engine.dispose()


async def settled(
    database_url: str,
    sql: str,
    expected: list[Any],
    *,
    timeout: float = 30.0,  # noqa: ASYNC109 - a test helper's patience
    **parameters: Any,
) -> list[Any]:
    """The query's rows once they are `expected`, or as they are after `timeout`: the delivery
    worker records an outcome just after the send a test sees."""
    loop = asyncio.get_running_loop()
    deadline = loop.time() + timeout
    found = await rows(database_url, sql, **parameters)
    while found != expected and loop.time() < deadline:
        # A table has no event to wait on; 50 ms between looks.
        await asyncio.sleep(0.05)
        found = await rows(database_url, sql, **parameters)
    return found
