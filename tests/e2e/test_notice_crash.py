"""kill -9 between an official's action and the resident's notice of it: after a restart the
resident is told exactly once, in order; and when Telegram had already delivered the notice
the dead bot never heard of, twice at most (the notices in flight, one claimed batch)."""

from __future__ import annotations

import signal
from collections.abc import AsyncIterator
from pathlib import Path

import pytest

from bot.sandbox.emulator import BotApiEmulator, JsonDict
from tests.e2e.helpers import ADMIN_CHAT, OFFICIAL, RESIDENT_ID, rows, settled
from tests.e2e.instances import Instance, instances, start
from tests.e2e.test_feedback import edited, file_feedback, press

# A short lease: on PostgreSQL a killed worker's notices are handed over when it ends (SQLite
# hands them over at the next start).
SETTINGS = {
    "admin_chat_id": str(ADMIN_CHAT),
    "admin_user_ids": str(OFFICIAL),
    "broadcast_batch": "5",
    "broadcast_lease_seconds": "5",
    "log_level": "WARNING",
}
APPROVED = "đã được cán bộ tiếp nhận"
ASSIGNED = "đã được chuyển tới Sở Giáo dục và Đào tạo"


@pytest.fixture
async def started() -> AsyncIterator[list[Instance]]:
    async with instances() as running:
        yield running


async def _run(
    emulator: BotApiEmulator, database_url: str, directory: Path, started: list[Instance]
) -> Instance:
    instance = await start(emulator, database_url, directory, started, **SETTINGS)
    await instance.wait_for_updates_source("polling")
    return instance


def _notices(emulator: BotApiEmulator) -> list[str]:
    """What the bot told the resident about their ticket, in order of arrival."""
    return [
        str(message["text"])
        for message in emulator.bot_messages(RESIDENT_ID)
        if "Phiếu" in str(message.get("text", "")) and "Mã phiếu" not in str(message["text"])
    ]


async def _kill(instance: Instance) -> None:
    instance.kill()
    assert await instance.process.wait() == -signal.SIGKILL


async def test_kill_9_before_the_notice_is_sent_then_restart_tells_the_resident_once_in_order(
    group: BotApiEmulator, database_url: str, tmp_path: Path, started: list[Instance]
) -> None:
    emulator = group
    bot = await _run(emulator, database_url, tmp_path, started)
    code, card = await file_feedback(emulator, "Trường mầm non thiếu cô giáo cho lớp bé")
    # Telegram (or the network) stalls: the notice of the approval never leaves the bot.
    emulator.hold_calls("sendMessage")
    await press(emulator, OFFICIAL, card, "Duyệt")
    card = await edited(emulator, card, "Hà Nguyễn: duyệt")
    await emulator.wait_for_held_calls("sendMessage", 1)
    # A second action while the first notice is stuck: its notice waits behind it.
    await press(emulator, OFFICIAL, card, "Giao")
    menu = await emulator.wait_for_edit(
        ADMIN_CHAT, card["message_id"], lambda edit: "Sở Giáo dục" in str(edit["reply_markup"])
    )
    await press(emulator, OFFICIAL, menu, "Sở Giáo dục và Đào tạo")
    await edited(emulator, card, "Giao: Sở Giáo dục và Đào tạo")
    await _kill(bot)
    emulator.release_calls("sendMessage")
    assert _notices(emulator) == []
    before = await rows(database_url, "SELECT event, status FROM notices ORDER BY id")
    assert before == [("approved", "in_flight"), ("assigned", "pending")]

    await _run(emulator, database_url, tmp_path, started)
    await emulator.wait_for_bot_message(
        RESIDENT_ID, lambda message: ASSIGNED in message.get("text", ""), after=0, timeout=60
    )
    told = _notices(emulator)
    assert len(told) == 2, told
    assert APPROVED in told[0]
    assert code in told[0]
    assert ASSIGNED in told[1]
    recorded = [("approved", "sent", 1), ("assigned", "sent", 1)]
    after = await settled(
        database_url, "SELECT event, status, attempts FROM notices ORDER BY id", recorded
    )
    assert after == recorded


async def test_kill_9_after_telegram_delivered_the_notice_sends_it_at_most_once_more(
    group: BotApiEmulator, database_url: str, tmp_path: Path, started: list[Instance]
) -> None:
    emulator = group
    bot = await _run(emulator, database_url, tmp_path, started)
    code, card = await file_feedback(emulator, "Cống thoát nước tắc gây ngập khi mưa lớn")
    # The notice reaches the resident, but the bot dies before it hears Telegram's answer.
    emulator.hold_answers("sendMessage")
    await press(emulator, OFFICIAL, card, "Duyệt")
    await emulator.wait_for_bot_message(
        RESIDENT_ID, lambda message: APPROVED in message.get("text", ""), after=0
    )
    in_flight = await rows(database_url, "SELECT count(*) FROM notices WHERE status = 'in_flight'")
    await _kill(bot)
    emulator.release_answers("sendMessage")
    unrecorded = in_flight[0][0]
    assert unrecorded == 1  # this notice is the whole in-flight bound here

    await _run(emulator, database_url, tmp_path, started)

    def twice(message: JsonDict) -> bool:
        return APPROVED in message.get("text", "") and len(_notices(emulator)) >= 2

    await emulator.wait_for_bot_message(RESIDENT_ID, twice, after=0, timeout=60)
    told = _notices(emulator)
    assert len(told) == 1 + unrecorded
    assert all(APPROVED in notice and code in notice for notice in told)
    recorded = [("approved", "sent", 1)]
    final = await settled(database_url, "SELECT event, status, attempts FROM notices", recorded)
    assert final == recorded
