"""The bots the throughput benchmark compares, each in its own process against the emulator.

danbiet runs through its real console script (`danbiet run`); the baselines are the thinnest
python-telegram-bot echo bot (same concurrency) and that echo bot replying with one fixed
danbiet card. Shared by bench/throughput.py's scenarios.
"""

from __future__ import annotations

import asyncio
import json
import os
import signal
import sys
import tempfile
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bot.app import CONCURRENT_UPDATES  # noqa: E402
from bot.sandbox.emulator import BotApiEmulator  # noqa: E402

STARTUP_SECONDS = 60.0
THROUGHPUT_SCRIPT = Path(__file__).resolve().parent / "throughput.py"  # serves the echo bots
DB_CALLS_SCRIPT = Path(__file__).resolve().parent / "db_calls.py"  # danbiet, its calls counted
ECHO, ECHO_CARD, DANBIET = "echo", "echo-card", "danbiet"


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


def cpu_seconds(pid: int) -> float:
    """User + system CPU time of a process, from /proc (Linux)."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


@dataclass(frozen=True)
class RunningBot:
    name: str
    process: asyncio.subprocess.Process
    emulator: BotApiEmulator
    calls_file: Path | None = None  # danbiet run under bench/db_calls.py
    final_calls: dict[str, int] = field(default_factory=dict)  # filled once it has stopped

    @property
    def cpu(self) -> float:
        return cpu_seconds(self.process.pid)

    async def calls_now(self) -> dict[str, int]:
        """The database calls counted so far (empty when not counted)."""
        if self.calls_file is None:
            return {}
        self.calls_file.unlink(missing_ok=True)
        self.process.send_signal(signal.SIGUSR1)
        # Written by the other process from its signal handler: nothing here to wait on.
        while not self.calls_file.exists():  # noqa: ASYNC110
            await asyncio.sleep(0.01)
        return dict(json.loads(self.calls_file.read_text()))


async def fresh_postgres(url: str) -> None:
    from tests.conftest import reset_postgres

    await reset_postgres(url)


@asynccontextmanager
async def running(
    bot: str, *, database_url: str | None = None, count_calls: bool = False
) -> AsyncIterator[RunningBot]:
    """The emulator and one bot process polling it; stopped (SIGTERM) on exit. With
    `count_calls`, danbiet's database calls are counted (bench/db_calls.py)."""
    emulator = BotApiEmulator()
    await emulator.start()
    with tempfile.TemporaryDirectory() as directory:
        if database_url and database_url.startswith("postgresql"):
            await fresh_postgres(database_url)
        environment = {
            **os.environ,
            "TELEGRAM_BOT_TOKEN": emulator.token,
            "TELEGRAM_API_URL": emulator.base_url,
            "DATABASE_URL": database_url
            or f"sqlite+aiosqlite:///{Path(directory) / 'bench.sqlite3'}",
            "LOG_LEVEL": "WARNING",
            "WEB_PORT": "0",
        }
        calls_file = Path(directory) / "db_calls.json" if count_calls else None
        if bot == DANBIET and calls_file is not None:
            environment["DB_CALLS_FILE"] = str(calls_file)
            command = [sys.executable, str(DB_CALLS_SCRIPT), "run"]
        elif bot == DANBIET:
            command = [str(Path(sys.executable).parent / "danbiet"), "run"]
        else:
            script = str(THROUGHPUT_SCRIPT)
            command = [sys.executable, script, f"--serve-{bot}", emulator.base_url, emulator.token]
        process = await asyncio.create_subprocess_exec(*command, env=environment, cwd=directory)
        running_bot = RunningBot(bot, process, emulator, calls_file if bot == DANBIET else None)
        try:
            yield running_bot
        finally:
            process.send_signal(signal.SIGTERM)
            await process.wait()
            await emulator.stop()
            if running_bot.calls_file is not None and running_bot.calls_file.exists():
                running_bot.final_calls.update(json.loads(running_bot.calls_file.read_text()))


async def wait_until_ready(bot: RunningBot, user_id: int) -> None:
    """One question from a resident kept out of the measurement: the bot has started."""
    bot.emulator.add_user(user_id, "Khởi động", language_code="vi")
    sent = await bot.emulator.send_text(user_id, "ho ngheo")
    await bot.emulator.wait_for_bot_message(
        user_id, after=sent["message"]["message_id"], timeout=STARTUP_SECONDS
    )
    await bot.emulator.wait_until_idle(timeout=30)
