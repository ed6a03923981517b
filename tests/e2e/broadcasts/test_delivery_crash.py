"""kill -9 in the middle of a broadcast, then a restart: nobody is missed, and the only
duplicates are rows that were in flight when the process died (at most one claimed batch)."""

from __future__ import annotations

import asyncio
import signal
from collections.abc import AsyncIterator
from pathlib import Path

import pytest

from bot.i18n import Translator
from bot.sandbox.emulator import BotApiEmulator
from bot.services.composition import build_services
from bot.services.kernel.actor import Actor
from bot.settings import load_settings
from handlers.broadcast_texts import BroadcastTexts
from tests.e2e.broadcasts.world import ADMIN_CHAT, FIRST_RESIDENT, OFFICIAL, Inbox, World
from tests.e2e.instances import Instance, instances, start

RESIDENTS = 300
BATCH = 20  # BROADCAST_BATCH: the bound on duplicates


async def _prepare_broadcast(database_url: str, residents: list[int]) -> int:
    """Subscribers and a confirmed broadcast, written through the services to the bot's
    database before the bot starts (as another instance or the CLI would)."""
    settings = load_settings(
        env_file=None,
        database_url=database_url,
        admin_user_ids=frozenset({OFFICIAL}),
        admin_chat_id=ADMIN_CHAT,
    )
    wiring = await build_services(settings, broadcast_composer=BroadcastTexts(Translator()))
    services = wiring.services
    try:
        for resident in residents:
            await services.subscriptions.subscribe(Actor.resident(resident, "vi"))
        official = Actor.official(OFFICIAL)
        draft = await services.broadcasts.prepare_text(official, "Kiểm tra", chat_id=ADMIN_CHAT)
        await services.broadcasts.confirm(official, draft.broadcast.id)
        return draft.broadcast.id
    finally:
        await wiring.close()


# Fast, paid-rate broadcasts in small batches; PostgreSQL hands a killed worker's rows over when
# their lease ends (SQLite: at the next start).
CRASH_SETTINGS = {
    "admin_chat_id": str(ADMIN_CHAT),
    "admin_user_ids": str(OFFICIAL),
    "broadcast_rate": "300",
    "paid_broadcasts": "true",
    "broadcast_batch": str(BATCH),
    "broadcast_lease_seconds": "5",
    "broadcast_max_attempts": "5",
    "log_level": "WARNING",
}


@pytest.fixture
async def started() -> AsyncIterator[list[Instance]]:
    async with instances() as running:
        yield running


async def _start(world: World, directory: Path, started: list[Instance]) -> Instance:
    return await start(world.emulator, world.database_url, directory, started, **CRASH_SETTINGS)


async def test_kill_9_mid_broadcast_then_restart_misses_nobody(
    world: World, tmp_path: Path, started: list[Instance]
) -> None:
    emulator: BotApiEmulator = world.emulator
    residents = world.add_residents(RESIDENTS)
    broadcast_id = await _prepare_broadcast(world.database_url, residents)
    inbox = Inbox(emulator)
    first = await _start(world, tmp_path, started)
    await inbox.wait_until(lambda box: box.total >= RESIDENTS // 3, timeout=60)
    first.kill()
    assert await first.process.wait() == -signal.SIGKILL
    delivered_before = inbox.total
    states = dict(
        await world.rows(
            "SELECT status, count(*) FROM deliveries WHERE broadcast_id = :id GROUP BY status",
            id=broadcast_id,
        )
    )
    recorded = states.get("sent", 0)
    in_flight = states.get("in_flight", 0)
    assert delivered_before < RESIDENTS, "the kill came too late to test anything"
    assert in_flight <= BATCH
    # Sent but not recorded: exactly the messages that will be sent twice.
    unrecorded = delivered_before - recorded
    assert 0 <= unrecorded <= in_flight

    await _start(world, tmp_path, started)
    await inbox.wait_until(lambda box: len(box.received) == RESIDENTS, timeout=60)
    await world.report(broadcast_id, timeout=30)

    assert set(inbox.received) == set(residents)
    duplicates = inbox.total - RESIDENTS
    assert duplicates == unrecorded
    assert duplicates <= BATCH
    assert all(count <= 2 for count in inbox.received.values())
    final = await world.rows(
        "SELECT status, count(*) FROM deliveries WHERE broadcast_id = :id GROUP BY status",
        id=broadcast_id,
    )
    assert final == [("sent", RESIDENTS)]
    assert min(inbox.received) == FIRST_RESIDENT


async def test_sigterm_mid_broadcast_exits_0_and_leaves_nothing_in_flight(
    world: World, tmp_path: Path, started: list[Instance]
) -> None:
    """A graceful stop (systemd, a deploy) finishes the sends under way, records them, releases
    the rest of the claimed batch and exits 0: the restart sends nobody anything twice."""
    residents = world.add_residents(RESIDENTS)
    broadcast_id = await _prepare_broadcast(world.database_url, residents)
    inbox = Inbox(world.emulator)
    first = await _start(world, tmp_path, started)
    await inbox.wait_until(lambda box: box.total >= RESIDENTS // 3, timeout=60)
    first.process.send_signal(signal.SIGTERM)
    assert await asyncio.wait_for(first.process.wait(), 30) == 0, first.log.read_text()
    states = dict(
        await world.rows(
            "SELECT status, count(*) FROM deliveries WHERE broadcast_id = :id GROUP BY status",
            id=broadcast_id,
        )
    )
    assert "in_flight" not in states
    assert states.get("sent", 0) == inbox.total < RESIDENTS  # every send recorded
    assert states.get("sent", 0) + states.get("pending", 0) == RESIDENTS

    await _start(world, tmp_path, started)
    await inbox.wait_until(lambda box: len(box.received) == RESIDENTS, timeout=60)
    await world.report(broadcast_id, timeout=30)
    assert inbox.total == RESIDENTS  # nobody twice
    assert set(inbox.received) == set(residents)
