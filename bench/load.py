"""Webhook mode under load: updates per second, p50/p99 latency and memory per instance with 1, 2
and 4 `danbiet run` processes on PostgreSQL, against the Bot API emulator; and what predicts
the rate of N hosts, which this two-core machine cannot show: CPU seconds per update (all the
bot's processes together) and database transactions per update (PostgreSQL's own count,
pg_stat_database), both flat as processes are added if nothing is shared but the database; and
the Bot API requests per update (the emulator's count), beside the replies given in the
answers to the updates instead (bot/webhook_reply.py), which cost no request.

The emulator (this process) posts updates to the webhook as Telegram does (one at a time per
chat, up to WEBHOOK_MAX_CONNECTIONS at once); the instances share one port (WEB_REUSE_PORT, the
kernel spreads connections) and one PostgreSQL database. Residents ask in a closed loop: each
asks its next question when the answer to the last one arrives, so latency is the time from a
resident's message to the bot's reply under that many residents at once. Baseline in the same
run: the thinnest webhook bot (python-telegram-bot, one process) echoing each text, which shows
what the emulator and this machine can carry at all.

    .venv/bin/python bench/load.py [--seconds 20] [--residents 64] [--database URL]
        [--processes 1,2,4]
"""

from __future__ import annotations

import argparse
import asyncio
import os
import signal
import socket
import statistics
import sys
import time
from collections import defaultdict, deque
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bot.sandbox.emulator import BotApiEmulator  # noqa: E402
from tests.conftest import reset_postgres  # noqa: E402

QUESTIONS_FILE = ROOT / "tests" / "data" / "questions.yaml"
DEFAULT_DATABASE = "postgresql+asyncpg://postgres@127.0.0.1:5432/bench_load"
FIRST_RESIDENT = 20_000
STARTUP_SECONDS = 60.0
WEBHOOK_PATH = "/telegram/webhook"


def load_questions() -> list[str]:
    raw = yaml.safe_load(QUESTIONS_FILE.read_text(encoding="utf-8"))
    return [str(item["q"]) for item in raw["questions"] if str(item["q"]).strip()]


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def rss_mb(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return 0.0


def serve_echo(api_url: str, token: str, port: int) -> None:
    """The baseline, in a child process: an aiohttp webhook that echoes every text."""
    from aiohttp import web
    from telegram import Bot, Update

    async def main() -> None:
        async with Bot(token, base_url=f"{api_url}/bot") as bot:

            async def handle(request: web.Request) -> web.Response:
                update = Update.de_json(await request.json(), bot)
                message = update.effective_message
                if message is not None and message.text:
                    await bot.send_message(message.chat.id, message.text)
                return web.Response(text="ok")

            app = web.Application()
            app.router.add_post(WEBHOOK_PATH, handle)
            runner = web.AppRunner(app, access_log=None)
            await runner.setup()
            await web.TCPSite(runner, "127.0.0.1", port).start()
            await bot.set_webhook(f"http://127.0.0.1:{port}{WEBHOOK_PATH}", max_connections=40)
            stop = asyncio.Event()
            asyncio.get_running_loop().add_signal_handler(signal.SIGTERM, stop.set)
            await stop.wait()
            await runner.cleanup()

    asyncio.run(main())


def cpu_seconds(pid: int) -> float:
    """User and system CPU time of a process so far."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


async def transactions(database: str) -> int:
    """Transactions committed and rolled back in the database so far (PostgreSQL's statistics,
    flushed by each backend at most once a second: read after the instances went quiet)."""
    from sqlalchemy import text

    from storage.db import create_engine

    engine = create_engine(database)
    try:
        async with engine.connect() as connection:
            await connection.execute(text("SELECT pg_stat_clear_snapshot()"))
            row = await connection.execute(
                text(
                    "SELECT xact_commit + xact_rollback FROM pg_stat_database"
                    " WHERE datname = current_database()"
                )
            )
            return int(row.scalar_one())
    finally:
        await engine.dispose()


@dataclass(frozen=True)
class Result:
    label: str
    processes: int
    rate: float
    p50_ms: float
    p99_ms: float
    rss_mb: list[float]
    cpu_ms_per_update: float
    transactions_per_update: float | None  # None: the echo bot has no database
    requests_per_update: float  # Bot API requests the bot made (the emulator's count)
    in_response_per_update: float  # calls the bot gave in its answers to updates instead


class ClosedLoop:
    """Residents who each ask again as soon as they are answered; latencies per reply."""

    def __init__(self, emulator: BotApiEmulator, residents: int, questions: list[str]) -> None:
        self.emulator = emulator
        self.residents = [FIRST_RESIDENT + number for number in range(residents)]
        self.questions = questions
        self.sent_at: dict[int, deque[float]] = defaultdict(deque)
        self.latencies: list[float] = []
        self.measuring = False
        self.running = True
        self.asked = 0
        self._tasks: set[asyncio.Task[None]] = set()

    def observe(self, kind: str, message: dict[str, Any]) -> None:
        if kind != "message" or not message.get("from", {}).get("is_bot"):
            return
        chat = message["chat"]["id"]
        pending = self.sent_at.get(chat)
        if not pending:
            return
        latency = time.perf_counter() - pending.popleft()
        if self.measuring:
            self.latencies.append(latency)
        if self.running:
            task = asyncio.create_task(self.ask(chat))
            self._tasks.add(task)
            task.add_done_callback(self._tasks.discard)

    async def ask(self, resident: int) -> None:
        question = self.questions[self.asked % len(self.questions)]
        self.asked += 1
        self.sent_at[resident].append(time.perf_counter())
        await self.emulator.send_text(resident, question)

    async def drain(self) -> None:
        self.running = False
        await self.emulator.wait_until_idle(timeout=60)


async def measure(
    label: str, processes: int, seconds: float, residents: int, database: str
) -> Result:
    questions = load_questions()
    emulator = BotApiEmulator()
    await emulator.start()
    port = free_port()
    webhook = f"http://127.0.0.1:{port}{WEBHOOK_PATH}"
    children: list[asyncio.subprocess.Process] = []
    try:
        for resident in range(residents):
            emulator.add_user(FIRST_RESIDENT + resident, f"Cư dân {resident}", language_code="vi")
        if label == "echo":
            command = [sys.executable, __file__, "--serve-echo", emulator.base_url, emulator.token]
            children.append(await asyncio.create_subprocess_exec(*command, str(port), cwd=ROOT))
        else:
            await reset_postgres(database)
            environment = {
                **os.environ,
                "TELEGRAM_BOT_TOKEN": emulator.token,
                "TELEGRAM_API_URL": emulator.base_url,
                "DATABASE_URL": database,
                "WEBHOOK_URL": webhook,
                "WEB_PORT": str(port),
                "WEB_REUSE_PORT": "true",
                "LOG_LEVEL": "WARNING",
            }
            danbiet = str(Path(sys.executable).parent / "danbiet")
            for number in range(processes):
                children.append(
                    await asyncio.create_subprocess_exec(danbiet, "run", env=environment, cwd=ROOT)
                )
                if number == 0:  # the first one migrates the empty database alone
                    await wait_for_webhook(emulator)
        await wait_for_webhook(emulator)
        loop = ClosedLoop(emulator, residents, questions)
        unsubscribe = emulator.subscribe(loop.observe)
        for resident in loop.residents:  # warm-up: every instance connected and answering
            await loop.ask(resident)
        await asyncio.sleep(3)  # warm-up time before measuring
        xacts_before = None if label == "echo" else await transactions(database)
        calls_before = len(emulator.calls)
        in_response_before = len(emulator.webhook_replies)
        cpu_before = sum(cpu_seconds(child.pid) for child in children)
        asked_before = loop.asked
        loop.measuring = True
        started = time.perf_counter()
        await asyncio.sleep(seconds)  # the measured window
        loop.measuring = False
        elapsed = time.perf_counter() - started
        answered = len(loop.latencies)
        rss = [rss_mb(child.pid) for child in children]
        await loop.drain()
        unsubscribe()
        # Every update asked since the first count has now been answered (drained): CPU and
        # transactions are divided by those, the drain included.
        handled = loop.asked - asked_before
        cpu = sum(cpu_seconds(child.pid) for child in children) - cpu_before
        requests = sum(1 for method, _ in emulator.calls[calls_before:] if method != "getUpdates")
        in_response = len(emulator.webhook_replies) - in_response_before
        xacts = None
        if xacts_before is not None:
            await asyncio.sleep(1.5)  # PostgreSQL flushes a backend's counts at most once a second
            xacts = (await transactions(database) - xacts_before) / handled
    finally:
        for child in children:
            if child.returncode is None:
                child.send_signal(signal.SIGTERM)
        for child in children:
            await asyncio.wait_for(child.wait(), 60)
        await emulator.stop()
    ordered = sorted(loop.latencies)
    return Result(
        label=label,
        processes=processes,
        rate=answered / elapsed,
        p50_ms=statistics.median(ordered) * 1000,
        p99_ms=ordered[int(len(ordered) * 0.99) - 1] * 1000,
        rss_mb=rss,
        cpu_ms_per_update=cpu / handled * 1000,
        transactions_per_update=xacts,
        requests_per_update=requests / handled,
        in_response_per_update=in_response / handled,
    )


async def wait_for_webhook(emulator: BotApiEmulator) -> None:
    deadline = time.perf_counter() + STARTUP_SECONDS
    while emulator.webhook is None:
        if time.perf_counter() > deadline:
            raise TimeoutError("no instance registered the webhook")
        await asyncio.sleep(0.1)  # start-up of another process: nothing to wait on but time


async def main(seconds: float, residents: int, database: str, counts: list[int]) -> None:
    results = [await measure("echo", 1, seconds, residents, database)]
    for processes in counts:
        results.append(await measure("danbiet", processes, seconds, residents, database))
    print(
        f"webhook mode, {residents} residents in a closed loop, {seconds:.0f} s measured; "
        f"danbiet on PostgreSQL; {os.cpu_count()} CPU cores shared with the emulator"
    )
    print(
        f"{'bot':<34}{'updates/s':>10}{'p50 ms':>9}{'p99 ms':>9}{'CPU ms/upd':>11}"
        f"{'xact/upd':>9}{'req/upd':>8}{'in resp':>8}  RSS per instance (MB)"
    )
    echo = results[0]
    for result in results:
        name = (
            "echo webhook bot (baseline)"
            if result.label == "echo"
            else f"danbiet, {result.processes} process{'es' if result.processes > 1 else ''}"
        )
        memory = ", ".join(f"{value:.0f}" for value in result.rss_mb)
        xacts = result.transactions_per_update
        print(
            f"{name:<34}{result.rate:>10.1f}{result.p50_ms:>9.1f}{result.p99_ms:>9.1f}"
            f"{result.cpu_ms_per_update:>11.2f}{'-' if xacts is None else f'{xacts:.2f}':>9}"
            f"{result.requests_per_update:>8.2f}{result.in_response_per_update:>8.2f}  {memory}"
        )
    for result in results[1:]:
        print(f"danbiet x{result.processes} / echo: {result.rate / echo.rate:.2f}")
    # A host of C cores answers about C / (CPU s per update) updates/s if the database keeps up.
    flat = [result.cpu_ms_per_update for result in results[1:]]
    per_core = 1000 / max(flat)
    print(
        f"projected: {per_core:.0f} updates/s per core of bot CPU (worst of 1..4 processes); "
        f"N hosts of C cores: about N x C x {per_core:.0f} updates/s while the database keeps up"
    )


if __name__ == "__main__":
    if len(sys.argv) == 5 and sys.argv[1] == "--serve-echo":
        serve_echo(sys.argv[2], sys.argv[3], int(sys.argv[4]))
        sys.exit(0)
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=float, default=20)
    parser.add_argument("--residents", type=int, default=64)
    parser.add_argument("--database", default=DEFAULT_DATABASE)
    parser.add_argument("--processes", default="1,2,4", help="danbiet processes, e.g. 1,2,4")
    arguments = parser.parse_args()
    counts = [int(count) for count in arguments.processes.split(",")]
    asyncio.run(main(arguments.seconds, arguments.residents, arguments.database, counts))
