"""Officials acting, in their group or on a card in their own chat, are not residents: no
residents row for them, while a resident who writes still gets one."""

from __future__ import annotations

from collections.abc import AsyncIterator, Callable
from typing import Any

import pytest

from bot.app import Runtime
from bot.sandbox.emulator import BotApiEmulator
from tests.e2e.helpers import (
    ADMIN_CHAT,
    ENGLISH_RESIDENT_ID,
    GROUP_ADMIN,
    MEMBER,
    OFFICIAL,
    RESIDENT_ID,
    ask,
    rows,
)
from tests.e2e.test_feedback import bot_on, edited, file_feedback, latest, press, reply_prompt


@pytest.fixture
async def moderated(group: BotApiEmulator, database_url: str) -> AsyncIterator[Runtime]:
    async with bot_on(group, database_url) as runtime:
        yield runtime


async def in_group(emulator: BotApiEmulator, user_id: int, text: str) -> dict[str, Any]:
    """The user types in the officials' group; returns the bot's answer there."""
    sent = await emulator.send_text(user_id, text, chat_id=ADMIN_CHAT)
    return await emulator.wait_for_bot_message(ADMIN_CHAT, after=sent["message"]["message_id"])


def saying(part: str) -> Callable[[dict[str, Any]], bool]:
    return lambda message: part in message.get("text", "")


async def resident_ids(database_url: str) -> list[int]:
    """Who has a residents row, the placeholder for forgotten residents (id 0) aside."""
    sql = "SELECT id FROM residents WHERE id > 0 ORDER BY id"
    return [row.id for row in await rows(database_url, sql)]


async def test_officials_moderating_in_their_group_leave_no_resident_row(
    group: BotApiEmulator, moderated: Runtime, database_url: str
) -> None:
    emulator = group
    code, card = await file_feedback(emulator, "Đường vào trường tiểu học ngập nước khi mưa")
    assert await resident_ids(database_url) == [RESIDENT_ID]

    # Buttons on the card: a refused press, approve, the assign menu, assign, the reply prompt.
    refused = await press(emulator, MEMBER, card, "Duyệt")
    assert refused["show_alert"]
    told = latest(emulator, RESIDENT_ID)
    await press(emulator, GROUP_ADMIN, card, "Duyệt")
    card = await edited(emulator, card, "Minh: duyệt")
    await press(emulator, OFFICIAL, card, "Giao")
    menu = await emulator.wait_for_edit(
        ADMIN_CHAT, card["message_id"], lambda edit: "Sở Giáo dục" in str(edit["reply_markup"])
    )
    await press(emulator, OFFICIAL, menu, "Sở Giáo dục và Đào tạo")
    card = await edited(emulator, card, "Giao: Sở Giáo dục và Đào tạo")
    # The resident's notices first: the prompt is read from the last sendMessage.
    for notice in ("tiếp nhận", "Sở Giáo dục và Đào tạo"):
        await emulator.wait_for_bot_message(RESIDENT_ID, saying(notice), after=told)
    prompt = await reply_prompt(emulator, card)
    last = latest(emulator, RESIDENT_ID)
    reply = await emulator.send_text(
        OFFICIAL,
        "Phường sẽ nạo vét cống trong tuần này.",
        chat_id=ADMIN_CHAT,
        reply_to_message_id=prompt["message_id"],
    )
    sent = await emulator.wait_for_bot_message(ADMIN_CHAT, after=reply["message"]["message_id"])
    assert code in sent["text"]
    await emulator.wait_for_bot_message(RESIDENT_ID, saying("nạo vét cống"), after=last)
    outdated = await emulator.press_button(OFFICIAL, ADMIN_CHAT, card["message_id"], "0:oa:1")
    assert (await emulator.wait_for_callback_answer(outdated))["show_alert"]

    # Commands typed in the group, by officials and by a member who is not one.
    queue = await in_group(emulator, OFFICIAL, "/queue")
    assert code in queue["text"]
    stats = await in_group(emulator, OFFICIAL, "/stats")
    assert "Theo lĩnh vực" in stats["text"]
    await in_group(emulator, GROUP_ADMIN, "/questions")
    shown = await in_group(emulator, OFFICIAL, f"/ticket {code}")
    assert f"Phiếu {code}" in shown["text"]
    await in_group(emulator, MEMBER, "/stats")
    await in_group(emulator, OFFICIAL, "/help")

    # A card shown in an official's own chat: its buttons are an official's there too.
    private = await ask(emulator, OFFICIAL, f"/ticket {code}")
    await press(emulator, OFFICIAL, private, "Đóng")
    await edited(emulator, private, "📁 Đã đóng")

    assert await resident_ids(database_url) == [RESIDENT_ID]


async def test_a_resident_who_writes_gets_a_row(
    group: BotApiEmulator, moderated: Runtime, database_url: str
) -> None:
    emulator = group
    assert await resident_ids(database_url) == []
    sent = await emulator.send_text(RESIDENT_ID, "/start")
    await emulator.wait_for_bot_message(RESIDENT_ID, after=sent["message"]["message_id"])
    await moderated.services.recorder.flush()  # contacts are written behind the reply
    assert await resident_ids(database_url) == [RESIDENT_ID]
    answer = await ask(emulator, ENGLISH_RESIDENT_ID, "how many poor households are there")
    assert answer["text"]
    await moderated.services.recorder.flush()
    assert await resident_ids(database_url) == [RESIDENT_ID, ENGLISH_RESIDENT_ID]
