"""Inline mode: `@bot ho ngheo` in any chat offers cards with their source."""

from __future__ import annotations

from bot.app import Runtime
from bot.sandbox.emulator import BotApiEmulator
from tests.e2e.helpers import ENGLISH_RESIDENT_ID, RESIDENT_ID


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
