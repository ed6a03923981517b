"""Several workers on one database: each row is claimed by one of them and sent once.

PostgreSQL only: rows are claimed with FOR UPDATE SKIP LOCKED. (With SQLite one worker runs,
and it takes back every row left in flight when it starts.)"""

from __future__ import annotations

import asyncio
import dataclasses
import datetime as dt
from collections.abc import AsyncIterator
from contextlib import AsyncExitStack

import pytest

from bot.delivery.sender import TelegramSender
from bot.delivery.worker import BroadcastQueue, DeliveryWorker, WorkerConfig
from bot.domain.records import NewBroadcast, RecipientFilter
from bot.i18n import Translator
from bot.services.composition import build_services
from bot.services.container import Services
from bot.services.kernel.actor import Actor
from bot.services.kernel.live_knowledge import LiveKnowledge
from bot.settings import load_settings
from handlers.broadcast_texts import BroadcastTexts
from handlers.broadcast_views import ProgressTexts
from storage.db import create_engine, create_session_factory
from storage.migrate import upgrade
from storage.uow import unit_of_work_factory
from tests.e2e.broadcasts.world import ADMIN_CHAT, OFFICIAL, Inbox, World, body

RESIDENTS = 400


@pytest.fixture
async def knowledge() -> AsyncIterator[LiveKnowledge]:
    live = LiveKnowledge.load()
    yield live
    live.close()


async def _services(stack: AsyncExitStack, database_url: str, knowledge: LiveKnowledge) -> Services:
    """One bot process's services: its own engine and connection pool."""
    settings = load_settings(
        env_file=None,
        database_url=database_url,
        admin_user_ids=frozenset({OFFICIAL}),
        admin_chat_id=ADMIN_CHAT,
    )
    wiring = await build_services(
        settings,
        broadcast_composer=BroadcastTexts(Translator()),
        knowledge=knowledge,
        upgrade_schema=False,
    )
    # The knowledge base is the test's (shared by both processes): only the engine is closed here.
    stack.push_async_callback(wiring.engine.dispose)
    return wiring.services


# Several workers need PostgreSQL (SQLite serves one); the world's database is PostgreSQL only.
@pytest.mark.parametrize("database_url", ["postgresql"], indirect=True)
async def test_two_workers_on_postgresql_never_send_a_row_twice(
    world: World, knowledge: LiveKnowledge
) -> None:
    database_url = world.database_url
    emulator = world.emulator
    residents = world.add_residents(RESIDENTS)
    engine = create_engine(database_url)
    await upgrade(engine)
    await engine.dispose()
    inbox = Inbox(emulator)
    async with AsyncExitStack() as stack:
        first = await _services(stack, database_url, knowledge)
        second = await _services(stack, database_url, knowledge)
        await asyncio.gather(
            *(
                first.subscriptions.subscribe(Actor.resident(item, "vi"))
                for item in residents[:200]
            ),
            *(
                second.subscriptions.subscribe(Actor.resident(item, "vi"))
                for item in residents[200:]
            ),
        )
        official = Actor.official(OFFICIAL)
        draft = await first.broadcasts.prepare_text(official, "Hai máy", chat_id=ADMIN_CHAT)
        await first.broadcasts.confirm(official, draft.broadcast.id)

        config = WorkerConfig(rate=1000, batch=10, concurrency=8, lease=dt.timedelta(minutes=1))
        workers = []
        for name, services in (("worker-a", first), ("worker-b", second)):
            sender = TelegramSender.connect(emulator.token, emulator.base_url, connections=8)
            worker = DeliveryWorker(
                BroadcastQueue(services.outbox, services.broadcast_signals),
                sender,
                ProgressTexts(Translator()),
                dataclasses.replace(config, worker_id=name),
            )
            await worker.start()
            stack.push_async_callback(worker.stop)
            workers.append(worker)
        await inbox.wait_until(lambda box: len(box.received) == RESIDENTS, timeout=60)
        await world.report(draft.broadcast.id)

    assert set(inbox.received) == set(residents)
    assert set(inbox.received.values()) == {1}
    sent = [worker.stats.sent for worker in workers]
    assert sum(sent) == RESIDENTS
    assert min(sent) > 0, f"one worker did all the work: {sent}"
    reports = [m for m in emulator.bot_messages(ADMIN_CHAT) if "Báo cáo tin #" in body(m)]
    assert len(reports) == 1  # the broadcast's end is reported by exactly one worker


async def test_concurrent_claims_are_disjoint(database_url: str) -> None:
    """Many claimers at once, each in its own transaction: every row exactly once."""
    engine = create_engine(database_url)
    await upgrade(engine)
    uow = unit_of_work_factory(create_session_factory(engine))
    now = dt.datetime.now(dt.UTC)
    try:
        async with uow() as work:
            for resident in range(1, 201):
                await work.residents.touch(resident, "vi", now)
                await work.subscriptions.set_status(resident, "active", now)
            record = await work.broadcasts.add(
                NewBroadcast("text", "x", "x", None, None, None, None, OFFICIAL, "Hà", now, None),
                "sending",
            )
            created = await work.deliveries.create_for(record.id, RecipientFilter(), now)
            await work.commit()
        assert created == 200

        async def claimer(name: str) -> list[int]:
            mine: list[int] = []
            while True:
                async with uow() as work:
                    claimed = await work.deliveries.claim(
                        name, 7, now + dt.timedelta(seconds=1), now + dt.timedelta(minutes=1)
                    )
                    await work.commit()
                if not claimed:
                    return mine
                mine += [row.id for row in claimed]

        claims = await asyncio.gather(*(claimer(f"w{number}") for number in range(6)))
        every = [row for rows in claims for row in rows]
        assert len(every) == 200
        assert len(set(every)) == 200
    finally:
        await engine.dispose()
