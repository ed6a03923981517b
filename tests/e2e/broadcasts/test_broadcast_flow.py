"""An official's broadcast, end to end: preview, confirmation, paced delivery, progress, report."""

from __future__ import annotations

import asyncio

from bot.sandbox.rate_limit import RateLimits
from tests.e2e.broadcasts.world import ADMIN_CHAT, FOOTER_EN, Inbox, World, body
from tests.e2e.helpers import button_texts


async def test_preview_then_every_subscriber_gets_it_exactly_once_within_telegram_limits(
    world: World,
) -> None:
    emulator = world.emulator
    vietnamese = world.add_residents(40)
    english = world.add_residents(5, start=30_000, language="en")
    inbox = Inbox(emulator)
    async with world.bot(broadcast_rate=25):
        await world.subscribe(vietnamese + english)
        limiter = world.limit_rate(RateLimits(per_second=30))
        control = await world.official_says(
            "/broadcast Họp dân <b>thứ Bảy</b> lúc 8h & 9h\nEN: Residents' meeting on **Saturday**"
        )
        previews = world.admin_messages_after(0)
        assert "Người nhận: <b>45</b>" in control["html"]
        assert "tiếng Việt 40, tiếng Anh 5" in control["text"]
        assert button_texts(control) == ["✅ Gửi ngay", "⏰ Hẹn giờ", "✖️ Hủy"]
        # The exact messages, in both languages, before anything is sent to anyone.
        preview_vi, preview_en = (message["html"] for message in previews[:2])
        # Typed formatting is rendered, never shown as marks or tags; the rest is escaped.
        assert "Họp dân <b>thứ Bảy</b> lúc 8h &amp; 9h" in preview_vi
        assert "EN:" not in preview_vi
        assert "Residents' meeting on <b>Saturday</b>" in preview_en
        assert "thứ Bảy" not in preview_en
        assert FOOTER_EN in preview_en
        assert inbox.total == 0
        answer = await world.send_now(control)
        assert answer.get("text") == "Bắt đầu gửi."
        await inbox.wait_until(lambda box: box.total >= 45)
        report = await world.report(1)
        assert "đã gửi tới <b>45</b> người" in report["html"]
        history = await world.official_says("/broadcasts", answer=lambda _message: True)
        assert "#1 · " in body(history)
        assert "thông báo · xong: gửi 45/45, chặn bot 0, lỗi 0" in body(history)
        await emulator.wait_until_idle(timeout=10)

    assert set(inbox.received) == set(vietnamese + english)
    assert set(inbox.received.values()) == {1}
    # What residents got is exactly the preview of their language.
    assert inbox.messages[vietnamese[0]][0]["html"] == preview_vi
    assert inbox.messages[english[0]][0]["html"] == preview_en
    assert limiter.stats.refused == 0
    assert limiter.stats.busiest_second <= 30
    # The progress message is the control message, edited in place into the final state.
    final = emulator.message(ADMIN_CHAT, control["message_id"])
    assert "đã gửi xong" in body(final)
    assert "Đã gửi: 45 / 45" in body(final)
    assert not final.get("reply_markup")


async def test_a_second_confirmation_creates_nothing_twice(world: World) -> None:
    residents = world.add_residents(6)
    inbox = Inbox(world.emulator)
    async with world.bot(broadcast_rate=25):
        await world.subscribe(residents)
        control = await world.official_says("/broadcast Lịch tiếp dân")
        await world.press(control, "Gửi ngay")
        question = world.current(control)
        first, second = await asyncio.gather(
            world.press(question, "Xác nhận gửi"), world.press(question, "Xác nhận gửi")
        )
        answers = sorted(str(item.get("text")) for item in (first, second))
        assert answers == ["Bắt đầu gửi.", "Tin #1 đã được xác nhận rồi: không tạo gì thêm."]
        await world.report(1)
        await world.emulator.wait_until_idle(timeout=10)
    rows = await world.rows("SELECT count(*) FROM deliveries WHERE broadcast_id = 1")
    assert rows[0][0] == 6
    assert set(inbox.received.values()) == {1}


async def test_when_telegram_allows_less_than_the_rate_its_429s_are_obeyed(world: World) -> None:
    """Telegram may allow less than BROADCAST_RATE: every 429 pauses all sends for retry_after,
    the refused message is sent again later, and nobody gets it twice."""
    residents = world.add_residents(25)
    inbox = Inbox(world.emulator)
    async with world.bot(broadcast_rate=25):
        await world.subscribe(residents)
        limiter = world.limit_rate(RateLimits(per_second=10))
        control = await world.official_says("/broadcast Thông báo")
        await world.send_now(control)
        await world.report(1)
    assert limiter.stats.refused > 0
    assert limiter.stats.busiest_second <= 10
    assert set(inbox.received) == set(residents)
    assert set(inbox.received.values()) == {1}
    rows = await world.rows("SELECT DISTINCT status, attempts FROM deliveries")
    assert rows == [("sent", 1)]  # a 429 is not an attempt
