"""A new figure published from the shell reaches residents without a restart: the running bot
answers it within seconds, and a rollback brings the old figure back. On PostgreSQL, two
instances both serve a new release within 10 s of its publish."""

from __future__ import annotations

import asyncio
from pathlib import Path

import aiohttp
import pytest
from click.testing import CliRunner, Result

from bot.app import Runtime
from bot.cli import main
from bot.sandbox.emulator import BotApiEmulator
from tests.conftest import POSTGRES_URL, reset_postgres
from tests.e2e.helpers import RESIDENT_ID, ask
from tests.e2e.instances import instances, start
from tests.release_content import NEW_FIGURE, OLD_FIGURE, changed_directory

QUESTION = "ty le ho ngheo"
SWITCH_TIMEOUT = 15.0  # seconds; the bot looks every CONTENT_REFRESH_SECONDS (3 by default)


async def danbiet(monkeypatch: pytest.MonkeyPatch, database_url: str, *arguments: str) -> Result:
    """The shell command, on the bot's database, with its own event loop (as from a shell)."""
    monkeypatch.setenv("DATABASE_URL", database_url)
    monkeypatch.delenv("TELEGRAM_BOT_TOKEN", raising=False)
    result = await asyncio.to_thread(CliRunner().invoke, main, list(arguments))
    assert result.exit_code == 0, result.output
    return result


async def answer_becomes(emulator: BotApiEmulator, expected: str, other: str) -> list[str]:
    """Ask until the answer gives `expected`; every answer meanwhile gives exactly one of the
    two figures (never both: an answer comes wholly from one release)."""
    loop = asyncio.get_running_loop()
    deadline = loop.time() + SWITCH_TIMEOUT
    answers: list[str] = []
    while True:
        text = (await ask(emulator, RESIDENT_ID, QUESTION))["text"]
        answers.append(text)
        assert (expected in text) != (other in text), text
        if expected in text:
            return answers
        if loop.time() > deadline:
            raise AssertionError(f"still {other!r} {SWITCH_TIMEOUT}s after the change")
        # The bot has no event to wait on from here; 200 ms between questions.
        await asyncio.sleep(0.2)


async def test_a_published_figure_is_answered_without_restart_and_rolled_back(
    emulator: BotApiEmulator,
    bot: Runtime,
    database_url: str,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    before = await ask(emulator, RESIDENT_ID, QUESTION)
    assert OLD_FIGURE in before["text"]

    changed = changed_directory(tmp_path / "changed")
    published = await danbiet(monkeypatch, database_url, "content", "publish", str(changed))
    assert "release 2 is live" in published.output
    answers = await answer_becomes(emulator, NEW_FIGURE, OLD_FIGURE)
    assert "Quý I/2022" in answers[-1]
    assert "Nguồn:" in answers[-1]
    assert await served_release(bot) == 2  # what /healthz tells operators comparing instances

    await danbiet(monkeypatch, database_url, "content", "rollback")
    await answer_becomes(emulator, OLD_FIGURE, NEW_FIGURE)
    assert bot.services.knowledge.current.release_id == 1
    assert await served_release(bot) == 1


async def test_two_instances_both_serve_a_new_release_within_10_seconds(
    emulator: BotApiEmulator, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    if not POSTGRES_URL:
        pytest.skip("TEST_DATABASE_URL is not set: several instances need PostgreSQL")
    await reset_postgres(POSTGRES_URL)
    async with instances() as started:
        first = await start(
            emulator, POSTGRES_URL, tmp_path, started, polling_standby_seconds="0.3"
        )
        await first.wait_for_updates_source("polling")
        second = await start(
            emulator, POSTGRES_URL, tmp_path, started, polling_standby_seconds="0.3"
        )
        await second.wait_for_updates_source("standby")
        assert OLD_FIGURE in (await ask(emulator, RESIDENT_ID, QUESTION))["text"]

        changed = changed_directory(tmp_path / "changed")
        await danbiet(monkeypatch, POSTGRES_URL, "content", "publish", str(changed))
        # Each instance says when it serves the new release; the poller answers with it.
        await first.wait_for_log("serving content release 2", timeout=10)
        await second.wait_for_log("serving content release 2", timeout=10)
        assert NEW_FIGURE in (await ask(emulator, RESIDENT_ID, QUESTION))["text"]

        # The standby, taking over, answers from the new release too.
        first.kill()
        await first.process.wait()
        await second.wait_for_updates_source("polling", timeout=15)
        assert NEW_FIGURE in (await ask(emulator, RESIDENT_ID, QUESTION))["text"]


async def served_release(runtime: Runtime) -> int | None:
    async with (
        aiohttp.ClientSession() as session,
        session.get(runtime.dashboard_url + "healthz") as response,
    ):
        release: int | None = (await response.json())["content_release"]
        return release
