"""Messages that are not questions to look up, through the real bot and the emulator: small
talk gets a friendly word, a personal case the offices that can judge it and one press to
officials, another topic what danbiet covers. None of them joins the officials' list."""

from __future__ import annotations

import re

import pytest

from bot.app import Runtime
from bot.sandbox.emulator import BotApiEmulator
from bot.services.kernel.actor import Actor
from tests.e2e.helpers import (
    ENGLISH_RESIDENT_ID,
    RESIDENT_ID,
    ask,
    button_texts,
    callback_of,
)

NO_FIGURE = "chưa tìm thấy số liệu"  # the reply to a question nothing answers
COMMITTEE = "Ban Chỉ đạo"  # the one-press button's label


async def _unanswered(bot: Runtime) -> list[str]:
    await bot.services.recorder.flush()
    return [item.text for item in await bot.services.questions.unanswered(Actor.system())]


@pytest.mark.parametrize(
    ("text", "opening"),
    [
        ("chào", "Xin chào"),
        ("xin chào ad", "Xin chào"),
        ("Cam on ad nhieuuu", "Không có gì"),
        ("ok", "Vâng ạ"),
        ("👍", "Vâng ạ"),
        ("hihi", "Vâng ạ"),
        # what answers them ("máy" is also the clean-water policy's "nước máy"), and not
        # understanding the last reply: said plainly, never a figure
        ("bạn là người thật hay máy vậy", "Mình là một bot"),
        ("ad ơi hok hiểu lắm", "Xin lỗi, để mình nói rõ hơn"),
    ],
)
async def test_small_talk_gets_a_friendly_reply_with_example_questions(
    emulator: BotApiEmulator, bot: Runtime, text: str, opening: str
) -> None:
    reply = await ask(emulator, RESIDENT_ID, text)
    assert reply["text"].startswith(opening)
    assert "tỷ lệ hộ nghèo của Hà Nội là bao nhiêu?" in reply["text"]  # an example to ask
    assert NO_FIGURE not in reply["text"]
    assert not any(COMMITTEE in label for label in button_texts(reply))
    assert await _unanswered(bot) == []


async def test_small_talk_in_english(emulator: BotApiEmulator, bot: Runtime) -> None:
    reply = await ask(emulator, ENGLISH_RESIDENT_ID, "thanks!")
    assert reply["text"].startswith("You're welcome")
    assert "what is the poverty rate in Hanoi?" in reply["text"]


async def test_asking_whether_a_person_answers_in_english(
    emulator: BotApiEmulator, bot: Runtime
) -> None:
    reply = await ask(emulator, ENGLISH_RESIDENT_ID, "Are you a real person?")
    assert reply["text"].startswith("I am a bot")
    assert "/feedback" in reply["text"]
    assert await _unanswered(bot) == []


async def test_a_question_after_thanks_is_still_answered(
    emulator: BotApiEmulator, bot: Runtime
) -> None:
    reply = await ask(emulator, RESIDENT_ID, "cảm ơn, cho hỏi tỷ lệ hộ nghèo")
    assert "3.612" in reply["text"]
    assert "Nguồn:" in reply["text"]


@pytest.mark.parametrize(
    ("text", "office"),
    [
        ("tôi bị mất việc thì làm thế nào", "Trung tâm Dịch vụ việc làm Hà Nội"),
        ("tiền trợ cấp thất nghiệp tháng này chưa nhận được", "Bảo hiểm xã hội quận, huyện"),
        ("làm sao đăng ký hộ nghèo", "UBND phường, xã, thị trấn"),
        ("tôi có được hỗ trợ không", "UBND quận, huyện, thị xã"),
        # issue 14, fifth round: one's own card expired, to renew
        ("thẻ bảo hiểm y tế của mẹ tôi hết hạn rồi, gia hạn ở đâu", "Bảo hiểm xã hội quận, huyện"),
        # sixth round: a complaint, the family's case
        ("sao nhà tôi không được đồng nào", "Sở Lao động - Thương binh và Xã hội Hà Nội"),
        ("mẹ tôi 80 tuổi có được nhận trợ cấp không", "Sở Lao động - Thương binh và Xã hội Hà Nội"),
        # session 9: a procedure asked with "cách", and when one's own benefit comes
        ("chỉ mình cách đóng bhxh tự nguyện online với", "Bảo hiểm xã hội quận, huyện"),
        ("trợ cấp của bố tôi bao giờ thì được tăng", "Sở Lao động - Thương binh và Xã hội Hà Nội"),
    ],
)
async def test_a_personal_case_gets_where_to_go_never_a_statistics_card(
    emulator: BotApiEmulator, bot: Runtime, text: str, office: str
) -> None:
    reply = await ask(emulator, RESIDENT_ID, text)
    body = reply["text"]
    assert "không thể xét một trường hợp riêng" in body
    assert office in body
    assert "UBND phường, xã, thị trấn nơi bạn cư trú" in body  # named for every case
    # No report states the ward's role: the documents that give it are named instead.
    assert "Căn cứ: Quyết định của Thủ tướng Chính phủ" in body
    assert "24/2021/QĐ-TTg" in body
    assert "cơ quan thường trực Ban Chỉ đạo" in body  # the standing agency, with its source
    assert "Theo: Giao ban kết quả thực hiện quý I" in body
    assert not re.search(r"\d+(?:[.,]\d+)?\s*%", body), "no statistic for a personal case"
    assert NO_FIGURE not in body
    assert await _unanswered(bot) == []


async def test_the_programmes_difficulties_are_a_question_not_a_case(
    emulator: BotApiEmulator, bot: Runtime
) -> None:
    reply = await ask(emulator, RESIDENT_ID, "chương trình đang vướng gì, khó khăn chỗ nào")
    assert "không thể xét một trường hợp riêng" not in reply["text"]
    assert "tăng chậm" in reply["text"]  # the difficulties the report states
    assert "Nguồn:" in reply["text"]


async def test_a_personal_case_goes_to_officials_in_one_press(
    emulator: BotApiEmulator, bot: Runtime
) -> None:
    reply = await ask(emulator, RESIDENT_ID, "nhà tôi khó khăn quá, xin hỗ trợ ở đâu")
    query_id = await emulator.press_button(
        RESIDENT_ID, RESIDENT_ID, reply["message_id"], callback_of(reply, COMMITTEE)
    )
    await emulator.wait_for_callback_answer(query_id)
    confirmation = await emulator.wait_for_bot_message(RESIDENT_ID, after=reply["message_id"])
    assert "Mã phiếu" in confirmation["text"]
    tickets = await bot.services.feedback.my_tickets(Actor.resident(RESIDENT_ID))
    assert [ticket.text for ticket in tickets.items] == ["nhà tôi khó khăn quá, xin hỗ trợ ở đâu"]


async def test_a_personal_case_in_english(emulator: BotApiEmulator, bot: Runtime) -> None:
    reply = await ask(emulator, ENGLISH_RESIDENT_ID, "I lost my job, how do I apply for support?")
    assert "cannot judge an individual case" in reply["text"]
    assert "the Hanoi Employment Service Centre" in reply["text"]
    assert any("committee" in label for label in button_texts(reply))


@pytest.mark.parametrize(
    "text",
    [
        "thời tiết hà nội ngày mai",
        "lich thi dau bong da",
        "kết quả xổ số miền bắc hôm nay",
        "phạt nguội xe máy tra ở đâu",
        "giá vàng hôm nay bao nhiêu",
        # another place than Hanoi, even of a programme topic (issue 14, fifth round)
        "hộ nghèo cả nước bao nhiêu",
        # an epidemic's own statistics, not the support paid in it (sixth round)
        "hôm nay hà nội có bao nhiêu ca nhiễm covid",
    ],
)
async def test_another_topic_gets_the_scope_and_is_not_listed(
    emulator: BotApiEmulator, bot: Runtime, text: str
) -> None:
    reply = await ask(emulator, RESIDENT_ID, text)
    assert reply["text"].startswith("Câu này nằm ngoài phạm vi của mình")
    assert "Chương trình 08-CTr/TU" in reply["text"]
    assert NO_FIGURE not in reply["text"]
    assert not any(COMMITTEE in label for label in button_texts(reply))
    assert await _unanswered(bot) == []


async def test_another_topic_in_english(emulator: BotApiEmulator, bot: Runtime) -> None:
    reply = await ask(emulator, ENGLISH_RESIDENT_ID, "who won the world cup")
    assert reply["text"].startswith("That is outside what I cover")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("chào " * 819, "dài quá"),  # 4,095 characters of greeting: over the question limit
        ("😀🎉🇻🇳❤️‍🔥👍🏽", "danbiet"),  # only emoji: flags, a ZWJ sequence, a skin tone
        ("xin chào Привет 你好 مرحبا", "Xin chào"),  # one greeting in four scripts
        ("hello ad, tỷ lệ hộ nghèo là bao nhiêu, what is the poverty rate", "3.612"),
    ],
)
async def test_bad_input_stays_polite(
    emulator: BotApiEmulator, bot: Runtime, text: str, expected: str
) -> None:
    assert len(text) <= 4096  # what Telegram delivers at most
    reply = await ask(emulator, RESIDENT_ID, text)
    assert expected in reply["text"]
