"""Odd input in the feedback and officials' paths, on SQLite and PostgreSQL: lengths counted as
Telegram counts them, answers that escape to far more than they show, numbers that are no id.
Each case was once a lost message or a failed handler (found by fuzzing)."""

from __future__ import annotations

from collections.abc import AsyncIterator
from html import escape

import pytest

from bot.app import Runtime
from bot.sandbox.emulator import BotApiEmulator
from handlers.callback_data import Action, encode
from tests.e2e.helpers import ADMIN_CHAT, OFFICIAL, RESIDENT_ID, ask
from tests.e2e.test_feedback import bot_on, edited, file_feedback, latest, press, reply_prompt


@pytest.fixture
async def moderated(group: BotApiEmulator, database_url: str) -> AsyncIterator[Runtime]:
    async with bot_on(group, database_url) as runtime:
        yield runtime


def handler_failures(runtime: Runtime) -> float:
    return float(runtime.application.bot_data.metrics.update_errors._value.get())


async def test_emoji_count_twice_and_an_emoji_ticket_reaches_the_officials(
    group: BotApiEmulator, moderated: Runtime
) -> None:
    emulator = group
    menu = await ask(emulator, RESIDENT_ID, "/feedback")
    await press(emulator, RESIDENT_ID, menu, "🎓 Giáo dục")
    await edited(emulator, menu, "tối đa 2.000 ký tự")
    # 1,009 characters, but 2,009 units as Telegram counts (and shows the limit).
    refused = await ask(emulator, RESIDENT_ID, "Đèn hỏng " + "😀" * 1000)
    assert "2.009" in refused["text"]
    assert "vượt quá 2.000" in refused["text"]
    await ask(emulator, RESIDENT_ID, "/cancel")

    text = "Đèn hỏng " + "😀" * 995  # 1,999 units: allowed, and its card must fit
    code, card = await file_feedback(emulator, text)
    assert code in card["text"]
    assert text in card["text"]
    assert handler_failures(moderated) == 0


async def test_an_answer_full_of_markup_reaches_the_resident_whole(
    group: BotApiEmulator, moderated: Runtime
) -> None:
    emulator = group
    code, card = await file_feedback(emulator, "Xin hỏi lịch tiêm chủng ở trạm y tế phường")
    answer = 'Lịch: a&b <c> "d" ' * 150  # 2,700 characters that escape to over 4,000
    assert len(escape(answer)) > 2500  # where the catalogs once printed "{???}"
    prompt = await reply_prompt(emulator, card)
    last = latest(emulator, RESIDENT_ID)
    await emulator.send_text(
        OFFICIAL, answer, chat_id=ADMIN_CHAT, reply_to_message_id=prompt["message_id"]
    )
    answered = await emulator.wait_for_bot_message(RESIDENT_ID, after=last)
    assert answer.strip() in answered["text"]
    assert code in answered["text"]

    # 1,609 characters but 3,209 units: over the 3,000 allowed, so the official is told, not
    # the resident sent something Telegram would refuse.
    card = await edited(emulator, card, "💬 Đã trả lời")
    prompt = await reply_prompt(emulator, card)
    sent = await emulator.send_text(
        OFFICIAL,
        "Đã xử lý " + "😀" * 1600,
        chat_id=ADMIN_CHAT,
        reply_to_message_id=prompt["message_id"],
    )
    told = await emulator.wait_for_bot_message(ADMIN_CHAT, after=sent["message"]["message_id"])
    assert "3.209" in told["text"]
    assert "vượt quá 3.000" in told["text"]
    assert latest(emulator, RESIDENT_ID) == answered["message_id"]
    assert handler_failures(moderated) == 0


async def test_numbers_that_are_no_user_id_or_page_get_a_polite_reply(
    group: BotApiEmulator, moderated: Runtime
) -> None:
    emulator = group
    for command in (
        "/ban 99999999999999999999",  # past 64 bits
        "/ban ²²²²²²²",  # "digits" to str.isdigit, not to int()
        "/unban ٣٣٣٣٣٣٣٣",  # Arabic-Indic digits
        "/unban #4503599627370497",  # past Telegram's 52 bits
    ):
        reply = await ask(emulator, OFFICIAL, command)
        assert "Không tìm thấy" in reply["text"], command
    queue = await ask(emulator, OFFICIAL, "/queue ²")
    assert queue["text"]
    assert handler_failures(moderated) == 0


async def test_button_ids_beyond_any_record_are_refused(
    group: BotApiEmulator, moderated: Runtime
) -> None:
    emulator = group
    code, card = await file_feedback(emulator, "Xin bổ sung đèn chiếu sáng ngõ 7 phố Huế")
    for data, presser in (
        (encode(Action.MOD_CARD, "1") + "2147483647", OFFICIAL),  # 12,147,483,647
        ("1:ov:2147483648", OFFICIAL),
        ("1:or:3000000000:spam", OFFICIAL),
        ("1:tv:2147483648:1", RESIDENT_ID),
        ("1:q:3000000000", RESIDENT_ID),
    ):
        chat = ADMIN_CHAT if presser == OFFICIAL else RESIDENT_ID
        message_id = card["message_id"] if presser == OFFICIAL else latest(emulator, RESIDENT_ID)
        query = await emulator.press_button(presser, chat, message_id, data)
        answer = await emulator.wait_for_callback_answer(query)
        assert answer.get("show_alert"), data
    assert handler_failures(moderated) == 0
    queue = await ask(emulator, OFFICIAL, "/queue")
    assert code in queue["text"]


async def test_a_broadcast_of_wide_characters_is_previewed_or_refused_never_lost(
    group: BotApiEmulator, moderated: Runtime
) -> None:
    emulator = group
    for text, expected in (("😀" * 2040, "Tin quá dài"), ("😀" * 1900, "😀" * 1900)):
        sent = await emulator.send_text(OFFICIAL, f"/broadcast {text}", chat_id=ADMIN_CHAT)
        reply = await emulator.wait_for_bot_message(ADMIN_CHAT, after=sent["message"]["message_id"])
        assert expected in reply["text"]
    assert handler_failures(moderated) == 0
