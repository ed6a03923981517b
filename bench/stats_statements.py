"""Each statement of the statistics page, timed apart, over the dashboard bench's tickets.

The overview's statements (storage/repositories/stats.py) run in one unit of work, as
StatsService.overview runs them, `--repeat` times on a database seeded by bench/dashboard.py;
reported: the median and best milliseconds of each, and of a bare round trip (SELECT 1) beside.

    .venv/bin/python bench/stats_statements.py [--tickets 20000] [--repeat 30] [--postgres URL]

The PostgreSQL run empties the database it is given.
"""

from __future__ import annotations

import argparse
import asyncio
import datetime as dt
import statistics
import sys
import tempfile
import time
from collections.abc import Awaitable, Callable, Sequence
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.dashboard import reset_postgres, seed  # noqa: E402
from bot.domain.faq_drafts import question_key  # noqa: E402
from bot.services.kernel.question_groups import group_questions  # noqa: E402
from bot.services.stats.dashboard import (  # noqa: E402
    DEFAULT_WEEKS,
    UNANSWERED_SCANNED,
    UNANSWERED_SHOWN,
    week_boundaries,
)
from storage.db import create_engine, create_session_factory  # noqa: E402
from storage.uow import UnitOfWork, unit_of_work_factory  # noqa: E402


async def measure(database_url: str, count: int, repeat: int) -> dict[str, list[float]]:
    await seed(database_url, count)
    engine = create_engine(database_url)
    units = unit_of_work_factory(create_session_factory(engine))
    boundaries = week_boundaries(dt.datetime.now(dt.UTC), DEFAULT_WEEKS)
    timings: dict[str, list[float]] = {}
    try:
        for _ in range(repeat + 1):  # the first round compiles and warms: not counted
            async with units() as uow:
                taken = await _round(uow, boundaries)
            for name, milliseconds in taken.items():
                timings.setdefault(name, []).append(milliseconds)
    finally:
        await engine.dispose()
    return {name: values[1:] for name, values in timings.items()}


async def _round(uow: UnitOfWork, boundaries: list[dt.datetime]) -> dict[str, float]:
    taken: dict[str, float] = {}
    results: dict[str, Any] = {}

    async def timed(name: str, call: Callable[[], Awaitable[Any]]) -> None:
        began = time.perf_counter()
        results[name] = await call()
        taken[name] = (time.perf_counter() - began) * 1000

    await timed("totals by status and field", uow.stats.ticket_totals)
    answered = results["totals by status and field"].answered
    await timed("median first answer", lambda: uow.stats.median_first_answer(answered))
    await timed("filed and answered per week", lambda: uow.stats.tickets_per_period(boundaries))
    await timed(
        "unanswered wordings",
        lambda: uow.stats.unanswered_wordings(boundaries[0], UNANSWERED_SCANNED),
    )
    groups = group_questions(results["unanswered wordings"])[:UNANSWERED_SHOWN]
    keys = [question_key(group.text) for group in groups]
    await timed("FAQ drafts of those", lambda: uow.faq_drafts.ids_by_question_key(keys))
    await timed("(a bare round trip, SELECT 1)", uow.ping)
    taken["all of the overview's statements"] = sum(
        value for name, value in taken.items() if not name.startswith("(")
    )
    return taken


def report(timings: dict[str, list[float]]) -> None:
    print(f"  {'statement':<36}{'median ms':>11}{'best ms':>9}")
    for name, values in timings.items():
        print(f"  {name:<36}{statistics.median(values):>11.2f}{min(values):>9.2f}")


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--tickets", type=int, default=20_000)
    parser.add_argument("--repeat", type=int, default=30)
    parser.add_argument("--postgres", help="also run on this (emptied!) PostgreSQL database")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory() as directory:
        print(f"SQLite, {args.tickets:,} tickets")
        url = f"sqlite+aiosqlite:///{Path(directory) / 'bench.sqlite3'}"
        report(asyncio.run(measure(url, args.tickets, args.repeat)))
    if args.postgres:
        print(f"PostgreSQL, {args.tickets:,} tickets")
        asyncio.run(reset_postgres(args.postgres))
        report(asyncio.run(measure(args.postgres, args.tickets, args.repeat)))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
