"""`danbiet content export|publish|rollback|releases` against DATABASE_URL (SQLite and
PostgreSQL): the live release out as YAML, a changed copy published, rolled back, bad content
refused with `content check`'s own messages."""

from __future__ import annotations

import asyncio
import copy
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from bot.cli import main
from bot.services.kernel.actor import Actor, Role
from bot.services.kernel.live_knowledge import LiveKnowledge
from bot.services.kernel.officials import Officials
from bot.services.knowledge.drafts import ContentDrafts
from bot.services.knowledge.releases import ContentReleases
from content.loader import DEFAULT_CONTENT_DIR
from storage.uow import UnitOfWorkFactory
from tests.e2e.helpers import rows
from tests.release_content import changed_directory


@pytest.fixture
def runner(monkeypatch: pytest.MonkeyPatch, tmp_path: Path, database_url: str) -> CliRunner:
    monkeypatch.chdir(tmp_path)  # no stray .env
    monkeypatch.delenv("TELEGRAM_BOT_TOKEN", raising=False)
    monkeypatch.setenv("DATABASE_URL", database_url)
    return CliRunner()


async def danbiet(runner: CliRunner, *arguments: str) -> Result:
    # The command runs its own event loop, as it does from a shell.
    return await asyncio.to_thread(runner.invoke, main, list(arguments))


async def states(runner: CliRunner) -> list[tuple[int, str]]:
    listed = await danbiet(runner, "content", "releases")
    assert listed.exit_code == 0, listed.output
    return [(int(line.split()[0]), line.split()[1]) for line in listed.output.splitlines()]


async def test_an_exported_release_checks_and_publishes_as_a_no_op(
    runner: CliRunner, tmp_path: Path
) -> None:
    exported = await danbiet(runner, "content", "export", str(tmp_path / "out"))
    assert exported.exit_code == 0, exported.output
    assert "release 1 written" in exported.output
    names = sorted(path.name for path in (tmp_path / "out").glob("*.yaml"))
    assert names == sorted(path.name for path in DEFAULT_CONTENT_DIR.glob("*.yaml"))
    checked = await danbiet(runner, "content", "check", str(tmp_path / "out"))
    assert checked.exit_code == 0, checked.output
    again = await danbiet(runner, "content", "publish", str(tmp_path / "out"))
    assert again.exit_code == 0, again.output
    assert "already live: nothing to do" in again.output
    assert await states(runner) == [(1, "live")]
    # Never over other YAML files: they would be published with the release.
    over = await danbiet(runner, "content", "export", str(tmp_path / "out"))
    assert over.exit_code == 1
    assert "already holds YAML files" in over.output


async def test_publish_then_rollback(runner: CliRunner, tmp_path: Path, database_url: str) -> None:
    changed = changed_directory(tmp_path / "changed")
    published = await danbiet(
        runner, "content", "publish", str(changed), "--note", "Quý I", "--by", "Lan"
    )
    assert published.exit_code == 0, published.output
    assert published.output.strip() == "release 2 is live"
    assert await states(runner) == [(2, "live"), (1, "retired")]

    exported = await danbiet(runner, "content", "export", str(tmp_path / "out"))
    assert exported.exit_code == 0, exported.output
    assert "value: 3498" in (tmp_path / "out" / "indicators.yaml").read_text(encoding="utf-8")

    rolled = await danbiet(runner, "content", "rollback", "--by", "Lan")
    assert rolled.exit_code == 0, rolled.output
    assert rolled.output.strip() == "release 1 is live again"
    assert await states(runner) == [(2, "retired"), (1, "live")]
    refused = await danbiet(runner, "content", "rollback")
    assert refused.exit_code == 1
    assert "no release before the live one" in refused.output

    audit = await rows(database_url, "SELECT actor_name, action FROM audit_log ORDER BY id")
    assert [tuple(row) for row in audit] == [
        ("system", "content_published"),
        ("Lan", "content_published"),
        ("Lan", "content_rolled_back"),
        ("operator", "content_release_refused"),
    ]


async def test_publish_refuses_what_content_check_refuses(
    runner: CliRunner, tmp_path: Path, database_url: str
) -> None:
    broken = changed_directory(tmp_path / "broken")
    indicators = broken / "indicators.yaml"
    indicators.write_text(
        indicators.read_text(encoding="utf-8").replace("value: 3498", "value: nhiều"),
        encoding="utf-8",
    )
    checked = await danbiet(runner, "content", "check", str(broken))
    published = await danbiet(runner, "content", "publish", str(broken))
    assert (checked.exit_code, published.exit_code) == (1, 1)
    problems = [line for line in checked.output.splitlines() if not line.startswith("Error:")]
    assert problems
    assert any("indicators.yaml:" in line for line in problems)
    assert [line for line in published.output.splitlines() if line in problems] == problems
    assert "nothing published" in published.output
    assert await states(runner) == [(1, "live")]
    # The refusal is audited under the operator's name, with why.
    named = await danbiet(runner, "content", "publish", str(broken), "--by", "Lan")
    assert named.exit_code == 1
    audit = await rows(database_url, "SELECT actor_kind, actor_name, action, detail FROM audit_log")
    refusal = f"publish: {len(problems)} problem(s) in the content"
    assert sorted(tuple(row) for row in audit if row[2] == "content_release_refused") == [
        ("system", "Lan", "content_release_refused", refusal),
        ("system", "operator", "content_release_refused", refusal),
    ]


async def test_content_check_works_on_a_draft_in_the_database(
    runner: CliRunner, uow_factory: UnitOfWorkFactory
) -> None:
    knowledge = LiveKnowledge.load()
    try:
        releases = ContentReleases(uow_factory, knowledge, Officials(()))
        await releases.start()
        drafts = ContentDrafts(uow_factory, Officials(()), releases, knowledge)
        editor = Actor.staff(11, "Biên tập Lan", Role.CONTENT_EDITOR)
        draft = await drafts.start(editor, None)
    finally:
        knowledge.close()
    valid = await danbiet(runner, "content", "check", "--draft", str(draft.id))
    assert valid.exit_code == 0, valid.output
    assert f"draft {draft.id} (version 1) is valid" in valid.output
    broken = copy.deepcopy(draft.document)
    indicators = broken["files"]["indicators.yaml"]["indicators"]
    (poor,) = [item for item in indicators if item["key"] == "ho-ngheo"]
    poor["observations"][0]["value"] = "ba nghìn"
    await drafts.save(editor, draft.id, 1, broken, "dở dang")
    checked = await danbiet(runner, "content", "check", "--draft", str(draft.id))
    assert checked.exit_code == 1
    assert "indicators.yaml: ho-ngheo: observations[0].value: " in checked.output
    assert f"problem(s) in draft {draft.id} (version 2)" in checked.output
    unknown = await danbiet(runner, "content", "check", "--draft", "999")
    assert unknown.exit_code == 1
    assert "no content release 999" in unknown.output
