"""Linked entries (content/data/links.yaml): a question landing on entries that speak of the
same thing gets the group's primary card at once, with buttons to the others under it; buttons
to choose remain only for entries that are really different. Through the emulator."""

from __future__ import annotations

from typing import Any

from bot.app import Runtime
from bot.sandbox.emulator import BotApiEmulator
from tests.e2e.helpers import ENGLISH_RESIDENT_ID, RESIDENT_ID, ask, buttons, callback_of


def _callbacks(reply: dict[str, Any]) -> list[str]:
    return [str(choice.get("callback_data")) for choice in buttons(reply)]


async def test_school_milk_is_answered_with_the_indicator_and_offers_the_policy(
    emulator: BotApiEmulator, bot: Runtime
) -> None:
    # The indicator and the policy both name the school-milk programme: one answer, not a choice.
    reply = await ask(emulator, RESIDENT_ID, "sua hoc duong")
    assert "Bạn muốn hỏi" not in reply["text"]
    assert "Nguồn:" in reply["text"]
    assert "sữa học đường" in reply["text"]
    callbacks = _callbacks(reply)
    assert "1:p:chuong-trinh-sua-hoc-duong" in callbacks
    assert "1:i:sua-hoc-duong" not in callbacks, "the card shown is not offered again"

    # The related button opens the policy's card.
    data = callback_of(reply, "Chương trình sữa học đường")
    await emulator.press_button(RESIDENT_ID, RESIDENT_ID, reply["message_id"], data)
    edited = await emulator.wait_for_edit(RESIDENT_ID, reply["message_id"])
    assert "Chương trình sữa học đường" in edited["text"]
    assert "Nguồn:" in edited["text"]


async def test_indicators_completed_answers_the_figure_with_the_faq_under_it(
    emulator: BotApiEmulator, bot: Runtime
) -> None:
    reply = await ask(emulator, RESIDENT_ID, "chương trình 08 hoàn thành bao nhiêu chỉ tiêu")
    assert "Bạn muốn hỏi" not in reply["text"]
    assert "18" in reply["text"]
    assert "27" in reply["text"]
    assert "1:f:bao-nhieu-chi-tieu-dat" in _callbacks(reply)


async def test_linked_answer_in_english(emulator: BotApiEmulator, bot: Runtime) -> None:
    await ask(emulator, ENGLISH_RESIDENT_ID, "/start")
    reply = await ask(emulator, ENGLISH_RESIDENT_ID, "school milk")
    assert "Which of these" not in reply["text"]
    assert "Source:" in reply["text"]
    assert "School milk programme" in " ".join(str(b["text"]) for b in buttons(reply))


async def test_really_different_entries_still_offer_a_choice_one_button_per_group(
    emulator: BotApiEmulator, bot: Runtime
) -> None:
    # "học sinh": school milk (the indicator and its policy, linked), vocational enrolment and
    # the Q2/2022 school-enrolment tasks are different things: a choice, in which the linked
    # group counts once. ("nghị quyết 15 của HĐND", the example before issue 14's figures as
    # words, now names Resolution 15 by its number: answered.)
    reply = await ask(emulator, RESIDENT_ID, "học sinh")
    assert "Bạn muốn hỏi" in reply["text"]
    callbacks = _callbacks(reply)
    assert "1:i:tuyen-sinh-gdnn" in callbacks
    assert "1:f:nhiem-vu-quy-2-2022" in callbacks
    group = {"1:i:sua-hoc-duong", "1:p:chuong-trinh-sua-hoc-duong"}
    assert len(group & set(callbacks)) == 1
