"""Bad input gets a polite answer, never a traceback; the bot keeps going."""

from __future__ import annotations

import logging

import pytest

from bot.app import Runtime
from bot.sandbox.emulator import BotApiEmulator
from tests.e2e.helpers import RESIDENT_ID, ask


async def test_overlong_text_gets_a_polite_reply(emulator: BotApiEmulator, bot: Runtime) -> None:
    reply = await ask(emulator, RESIDENT_ID, "hộ nghèo " * 600)
    assert "dài quá" in reply["text"]


async def test_emoji_only_is_small_talk(emulator: BotApiEmulator, bot: Runtime) -> None:
    # An emoji is a friendly word, not a question: a friendly reply with examples to ask.
    reply = await ask(emulator, RESIDENT_ID, "🙏🙏🏠❤️")
    assert "danbiet" in reply["text"]
    assert "tỷ lệ hộ nghèo" in reply["text"]
    assert "chưa tìm thấy số liệu" not in reply["text"]


async def test_punctuation_only_asks_for_words(emulator: BotApiEmulator, bot: Runtime) -> None:
    reply = await ask(emulator, RESIDENT_ID, "???!!!")
    assert "chưa đọc được câu hỏi" in reply["text"]


async def test_zero_width_and_combining_characters_still_match(
    emulator: BotApiEmulator, bot: Runtime
) -> None:
    # "hộ nghèo" with a zero-width space and decomposed (combining) diacritics
    text = "ho\u0323\u0302\u200b ngh\u00e8o\u200d"
    reply = await ask(emulator, RESIDENT_ID, text)
    assert "3.612" in reply["text"]


async def test_html_and_markdown_are_text(emulator: BotApiEmulator, bot: Runtime) -> None:
    # Unescaped, this would be a 400 from the emulator's HTML parser and no reply at all.
    reply = await ask(emulator, RESIDENT_ID, "<b>ho ngheo</b> <script>alert(1)</script> *_[x](y)_*")
    assert reply["text"]
    reply = await ask(emulator, RESIDENT_ID, "<script>alert('x')</script>")
    assert reply["text"]
    assert "<script>" not in reply.get("html", "")


async def test_sticker_and_photo_get_a_polite_reply(emulator: BotApiEmulator, bot: Runtime) -> None:
    sent = await emulator.send_sticker(RESIDENT_ID)
    reply = await emulator.wait_for_bot_message(RESIDENT_ID, after=sent["message"]["message_id"])
    assert "chỉ đọc được tin nhắn chữ" in reply["text"]
    sent = await emulator.send_photo(RESIDENT_ID)
    reply = await emulator.wait_for_bot_message(RESIDENT_ID, after=sent["message"]["message_id"])
    assert "chỉ đọc được tin nhắn chữ" in reply["text"]


async def test_unknown_command(emulator: BotApiEmulator, bot: Runtime) -> None:
    reply = await ask(emulator, RESIDENT_ID, "/xoso")
    assert "/help" in reply["text"]


@pytest.mark.parametrize(
    "forged", ["garbage", "0:i:ho-ngheo", "1:i:khong-co", "1:zz", "1:b:../../x", "1:l:fr"]
)
async def test_forged_callback_data_changes_nothing(
    emulator: BotApiEmulator, bot: Runtime, forged: str
) -> None:
    menu = await ask(emulator, RESIDENT_ID, "/start")
    query_id = await emulator.press_button(RESIDENT_ID, RESIDENT_ID, menu["message_id"], forged)
    answer = await emulator.wait_for_callback_answer(query_id)
    assert "không hợp lệ" in answer["text"]
    await emulator.wait_until_idle()
    current = next(
        m for m in emulator.messages(RESIDENT_ID) if m["message_id"] == menu["message_id"]
    )
    assert current["text"] == menu["text"]
    assert not current.get("edit_date")


async def test_a_failing_call_is_logged_and_the_bot_keeps_going(
    emulator: BotApiEmulator, bot: Runtime, caplog: pytest.LogCaptureFixture
) -> None:
    emulator.inject_error("sendMessage", error_code=400, description="Bad Request: test fault")
    with caplog.at_level(logging.ERROR, logger="handlers.errors"):
        reply = await ask(emulator, RESIDENT_ID, "ho ngheo")
    assert "sự cố" in reply["text"]  # the error handler's polite word
    assert "BadRequest: Test fault" in caplog.text  # PTB capitalises the description
    reply = await ask(emulator, RESIDENT_ID, "ho ngheo")
    assert "3.612" in reply["text"]
