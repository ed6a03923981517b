"""The `danbiet` console script: content check, migrations, the unanswered questions."""

from __future__ import annotations

import asyncio
from pathlib import Path

import pytest
from click.testing import CliRunner

from bot.cli import main
from bot.services.container import Services
from bot.services.kernel.actor import Actor
from bot.services.kernel.live_knowledge import LiveKnowledge
from content.loader import DEFAULT_CONTENT_DIR
from storage.db import create_engine, create_session_factory
from storage.migrate import head_revision, upgrade
from storage.uow import unit_of_work_factory


@pytest.fixture
def runner(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> CliRunner:
    monkeypatch.chdir(tmp_path)  # no stray .env, and the default SQLite file lands here
    monkeypatch.delenv("TELEGRAM_BOT_TOKEN", raising=False)
    monkeypatch.setenv("DATABASE_URL", f"sqlite+aiosqlite:///{tmp_path / 'cli.sqlite3'}")
    return CliRunner()


def test_content_check_accepts_the_shipped_content(runner: CliRunner) -> None:
    result = runner.invoke(main, ["content", "check"])
    assert result.exit_code == 0, result.output
    assert "valid" in result.output


def test_content_check_names_file_line_and_field(runner: CliRunner, tmp_path: Path) -> None:
    broken = tmp_path / "broken"
    broken.mkdir()
    for path in DEFAULT_CONTENT_DIR.glob("*.yaml"):
        (broken / path.name).write_text(path.read_text(encoding="utf-8"), encoding="utf-8")
    indicators = broken / "indicators.yaml"
    lines = indicators.read_text(encoding="utf-8").splitlines()
    number = next(index for index, line in enumerate(lines) if "value: 3612" in line)
    lines[number] = lines[number].replace("3612", "nhiều")
    indicators.write_text("\n".join(lines) + "\n", encoding="utf-8")
    result = runner.invoke(main, ["content", "check", str(broken)])
    assert result.exit_code == 1
    assert f"indicators.yaml:{number + 1}:" in result.output
    assert "value" in result.output


def test_db_upgrade_then_downgrade(runner: CliRunner) -> None:
    upgraded = runner.invoke(main, ["db", "upgrade"])
    assert upgraded.exit_code == 0, upgraded.output
    assert f"revision {head_revision()}" in upgraded.output
    downgraded = runner.invoke(main, ["db", "downgrade", "base"])
    assert downgraded.exit_code == 0, downgraded.output
    assert "revision None" in downgraded.output


def test_bad_setting_stops_with_its_name(
    runner: CliRunner, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("BROADCAST_RATE", "99")
    result = runner.invoke(main, ["run"])
    assert result.exit_code == 1
    assert "BROADCAST_RATE" in result.output


async def test_unanswered_questions_listing(runner: CliRunner, tmp_path: Path) -> None:
    engine = create_engine(f"sqlite+aiosqlite:///{tmp_path / 'cli.sqlite3'}")
    await upgrade(engine)
    services = Services.build(
        unit_of_work_factory(create_session_factory(engine)), LiveKnowledge.load()
    )
    unanswered = "mức trợ cấp người cao tuổi bao nhiêu"
    # Answered, small talk and another topic are not listed; the question nothing answers is.
    for text in (unanswered, unanswered, "ho ngheo", "xin chào", "thời tiết hôm nay"):
        await services.answers.ask(Actor.resident(7), text)
    await services.recorder.stop()
    await engine.dispose()
    # The command runs its own event loop, as it does from a shell.
    result = await asyncio.to_thread(
        runner.invoke, main, ["questions", "unanswered", "--limit", "5"]
    )
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    assert len(lines) == 1
    assert lines[0].split()[0] == "2"
    assert lines[0].endswith(unanswered)


@pytest.mark.parametrize(
    "url",
    [
        "sqlite+aiosqlite:///:memory:",
        "sqlite+aiosqlite://",
        "sqlite+aiosqlite:///file::memory:?uri=true",
    ],
)
@pytest.mark.parametrize("command", [["run"], ["db", "upgrade"]])
def test_in_memory_sqlite_is_refused_in_one_line(
    runner: CliRunner, monkeypatch: pytest.MonkeyPatch, url: str, command: list[str]
) -> None:
    # With a token, `run` would start the bot on DATABASE_URL (and crash in the pool's set-up).
    monkeypatch.setenv("TELEGRAM_BOT_TOKEN", "123456789:AAEsecretsecretsecretsecret_0123456")
    monkeypatch.setenv("TELEGRAM_API_URL", "http://127.0.0.1:9")
    monkeypatch.setenv("DATABASE_URL", url)
    result = runner.invoke(main, command)
    assert result.exit_code == 1
    (line,) = result.output.strip().splitlines()
    assert line.startswith("Error: Invalid settings: DATABASE_URL: an in-memory SQLite database")


def test_in_memory_sandbox_database_is_refused(
    runner: CliRunner, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("SANDBOX_DATABASE_URL", "sqlite+aiosqlite:///:memory:")
    result = runner.invoke(main, ["run"])
    assert result.exit_code == 1
    (line,) = result.output.strip().splitlines()
    assert "SANDBOX_DATABASE_URL: an in-memory SQLite database" in line
