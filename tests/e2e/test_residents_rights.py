"""/privacy, /mydata and /forgetme through the emulator, on the real database."""

from __future__ import annotations

from collections.abc import AsyncIterator

import pytest

from bot.app import Runtime
from bot.sandbox.emulator import BotApiEmulator
from bot.services.kernel.actor import Actor
from tests.e2e.helpers import OFFICIAL, ask, button_texts
from tests.e2e.test_feedback import bot_on, edited, file_feedback, press
from tests.tickets import FeedbackChoices

HOA = 1004
TEXT = "Tôi là Hoa, gọi 0912 345 678: trạm y tế phường Phúc Xá đóng cửa sớm"


@pytest.fixture
async def moderated(group: BotApiEmulator, database_url: str) -> AsyncIterator[Runtime]:
    group.add_user(HOA, "Hoa", last_name="Lê", username="hoa_le88")
    async with bot_on(group, database_url) as runtime:
        yield runtime


async def test_privacy_explains_what_is_kept_and_the_rights(
    group: BotApiEmulator, moderated: Runtime
) -> None:
    policy = await ask(group, HOA, "/privacy")
    for part in ("Nghị định 13/2023", "12 tháng", "/mydata", "/forgetme", "/myfeedback"):
        assert part in policy["text"]
    commands = {command["command"] for command in group.calls_of("setMyCommands")[0]["commands"]}
    assert {"mydata", "forgetme", "privacy"} <= commands


async def test_mydata_shows_profile_subscription_tickets_and_consent(
    group: BotApiEmulator, moderated: Runtime
) -> None:
    code, _ = await file_feedback(group, TEXT, resident=HOA, choices=FeedbackChoices(consent=False))
    await ask(group, HOA, "/subscribe")
    data = await ask(group, HOA, "/mydata")
    text = data["text"]
    assert f"Mã người dùng Telegram: {HOA}" in text
    assert "Nhận tin kết quả: có" in text
    assert "Phiếu góp ý: 1" in text
    assert code in text
    assert "không công khai" in text
    assert "có tên" in text


async def test_forgetme_asks_first_then_erases_the_identity(
    group: BotApiEmulator, moderated: Runtime
) -> None:
    code, _ = await file_feedback(group, TEXT, resident=HOA)
    await ask(group, HOA, "/subscribe")

    asked = await ask(group, HOA, "/forgetme")
    assert "không thể hoàn tác" in asked["text"]
    assert len(button_texts(asked)) == 2
    await press(group, HOA, asked, "Hủy")
    await edited(group, asked, "không xóa gì")
    assert code in (await ask(group, HOA, "/mydata"))["text"]

    asked = await ask(group, HOA, "/forgetme")
    await press(group, HOA, asked, "Xóa danh tính của tôi")
    done = await edited(group, asked, "Đã xóa danh tính")
    assert "1 phiếu" in done["text"]
    data = await ask(group, HOA, "/mydata")
    assert "danbiet không lưu dữ liệu nào gắn với bạn." in data["text"]
    assert code not in data["text"]
    mine = await ask(group, HOA, "/myfeedback")
    assert code not in mine["text"]
    # The officials still have the ticket for statistics, anonymised and masked.
    shown = await ask(group, OFFICIAL, f"/ticket {code}")
    assert code in shown["text"]
    for secret in ("Hoa", "0912", "345 678"):
        assert secret not in shown["text"]
    assert "trạm y tế phường Phúc Xá đóng cửa sớm" in shown["text"]
    view = await moderated.services.moderation.ticket_by_code(Actor.official(OFFICIAL), code)
    assert view.ticket.anonymous
    assert view.ticket.resident_id != HOA
