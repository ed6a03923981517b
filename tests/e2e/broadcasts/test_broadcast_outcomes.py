"""What Telegram answers and what officials do while a broadcast runs: 429, 403, 400, 5xx,
pause, resume, cancel, schedule; and replies to residents never wait behind a broadcast."""

from __future__ import annotations

import asyncio
import datetime as dt
import re

import aiohttp

from bot.sandbox.rate_limit import RateLimits
from bot.services.kernel.actor import Actor
from bot.services.kernel.clock import utc_now
from handlers.callback_data import Action, encode
from tests.e2e.broadcasts.world import ADMIN_CHAT, MEMBER, OFFICIAL, Inbox, World, body
from tests.e2e.helpers import ask, button_texts

# The moves on a broadcast as the audit log has them (preparing: test_broadcast_audit.py).
MOVES = (
    "SELECT actor_id, action, to_status, detail FROM audit_log WHERE action IN "
    "('broadcast_started', 'broadcast_scheduled', 'broadcast_paused', 'broadcast_resumed', "
    "'broadcast_cancelled') ORDER BY id"
)


async def test_on_429_everyone_waits_and_the_row_is_retried_without_counting_an_attempt(
    world: World,
) -> None:
    residents = world.add_residents(5)
    inbox = Inbox(world.emulator)
    async with world.bot(broadcast_rate=25) as runtime:
        await world.subscribe(residents)
        control = await world.official_says("/broadcast Thông báo")
        world.emulator.inject_error(
            "sendMessage", error_code=429, description="Too Many Requests: retry after 1",
            retry_after=1,
        )  # fmt: skip
        pressed = asyncio.get_running_loop().time()
        await world.send_now(control)
        await world.report(1)
        async with (
            aiohttp.ClientSession() as session,
            session.get(runtime.dashboard_url + "metrics") as response,
        ):
            metrics = await response.text()
    assert 'danbiet_telegram_rate_limited_total{client="broadcasts"} 1.0' in metrics
    assert 'danbiet_broadcast_deliveries{status="sent"} 5.0' in metrics
    refused = [call for call in world.emulator.failed_calls if call[2] == 429]
    assert len(refused) == 1
    assert set(inbox.received.values()) == {1}
    assert len(inbox.received) == 5
    # Nothing went out during the pause Telegram asked for.
    assert inbox.arrivals[0] - pressed >= 0.95
    rows = await world.rows("SELECT status, attempts FROM deliveries ORDER BY id")
    assert rows == [("sent", 1)] * 5


async def test_a_resident_who_blocked_the_bot_is_stopped_and_writing_again_reactivates(
    world: World,
) -> None:
    residents = world.add_residents(4)
    blocker = residents[0]
    async with world.bot(broadcast_rate=25):
        await world.subscribe(residents)
        world.emulator.block_bot(blocker)
        control = await world.official_says("/broadcast Lần một")
        await world.send_now(control)
        report = await world.report(1)
        assert "1 người đã chặn bot" in body(report)
        status = await world.rows(
            "SELECT status FROM subscriptions WHERE resident_id = :id", id=blocker
        )
        assert status == [("blocked",)]

        second = await world.official_says("/broadcast Lần hai")
        assert "Người nhận: 3" in body(second)

        await ask(world.emulator, blocker, "xin chào")  # writing to a blocked bot unblocks it
        status = await world.rows(
            "SELECT status FROM subscriptions WHERE resident_id = :id", id=blocker
        )
        assert status == [("active",)]
        third = await world.official_says("/broadcast Lần ba")
        assert "Người nhận: 4" in body(third)
    rows = await world.rows(
        "SELECT status, error FROM deliveries WHERE broadcast_id = 1 AND chat_id = :id", id=blocker
    )
    assert rows == [("blocked", "Forbidden: bot was blocked by the user")]


async def test_chat_not_found_fails_the_row_with_that_reason(world: World) -> None:
    residents = world.add_residents(2)
    stranger = 55_555  # subscribed, but Telegram no longer knows the chat
    async with world.bot(broadcast_rate=25) as runtime:
        await world.subscribe(residents)
        await runtime.services.subscriptions.subscribe(Actor.resident(stranger, "vi"))
        control = await world.official_says("/broadcast Thông báo")
        await world.send_now(control)
        report = await world.report(1)
        assert "đã gửi tới <b>2</b> người" in report["html"]
        assert "1 lỗi" in body(report)
    rows = await world.rows(
        "SELECT status, attempts, error FROM deliveries WHERE chat_id = :id", id=stranger
    )
    assert rows == [("failed", 1, "Chat not found")]


async def test_server_errors_are_retried_with_backoff_at_most_max_attempts(world: World) -> None:
    first, second = world.add_residents(2)
    inbox = Inbox(world.emulator)
    async with world.bot(broadcast_rate=25, broadcast_max_attempts=2):
        await world.subscribe([first, second])
        control = await world.official_says("/broadcast Thông báo")
        world.emulator.inject_error(
            "sendMessage", error_code=502, description="Bad Gateway", times=3
        )
        await world.send_now(control)
        await world.report(1, timeout=20)
    rows = await world.rows("SELECT chat_id, status, attempts, error FROM deliveries")
    # Three errors, two attempts each: whatever the order of sends and retries, one row
    # uses up its attempts and the other gets through on its second (the order is not fixed).
    outcomes = sorted((status, attempts, error) for _chat, status, attempts, error in rows)
    assert outcomes == [("failed", 2, "Bad Gateway"), ("sent", 2, None)]
    delivered = {chat for chat, status, _attempts, _error in rows if status == "sent"}
    assert {chat for chat, *_ in rows} == {first, second}
    assert dict(inbox.received) == dict.fromkeys(delivered, 1)


async def test_pause_stops_sending_resume_finishes_each_resident_once(world: World) -> None:
    residents = world.add_residents(30)
    inbox = Inbox(world.emulator)
    async with world.bot(broadcast_rate=10):
        await world.subscribe(residents)
        control = await world.official_says("/broadcast Thông báo")
        await world.send_now(control)
        await inbox.wait_until(lambda box: box.total >= 5)
        answer = await world.press(world.current(control), "Tạm dừng")
        assert answer.get("text") == "Đã tạm dừng."
        paused = world.emulator.message(ADMIN_CHAT, control["message_id"])
        assert "tạm dừng" in body(paused)
        assert "▶️ Tiếp tục" in button_texts(paused)
        # At 10/s five more would go out in half a second: none does.
        await world.emulator.wait_until_idle(timeout=5, quiet_period=0.5)
        held = inbox.total
        assert held < 30
        states = dict(await world.rows("SELECT status, count(*) FROM deliveries GROUP BY status"))
        assert states == {"sent": held, "pending": 30 - held}
        await world.press(world.current(control), "Tiếp tục")
        await world.report(1)
    assert set(inbox.received) == set(residents)
    assert set(inbox.received.values()) == {1}
    # Each move audited, naming who pressed (the first with the deliveries it made).
    started, paused_row, resumed = await world.rows(MOVES)
    assert started == (
        OFFICIAL,
        "broadcast_started",
        "sending",
        "broadcast 1: 30 recipients, 0 sent",
    )
    # Sends in flight when it paused finished after: the row counts those done by then.
    assert paused_row[:3] == (OFFICIAL, "broadcast_paused", "paused")
    counted = re.fullmatch(r"broadcast 1: 30 recipients, (\d+) sent", paused_row[3])
    assert counted, paused_row
    assert int(counted.group(1)) <= held  # outcomes are recorded in batches
    assert resumed == (
        OFFICIAL,
        "broadcast_resumed",
        "sending",
        f"broadcast 1: 30 recipients, {held} sent",
    )


async def test_cancel_stops_a_running_broadcast_for_good(world: World) -> None:
    residents = world.add_residents(30)
    inbox = Inbox(world.emulator)
    async with world.bot(broadcast_rate=10):
        await world.subscribe(residents)
        control = await world.official_says("/broadcast Thông báo")
        await world.send_now(control)
        await inbox.wait_until(lambda box: box.total >= 5)
        answer = await world.press(world.current(control), "Hủy")
        assert answer.get("text") == "Đã hủy."
        await world.emulator.wait_until_idle(timeout=5, quiet_period=0.5)
        final = world.emulator.message(ADMIN_CHAT, control["message_id"])
        assert "đã hủy" in body(final)
        assert not final.get("reply_markup")
        stale = encode(Action.BROADCAST_PAUSE, "1")  # pressed on an old copy of the buttons
        query = await world.emulator.press_button(
            OFFICIAL, ADMIN_CHAT, control["message_id"], stale
        )
        again = await world.emulator.wait_for_callback_answer(query)
        assert "đã kết thúc hoặc đã hủy" in str(again.get("text"))
    sent = inbox.total
    assert sent < 30
    assert set(inbox.received.values()) == {1}
    states = dict(await world.rows("SELECT status, count(*) FROM deliveries GROUP BY status"))
    assert states == {"sent": sent, "cancelled": 30 - sent}
    assert await world.rows("SELECT status FROM broadcasts") == [("cancelled",)]
    # Cancelled once, audited once with the rows it stopped; the stale press changed nothing.
    _started, cancel = await world.rows(MOVES)
    assert cancel[:3] == (OFFICIAL, "broadcast_cancelled", "cancelled")
    # Counted when it was cancelled: sends then in flight finished after.
    counted = re.fullmatch(
        r"broadcast 1: 30 recipients, (\d+) sent, (\d+) unsent cancelled", cancel[3]
    )
    assert counted, cancel
    then_sent, then_cancelled = int(counted.group(1)), int(counted.group(2))
    assert then_sent <= sent
    assert then_cancelled <= 30 - sent  # the pending ones; the worker stopped those in flight


async def test_schedule_offers_hanoi_times_and_the_worker_starts_it_when_due(world: World) -> None:
    residents = world.add_residents(3)
    inbox = Inbox(world.emulator)
    async with world.bot(broadcast_rate=25) as runtime:
        await world.subscribe(residents)
        control = await world.official_says("/broadcast Thông báo")
        await world.press(control, "Hẹn giờ")
        menu = await world.emulator.wait_for_edit(ADMIN_CHAT, control["message_id"])
        assert "giờ Hà Nội" in body(menu)
        options = [label for label in button_texts(menu) if label.startswith("🕗")]
        assert len(options) == 3
        assert any("08:00" in label for label in options)
        morning = next(label for label in options if "08:00" in label)
        assert (await world.press(menu, morning)).get("text") == "Đã hẹn giờ."
        scheduled = world.emulator.message(ADMIN_CHAT, control["message_id"])
        assert "sẽ gửi lúc <b>08:00" in scheduled["html"]
        assert button_texts(scheduled) == ["✅ Gửi ngay", "✖️ Hủy"]
        assert inbox.total == 0

        # A second draft, due in a moment: the worker starts it on its own.
        second = await world.official_says("/broadcast Sắp tới")
        due = utc_now() + dt.timedelta(seconds=1)
        confirmation = await runtime.services.broadcasts.confirm(
            Actor.official(OFFICIAL), 2, send_at=due, message_id=second["message_id"]
        )
        assert confirmation.outcome == "scheduled"
        await world.report(2, timeout=15)
        assert await world.rows("SELECT status FROM broadcasts ORDER BY id") == [
            ("scheduled",), ("done",)
        ]  # fmt: skip
    # Who scheduled each and for when; the second started by the worker, the system.
    scheduled_at, due_at, started = await world.rows(MOVES)
    assert scheduled_at[:3] == (OFFICIAL, "broadcast_scheduled", "scheduled")
    assert "broadcast 1: at " in scheduled_at[3]
    assert due_at == (
        OFFICIAL,
        "broadcast_scheduled",
        "scheduled",
        f"broadcast 2: at {due.isoformat(timespec='minutes')}",
    )
    assert started == (None, "broadcast_started", "sending", "broadcast 2: 3 recipients, 0 sent")
    assert set(inbox.received) == set(residents)
    assert all("Sắp tới" in body(messages[0]) for messages in inbox.messages.values())


async def test_only_officials_broadcast_and_only_in_the_admin_group(world: World) -> None:
    (resident,) = world.add_residents(1)
    async with world.bot():
        refused = await world.official_says(
            "/broadcast Xin chào", user_id=MEMBER, answer=lambda _message: True
        )
        assert "Chỉ cán bộ" in body(refused)
        elsewhere = await ask(world.emulator, resident, "/broadcast Xin chào")
        assert "chỉ dùng trong nhóm cán bộ" in body(elsewhere)
        control = await world.official_says("/broadcast Xin chào")
        forged = await world.press(control, "Gửi ngay", user_id=MEMBER)
        assert "Chỉ cán bộ" in str(forged.get("text"))
    assert await world.rows("SELECT status FROM broadcasts") == [("draft",)]
    assert await world.rows("SELECT count(*) FROM deliveries") == [(0,)]


async def test_replies_to_residents_never_wait_behind_a_broadcast(world: World) -> None:
    residents = world.add_residents(40)
    (asker,) = world.add_residents(1, start=40_000)
    inbox = Inbox(world.emulator)
    async with world.bot(broadcast_rate=5):
        await world.subscribe(residents)
        world.limit_rate(RateLimits(per_second=30))
        control = await world.official_says("/broadcast Thông báo")
        await world.send_now(control)
        await inbox.wait_until(lambda box: box.total >= 3)
        loop = asyncio.get_running_loop()
        started = loop.time()
        reply = await ask(world.emulator, asker, "/help")
        waited = loop.time() - started
        assert "Hướng dẫn" in body(reply)
        # The broadcast has about 7 s of sending left at 5/s; the reply is not queued behind it.
        assert waited < 1.0
        assert inbox.total < 40
        answer = await world.press(world.current(control), "Hủy")
        assert answer.get("text") == "Đã hủy."


async def test_forged_or_outdated_broadcast_buttons_get_the_routers_answer(world: World) -> None:
    emulator = world.emulator
    async with world.bot():
        control = await world.official_says("/broadcast Xin chào")
        answers = {}
        for data in (
            "1:xs:abc",  # not an id
            "1:xt:1:soon",  # not a time
            "1:xq:1",  # an action that does not exist
            "0:xs:1",  # a stale version
            "1:xs:999999",  # a broadcast that does not exist: the service refuses it
        ):
            query = await emulator.press_button(OFFICIAL, ADMIN_CHAT, control["message_id"], data)
            answers[data] = await emulator.wait_for_callback_answer(query)
        assert all(answer.get("show_alert") for answer in answers.values())
        outdated = {data for data, answer in answers.items() if "Nút này đã cũ" in answer["text"]}
        assert outdated == {"1:xs:abc", "1:xt:1:soon", "1:xq:1", "0:xs:1"}
        assert answers["1:xs:999999"]["text"] == "Không tìm thấy tin #999999."
    assert await world.rows("SELECT status FROM broadcasts") == [("draft",)]
    assert await world.rows("SELECT count(*) FROM deliveries") == [(0,)]
