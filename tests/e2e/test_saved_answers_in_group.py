"""Saved answers from a ticket's card in the officials' group: the topic's own and those for
every topic are offered, one is shown filled in for the resident, then sent; the same service as
the dashboard decides what is offered and who may, and forged buttons are refused politely."""

from __future__ import annotations

from collections.abc import AsyncIterator

import pytest

from bot.app import Runtime
from bot.domain.ticket_work import SavedAnswerForm
from bot.sandbox.emulator import BotApiEmulator
from bot.services.kernel.actor import Actor
from tests.e2e.helpers import ADMIN_CHAT, MEMBER, OFFICIAL, RESIDENT_ID, button_texts, rows
from tests.e2e.test_feedback import bot_on, file_feedback, press
from tests.tickets import FeedbackChoices

SYSTEM = Actor.system()
SCHOOL = "Chào {name}, đơn miễn học phí nộp tại trường trước ngày 30/9 <kèm hộ khẩu>."


@pytest.fixture
async def running(group: BotApiEmulator, database_url: str) -> AsyncIterator[Runtime]:
    async with bot_on(group, database_url, log_level="WARNING") as runtime:
        yield runtime


async def saved(runtime: Runtime, topic: str | None, title: str, text: str) -> int:
    answer = await runtime.services.saved_answers.save(SYSTEM, SavedAnswerForm(topic, title, text))
    return answer.id


async def test_an_official_answers_with_a_saved_answer_filled_in_for_the_resident(
    group: BotApiEmulator, running: Runtime, database_url: str
) -> None:
    school = await saved(running, "giao-duc", "Miễn học phí", SCHOOL)
    await saved(running, None, "Cảm ơn", "Cảm ơn {name} đã góp ý.")
    await saved(running, "y-te", "Thẻ bảo hiểm y tế", "Thẻ BHYT cấp tại phường.")
    code, card = await file_feedback(group, "Con tôi chưa được miễn học phí học kỳ này")
    await press(group, OFFICIAL, card, "Duyệt")
    card = await group.wait_for_edit(
        ADMIN_CHAT, card["message_id"], lambda edit: "Câu trả lời mẫu" in str(edit["reply_markup"])
    )

    await press(group, OFFICIAL, card, "Câu trả lời mẫu")
    menu = await group.wait_for_edit(
        ADMIN_CHAT, card["message_id"], lambda edit: "Chọn câu trả lời mẫu" in edit["text"]
    )
    # The ticket's topic's own first, then every topic's; never another topic's.
    assert button_texts(menu) == ["Miễn học phí", "Cảm ơn", "↩️ Quay lại"]

    await press(group, OFFICIAL, menu, "Miễn học phí")
    preview = await group.wait_for_edit(
        ADMIN_CHAT, card["message_id"], lambda edit: "sẽ nhận đúng" in edit["text"]
    )
    filled = "Chào Lan, đơn miễn học phí nộp tại trường trước ngày 30/9 <kèm hộ khẩu>."
    assert filled in preview["text"]  # the name filled in, the text escaped, not markup
    assert code in preview["text"]
    assert button_texts(preview) == [
        "✅ Gửi câu trả lời này",
        "💬 Trả lời",
        "↩️ Quay lại",
    ]

    # Someone in the group who is not an official is refused; nothing is sent.
    refusal = await press(group, MEMBER, preview, "Gửi câu trả lời này")
    assert refusal["text"]
    assert not [m for m in group.bot_messages(RESIDENT_ID) if "miễn học phí nộp" in m["text"]]

    answered = await press(group, OFFICIAL, preview, "Gửi câu trả lời này")
    assert code in answered["text"]
    notice = await group.wait_for_bot_message(
        RESIDENT_ID, lambda message: "miễn học phí nộp" in message.get("text", ""), after=0
    )
    assert filled in notice["text"]
    await group.wait_for_edit(
        ADMIN_CHAT, card["message_id"], lambda edit: "Đã trả lời" in edit["text"]
    )
    audited = await rows(
        database_url, "SELECT actor_id, detail FROM audit_log WHERE action = 'answer'"
    )
    assert [tuple(row) for row in audited] == [(OFFICIAL, f"saved answer {school}")]
    replies = await rows(database_url, "SELECT text FROM ticket_replies")
    assert [row[0] for row in replies] == [filled]


async def test_forged_or_stale_saved_answer_buttons_are_refused_politely(
    group: BotApiEmulator, running: Runtime, database_url: str
) -> None:
    other_topic = await saved(running, "y-te", "Thẻ bảo hiểm y tế", "Thẻ BHYT cấp tại phường.")
    code, card = await file_feedback(
        group, "Trường thu thêm tiền học thêm", choices=FeedbackChoices(anonymous=True)
    )
    (ticket_id,) = [
        row[0]
        for row in await rows(database_url, "SELECT id FROM tickets WHERE code = :code", code=code)
    ]
    # No saved answer for this topic: said so, the card stays as it was.
    none = await press(group, OFFICIAL, card, "Câu trả lời mẫu")
    assert "Chưa có câu trả lời mẫu" in none["text"]

    async def forged(data: str) -> str:
        query = await group.press_button(OFFICIAL, ADMIN_CHAT, card["message_id"], data)
        answer = await group.wait_for_callback_answer(query)
        return str(answer["text"])

    # Another topic's saved answer, a deleted one, a ticket that does not exist, junk.
    gone = "không còn dùng được cho phiếu này"
    assert gone in await forged(f"1:ol:{ticket_id}:{other_topic}")
    assert gone in await forged(f"1:on:{ticket_id}:{other_topic}")
    assert gone in await forged(f"1:on:{ticket_id}:999999")
    assert "đã cũ" in await forged("1:on:12:abc")
    assert "đã cũ" in await forged(f"1:on:{ticket_id}:99999999999")
    assert await rows(database_url, "SELECT id FROM ticket_replies") == []

    # An anonymous resident is addressed the neutral way.
    everyone = await saved(running, None, "Cảm ơn", "Cảm ơn {name} đã góp ý.")
    query = await group.press_button(
        OFFICIAL, ADMIN_CHAT, card["message_id"], f"1:ol:{ticket_id}:{everyone}"
    )
    await group.wait_for_callback_answer(query)
    preview = await group.wait_for_edit(
        ADMIN_CHAT, card["message_id"], lambda edit: "sẽ nhận đúng" in edit["text"]
    )
    assert "Cảm ơn anh/chị đã góp ý." in preview["text"]
