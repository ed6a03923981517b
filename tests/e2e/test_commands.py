"""Commands, browsing, language, deep links and the command menu, through the emulator."""

from __future__ import annotations

from typing import Any

from bot.app import Runtime
from bot.sandbox.emulator import BotApiEmulator
from handlers import COMMANDS
from tests.e2e.helpers import (
    ENGLISH_RESIDENT_ID,
    RESIDENT_ID,
    ask,
    button_texts,
    buttons,
    callback_of,
)


async def _press(emulator: BotApiEmulator, message: dict[str, Any], label: str) -> dict[str, Any]:
    data = callback_of(message, label)
    message_id = int(message["message_id"])
    await emulator.press_button(RESIDENT_ID, RESIDENT_ID, message_id, data)
    return await emulator.wait_for_edit(
        RESIDENT_ID,
        message_id,
        lambda edited: (
            edited.get("reply_markup") != message.get("reply_markup")
            or edited["text"] != message["text"]
        ),
    )


async def test_start_welcomes_and_offers_the_menu(emulator: BotApiEmulator, bot: Runtime) -> None:
    reply = await ask(emulator, RESIDENT_ID, "/start")
    assert "Xin chào Lan" in reply["text"]
    assert "08-CTr/TU" in reply["text"]
    assert {"📊 Chỉ tiêu", "📜 Chính sách", "❓ Hỏi đáp", "🌐 Ngôn ngữ"} <= set(button_texts(reply))


async def test_command_menu_is_published_in_both_languages(
    emulator: BotApiEmulator, bot: Runtime
) -> None:
    published = {
        language: [item["command"] for item in commands]
        for (_scope, language), commands in emulator.commands.items()
    }
    expected = [name for name, _key in COMMANDS]
    assert published.get("") == expected
    assert published.get("en") == expected
    descriptions = {
        language: {item["command"]: item["description"] for item in commands}
        for (_scope, language), commands in emulator.commands.items()
    }
    assert descriptions[""]["indicators"] != descriptions["en"]["indicators"]


async def test_help_lists_the_commands(emulator: BotApiEmulator, bot: Runtime) -> None:
    reply = await ask(emulator, RESIDENT_ID, "/help")
    for name, _key in COMMANDS:
        if name != "help":
            assert f"/{name}" in reply["text"]


async def test_browse_indicators_by_area_down_to_a_card_with_history(
    emulator: BotApiEmulator, bot: Runtime
) -> None:
    areas = await ask(emulator, RESIDENT_ID, "/indicators")
    assert "Chỉ tiêu theo lĩnh vực" in areas["text"]
    area = await _press(emulator, areas, "Giảm nghèo")
    assert "Hộ nghèo" in area["text"]
    card = await _press(emulator, area, "Hộ cận nghèo")
    assert "30.176" in card["text"]
    assert "Qua các kỳ báo cáo" in card["text"]
    assert "Quý I/2022" in card["text"]
    assert "2023" in card["text"]
    share = [button for button in buttons(card) if "switch_inline_query" in button]
    assert [button["switch_inline_query"] for button in share] == ["ho-can-ngheo"]
    back = await _press(emulator, card, "Cùng lĩnh vực")
    assert "Hộ nghèo" in back["text"]


async def test_browse_policies_to_a_policy_card(emulator: BotApiEmulator, bot: Runtime) -> None:
    areas = await ask(emulator, RESIDENT_ID, "/policies")
    assert "Chính sách hỗ trợ" in areas["text"]
    labels = [label for label in button_texts(areas) if "Màn hình chính" not in label]
    assert labels
    area = await _press(emulator, areas, labels[0])
    policy_labels = [label for label in button_texts(area) if "⬅️" not in label]
    card = await _press(emulator, area, policy_labels[0])
    assert "📜" in card["text"]
    assert "Nguồn:" in card["text"]


async def test_faq_answers_who_leads_the_committee(emulator: BotApiEmulator, bot: Runtime) -> None:
    reply = await ask(emulator, RESIDENT_ID, "ai là trưởng ban chỉ đạo")
    assert "Nguyễn Ngọc Tuấn" in reply["text"]
    assert "Nguồn:" in reply["text"]
    listing = await ask(emulator, RESIDENT_ID, "/faq")
    assert len(button_texts(listing)) >= 5


async def test_language_choice_is_kept(emulator: BotApiEmulator, bot: Runtime) -> None:
    menu = await ask(emulator, RESIDENT_ID, "/language")
    confirmed = await _press(emulator, menu, "English")
    assert "Switched to English" in confirmed["text"]
    reply = await ask(emulator, RESIDENT_ID, "ho ngheo")  # Vietnamese words, English chosen
    assert "Poor households" in reply["text"]
    menu = await ask(emulator, RESIDENT_ID, "/language")
    confirmed = await _press(emulator, menu, "Tiếng Việt")
    assert "tiếng Việt" in confirmed["text"]


async def test_deep_link_opens_the_indicator(emulator: BotApiEmulator, bot: Runtime) -> None:
    reply = await ask(emulator, RESIDENT_ID, "/start bao-phu-bhyt")
    assert "91,8" in reply["text"]
    assert "Nguồn:" in reply["text"]


async def test_unknown_deep_link_says_so_then_shows_the_menu(
    emulator: BotApiEmulator, bot: Runtime
) -> None:
    sent = await emulator.send_text(RESIDENT_ID, "/start khong-ton-tai")
    after = sent["message"]["message_id"]
    notice = await emulator.wait_for_bot_message(RESIDENT_ID, after=after)
    assert "không còn dẫn tới" in notice["text"]
    menu = await emulator.wait_for_bot_message(RESIDENT_ID, after=notice["message_id"])
    assert "Xin chào" in menu["text"]


async def test_main_menu_button_returns_home(emulator: BotApiEmulator, bot: Runtime) -> None:
    reply = await ask(emulator, RESIDENT_ID, "/help")
    home = await _press(emulator, reply, "Màn hình chính")
    assert "Xin chào Lan" in home["text"]


async def test_the_welcome_names_the_programme_once_and_the_bots_own_username(
    emulator: BotApiEmulator, bot: Runtime
) -> None:
    username = emulator.bot_user["username"]
    for resident, programme in ((RESIDENT_ID, "Chương trình"), (ENGLISH_RESIDENT_ID, "Programme")):
        text = (await ask(emulator, resident, "/start"))["text"]
        assert text.count("08-CTr/TU") == 1
        assert text.count(programme) == 1
        assert f"@{username} " in text
        assert "tên_bot" not in text
        assert "bot_name" not in text


async def test_subscribing_is_one_press_from_the_main_menu(
    emulator: BotApiEmulator, bot: Runtime
) -> None:
    menu = await ask(emulator, RESIDENT_ID, "/start")
    subscribed = await _press(emulator, menu, "🔔 Nhận kết quả hằng quý")
    assert "/unsubscribe" in subscribed["text"]


async def test_help_explains_inline_mode_with_the_bots_username(
    emulator: BotApiEmulator, bot: Runtime
) -> None:
    reply = await ask(emulator, RESIDENT_ID, "/help")
    assert f"@{emulator.bot_user['username']} hộ nghèo" in reply["text"]
    assert "inline" in reply["text"]


async def test_an_faq_answer_leads_back_to_the_faq_list(
    emulator: BotApiEmulator, bot: Runtime
) -> None:
    listing = await ask(emulator, RESIDENT_ID, "/faq")
    first_question = button_texts(listing)[0]
    answer = await _press(emulator, listing, first_question)
    assert "Nguồn" in answer["text"]
    back = await _press(emulator, answer, "⬅️ Các câu hỏi thường gặp")
    assert button_texts(back)[0] == first_question
    assert "🏠 Màn hình chính" in button_texts(answer)
