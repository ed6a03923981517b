"""Issue 14, sixth round: classes of answers through the emulator. A topic the content does not
hold, one word of it shared with an entry, is offered, never answered with that entry's figure;
a period alone is no topic; an indicator and the FAQ quoting its sentence are one answer, the
figure first. The questions are in none of the question sets (tests/data/questions*.yaml)."""

from __future__ import annotations

from typing import Any

from bot.app import Runtime
from bot.sandbox.emulator import BotApiEmulator
from tests.e2e.helpers import RESIDENT_ID, ask, buttons


def _callbacks(reply: dict[str, Any]) -> list[str]:
    return [str(choice.get("callback_data")) for choice in buttons(reply)]


async def test_a_topic_the_content_lacks_is_offered_never_answered_with_a_neighbour(
    emulator: BotApiEmulator, bot: Runtime
) -> None:
    # Malnutrition is not the school milk's "dinh dưỡng": a choice, not the school-milk card.
    reply = await ask(emulator, RESIDENT_ID, "tỷ lệ trẻ em bị suy dinh dưỡng ở hà nội")
    assert "Nguồn:" not in reply["text"]
    assert "Bạn muốn hỏi" in reply["text"]


async def test_a_period_alone_gets_no_card(emulator: BotApiEmulator, bot: Runtime) -> None:
    for alone in ("Q3", "q2/2022"):
        reply = await ask(emulator, RESIDENT_ID, alone)
        assert "Nguồn:" not in reply["text"], alone
        assert "Bạn muốn hỏi" not in reply["text"], alone


async def test_the_insurance_figure_answers_with_the_faq_quoting_it_under_it(
    emulator: BotApiEmulator, bot: Runtime
) -> None:
    # The difficulties FAQ quotes the social-insurance indicator's sentence: one answer.
    reply = await ask(emulator, RESIDENT_ID, "số người đóng bảo hiểm xã hội tăng chậm phải không")
    assert "Bạn muốn hỏi" not in reply["text"]
    assert "Nguồn:" in reply["text"]
    assert "bảo hiểm xã hội" in reply["text"].lower()
    assert "1:f:kho-khan" in _callbacks(reply)

    # Health insurance asked of with a word only the FAQ's answer holds: the figure first.
    reply = await ask(emulator, RESIDENT_ID, "bảo hiểm y tế cho học sinh")
    assert "Bạn muốn hỏi" not in reply["text"]
    assert "91,8" in reply["text"]
    assert "1:f:kho-khan" in _callbacks(reply)
