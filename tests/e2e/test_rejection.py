"""Rejecting a ticket in the officials' group: a reason, a referral where it fits, words as a
reply to the confirm screen, a confirm; the resident receives all three, as plain text."""

from __future__ import annotations

from collections.abc import AsyncIterator
from typing import Any

import pytest

from bot.app import Runtime
from bot.sandbox.emulator import BotApiEmulator
from tests.e2e.helpers import (
    ADMIN_CHAT,
    MEMBER,
    OFFICIAL,
    RESIDENT_ID,
    ask,
    button_texts,
    rows,
)
from tests.e2e.test_feedback import bot_on, file_feedback, latest, press

WORDS = "Việc sổ <b>BHXH</b> xin bạn hỏi cơ quan bảo hiểm & mang theo CCCD."


@pytest.fixture
async def running(group: BotApiEmulator, database_url: str) -> AsyncIterator[Runtime]:
    async with bot_on(group, database_url, log_level="WARNING") as runtime:
        yield runtime


async def _reason_chosen(emulator: BotApiEmulator, card: dict[str, Any], reason: str) -> Any:
    """An official presses Reject on the card, then the reason: the confirm screen."""
    await press(emulator, OFFICIAL, card, "Từ chối")
    menu = await emulator.wait_for_edit(
        ADMIN_CHAT, card["message_id"], lambda edit: reason in str(edit["reply_markup"])
    )
    await press(emulator, OFFICIAL, menu, reason)
    return await emulator.wait_for_edit(
        ADMIN_CHAT, card["message_id"], lambda edit: "Xác nhận" in str(edit["reply_markup"])
    )


async def test_a_rejection_with_words_and_a_referral_reaches_the_resident(
    group: BotApiEmulator, running: Runtime, database_url: str
) -> None:
    emulator = group
    code, card = await file_feedback(emulator, "Tôi muốn hỏi cách gộp sổ bảo hiểm xã hội")
    screen = await _reason_chosen(emulator, card, "không thuộc phạm vi")
    offices = button_texts(screen)
    # The office the ticket's text points to comes first.
    assert offices[0] == "Bảo hiểm xã hội quận, huyện nơi bạn cư trú"
    await press(emulator, OFFICIAL, screen, "Bảo hiểm xã hội quận")
    chosen = await emulator.wait_for_edit(
        ADMIN_CHAT, card["message_id"], lambda edit: "Hướng dẫn người dân tới" in edit["text"]
    )
    assert "✓ Bảo hiểm xã hội quận, huyện nơi bạn cư trú" in button_texts(chosen)

    # A member who is not an official cannot confirm; nothing is sent.
    refusal = await press(emulator, MEMBER, chosen, "Xác nhận")
    assert refusal["text"]

    before = latest(emulator, ADMIN_CHAT)
    words = await emulator.send_text(
        OFFICIAL, WORDS, chat_id=ADMIN_CHAT, reply_to_message_id=chosen["message_id"]
    )
    last = await emulator.wait_for_bot_message(
        ADMIN_CHAT,
        lambda message: "Lời nhắn tới người dân" in message.get("text", ""),
        after=before,
    )
    assert last["reply_to_message"]["message_id"] == words["message"]["message_id"]
    assert WORDS in last["text"]  # shown as the resident will read it, markup included
    await press(emulator, OFFICIAL, last, "Xác nhận")

    notice = await emulator.wait_for_bot_message(
        RESIDENT_ID, lambda message: "không được tiếp nhận" in message.get("text", ""), after=0
    )
    text = notice["text"]
    assert code in text
    assert "không thuộc phạm vi Chương trình" in text
    assert WORDS in text  # escaped: the resident sees the words, not formatting
    assert "Bảo hiểm xã hội quận, huyện nơi bạn cư trú" in text
    found = await rows(
        database_url,
        "SELECT status, reject_reason, reject_words, referral FROM tickets WHERE code = :code",
        code=code,
    )
    assert [tuple(row) for row in found] == [("rejected", "off_topic", WORDS, "bhxh-quan-huyen")]

    # Later, in /myfeedback, the resident reads the words and the office again.
    mine = await ask(emulator, RESIDENT_ID, "/myfeedback")
    await press(emulator, RESIDENT_ID, mine, code)
    detail = await emulator.wait_for_edit(
        RESIDENT_ID, mine["message_id"], lambda edit: "Lời nhắn của cán bộ" in edit["text"]
    )
    assert WORDS in detail["text"]
    assert "Bảo hiểm xã hội quận, huyện nơi bạn cư trú" in detail["text"]
    audited = await rows(
        database_url,
        "SELECT actor_id, detail FROM audit_log WHERE action = 'reject'",
    )
    assert len(audited) == 1
    assert audited[0][0] == OFFICIAL
    assert audited[0][1] == "off_topic → bhxh-quan-huyen +words"


async def test_a_reason_that_takes_no_referral_offers_none_and_words_are_optional(
    group: BotApiEmulator, running: Runtime
) -> None:
    emulator = group
    _code, card = await file_feedback(emulator, "Bán sim số đẹp giá rẻ, liên hệ ngay")
    screen = await _reason_chosen(emulator, card, "tin rác")
    assert button_texts(screen) == ["✅ Xác nhận không tiếp nhận", "↩️ Quay lại"]
    await press(emulator, OFFICIAL, screen, "Quay lại")  # changed their mind: the card again
    await emulator.wait_for_edit(
        ADMIN_CHAT, card["message_id"], lambda edit: "Từ chối" in str(edit["reply_markup"])
    )
    assert not [m for m in emulator.bot_messages(RESIDENT_ID) if "🚫" in m.get("text", "")]


async def test_overlong_words_and_a_non_officials_words_are_refused(
    group: BotApiEmulator, running: Runtime
) -> None:
    emulator = group
    _code, card = await file_feedback(emulator, "Quảng cáo vay tiền nhanh, lãi suất thấp")
    screen = await _reason_chosen(emulator, card, "tin rác")
    before = latest(emulator, ADMIN_CHAT)
    await emulator.send_text(
        OFFICIAL, "rất dài " * 150, chat_id=ADMIN_CHAT, reply_to_message_id=screen["message_id"]
    )
    refused = await emulator.wait_for_bot_message(ADMIN_CHAT, after=before)
    assert "Lời nhắn dài 1.199 ký tự, vượt quá 1.000" in refused["text"]
    before = latest(emulator, ADMIN_CHAT)
    await emulator.send_text(
        MEMBER, "tôi cũng muốn nhắn", chat_id=ADMIN_CHAT, reply_to_message_id=screen["message_id"]
    )
    answered = await emulator.wait_for_bot_message(ADMIN_CHAT, after=before)
    assert "Chỉ cán bộ được phân quyền" in answered["text"]  # no confirm screen for them
    assert not [m for m in emulator.bot_messages(RESIDENT_ID) if "🚫" in m.get("text", "")]
