"""SIGTERM while residents' updates are being handled: the bot takes no new update, finishes
the ones in hand (their replies arrive), and exits 0; what it did not take waits for the next
start."""

from __future__ import annotations

import asyncio
import signal
from pathlib import Path

from bot.sandbox.emulator import BotApiEmulator
from tests.e2e.instances import instances, start

RESIDENTS = (6001, 6002, 6003)


async def test_sigterm_finishes_updates_in_hand_and_leaves_the_rest_for_later(
    emulator: BotApiEmulator, database_url: str, tmp_path: Path
) -> None:
    database = database_url
    for resident in RESIDENTS:
        emulator.add_user(resident, f"Cư dân {resident}", language_code="vi")
    async with instances() as started:
        bot = await start(emulator, database, tmp_path, started)
        await bot.wait_for_updates_source("polling")
        # Telegram is slow: every reply is in flight when the stop signal comes.
        emulator.hold_calls("sendMessage")
        for resident in RESIDENTS:
            await emulator.send_text(resident, "ho ngheo")
        await emulator.wait_for_held_calls("sendMessage", len(RESIDENTS))

        bot.process.send_signal(signal.SIGTERM)
        await bot.wait_for_log("Application is stopping")
        late = await emulator.send_text(RESIDENTS[0], "bhyt")  # after the bot stopped taking
        emulator.release_calls("sendMessage")
        assert await asyncio.wait_for(bot.process.wait(), 30) == 0

        for resident in RESIDENTS:
            (reply,) = emulator.bot_messages(resident)
            assert "hộ nghèo" in reply["text"].lower()
        assert emulator.pending_updates == 1  # the late question: not taken, not lost

        again = await start(emulator, database, tmp_path, started)
        await again.wait_for_updates_source("polling")
        answer = await emulator.wait_for_bot_message(
            RESIDENTS[0],
            lambda message: "bảo hiểm y tế" in message["text"].lower(),
            after=late["message"]["message_id"],
            timeout=15,
        )
        assert answer["text"]
