"""Consent to publishing, end to end through the emulator: given, refused, withdrawn; and
the public register /answers showing none of the personal data planted in a ticket."""

from __future__ import annotations

import re
from collections.abc import AsyncIterator
from typing import Any

import pytest

from bot.app import Runtime
from bot.domain.errors import NoPublishConsent
from bot.sandbox.emulator import BotApiEmulator
from bot.services.kernel.actor import Actor
from tests.e2e.helpers import ADMIN_CHAT, ENGLISH_RESIDENT_ID, OFFICIAL, ask, button_texts
from tests.e2e.test_feedback import bot_on, edited, file_feedback, latest, press, reply_prompt
from tests.tickets import FeedbackChoices

QUYEN = 1003  # a resident whose Telegram names are in her text, filing anonymously
PLANTED = (
    "Tôi là quyên, nhà số 12 ngõ 34 phố Huế, sđt 0912 345 678, mail quyen.lo a còng gmail "
    "chấm com, con trai tôi tên Minh. Trường tiểu học thiếu phòng học, nhắn quyen_lo92 nhé"
)
# What must not reach /answers: her names, the house and lane numbers, phone, e-mail, child.
SECRETS = ("quyên", "lò", "12", "34", "345 678", "quyen.lo", "minh", "quyen_lo92")


async def answered(emulator: BotApiEmulator, card: dict[str, Any], text: str) -> dict[str, Any]:
    """The official answers through the reply prompt; returns the card once it says so."""
    prompt = await reply_prompt(emulator, card)
    await emulator.send_text(
        OFFICIAL, text, chat_id=ADMIN_CHAT, reply_to_message_id=prompt["message_id"]
    )
    return await edited(emulator, card, "💬 Đã trả lời")


async def publish(emulator: BotApiEmulator, card: dict[str, Any]) -> dict[str, Any]:
    """Publish button → masked preview → confirm; returns the preview."""
    await press(emulator, OFFICIAL, card, "Công khai")
    preview = await edited(emulator, card, "Bản công khai của phiếu")
    await press(emulator, OFFICIAL, preview, "Xác nhận công khai")
    await edited(emulator, card, "Đã công khai")
    return preview


def words_of(text: str) -> set[str]:
    return {word.casefold() for word in re.findall(r"[\w.]+", text)}


@pytest.fixture
async def moderated(group: BotApiEmulator, database_url: str) -> AsyncIterator[Runtime]:
    async with bot_on(group, database_url) as runtime:
        yield runtime


@pytest.fixture
def quyen(group: BotApiEmulator) -> int:
    group.add_user(QUYEN, "Quyên", last_name="Lò", username="quyen_lo92")
    return QUYEN


async def test_consent_given_publishes_a_masked_version_only(
    group: BotApiEmulator, moderated: Runtime, quyen: int
) -> None:
    emulator = group
    code, card = await file_feedback(
        emulator, PLANTED, resident=quyen, choices=FeedbackChoices(anonymous=True)
    )
    card = await answered(emulator, card, "Chị Quyên liên hệ phòng giáo dục quận nhé.")
    preview = await publish(emulator, card)
    register = await ask(emulator, ENGLISH_RESIDENT_ID, "/answers")
    assert code in register["text"]
    assert "thiếu phòng học" in register["text"]
    assert "liên hệ phòng giáo dục" in register["text"]
    for shown in (preview["text"], register["text"]):
        leaked = words_of(shown) & {secret.casefold() for secret in SECRETS}
        assert not leaked, shown
        assert "345 678" not in shown
    # The original stays private: the officials' card still has it.
    shown = await ask(emulator, OFFICIAL, f"/ticket {code}")
    assert "0912 345 678" in shown["text"]


async def test_consent_refused_no_route_publishes(
    group: BotApiEmulator, moderated: Runtime
) -> None:
    emulator = group
    code, card = await file_feedback(
        emulator,
        "Đề nghị mở thêm lớp học buổi tối cho người lớn tuổi",
        choices=FeedbackChoices(consent=False),
    )
    card = await answered(emulator, card, "Phường sẽ mở lớp từ tháng sau.")
    refusal = await press(emulator, OFFICIAL, card, "Công khai")
    assert refusal["show_alert"]
    assert "không đồng ý công khai" in refusal["text"]
    register = await ask(emulator, ENGLISH_RESIDENT_ID, "/answers")
    assert code not in register["text"]
    # The service refuses whatever the front end: the dashboard's route, the confirm button.
    services = moderated.services
    ticket = await services.moderation.ticket_by_code(Actor.official(OFFICIAL, "Hà"), code)
    official = Actor.official(OFFICIAL, "Hà")
    with pytest.raises(NoPublishConsent):
        await services.moderation.set_published(official, ticket.ticket.id, True, "Bản sửa")
    with pytest.raises(NoPublishConsent):
        await services.moderation.publish_preview(official, ticket.ticket.id)
    assert not (await services.moderation.ticket(official, ticket.ticket.id)).ticket.published


async def test_consent_withdrawn_unpublishes_at_once_and_is_audited(
    group: BotApiEmulator, moderated: Runtime
) -> None:
    emulator = group
    resident = 1001
    code, card = await file_feedback(emulator, "Xin hỏi lịch tiêm chủng mở rộng tháng này")
    card = await answered(emulator, card, "Lịch tiêm vào thứ Năm hằng tuần.")
    await publish(emulator, card)
    assert code in (await ask(emulator, ENGLISH_RESIDENT_ID, "/answers"))["text"]

    sent = await emulator.send_text(resident, "/myfeedback")
    # The answer's notice comes through the outbox and may arrive just after the command: the
    # list is the message that has the ticket's button.
    mine = await emulator.wait_for_bot_message(
        resident,
        lambda message: any(code in text for text in button_texts(message)),
        after=sent["message"]["message_id"],
    )
    await press(emulator, resident, mine, code)
    detail = await edited(emulator, mine, "cho phép công khai")
    before = latest(emulator, ADMIN_CHAT)
    answer = await press(emulator, resident, detail, "Rút lại đồng ý")
    assert "không còn công khai" in answer["text"]
    after = await edited(emulator, mine, "không được công khai")
    assert "Rút lại đồng ý" not in str(after.get("reply_markup"))
    assert code not in (await ask(emulator, ENGLISH_RESIDENT_ID, "/answers"))["text"]
    assert before <= latest(emulator, ADMIN_CHAT)

    services = moderated.services
    ticket = await services.moderation.ticket_by_code(Actor.official(OFFICIAL, "Hà"), code)
    assert not ticket.ticket.published
    assert not ticket.ticket.publish_consent
    assert "consent_withdrawn" in [entry.action for entry in ticket.history]
    refusal = await press(emulator, OFFICIAL, card, "Công khai")
    assert "không đồng ý công khai" in refusal["text"]
