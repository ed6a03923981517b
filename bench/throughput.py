"""Residents' questions per second through the emulator: danbiet against a bare echo bot.

Each bot runs in its own process, as it would against Telegram: danbiet through its real
console script (`danbiet run`, SQLite), the baseline as the thinnest python-telegram-bot echo
bot with the same concurrency. This process runs the Bot API emulator, sends the questions from
many residents at once and times until every reply has arrived. Reported: questions per second,
danbiet's rate as a share of the echo bot's (same run), and each bot's CPU time per question.
A third bot, the echo bot replying with one fixed danbiet card, separates the cost of sending a
card of that size through python-telegram-bot from the cost of danbiet's own work.

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


def run_echo_bot(api_url: str, token: str, *, with_card: bool) -> None:
    """A baseline, run in a child process: reply to every text with the same text, or (with
    `with_card`) with one fixed danbiet card and keyboard rendered once at start, so that the
    cost of sending a card of that size is measured without any of danbiet's own work."""
    from telegram import InlineKeyboardMarkup, Update
    from telegram.ext import ApplicationBuilder, ContextTypes, MessageHandler, filters

    card: tuple[str, InlineKeyboardMarkup] | None = None
    if with_card:
        from bot.i18n import Translator
        from content.loader import load_knowledge_base
        from handlers import keyboards
        from handlers.render import Renderer

        kb = load_knowledge_base()
        renderer = Renderer(Translator(), "vi")
        indicator = kb.indicators["viec-lam"]
        card = (
            renderer.indicator_card(indicator, kb.reports),
            keyboards.indicator_card(renderer, indicator),
        )

    async def echo(update: Update, _context: ContextTypes.DEFAULT_TYPE) -> None:
        message = update.effective_message
        if message is None or message.text is None:
            return
        if card is None:
            await message.reply_text(message.text)
        else:
            await message.reply_html(card[0], reply_markup=card[1])

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
            command = [
                sys.executable,
                __file__,
                f"--serve-{bot}",
                emulator.base_url,
                emulator.token,
            ]
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
    echo_card = await measure("echo-card", questions, questions_count, residents)
    danbiet = await measure("danbiet", questions, questions_count, residents)
    print(
        f"questions: {questions_count} from {residents} residents; each bot in its own process, "
        f"concurrency {CONCURRENT_UPDATES}; danbiet on SQLite"
    )
    print(f"{'bot':<26}{'questions/s':>12}{'CPU ms/question':>18}")
    rows = (
        ("echo bot (baseline)", echo),
        ("echo bot sending a card", echo_card),
        ("danbiet", danbiet),
    )
    for name, result in rows:
        print(f"{name:<26}{result.rate:>12.1f}{result.cpu_ms_per_question:>18.2f}")
    print(f"danbiet / echo: {danbiet.rate / echo.rate:.2f} (aim >= 0.80)")
    print(f"danbiet / echo sending the same card: {danbiet.rate / echo_card.rate:.2f}")


if __name__ == "__main__":
    if len(sys.argv) == 4 and sys.argv[1] in ("--serve-echo", "--serve-echo-card"):
        run_echo_bot(sys.argv[2], sys.argv[3], with_card=sys.argv[1] == "--serve-echo-card")
        sys.exit(0)
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--questions", type=int, default=2000)
    parser.add_argument("--residents", type=int, default=50)
    arguments = parser.parse_args()
    asyncio.run(main(arguments.questions, arguments.residents))
