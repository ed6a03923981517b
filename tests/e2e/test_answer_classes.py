"""Issue 14, sixth round: classes of answers through the emulator. A topic the content does not
hold, one word of it shared with an entry, is offered, never answered with that entry's figure;
a period alone is no topic; an indicator and the FAQ quoting its sentence are one answer, the
figure first. The questions are in none of the question sets (tests/data/questions*.yaml)."""

from __future__ import annotations

import re
from typing import Any

from bot.app import Runtime
from bot.sandbox.emulator import BotApiEmulator
from tests.e2e.helpers import ENGLISH_RESIDENT_ID, RESIDENT_ID, ask, buttons


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


# --------------------------------------------------------------------------- seventh round


async def test_a_childs_benefit_at_school_is_their_case_never_the_milk_figure(
    emulator: BotApiEmulator, bot: Runtime
) -> None:
    reply = await ask(emulator, RESIDENT_ID, "cháu tôi học lớp 2 có được uống sữa ở trường không")
    assert "không thể xét một trường hợp riêng" in reply["text"]
    assert "Nguồn:" not in reply["text"]
    assert not re.search(r"\d+(?:[.,]\d+)?\s*%", reply["text"]), "no statistic for a case"


async def test_how_long_the_programme_runs_gets_its_period(
    emulator: BotApiEmulator, bot: Runtime
) -> None:
    reply = await ask(emulator, RESIDENT_ID, "chương trình an sinh chạy tới năm nào vậy")
    assert "Bạn muốn hỏi" not in reply["text"]
    assert "Giai đoạn 2021-2025" in reply["text"]


async def test_a_motto_phrase_in_a_progress_question_gets_the_count(
    emulator: BotApiEmulator, bot: Runtime
) -> None:
    reply = await ask(emulator, RESIDENT_ID, "hà nội còn nợ những chỉ tiêu nào")
    assert "Bạn muốn hỏi" not in reply["text"]
    assert "18" in reply["text"]
    assert "dân biết, dân bàn" not in reply["text"]  # not the openness FAQ's motto


async def test_a_long_english_question_is_answered_with_its_topic(
    emulator: BotApiEmulator, bot: Runtime
) -> None:
    question = "Student here. What share of households in Hanoi were poor as of July 2022?"
    reply = await ask(emulator, ENGLISH_RESIDENT_ID, question)
    assert "Which of these" not in reply["text"]
    assert "Source:" in reply["text"]
    assert "poor" in reply["text"].lower()


# --------------------------------------------------------------------------- eighth round


async def test_what_one_heard_then_doubted_gets_the_figure(
    emulator: BotApiEmulator, bot: Runtime
) -> None:
    # hearsay around the topic: "nghe nói ... có thật không"
    reply = await ask(emulator, RESIDENT_ID, "nghe nói hỏa táng ở hà nội được 68%, có thật không")
    assert "Bạn muốn hỏi" not in reply["text"]
    assert "Nguồn:" in reply["text"]
    assert "68" in reply["text"]

    # a figure quoted, then doubted with what the resident sees: the figure's card
    question = "báo cáo ghi bảo hiểm y tế 91,8% mà sao xóm tôi nhiều cụ chưa có thẻ"
    reply = await ask(emulator, RESIDENT_ID, question)
    assert "Bạn muốn hỏi" not in reply["text"]
    assert "91,8" in reply["text"]


async def test_the_committee_work_gets_its_documents_not_its_head(
    emulator: BotApiEmulator, bot: Runtime
) -> None:
    reply = await ask(emulator, RESIDENT_ID, "ban chỉ đạo đã làm được những gì trong năm 2023")
    assert "Bạn muốn hỏi" not in reply["text"]
    assert "Nguồn:" in reply["text"]
    assert "Nghị quyết" in reply["text"]
    assert "Nguyễn Ngọc Tuấn" not in reply["text"]  # not who heads it


async def test_an_abbreviation_typed_inside_a_run_is_understood(
    emulator: BotApiEmulator, bot: Runtime
) -> None:
    reply = await ask(emulator, RESIDENT_ID, "tylebaophubhyt")
    assert "Bạn muốn hỏi" not in reply["text"]
    assert "91,8" in reply["text"]


async def test_two_groups_asked_at_once_get_the_first_with_the_other_under_it(
    emulator: BotApiEmulator, bot: Runtime
) -> None:
    reply = await ask(emulator, RESIDENT_ID, "hộ nghèo, hộ cận nghèo mỗi loại còn bao nhiêu")
    assert "Bạn muốn hỏi" not in reply["text"]
    assert "Nguồn:" in reply["text"]
    assert any(data.endswith(":ho-ngheo") for data in _callbacks(reply)), _callbacks(reply)


async def test_what_insurance_pays_a_family_member_in_hospital_is_their_case(
    emulator: BotApiEmulator, bot: Runtime
) -> None:
    reply = await ask(emulator, RESIDENT_ID, "bà tôi đang nằm viện thì bhyt chi trả bao nhiêu")
    assert "không thể xét một trường hợp riêng" in reply["text"]
    assert "91,8" not in reply["text"]
