"""/questions: officials see the questions nothing answers, grouped by meaning, biggest group
first; small talk, personal cases and other topics are not among them."""

from __future__ import annotations

from collections.abc import AsyncIterator

import pytest

from bot.app import Runtime
from bot.sandbox.emulator import BotApiEmulator
from tests.e2e.helpers import ENGLISH_RESIDENT_ID, OFFICIAL, RESIDENT_ID, ask
from tests.e2e.test_feedback import bot_on


@pytest.fixture
async def moderated(group: BotApiEmulator, database_url: str) -> AsyncIterator[Runtime]:
    async with bot_on(group, database_url) as runtime:
        yield runtime


async def test_officials_see_unanswered_questions_grouped_by_meaning(
    group: BotApiEmulator, moderated: Runtime
) -> None:
    emulator = group
    for user, text in [
        (RESIDENT_ID, "mức trợ cấp người cao tuổi bao nhiêu"),
        (ENGLISH_RESIDENT_ID, "tro cap nguoi cao tuoi la bao nhieu"),
        (RESIDENT_ID, "Trợ cấp người cao tuổi là bao nhiêu?"),
        (RESIDENT_ID, "trợ cấp người khuyết tật bao nhiêu"),
        (RESIDENT_ID, "xin chào ad"),  # small talk
        (RESIDENT_ID, "kết quả xổ số hôm nay"),  # another topic
        (RESIDENT_ID, "tôi bị mất việc thì làm thế nào"),  # a personal case
    ]:
        await ask(emulator, user, text)

    listing = (await ask(emulator, OFFICIAL, "/questions"))["text"]

    lines = listing.splitlines()
    assert lines[0].startswith("❓ Câu hỏi chưa có lời đáp (2 nhóm")
    entries = [line for line in lines if line.startswith("• ")]
    assert entries == [
        "• 3× Trợ cấp người cao tuổi là bao nhiêu?",  # each asked once: the latest leads
        "• 1× trợ cấp người khuyết tật bao nhiêu",
    ]
    assert "3 cách hỏi" in listing
    for other in ("xin chào", "xổ số", "mất việc"):
        assert other not in listing


async def test_only_officials_see_the_questions(group: BotApiEmulator, moderated: Runtime) -> None:
    await ask(group, RESIDENT_ID, "mức trợ cấp người cao tuổi bao nhiêu")
    refused = await ask(group, RESIDENT_ID, "/questions")
    assert "Chỉ cán bộ" in refused["text"]
    assert "người cao tuổi" not in refused["text"]


async def test_an_empty_list_says_so(group: BotApiEmulator, moderated: Runtime) -> None:
    await ask(group, RESIDENT_ID, "cảm ơn")
    reply = await ask(group, OFFICIAL, "/questions")
    assert reply["text"] == "Chưa có câu hỏi nào về chương trình mà bot chưa trả lời được."
