"""Issue 15, "after a publish", end to end: the Q1 report goes out; an operator publishes the
next release from the shell (`danbiet content publish`), changing one of its figures; the bot
picks the release up (what its refresh loop does every few seconds) and /corrections offers the
correction, which reaches exactly the residents who received the old value."""

from __future__ import annotations

import asyncio
from pathlib import Path

import pytest
from click.testing import CliRunner

from bot.cli import main
from bot.services.broadcasts.subscriptions import Topic, TopicKind
from bot.services.kernel.actor import Actor
from tests.e2e.broadcasts.world import ADMIN_CHAT, NO_LOOP, Inbox, World, body
from tests.e2e.helpers import button_texts
from tests.release_content import changed_directory


async def publish_from_the_shell(
    monkeypatch: pytest.MonkeyPatch, database_url: str, directory: Path
) -> str:
    monkeypatch.setenv("DATABASE_URL", database_url)
    monkeypatch.delenv("TELEGRAM_BOT_TOKEN", raising=False)
    arguments = ["content", "publish", str(directory)]
    result = await asyncio.to_thread(CliRunner().invoke, main, arguments)
    assert result.exit_code == 0, result.output
    return result.output


async def test_a_published_change_is_corrected_for_exactly_those_who_read_the_old_value(
    world: World, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    readers = world.add_residents(3)
    blocker, milk_only = world.add_residents(2, start=21_000)
    (late,) = world.add_residents(1, start=22_000)
    inbox = Inbox(world.emulator)
    # The test takes the content loop's step itself: the loop's own would race it.
    async with world.bot(broadcast_rate=25, content_refresh_seconds=NO_LOOP) as runtime:
        await world.subscribe([*readers, blocker, milk_only])
        # School milk is not in the Q1 2022 report: this subscriber never reads its figures.
        await runtime.services.subscriptions.toggle(
            Actor.resident(milk_only, "vi"), Topic(TopicKind.INDICATOR, "sua-hoc-duong")
        )
        world.emulator.block_bot(blocker)
        control = await world.official_says("/broadcast report report-2022-q1")
        await world.send_now(control)
        await world.report(1)
        world.emulator.block_bot(blocker, blocked=False)
        await world.subscribe([blocker, late])
        assert set(inbox.received) == set(readers)  # the blocker and the milk reader got none
        assert "<b>3.612 hộ</b>" in inbox.messages[readers[0]][0]["html"]

        output = await publish_from_the_shell(
            monkeypatch, world.database_url, changed_directory(tmp_path / "next")
        )
        assert "release 2 is live" in output
        assert await runtime.services.releases.refresh()  # the loop's step, without waiting

        listing = await world.official_says("/corrections")
        assert "đã tới 3 người" in body(listing)
        assert "Hộ nghèo (Quý I/2022): 3.612 hộ → 3.498 hộ" in body(listing)
        assert button_texts(listing) == ["✏️ Đính chính tin #1 (3 người)"]
        await world.press(listing, "Đính chính tin #1")
        draft = await world.emulator.wait_for_bot_message(
            ADMIN_CHAT, lambda message: "Tin #2" in body(message), after=listing["message_id"]
        )
        assert "Người nhận: <b>3</b>" in draft["html"]
        await world.send_now(draft)
        await world.report(2)
    corrected = {
        chat_id
        for chat_id, messages in inbox.messages.items()
        if any("Đính chính" in body(message) for message in messages)
    }
    assert corrected == set(readers)
    for reader in readers:
        (correction,) = [m for m in inbox.messages[reader] if "Đính chính" in body(m)]
        assert "trước đây <s>3.612 hộ</s>, nay là <b>3.498 hộ</b>" in correction["html"]
