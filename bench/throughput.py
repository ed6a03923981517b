"""Residents' questions per second through the emulator: danbiet against a bare echo bot.

Each bot runs in its own process, as it would against Telegram: danbiet through its real
console script (`danbiet run`, SQLite), the baseline as the thinnest python-telegram-bot echo
bot with the same concurrency. This process runs the Bot API emulator, sends the questions from
many residents at once and times until every reply has arrived. Reported: questions per second,
danbiet's rate as a share of the echo bot's (same run), and each bot's CPU time per question.

    .venv/bin/python bench/throughput.py [--questions 2000] [--residents 50]
"""

from __future__ import annotations

import argparse
import asyncio
import os
import signal
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bot.app import CONCURRENT_UPDATES  # noqa: E402
from bot.sandbox.emulator import BotApiEmulator  # noqa: E402

QUESTIONS_FILE = ROOT / "tests" / "data" / "questions.yaml"
FIRST_RESIDENT = 10_000
STARTUP_SECONDS = 60.0


def load_questions() -> list[str]:
    raw = yaml.safe_load(QUESTIONS_FILE.read_text(encoding="utf-8"))
    # Telegram delivers no empty message, so the set's empty-text edge cases are left out here.
    return [str(item["q"]) for item in raw["questions"] if str(item["q"]).strip()]


def run_echo_bot(api_url: str, token: str) -> None:
    """The baseline, run in a child process: reply to every text with the same text."""
    from telegram import Update
    from telegram.ext import ApplicationBuilder, ContextTypes, MessageHandler, filters

    async def echo(update: Update, _context: ContextTypes.DEFAULT_TYPE) -> None:
        if update.effective_message and update.effective_message.text:
            await update.effective_message.reply_text(update.effective_message.text)

    application = (
        ApplicationBuilder()
        .token(token)
        .base_url(f"{api_url}/bot")
        .concurrent_updates(CONCURRENT_UPDATES)
        .build()
    )
    application.add_handler(MessageHandler(filters.TEXT, echo))
    application.run_polling(poll_interval=0, timeout=10, stop_signals=(signal.SIGTERM,))


def _cpu_seconds(pid: int) -> float:
    """User + system CPU time of a process, from /proc (Linux)."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


@dataclass(frozen=True)
class Measurement:
    rate: float
    cpu_ms_per_question: float


async def measure(bot: str, questions: list[str], total: int, residents: int) -> Measurement:
    emulator = BotApiEmulator()
    await emulator.start()
    with tempfile.TemporaryDirectory() as directory:
        environment = {
            **os.environ,
            "TELEGRAM_BOT_TOKEN": emulator.token,
            "TELEGRAM_API_URL": emulator.base_url,
            "DATABASE_URL": f"sqlite+aiosqlite:///{Path(directory) / 'bench.sqlite3'}",
            "LOG_LEVEL": "WARNING",
        }
        if bot == "danbiet":
            command = [str(Path(sys.executable).parent / "danbiet"), "run"]
        else:
            command = [sys.executable, __file__, "--serve-echo", emulator.base_url, emulator.token]
        process = await asyncio.create_subprocess_exec(*command, env=environment, cwd=directory)
        try:
            for offset in range(residents):
                emulator.add_user(FIRST_RESIDENT + offset, f"Cư dân {offset}", language_code="vi")
            # Warm up (and wait for start-up): one question per resident, all answered.
            sent = [
                await emulator.send_text(FIRST_RESIDENT + offset, questions[offset])
                for offset in range(residents)
            ]
            for offset, update in enumerate(sent):
                await emulator.wait_for_bot_message(
                    FIRST_RESIDENT + offset,
                    after=update["message"]["message_id"],
                    timeout=STARTUP_SECONDS,
                )
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
            cpu_before = _cpu_seconds(process.pid)
            started = time.perf_counter()
            for index in range(total):
                user = FIRST_RESIDENT + index % residents
                await emulator.send_text(user, questions[index % len(questions)])
            await asyncio.wait_for(done.wait(), timeout=600)
            elapsed = time.perf_counter() - started
            cpu = _cpu_seconds(process.pid) - cpu_before
            unsubscribe()
        finally:
            process.send_signal(signal.SIGTERM)
            await process.wait()
            await emulator.stop()
    return Measurement(rate=total / elapsed, cpu_ms_per_question=cpu / total * 1000)


async def main(questions_count: int, residents: int) -> None:
    questions = load_questions()
    echo = await measure("echo", questions, questions_count, residents)
    danbiet = await measure("danbiet", questions, questions_count, residents)
    print(
        f"questions: {questions_count} from {residents} residents; each bot in its own process, "
        f"concurrency {CONCURRENT_UPDATES}; danbiet on SQLite"
    )
    print(f"{'bot':<24}{'questions/s':>12}{'CPU ms/question':>18}")
    for name, result in (("echo bot (baseline)", echo), ("danbiet", danbiet)):
        print(f"{name:<24}{result.rate:>12.1f}{result.cpu_ms_per_question:>18.2f}")
    print(f"danbiet / echo: {danbiet.rate / echo.rate:.2f} (aim >= 0.80)")


if __name__ == "__main__":
    if len(sys.argv) == 4 and sys.argv[1] == "--serve-echo":
        run_echo_bot(sys.argv[2], sys.argv[3])
        sys.exit(0)
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--questions", type=int, default=2000)
    parser.add_argument("--residents", type=int, default=50)
    arguments = parser.parse_args()
    asyncio.run(main(arguments.questions, arguments.residents))
