"""What Telegram answers to a resident's notice, and what the notice outbox makes of it: a 429
pauses and retries without counting an attempt, a 403 marks the resident blocked, a 5xx is
retried with backoff while the resident's later notices wait their turn."""

from __future__ import annotations

from collections.abc import AsyncIterator

import aiohttp
import pytest

from bot.app import Runtime
from bot.sandbox.emulator import BotApiEmulator
from tests.e2e.helpers import ADMIN_CHAT, OFFICIAL, RESIDENT_ID, ask, settled
from tests.e2e.test_feedback import bot_on, edited, file_feedback, press

APPROVED = "đã được cán bộ tiếp nhận"
ASSIGNED = "đã được chuyển tới Sở Giáo dục và Đào tạo"
REJECTED = "không được tiếp nhận: tin rác, quảng cáo"
NOTICES = "SELECT event, status, attempts, error FROM notices ORDER BY id"


@pytest.fixture
async def running(group: BotApiEmulator, database_url: str) -> AsyncIterator[Runtime]:
    async with bot_on(group, database_url, log_level="WARNING") as runtime:
        yield runtime


def told(emulator: BotApiEmulator) -> list[str]:
    """The resident's notices about their ticket, in order of arrival."""
    texts = [str(message.get("text", "")) for message in emulator.bot_messages(RESIDENT_ID)]
    return [text for text in texts if text.startswith(("📥", "🏢", "🚫", "💬", "📁", "📢"))]


async def test_a_429_on_a_notice_waits_and_retries_without_counting_an_attempt(
    group: BotApiEmulator, running: Runtime, database_url: str
) -> None:
    emulator = group
    code, card = await file_feedback(emulator, "Đèn đường trong ngõ tối om suốt tuần qua")
    emulator.inject_error(
        "sendMessage", error_code=429, description="Too Many Requests: retry after 1",
        retry_after=1,
    )  # fmt: skip
    await press(emulator, OFFICIAL, card, "Duyệt")
    notice = await emulator.wait_for_bot_message(
        RESIDENT_ID, lambda message: APPROVED in message.get("text", ""), after=0
    )
    assert code in notice["text"]
    refused = [call for call in emulator.failed_calls if call[2] == 429]
    assert [call[1]["chat_id"] for call in refused] == [RESIDENT_ID]
    recorded = [("approved", "sent", 1, None)]
    assert await settled(database_url, NOTICES, recorded) == recorded
    assert len(told(emulator)) == 1
    async with (
        aiohttp.ClientSession() as session,
        session.get(running.dashboard_url + "metrics") as response,
    ):
        metrics = await response.text()
    assert 'danbiet_telegram_rate_limited_total{client="notices"} 1.0' in metrics
    assert 'danbiet_notices{status="sent"} 1.0' in metrics


async def test_a_notice_to_a_resident_who_blocked_the_bot_marks_them_blocked(
    group: BotApiEmulator, running: Runtime, database_url: str
) -> None:
    emulator = group
    await ask(emulator, RESIDENT_ID, "/subscribe")
    _code, card = await file_feedback(emulator, "Vỉa hè trước chợ bị lấn chiếm làm chỗ để xe")
    emulator.block_bot(RESIDENT_ID)
    await press(emulator, OFFICIAL, card, "Duyệt")
    await edited(emulator, card, "Hà Nguyễn: duyệt")
    subscription = "SELECT status FROM subscriptions WHERE resident_id = :id"
    blocked = [("blocked",)]
    assert await settled(database_url, subscription, blocked, id=RESIDENT_ID) == blocked
    recorded = [("approved", "blocked", 1)]
    query = "SELECT event, status, attempts FROM notices"
    assert await settled(database_url, query, recorded) == recorded
    refused = [call for call in emulator.failed_calls if call[2] == 403]
    assert len(refused) == 1
    assert told(emulator) == []
    # Writing to the bot again undoes the block, as after a broadcast's 403.
    await ask(emulator, RESIDENT_ID, "xin chào")
    active = [("active",)]
    assert await settled(database_url, subscription, active, id=RESIDENT_ID) == active


async def test_a_5xx_is_retried_with_backoff_and_later_notices_wait_their_turn(
    group: BotApiEmulator, running: Runtime, database_url: str
) -> None:
    emulator = group
    _code, card = await file_feedback(emulator, "Trạm y tế phường đóng cửa sớm vào chiều thứ bảy")
    emulator.inject_error("sendMessage", error_code=502, description="Bad Gateway")
    await press(emulator, OFFICIAL, card, "Duyệt")
    card = await edited(emulator, card, "Hà Nguyễn: duyệt")
    await press(emulator, OFFICIAL, card, "Giao")
    menu = await emulator.wait_for_edit(
        ADMIN_CHAT, card["message_id"], lambda edit: "Sở Giáo dục" in str(edit["reply_markup"])
    )
    await press(emulator, OFFICIAL, menu, "Sở Giáo dục và Đào tạo")
    await emulator.wait_for_bot_message(
        RESIDENT_ID, lambda message: ASSIGNED in message.get("text", ""), after=0, timeout=30
    )
    notices = told(emulator)
    assert len(notices) == 2, notices
    assert APPROVED in notices[0]  # first, although its first send failed
    assert ASSIGNED in notices[1]
    recorded = [("approved", "sent", 2), ("assigned", "sent", 1)]
    query = "SELECT event, status, attempts FROM notices ORDER BY id"
    assert await settled(database_url, query, recorded) == recorded
    refused = [call for call in emulator.failed_calls if call[2] == 502]
    assert [call[1]["chat_id"] for call in refused] == [RESIDENT_ID]


async def test_a_rejection_tells_the_resident_the_reason(
    group: BotApiEmulator, running: Runtime, database_url: str
) -> None:
    emulator = group
    code, card = await file_feedback(emulator, "Mua bán sim số đẹp giá rẻ liên hệ ngay")
    await press(emulator, OFFICIAL, card, "Từ chối")
    menu = await emulator.wait_for_edit(
        ADMIN_CHAT, card["message_id"], lambda edit: "tin rác" in str(edit["reply_markup"])
    )
    await press(emulator, OFFICIAL, menu, "tin rác")
    screen = await emulator.wait_for_edit(
        ADMIN_CHAT, card["message_id"], lambda edit: "Xác nhận" in str(edit["reply_markup"])
    )
    assert not told(emulator)  # a reason alone rejects nothing: the official confirms first
    await press(emulator, OFFICIAL, screen, "Xác nhận")
    notice = await emulator.wait_for_bot_message(
        RESIDENT_ID, lambda message: REJECTED in message.get("text", ""), after=0
    )
    assert code in notice["text"]
    recorded = [("rejected", "sent", 1)]
    query = "SELECT event, status, attempts FROM notices"
    assert await settled(database_url, query, recorded) == recorded
