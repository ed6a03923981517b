"""kill -9 in the middle of a broadcast, then a restart: nobody is missed, and the only
duplicates are rows that were in flight when the process died (at most one claimed batch)."""

from __future__ import annotations

import asyncio
import os
import signal
import sys
from collections.abc import AsyncIterator
from pathlib import Path

import pytest

from bot.i18n import Translator
from bot.sandbox.emulator import BotApiEmulator
from bot.services.container import Services
from bot.services.dto import Actor
from bot.services.knowledge import LiveKnowledge
from handlers.broadcast_texts import BroadcastTexts
from storage.db import create_engine, create_session_factory
from storage.migrate import upgrade
from storage.uow import unit_of_work_factory
from tests.e2e.broadcasts.world import ADMIN_CHAT, FIRST_RESIDENT, OFFICIAL, Inbox, World

DANBIET = str(Path(sys.executable).parent / "danbiet")
RESIDENTS = 300
BATCH = 20  # BROADCAST_BATCH: the bound on duplicates


async def _prepare_broadcast(database_url: str, residents: list[int]) -> int:
    """Subscribers and a confirmed broadcast, written through the services to the bot's
    database before the bot starts (as another instance or the CLI would)."""
    engine = create_engine(database_url)
    knowledge = LiveKnowledge.load()
    try:
        await upgrade(engine)
        services = Services.build(
            unit_of_work_factory(create_session_factory(engine)),
            knowledge,
            admin_user_ids=frozenset({OFFICIAL}),
            broadcast_composer=BroadcastTexts(Translator()),
            admin_chat_id=ADMIN_CHAT,
        )
        for resident in residents:
            await services.subscriptions.subscribe(Actor.resident(resident, "vi"))
        official = Actor.official(OFFICIAL)
        draft = await services.broadcasts.prepare_text(official, "Kiểm tra", chat_id=ADMIN_CHAT)
        await services.broadcasts.confirm(official, draft.broadcast.id)
        return draft.broadcast.id
    finally:
        knowledge.close()
        await engine.dispose()


@pytest.fixture
async def bot_process(
    world: World, tmp_path: Path
) -> AsyncIterator[list[asyncio.subprocess.Process]]:
    started: list[asyncio.subprocess.Process] = []
    yield started
    for process in started:
        if process.returncode is None:
            process.send_signal(signal.SIGTERM)
            await asyncio.wait_for(process.wait(), 30)


async def _start(world: World, directory: Path, log: Path) -> asyncio.subprocess.Process:
    environment = {
        **{key: value for key, value in os.environ.items() if not key.startswith("BROADCAST_")},
        "TELEGRAM_BOT_TOKEN": world.emulator.token,
        "TELEGRAM_API_URL": world.emulator.base_url,
        "DATABASE_URL": world.database_url,
        "ADMIN_CHAT_ID": str(ADMIN_CHAT),
        "ADMIN_USER_IDS": str(OFFICIAL),
        "BROADCAST_RATE": "300",
        "PAID_BROADCASTS": "true",
        "BROADCAST_BATCH": str(BATCH),
        "LOG_LEVEL": "WARNING",
    }
    with log.open("ab") as output:
        return await asyncio.create_subprocess_exec(
            DANBIET, "run", env=environment, cwd=directory, stdout=output, stderr=output
        )


async def test_kill_9_mid_broadcast_then_restart_misses_nobody(
    world: World, tmp_path: Path, bot_process: list[asyncio.subprocess.Process]
) -> None:
    emulator: BotApiEmulator = world.emulator
    residents = world.add_residents(RESIDENTS)
    broadcast_id = await _prepare_broadcast(world.database_url, residents)
    inbox = Inbox(emulator)
    log = tmp_path / "bot.log"

    first = await _start(world, tmp_path, log)
    bot_process.append(first)
    await inbox.wait_until(lambda box: box.total >= RESIDENTS // 3, timeout=60)
    os.kill(first.pid, signal.SIGKILL)
    assert await first.wait() == -signal.SIGKILL
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

    second = await _start(world, tmp_path, log)
    bot_process.append(second)
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
    world: World, tmp_path: Path, bot_process: list[asyncio.subprocess.Process]
) -> None:
    """A graceful stop (systemd, a deploy) finishes the sends under way, records them, releases
    the rest of the claimed batch and exits 0: the restart sends nobody anything twice."""
    residents = world.add_residents(RESIDENTS)
    broadcast_id = await _prepare_broadcast(world.database_url, residents)
    inbox = Inbox(world.emulator)
    log = tmp_path / "bot.log"

    first = await _start(world, tmp_path, log)
    bot_process.append(first)
    await inbox.wait_until(lambda box: box.total >= RESIDENTS // 3, timeout=60)
    first.send_signal(signal.SIGTERM)
    assert await asyncio.wait_for(first.wait(), 30) == 0, log.read_text()
    states = dict(
        await world.rows(
            "SELECT status, count(*) FROM deliveries WHERE broadcast_id = :id GROUP BY status",
            id=broadcast_id,
        )
    )
    assert "in_flight" not in states
    assert states.get("sent", 0) == inbox.total < RESIDENTS  # every send recorded
    assert states.get("sent", 0) + states.get("pending", 0) == RESIDENTS

    second = await _start(world, tmp_path, log)
    bot_process.append(second)
    await inbox.wait_until(lambda box: len(box.received) == RESIDENTS, timeout=60)
    await world.report(broadcast_id, timeout=30)
    assert inbox.total == RESIDENTS  # nobody twice
    assert set(inbox.received) == set(residents)
