"""Small helpers for reading what the bot sent through the emulator."""

from __future__ import annotations

from typing import Any

from bot.sandbox.emulator import BotApiEmulator

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
