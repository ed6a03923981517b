"""kill -9 just after residents were answered: their contacts and answered questions wait in
the write-behind (bot/services/knowledge/question_recorder.py), so the crash may lose the last
FLUSH_SECONDS of them, never what was flushed before, and nothing is ever written twice;
a graceful stop loses nothing."""

from __future__ import annotations

import signal
from collections.abc import AsyncIterator
from pathlib import Path

import pytest

from bot.sandbox.emulator import BotApiEmulator
from tests.e2e.helpers import ask, rows, settled
from tests.e2e.instances import Instance, instances, start

SETTINGS = {"log_level": "WARNING"}
QUESTION = "ty le ho ngheo"  # answered from the content: its log row is written behind
FLUSHED = range(71_001, 71_006)  # asked, then left time for a flush
IN_FLIGHT = range(71_101, 71_106)  # answered just before the kill
AFTER_RESTART = range(71_201, 71_206)  # answered, then the bot is stopped gracefully
ALL = (*FLUSHED, *IN_FLIGHT, *AFTER_RESTART)


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


async def _residents(database_url: str, ids: range) -> list[int]:
    found = await rows(
        database_url,
        "SELECT id FROM residents WHERE id BETWEEN :low AND :high ORDER BY id",
        low=ids[0],
        high=ids[-1],
    )
    return [row.id for row in found]


async def _questions_per_resident(database_url: str) -> dict[int, int]:
    found = await rows(
        database_url,
        "SELECT resident_id, COUNT(*) AS logged FROM question_log"
        " WHERE resident_id BETWEEN :low AND :high GROUP BY resident_id",
        low=min(ALL),
        high=max(ALL),
    )
    return {row.resident_id: row.logged for row in found}


async def test_kill_9_after_replies_loses_at_most_the_last_flush_and_doubles_nothing(
    emulator: BotApiEmulator, database_url: str, tmp_path: Path, started: list[Instance]
) -> None:
    for resident in ALL:
        emulator.add_user(resident, f"Cư dân {resident}")
    bot = await _run(emulator, database_url, tmp_path, started)
    for resident in FLUSHED:
        await ask(emulator, resident, QUESTION)
    # With no further traffic, the write-behind's own tick writes them: rows and log alike.
    assert await settled(
        database_url,
        "SELECT COUNT(*) FROM residents WHERE id BETWEEN :low AND :high",
        [(len(FLUSHED),)],
        low=FLUSHED[0],
        high=FLUSHED[-1],
    ) == [(len(FLUSHED),)]
    assert await settled(
        database_url,
        "SELECT COUNT(*) FROM question_log WHERE resident_id BETWEEN :low AND :high",
        [(len(FLUSHED),)],
        low=FLUSHED[0],
        high=FLUSHED[-1],
    ) == [(len(FLUSHED),)]

    for resident in IN_FLIGHT:
        await ask(emulator, resident, QUESTION)
    bot.kill()
    assert await bot.process.wait() == -signal.SIGKILL

    # What was flushed survived; of the last moment's contacts some may be lost, and every
    # question kept has its resident (the contacts go first, in the same transaction).
    assert await _residents(database_url, FLUSHED) == list(FLUSHED)
    survivors = await _residents(database_url, IN_FLIGHT)
    logged = await _questions_per_resident(database_url)
    assert logged == {resident: 1 for resident in (*FLUSHED, *survivors)}

    # After a restart, everyone asks again and is answered; then a graceful stop writes all.
    bot = await _run(emulator, database_url, tmp_path, started)
    for resident in ALL:
        await ask(emulator, resident, QUESTION)
    bot.process.send_signal(signal.SIGTERM)
    assert await bot.process.wait() == 0

    assert await _residents(database_url, range(min(ALL), max(ALL) + 1)) == sorted(ALL)
    logged = await _questions_per_resident(database_url)
    expected = {resident: 1 for resident in (*IN_FLIGHT, *AFTER_RESTART)}
    expected |= {resident: 2 for resident in (*FLUSHED, *survivors)}
    assert logged == expected, "a question was lost after a graceful stop, or logged twice"
