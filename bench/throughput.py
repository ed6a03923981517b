"""Residents' questions per second and reply latency through the emulator: danbiet against the
thinnest python-telegram-bot echo bot, in the same run, interleaved.

Scenarios (each bot in its own process, bench/bot_processes.py):
- ``first-contacts`` (the default): 1,500 questions from 300 residents, none of whom wrote
  before, five each, as on the day a newspaper links the bot: confident, ambiguous and
  unanswered questions mixed (tests/data/questions.yaml, in a fixed shuffled order), all sent
  at once; the clock stops at the last reply.
- ``warm`` (the earlier scenario, kept for comparison): 2,000 questions from 50 residents who
  each asked once before the clock starts.
- ``steady``: 40 questions per second for 20 s from residents writing for the first time; the
  latency from each question to its reply (p50, p95, p99).

Three repeats, alternating echo bot and danbiet, on SQLite and (with --postgres URL, a database
this benchmark may wipe) on PostgreSQL. Reported: questions/s, CPU ms per question of the bot's
process, danbiet's rate as a share of the echo bot's in the same repeat.

    .venv/bin/python bench/throughput.py [--scenario first-contacts|warm|steady|all]
        [--repeats 3] [--postgres postgresql+asyncpg://postgres@127.0.0.1:5432/bench_throughput]
"""

from __future__ import annotations

import argparse
import asyncio
import json
import random
import statistics
import sys
import time
from collections import defaultdict, deque
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

import yaml

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.bot_processes import (  # noqa: E402
    DANBIET,
    ECHO,
    ECHO_CARD,
    RunningBot,
    run_echo_bot,
    running,
    wait_until_ready,
)
from bench.db_calls import round_trips, transactions  # noqa: E402

QUESTIONS_FILE = ROOT / "tests" / "data" / "questions.yaml"
READY_RESIDENT = 9_999
FIRST_RESIDENT = 10_000
STEADY_RATE = 40.0
STEADY_SECONDS = 20.0
PERCENTILES = (0.50, 0.95, 0.99)


def load_questions() -> list[str]:
    raw = yaml.safe_load(QUESTIONS_FILE.read_text(encoding="utf-8"))
    # Telegram delivers no empty message, so the set's empty-text edge cases are left out here.
    questions = [str(item["q"]) for item in raw["questions"] if str(item["q"]).strip()]
    random.Random(8).shuffle(questions)  # mixed kinds, the same order for every bot
    return questions


@dataclass(frozen=True)
class Result:
    scenario: str
    backend: str
    bot: str
    repeat: int
    rate: float
    cpu_ms_per_question: float
    p50_ms: float | None = None
    p95_ms: float | None = None
    p99_ms: float | None = None
    db_calls_per_question: dict[str, float] = field(default_factory=dict)


class Replies:
    """Counts the bot's replies and, per chat, matches each to the oldest unanswered question."""

    def __init__(self) -> None:
        self.count = 0
        self.target = 0
        self.done = asyncio.Event()
        self.waiting: defaultdict[int, deque[float]] = defaultdict(deque)
        self.latencies: list[float] = []

    def sent(self, chat_id: int) -> None:
        self.waiting[chat_id].append(time.perf_counter())

    def __call__(self, kind: str, message: dict[str, Any]) -> None:
        if kind != "message" or not message.get("from", {}).get("is_bot"):
            return
        queue = self.waiting.get(message["chat"]["id"])
        if queue:
            self.latencies.append(time.perf_counter() - queue.popleft())
        self.count += 1
        if self.count >= self.target:
            self.done.set()


def _residents(bot: RunningBot, count: int) -> list[int]:
    users = [FIRST_RESIDENT + offset for offset in range(count)]
    for user in users:
        bot.emulator.add_user(user, f"Cư dân {user}", language_code="vi")
    return users


async def _burst(
    bot: RunningBot, plan: list[tuple[int, str]], warm: bool
) -> tuple[float, float, dict[str, int]]:
    """Send every question at once; (seconds until the last reply, CPU seconds of the bot,
    the database calls counted before the first question)."""
    if warm:
        firsts = {user: text for user, text in plan}
        sent = [await bot.emulator.send_text(user, text) for user, text in firsts.items()]
        for update in sent:
            chat = update["message"]["chat"]["id"]
            await bot.emulator.wait_for_bot_message(
                chat, after=update["message"]["message_id"], timeout=60
            )
        await bot.emulator.wait_until_idle(timeout=30)
    calls = await bot.calls_now()
    replies = Replies()
    replies.target = len(plan)
    unsubscribe = bot.emulator.subscribe(replies)
    cpu_before, started = bot.cpu, time.perf_counter()
    for user, text in plan:
        await bot.emulator.send_text(user, text)
    await asyncio.wait_for(replies.done.wait(), timeout=900)
    elapsed, cpu = time.perf_counter() - started, bot.cpu - cpu_before
    unsubscribe()
    return elapsed, cpu, calls


async def _steady(
    bot: RunningBot, questions: list[str]
) -> tuple[float, float, list[float], dict[str, int]]:
    total = int(STEADY_RATE * STEADY_SECONDS)
    users = _residents(bot, total // 2)  # two questions each, the first a first contact
    replies = Replies()
    replies.target = total
    unsubscribe = bot.emulator.subscribe(replies)
    calls = await bot.calls_now()
    loop = asyncio.get_running_loop()
    cpu_before, started = bot.cpu, loop.time()
    for index in range(total):
        # A fixed schedule, not "after the previous send": lateness does not accumulate.
        await asyncio.sleep(max(0.0, started + index / STEADY_RATE - loop.time()))
        user = users[index % len(users)]
        replies.sent(user)
        await bot.emulator.send_text(user, questions[index % len(questions)])
    await asyncio.wait_for(replies.done.wait(), timeout=300)
    elapsed, cpu = loop.time() - started, bot.cpu - cpu_before
    unsubscribe()
    return elapsed, cpu, replies.latencies, calls


def _percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(share * (len(ordered) - 1)))] * 1000


def _per_question(before: dict[str, int], after: dict[str, int], count: int) -> dict[str, float]:
    """Database calls per question over the window (and the shutdown's final flush)."""
    if not after:
        return {}
    delta = {key: after.get(key, 0) - before.get(key, 0) for key in after}
    delta["round_trips"], delta["transactions"] = round_trips(delta), transactions(delta)
    return {key: round(value / count, 3) for key, value in sorted(delta.items()) if value}


async def measure(  # noqa: PLR0913 - the last one defaulted
    scenario: str,
    bot_name: str,
    backend: str,
    database: str | None,
    repeat: int,
    count_calls: bool = False,
) -> Result:
    questions = load_questions()
    latencies: list[float] = []
    async with running(bot_name, database_url=database, count_calls=count_calls) as bot:
        await wait_until_ready(bot, READY_RESIDENT)
        if scenario == "steady":
            elapsed, cpu, latencies, before = await _steady(bot, questions)
            total = len(latencies)
        elif scenario == "first-contacts":
            users = _residents(bot, 300)
            # Round by round: every resident's first question comes before anyone's second.
            plan = [
                (user, questions[(round_ * len(users) + index) % len(questions)])
                for round_ in range(5)
                for index, user in enumerate(users)
            ]
            elapsed, cpu, before = await _burst(bot, plan, warm=False)
            total = len(plan)
        else:
            users = _residents(bot, 50)
            plan = [(users[i % 50], questions[i % len(questions)]) for i in range(2000)]
            elapsed, cpu, before = await _burst(bot, plan, warm=True)
            total = len(plan)
    p50, p95, p99 = (_percentile(latencies, share) if latencies else None for share in PERCENTILES)
    return Result(
        scenario,
        backend,
        bot_name,
        repeat,
        total / elapsed,
        cpu / total * 1000,
        p50,
        p95,
        p99,
        db_calls_per_question=_per_question(before, bot.final_calls, total),
    )


def _report(results: list[Result]) -> None:
    print(
        f"{'scenario':<16}{'db':<12}{'bot':<11}{'#':>2}{'q/s':>9}{'CPU ms/q':>10}"
        f"{'p50':>8}{'p95':>8}{'p99':>8}"
    )
    for item in results:
        latency = "".join(
            f"{value:>8.1f}" if value is not None else f"{'-':>8}"
            for value in (item.p50_ms, item.p95_ms, item.p99_ms)
        )
        print(
            f"{item.scenario:<16}{item.backend:<12}{item.bot:<11}{item.repeat:>2}"
            f"{item.rate:>9.1f}{item.cpu_ms_per_question:>10.2f}{latency}"
        )
    for item in results:
        if item.db_calls_per_question:
            calls = ", ".join(
                f"{key} {value:g}" for key, value in item.db_calls_per_question.items()
            )
            where = f"{item.scenario} {item.backend} #{item.repeat}"
            print(f"database calls per question, {where}: {calls}")
    groups: defaultdict[tuple[str, str, int], dict[str, Result]] = defaultdict(dict)
    for item in results:
        groups[(item.scenario, item.backend, item.repeat)][item.bot] = item
    ratios: defaultdict[tuple[str, str], list[float]] = defaultdict(list)
    for (scenario, backend, _repeat), bots in groups.items():
        if DANBIET in bots and ECHO in bots:
            ratios[(scenario, backend)].append(bots[DANBIET].rate / bots[ECHO].rate)
    for (scenario, backend), values in ratios.items():
        shown = " / ".join(f"{value:.2f}" for value in values)
        print(
            f"danbiet / echo, {scenario}, {backend}: {shown} "
            f"(median {statistics.median(values):.2f}; aim >= 0.80)"
        )


async def main(arguments: argparse.Namespace) -> None:
    every = ["first-contacts", "warm", "steady"]
    scenarios = every if arguments.scenario == "all" else [arguments.scenario]
    backends: list[tuple[str, str | None]] = []
    if not arguments.postgres_only:
        backends.append(("sqlite", None))
    if arguments.postgres:
        backends.append(("postgresql", arguments.postgres))
    bots = [ECHO, DANBIET] + ([ECHO_CARD] if arguments.with_card else [])
    results: list[Result] = []
    for scenario in scenarios:
        for backend, database in backends:
            for repeat in range(1, arguments.repeats + 1):
                for bot_name in bots:
                    # The echo bot needs no database; it runs beside the same emulator setup.
                    url = database if bot_name == DANBIET else None
                    results.append(
                        await measure(
                            scenario, bot_name, backend, url, repeat, arguments.count_db_calls
                        )
                    )
                    print(results[-1], file=sys.stderr)
    _report(results)
    if arguments.json:
        written = json.dumps([asdict(item) for item in results], indent=1)
        Path(arguments.json).write_text(written)  # noqa: ASYNC240 - once, after measuring


if __name__ == "__main__":
    if len(sys.argv) == 4 and sys.argv[1] in ("--serve-echo", "--serve-echo-card"):
        run_echo_bot(sys.argv[2], sys.argv[3], with_card=sys.argv[1] == "--serve-echo-card")
        sys.exit(0)
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--scenario", default="first-contacts", choices=["first-contacts", "warm", "steady", "all"]
    )
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument("--postgres", default="", help="a PostgreSQL URL this may wipe")
    parser.add_argument("--postgres-only", action="store_true", help="leave SQLite out")
    parser.add_argument("--with-card", action="store_true", help="also the card-sending echo bot")
    parser.add_argument("--json", default="", help="also write the results to this file")
    parser.add_argument(
        "--count-db-calls",
        action="store_true",
        help="count danbiet's database calls per question (bench/db_calls.py)",
    )
    asyncio.run(main(parser.parse_args()))
