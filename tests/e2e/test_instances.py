"""Several `danbiet run` processes on one PostgreSQL: one polls, the others stand by and take
over when it dies."""

from __future__ import annotations

import asyncio
from pathlib import Path

import pytest

from bot.sandbox.emulator import BotApiEmulator
from tests.conftest import POSTGRES_URL, clean_postgres
from tests.e2e.helpers import RESIDENT_ID, ask
from tests.e2e.instances import free_port, instances, start


@pytest.fixture
async def postgres_url() -> str:
    if not POSTGRES_URL:
        pytest.skip("TEST_DATABASE_URL is not set: several instances need PostgreSQL")
    await clean_postgres(POSTGRES_URL)
    return POSTGRES_URL


async def test_one_instance_polls_and_a_standby_takes_over_when_it_is_killed(
    emulator: BotApiEmulator, postgres_url: str, tmp_path: Path
) -> None:
    async with instances() as started:
        first = await start(
            emulator, postgres_url, tmp_path, started, polling_standby_seconds="0.3"
        )
        await first.wait_for_updates_source("polling")
        second = await start(
            emulator, postgres_url, tmp_path, started, polling_standby_seconds="0.3"
        )
        await second.wait_for_updates_source("standby")
        assert "hộ nghèo" in (await ask(emulator, RESIDENT_ID, "ho ngheo"))["text"].lower()
        # Both ran side by side, and Telegram never saw two pollers.
        assert await first.wait_for_updates_source("polling") == "polling"
        assert [call for call in emulator.failed_calls if call[0] == "getUpdates"] == []

        first.kill()
        await first.process.wait()
        await second.wait_for_updates_source("polling", timeout=15)
        reply = await ask(emulator, RESIDENT_ID, "bhyt")
        assert "bảo hiểm y tế" in reply["text"].lower()
        # Every question answered once: nothing lost, nothing handled twice across the handover.
        await emulator.wait_until_idle(timeout=10)
        assert len(emulator.bot_messages(RESIDENT_ID)) == 2


async def test_a_standby_that_is_stopped_leaves_the_poller_alone(
    emulator: BotApiEmulator, postgres_url: str, tmp_path: Path
) -> None:
    async with instances() as started:
        leader = await start(emulator, postgres_url, tmp_path, started)
        await leader.wait_for_updates_source("polling")
        standby = await start(emulator, postgres_url, tmp_path, started)
        await standby.wait_for_updates_source("standby")
        standby.process.terminate()
        assert await asyncio.wait_for(standby.process.wait(), 30) == 0
        assert await leader.wait_for_updates_source("polling") == "polling"
        assert "hộ nghèo" in (await ask(emulator, RESIDENT_ID, "ho ngheo"))["text"].lower()


async def test_webhook_traffic_is_spread_over_instances_sharing_a_port(
    emulator: BotApiEmulator, postgres_url: str, tmp_path: Path
) -> None:
    port = free_port()
    shared = {
        "web_port": str(port),
        "web_reuse_port": "true",
        "webhook_url": f"http://127.0.0.1:{port}/telegram/webhook",
        "log_level": "DEBUG",  # each instance logs every update it handled
    }
    residents = range(3001, 3041)
    for resident in residents:
        emulator.add_user(resident, f"Cư dân {resident}", language_code="vi")
    async with instances() as started:
        first = await start(emulator, postgres_url, tmp_path, started, **shared)
        await first.wait_for_log("updates arrive by webhook")
        second = await start(emulator, postgres_url, tmp_path, started, **shared)
        await second.wait_for_log("updates arrive by webhook")
        for resident in residents:
            await emulator.send_text(resident, "ho ngheo")
        await emulator.wait_until_idle(timeout=30)
        for resident in residents:
            (reply,) = emulator.bot_messages(resident)
            assert "hộ nghèo" in reply["text"].lower()
        handled = [instance.log.read_text().count("webhook: update") for instance in started]
        assert sum(handled) == len(residents)  # each update handled once, by one instance
        assert min(handled) > 0, handled  # and both instances took a share
