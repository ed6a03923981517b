"""Inline mode: `@bot ho ngheo` in any chat offers cards with their source."""

from __future__ import annotations

from bot.app import Runtime
from bot.sandbox.emulator import BotApiEmulator
from tests.e2e.helpers import ENGLISH_RESIDENT_ID, RESIDENT_ID, rows


async def test_inline_query_offers_the_matching_card(
    emulator: BotApiEmulator, bot: Runtime
) -> None:
    query_id = await emulator.inline_query(RESIDENT_ID, "ho ngheo")
    answer = await emulator.wait_for_inline_answer(query_id)
    results = answer["results"]
    assert results, "expected at least one card"
    first = results[0]
    assert first["title"] == "Hộ nghèo"
    content = first["input_message_content"]
    assert "3.612" in content["message_text"]
    assert "Nguồn:" in content["message_text"]
    assert content["parse_mode"] == "HTML"
    assert answer.get("is_personal") in (True, "true")


async def test_inline_in_english(emulator: BotApiEmulator, bot: Runtime) -> None:
    query_id = await emulator.inline_query(ENGLISH_RESIDENT_ID, "health insurance coverage")
    answer = await emulator.wait_for_inline_answer(query_id)
    assert answer["results"]
    assert "Source:" in answer["results"][0]["input_message_content"]["message_text"]


async def test_empty_inline_query_lists_indicators(emulator: BotApiEmulator, bot: Runtime) -> None:
    query_id = await emulator.inline_query(RESIDENT_ID, "")
    answer = await emulator.wait_for_inline_answer(query_id)
    assert len(answer["results"]) >= 5
    assert len({result["id"] for result in answer["results"]}) == len(answer["results"])


async def test_inline_query_out_of_scope_offers_nothing(
    emulator: BotApiEmulator, bot: Runtime
) -> None:
    query_id = await emulator.inline_query(RESIDENT_ID, "giá vàng hôm nay")
    answer = await emulator.wait_for_inline_answer(query_id)
    assert answer["results"] == []


async def test_a_card_shared_through_inline_mode_is_not_taken_for_a_question(
    emulator: BotApiEmulator, bot: Runtime
) -> None:
    """Picking a result sends the card "via @bot" into the chat, as Telegram does; in the
    bot's own chat that is the bot's text, not a resident's question to answer or log."""
    query_id = await emulator.inline_query(RESIDENT_ID, "ho ngheo")
    answer = await emulator.wait_for_inline_answer(query_id)
    picked = answer["results"][0]
    shared = await emulator.send_inline_result(RESIDENT_ID, RESIDENT_ID, query_id, picked["id"])
    card = shared["message"]
    assert card["via_bot"]["username"] == emulator.bot_user["username"]
    assert "3.612" in card["text"]
    assert any(entity["type"] == "bold" for entity in card.get("entities", []))
    # Updates of one resident are handled in order: once a question on another topic is
    # answered, a reply to the shared card (the poor-households card again) would be there.
    asked = await emulator.send_text(RESIDENT_ID, "/help")
    reply = await emulator.wait_for_bot_message(
        RESIDENT_ID,
        lambda message: "3.612" not in message.get("text", ""),
        after=card["message_id"],
    )
    assert asked["message"]["message_id"] < reply["message_id"]
    after_card = [
        message
        for message in emulator.bot_messages(RESIDENT_ID)
        if message["message_id"] > card["message_id"]
    ]
    assert after_card == [reply]
    logged = await rows(
        bot.settings.database_url,
        "SELECT count(*) FROM question_log WHERE text LIKE :card",
        card="%Nguồn%",
    )
    assert logged[0][0] == 0
