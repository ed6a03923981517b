"""Broadcast delivery: sustained rate under Telegram's limits, and the engine's own ceiling.

Telegram is our Bot API emulator, in this process; every bot runs in its own process, as it
would against Telegram. Subscribers and the broadcast are written to the bot's SQLite database
through the services, as the admin chat would; deliveries are timed from the emulator's side,
first message to last.

1. Paced: the emulator refuses (429) over 30 messages in any second, as Telegram does in bulk;
   the real `danbiet run` sends at BROADCAST_RATE=25. Reported: achieved rate against 25
   (aim >= 93 %), 429s (aim 0), busiest second.
2. Baseline: a bare aiohttp client sending the same message to the emulator as fast as it
   can (16 requests at once): what the emulator itself can take.
3. Paid: `danbiet run` with PAID_BROADCASTS=true, BROADCAST_RATE=1000, to 100,000 subscribers.
4. Engine ceiling: the same outbox, worker and sender with no rate at all (a bench-only
   process builds the worker directly; settings never allow this), to 100,000 subscribers.
For 3 and 4: messages per second, the time to create the 100,000 delivery rows, and the bot
process's resident memory idle and at its peak (VmHWM).

    .venv/bin/python bench/broadcast.py [--paced 500] [--subscribers 100000]
"""

from __future__ import annotations

import argparse
import asyncio
import datetime as dt
import os
import signal
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import aiohttp  # noqa: E402
from sqlalchemy import insert  # noqa: E402

from bot.i18n import Translator  # noqa: E402
from bot.sandbox.emulator import BotApiEmulator  # noqa: E402
from bot.sandbox.rate_limit import RateLimits  # noqa: E402
from bot.services.composition import build_services  # noqa: E402
from bot.services.kernel.actor import Actor  # noqa: E402
from bot.settings import Settings, load_settings  # noqa: E402
from handlers.broadcast_texts import BroadcastTexts  # noqa: E402
from storage.db import create_engine  # noqa: E402
from storage.migrate import upgrade  # noqa: E402
from storage.models import Resident, Subscription  # noqa: E402

ADMIN_CHAT = -1004000000001
OFFICIAL = 920001
FIRST_RESIDENT = 1_000_000
TEXT = "Kết quả <b>Quý I/2022</b>: 50.019 lao động có việc làm (31,3% kế hoạch)."
STARTUP_SECONDS = 60.0
BASELINE_CONCURRENCY = 16


@dataclass(frozen=True)
class Delivery:
    sent: int
    seconds: float  # first message to last
    refused: int  # 429s
    busiest_second: int
    rows_seconds: float  # confirming: the delivery rows created in one statement
    rss_idle_mb: float | None = None
    rss_peak_mb: float | None = None

    @property
    def rate(self) -> float:
        return (self.sent - 1) / self.seconds if self.seconds > 0 else float("nan")


def _memory_mb(pid: int, field: str) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith(field + ":"):
            return int(line.split()[1]) / 1024
    raise RuntimeError(f"no {field} for process {pid}")


def _settings(database_url: str) -> Settings:
    """The bot's settings for this run: the official and the officials' chat of the benchmark."""
    return load_settings(
        env_file=None,
        database_url=database_url,
        admin_user_ids=frozenset({OFFICIAL}),
        admin_chat_id=ADMIN_CHAT,
    )


async def seed(database_url: str, count: int) -> list[int]:
    """Residents and their active subscriptions, in bulk."""
    engine = create_engine(database_url)
    ids = list(range(FIRST_RESIDENT, FIRST_RESIDENT + count))
    now = dt.datetime.now(dt.UTC)
    try:
        await upgrade(engine)
        async with engine.begin() as connection:
            for start in range(0, count, 10_000):
                chunk = ids[start : start + 10_000]
                await connection.execute(
                    insert(Resident),
                    [
                        {"id": item, "telegram_language": "vi", "first_seen": now, "last_seen": now}
                        for item in chunk
                    ],
                )
                await connection.execute(
                    insert(Subscription),
                    [
                        {
                            "resident_id": item,
                            "status": "active",
                            "created_at": now,
                            "updated_at": now,
                        }
                        for item in chunk
                    ],
                )
    finally:
        await engine.dispose()
    return ids


async def confirm_broadcast(database_url: str) -> tuple[int, float]:
    """An official's /broadcast and "Send now", through the services; returns the id and the
    seconds the confirmation took (it creates every delivery row)."""
    wiring = await build_services(
        _settings(database_url), broadcast_composer=BroadcastTexts(Translator())
    )
    services = wiring.services
    try:
        official = Actor.official(OFFICIAL)
        draft = await services.broadcasts.prepare_text(official, TEXT, chat_id=ADMIN_CHAT)
        started = time.perf_counter()
        await services.broadcasts.confirm(official, draft.broadcast.id)
        return draft.broadcast.id, time.perf_counter() - started
    finally:
        await wiring.close()


class Arrivals:
    """Broadcast messages as the emulator stores them."""

    def __init__(self, emulator: BotApiEmulator, expected: int) -> None:
        self.count = 0
        self.first: float | None = None
        self.last = 0.0
        self.expected = expected
        self.done = asyncio.Event()
        self._bot = emulator.bot_user["id"]
        emulator.subscribe(self._observe)

    def _observe(self, event: str, message: dict[str, Any]) -> None:
        if event != "message" or message["chat"]["id"] < 0 or message["from"]["id"] != self._bot:
            return
        now = time.perf_counter()
        self.first = now if self.first is None else self.first
        self.last = now
        self.count += 1
        if self.count >= self.expected:
            self.done.set()


async def _wait_started(emulator: BotApiEmulator, method: str) -> None:
    deadline = time.perf_counter() + STARTUP_SECONDS
    while not emulator.calls_of(method):
        if time.perf_counter() > deadline:
            raise TimeoutError(f"the bot never called {method}")
        await asyncio.sleep(0.1)  # polling a process we do not control; not a test
    await emulator.wait_until_idle(timeout=STARTUP_SECONDS, quiet_period=1.0)


async def deliver(
    command: list[str],
    environment: dict[str, str],
    subscribers: int,
    limits: RateLimits | None,
    started_by: str,
) -> Delivery:
    emulator = BotApiEmulator(rate_limits=limits)
    await emulator.start()
    emulator.add_user(OFFICIAL, "Hà")
    emulator.add_group(ADMIN_CHAT, "Cán bộ", members=[OFFICIAL])
    with tempfile.TemporaryDirectory() as directory:
        database_url = f"sqlite+aiosqlite:///{Path(directory) / 'bench.sqlite3'}"
        ids = await seed(database_url, subscribers)
        for user_id in ids:
            emulator.add_user(user_id, "Dân", language_code="vi")
        arrivals = Arrivals(emulator, subscribers)
        environment = {
            **os.environ,
            "TELEGRAM_BOT_TOKEN": emulator.token,
            "TELEGRAM_API_URL": emulator.base_url,
            "DATABASE_URL": database_url,
            "ADMIN_CHAT_ID": str(ADMIN_CHAT),
            "ADMIN_USER_IDS": str(OFFICIAL),
            "LOG_LEVEL": "WARNING",
            **environment,
        }
        process = await asyncio.create_subprocess_exec(*command, env=environment, cwd=directory)
        try:
            await _wait_started(emulator, started_by)
            rss_idle = _memory_mb(process.pid, "VmRSS")
            _, rows_seconds = await confirm_broadcast(database_url)
            await asyncio.wait_for(arrivals.done.wait(), timeout=3600)
            rss_peak = _memory_mb(process.pid, "VmHWM")
        finally:
            process.send_signal(signal.SIGTERM)
            await process.wait()
            await emulator.stop()
    limiter = emulator.rate_limiter
    return Delivery(
        sent=arrivals.count,
        seconds=arrivals.last - (arrivals.first or arrivals.last),
        refused=limiter.stats.refused if limiter else 0,
        busiest_second=limiter.stats.busiest_second if limiter else 0,
        rows_seconds=rows_seconds,
        rss_idle_mb=rss_idle,
        rss_peak_mb=rss_peak,
    )


async def baseline(requests: int) -> float:
    """A bare client: sendMessage with the same HTML, as fast as the emulator answers."""
    emulator = BotApiEmulator()
    await emulator.start()
    for offset in range(1000):
        emulator.add_user(FIRST_RESIDENT + offset, "Dân", language_code="vi")
    process = await asyncio.create_subprocess_exec(
        sys.executable, __file__, "--serve-baseline", emulator.base_url, emulator.token,
        str(requests),
    )  # fmt: skip
    arrivals = Arrivals(emulator, requests)
    try:
        await asyncio.wait_for(arrivals.done.wait(), timeout=600)
    finally:
        await process.wait()
        await emulator.stop()
    return (arrivals.count - 1) / (arrivals.last - (arrivals.first or arrivals.last))


def serve_baseline(api_url: str, token: str, requests: int) -> None:
    async def run() -> None:
        connector = aiohttp.TCPConnector(limit=BASELINE_CONCURRENCY)
        async with aiohttp.ClientSession(connector=connector) as client:
            url = f"{api_url}/bot{token}/sendMessage"
            queue = iter(range(requests))

            async def sender() -> None:
                for number in queue:
                    payload = {
                        "chat_id": str(FIRST_RESIDENT + number % 1000),
                        "text": TEXT,
                        "parse_mode": "HTML",
                    }
                    async with client.post(url, data=payload) as response:
                        response.raise_for_status()
                        await response.read()

            await asyncio.gather(*(sender() for _ in range(BASELINE_CONCURRENCY)))

    asyncio.run(run())


def serve_worker(api_url: str, token: str, database_url: str) -> None:
    """The engine alone, unpaced: the outbox, the worker and its sender, built directly."""
    from bot.delivery.sender import TelegramSender
    from bot.delivery.worker import BroadcastQueue, DeliveryWorker, WorkerConfig
    from handlers.broadcast_views import ProgressTexts

    async def run() -> None:
        wiring = await build_services(_settings(database_url), upgrade_schema=False)
        services = wiring.services
        config = WorkerConfig(
            rate=1_000_000, batch=500, concurrency=16, lease=dt.timedelta(minutes=5)
        )
        sender = TelegramSender.connect(token, api_url, connections=config.concurrency)
        worker = DeliveryWorker(
            BroadcastQueue(services.outbox, services.broadcast_signals), sender,
            ProgressTexts(Translator()), config,
        )  # fmt: skip
        stop = asyncio.Event()
        asyncio.get_running_loop().add_signal_handler(signal.SIGTERM, stop.set)
        await worker.start()
        await stop.wait()
        await worker.stop()
        await wiring.close()

    asyncio.run(run())


def _row(name: str, result: Delivery, limit: float | None) -> str:
    share = f"{result.rate / limit:>7.1%}" if limit else f"{'':>7}"
    memory = (
        f"{result.rss_idle_mb:>8.0f} {result.rss_peak_mb:>8.0f}"
        if result.rss_idle_mb is not None and result.rss_peak_mb is not None
        else ""
    )
    return (
        f"{name:<34}{result.sent:>8}{result.seconds:>9.1f}{result.rate:>9.1f}{share}"
        f"{result.refused:>6}{result.busiest_second:>8}{result.rows_seconds:>8.2f} {memory}"
    )


async def main(paced: int, subscribers: int) -> None:
    danbiet = [str(Path(sys.executable).parent / "danbiet"), "run"]
    print(f"{'run':<34}{'sent':>8}{'seconds':>9}{'msg/s':>9}{'of aim':>7}{'429s':>6}"
          f"{'busiest':>8}{'rows s':>8} {'RSS idle':>8} {'RSS peak':>8} (MB)")  # fmt: skip
    paced_result = await deliver(
        danbiet, {"BROADCAST_RATE": "25"}, paced, RateLimits(per_second=30), "getUpdates"
    )
    print(_row("1 paced 25/s, limit 30/s", paced_result, 25.0), flush=True)
    ceiling = await baseline(20_000)
    print(f"2 baseline: bare client -> emulator {ceiling:>9.1f} msg/s", flush=True)
    paid = await deliver(
        danbiet,
        {"BROADCAST_RATE": "1000", "PAID_BROADCASTS": "true", "BROADCAST_BATCH": "500"},
        subscribers,
        None,
        "getUpdates",
    )
    print(_row(f"3 paid 1000/s, {subscribers:,} subscribers", paid, 1000.0), flush=True)
    engine_only = await deliver(
        [sys.executable, __file__, "--serve-worker"], {}, subscribers, None, "getMe"
    )
    print(_row(f"4 engine unpaced, {subscribers:,} subs.", engine_only, ceiling), flush=True)
    print(f"   (4's 'of aim' is its share of the bare client's rate: {ceiling:.0f} msg/s)")


if __name__ == "__main__":
    if len(sys.argv) == 5 and sys.argv[1] == "--serve-baseline":
        serve_baseline(sys.argv[2], sys.argv[3], int(sys.argv[4]))
        sys.exit(0)
    if len(sys.argv) == 2 and sys.argv[1] == "--serve-worker":
        serve_worker(
            os.environ["TELEGRAM_API_URL"],
            os.environ["TELEGRAM_BOT_TOKEN"],
            os.environ["DATABASE_URL"],
        )
        sys.exit(0)
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--paced", type=int, default=500, help="subscribers for run 1")
    parser.add_argument("--subscribers", type=int, default=100_000, help="for runs 3 and 4")
    arguments = parser.parse_args()
    asyncio.run(main(arguments.paced, arguments.subscribers))
