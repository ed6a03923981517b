"""Residents' questions per second through the emulator: danbiet against a bare echo bot.

Both bots are real python-telegram-bot Applications polling the same kind of emulator over
HTTP, with the same concurrency; the echo bot does no work beyond replying. The figure that
matters is danbiet's rate as a share of the echo bot's, measured in the same run.

    .venv/bin/python bench/throughput.py [--questions 2000] [--residents 50]
"""

from __future__ import annotations

import argparse
import asyncio
import sys
import tempfile
import time
from collections.abc import AsyncIterator, Callable
from contextlib import AbstractAsyncContextManager, asynccontextmanager
from pathlib import Path
from typing import Any

import yaml
from telegram import Update
from telegram.ext import Application, ApplicationBuilder, ContextTypes, MessageHandler, filters

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bot.sandbox.emulator import BotApiEmulator

from bot.app import CONCURRENT_UPDATES, running_bot
from bot.settings import load_settings

QUESTIONS_FILE = Path(__file__).resolve().parent.parent / "tests" / "data" / "questions.yaml"
FIRST_RESIDENT = 10_000


async def _echo(update: Update, _context: ContextTypes.DEFAULT_TYPE) -> None:
    if update.effective_message and update.effective_message.text:
        await update.effective_message.reply_text(update.effective_message.text)


@asynccontextmanager
async def echo_bot(emulator: BotApiEmulator) -> AsyncIterator[None]:
    application: Application[Any, Any, Any, Any, Any, Any] = (
        ApplicationBuilder()
        .token(emulator.token)
        .base_url(f"{emulator.base_url}/bot")
        .concurrent_updates(CONCURRENT_UPDATES)
        .build()
    )
    application.add_handler(MessageHandler(filters.TEXT, _echo))
    async with application:
        await application.start()
        assert application.updater is not None
        await application.updater.start_polling(poll_interval=0, timeout=10)
        try:
            yield
        finally:
            await application.updater.stop()
            await application.stop()


@asynccontextmanager
async def danbiet_bot(emulator: BotApiEmulator) -> AsyncIterator[None]:
    with tempfile.TemporaryDirectory() as directory:
        settings = load_settings(
            None,
            telegram_bot_token=emulator.token,
            telegram_api_url=emulator.base_url,
            database_url=f"sqlite+aiosqlite:///{Path(directory) / 'bench.sqlite3'}",
            log_level="WARNING",
        )
        async with running_bot(settings):
            yield


def load_questions() -> list[str]:
    raw = yaml.safe_load(QUESTIONS_FILE.read_text(encoding="utf-8"))
    items = raw["questions"] if isinstance(raw, dict) else raw
    return [str(item["text"] if isinstance(item, dict) else item) for item in items]


async def measure(
    bot: Callable[[BotApiEmulator], AbstractAsyncContextManager[None]],
    questions: list[str],
    total: int,
    residents: int,
) -> float:
    """Send `total` questions from `residents` users at once; time until every reply arrived."""
    emulator = BotApiEmulator()
    await emulator.start()
    try:
        for offset in range(residents):
            emulator.add_user(FIRST_RESIDENT + offset, f"Cư dân {offset}", language_code="vi")
        async with bot(emulator):
            # Warm up: one question each way, so start-up costs are not measured.
            await emulator.send_text(FIRST_RESIDENT, questions[0])
            await emulator.wait_for_bot_message(FIRST_RESIDENT, timeout=30)
            await emulator.wait_until_idle(timeout=30)
            replies = 0
            done = asyncio.Event()

            def count(kind: str, message: dict[str, Any]) -> None:
                nonlocal replies
                if kind == "message" and message.get("from", {}).get("is_bot"):
                    replies += 1
                    if replies >= total:
                        done.set()

            unsubscribe = emulator.subscribe(count)
            started = time.perf_counter()
            for index in range(total):
                user = FIRST_RESIDENT + index % residents
                await emulator.send_text(user, questions[index % len(questions)])
            await asyncio.wait_for(done.wait(), timeout=600)
            elapsed = time.perf_counter() - started
            unsubscribe()
            await emulator.wait_until_idle(timeout=60)
    finally:
        await emulator.stop()
    return total / elapsed


async def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--questions", type=int, default=2000)
    parser.add_argument("--residents", type=int, default=50)
    args = parser.parse_args()
    questions = load_questions()
    echo_rate = await measure(echo_bot, questions, args.questions, args.residents)
    danbiet_rate = await measure(danbiet_bot, questions, args.questions, args.residents)
    print(
        f"questions: {args.questions} from {args.residents} residents, concurrency "
        f"{CONCURRENT_UPDATES}, SQLite"
    )
    print(f"{'bot':<28}{'questions/s':>12}")
    print(f"{'echo bot (baseline)':<28}{echo_rate:>12.1f}")
    print(f"{'danbiet':<28}{danbiet_rate:>12.1f}")
    print(f"danbiet / echo: {danbiet_rate / echo_rate:.2f} (aim >= 0.80)")


if __name__ == "__main__":
    asyncio.run(main())
