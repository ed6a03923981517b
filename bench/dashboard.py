"""The officials' dashboard under a large queue: how long its pages take with N tickets.

Tickets are written in bulk (with their folded search text, as filing writes it); the real
dashboard app is served on loopback and asked over HTTP by a signed-in administrator. Each page
is requested `--repeat` times; reported: median and 95th percentile in milliseconds, and the ratio
to the baseline measured in the same run, the unfiltered first page of the queue.

Then the statistics against the queue as a browser loads them: the page and, at once, every
image it names (none since the charts are inline SVG, drawn as the page renders; the residents'
broadcast chart is elsewhere). First load (the first request after the server started:
templates compiled), warm (the same data again), and after a new ticket (every chart's counts
change). The run also says whether anything it asked imported matplotlib (it should not).

    .venv/bin/python bench/dashboard.py [--tickets 20000] [--repeat 40] [--postgres URL]

The PostgreSQL run empties the database it is given.
"""

from __future__ import annotations

import argparse
import asyncio
import datetime as dt
import random
import re
import statistics
import sys
import tempfile
import time
from collections.abc import Sequence
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import aiohttp  # noqa: E402
from aiohttp import web  # noqa: E402
from argon2 import PasswordHasher  # noqa: E402
from sqlalchemy import insert, text  # noqa: E402

from bot.i18n import Translator  # noqa: E402
from bot.services.composition import build_services  # noqa: E402
from bot.services.kernel.actor import Actor, Role  # noqa: E402
from bot.services.tickets.search_text import search_text  # noqa: E402
from bot.settings import load_settings  # noqa: E402
from bot.web.app import build_dashboard  # noqa: E402
from storage.db import create_engine  # noqa: E402
from storage.migrate import upgrade  # noqa: E402
from storage.models import Resident, Ticket  # noqa: E402

PASSWORD = "một câu mật khẩu dài để đo"  # noqa: S105 - a throwaway account
TOPICS = ("giao-duc", "y-te", "lao-dong-viec-lam", "giam-ngheo", "other")
STATUSES = ("new", "approved", "assigned", "answered", "resolved", "closed")
PHRASES = (
    "Học phí năm nay tăng mà chưa thấy thông báo miễn giảm cho hộ nghèo",
    "Trạm y tế phường đóng cửa sớm, người già khám bệnh rất khó khăn",
    "Đường vào trường tiểu học ở ngõ 12 bị hỏng nặng, mưa là ngập",
    "Xin hỏi thủ tục nhận trợ cấp thất nghiệp cần giấy tờ gì",
    "Đề nghị hỗ trợ thẻ bảo hiểm y tế cho người cao tuổi ở tổ dân phố",
)
PAGES = (
    ("queue, first page (baseline)", "/tickets"),
    ("queue, last page", "/tickets?page=9999"),
    ("filter status + field", "/tickets?status=new&topic=y-te"),
    ("search, two folded words", "/tickets?q=hoc+phi"),
    ("search, a word nobody wrote", "/tickets?q=khongcotu"),
    ("one ticket", "/tickets/{ticket}"),
    ("statistics", "/stats"),
)
CSRF = re.compile(r'name="csrf_token" value="([^"]+)"')
IMAGE = re.compile(r'<img [^>]*src="(/[^"]+)"')
LOADS = (("queue", "/tickets"), ("statistics", "/stats"))


def ticket_row(
    rng: random.Random, n: int, resident_id: int, now: dt.datetime, age_minutes: int
) -> dict[str, object]:
    phrase = f"{rng.choice(PHRASES)} (số {n})"
    created = now - dt.timedelta(minutes=age_minutes)
    status = rng.choice(STATUSES)
    answered = status in {"answered", "resolved"}
    return {
        "code": f"B{n:07d}"[:8],
        "resident_id": resident_id,
        "topic": rng.choice(TOPICS),
        "text": phrase,
        "anonymous": n % 3 == 0,
        "author_name": None if n % 3 == 0 else f"Cư dân {n}",
        "language": "vi",
        "status": status,
        "published": False,
        "created_at": created,
        "updated_at": created,
        "first_answered_at": created + dt.timedelta(hours=5) if answered else None,
        "first_answer_ms": 5 * 3_600_000 if answered else None,  # as answering writes it
        "photo_file_id": "photo" if n % 5 == 0 else None,
        "search_text": search_text(phrase, None if n % 3 == 0 else f"Cư dân {n}"),
    }


async def seed(database_url: str, count: int) -> None:
    engine = create_engine(database_url)
    await upgrade(engine)
    rng = random.Random(8)
    now = dt.datetime.now(dt.UTC)
    residents = [
        {"id": 10_000_000 + n, "first_seen": now, "last_seen": now, "language": "vi"}
        for n in range(count // 4 + 1)
    ]
    first_resident = 10_000_000
    tickets = [
        ticket_row(
            rng, n, first_resident + n % len(residents), now, rng.randrange(0, 60 * 24 * 120)
        )
        for n in range(count)
    ]
    async with engine.begin() as connection:
        for start in range(0, len(residents), 5000):
            await connection.execute(insert(Resident), residents[start : start + 5000])
        for start in range(0, len(tickets), 5000):
            await connection.execute(insert(Ticket), tickets[start : start + 5000])
    await engine.dispose()


async def reset_postgres(url: str) -> None:
    engine = create_engine(url)
    async with engine.begin() as connection:
        await connection.execute(text("DROP SCHEMA public CASCADE"))
        await connection.execute(text("CREATE SCHEMA public"))
    await engine.dispose()


async def load(client: aiohttp.ClientSession, path: str, kept: set[str] | None = None) -> float:
    """Milliseconds to get the page and then, all at once, every image it names; with `kept`
    (a browser's cache), images once answered as immutable are not asked again."""

    async def fetch(address: str) -> str:
        async with client.get(address) as response:
            body = await response.read()
            assert response.status == 200, (address, response.status)
            if kept is not None and "immutable" in response.headers.get("Cache-Control", ""):
                kept.add(address)
            return body.decode() if response.content_type == "text/html" else ""

    began = time.perf_counter()
    page = await fetch(path)
    images = [image for image in IMAGE.findall(page) if kept is None or image not in kept]
    await asyncio.gather(*(fetch(image) for image in images))
    return (time.perf_counter() - began) * 1000


async def loads(
    client: aiohttp.ClientSession, database_url: str, count: int, repeat: int
) -> list[tuple[str, dict[str, list[float]]]]:
    """(moment, {page: timings}) for the queue and the statistics with their images."""
    first = {name: [await load(client, path)] for name, path in LOADS}
    warm: dict[str, list[float]] = {name: [] for name, _ in LOADS}
    cached: dict[str, list[float]] = {name: [] for name, _ in LOADS}
    kept: set[str] = set()
    for _ in range(repeat):
        for name, path in LOADS:
            warm[name].append(await load(client, path))
            cached[name].append(await load(client, path, kept))
    changed: dict[str, list[float]] = {name: [] for name, _ in LOADS}
    engine = create_engine(database_url)
    rng = random.Random(9)
    try:
        number = count
        for _ in range(max(repeat // 4, 3)):
            for name, path in LOADS:
                now = dt.datetime.now(dt.UTC)
                async with engine.begin() as connection:
                    await connection.execute(
                        insert(Ticket), [ticket_row(rng, number, 10_000_000, now, 0)]
                    )
                number += 1
                changed[name].append(await load(client, path))
    finally:
        await engine.dispose()
    return [
        ("first load after start", first),
        ("warm (same data), no browser cache", warm),
        ("warm (same data), browser cache", cached),
        ("after a new ticket", changed),
    ]


async def measure(
    database_url: str, count: int, repeat: int
) -> tuple[list[tuple[str, list[float]]], list[tuple[str, dict[str, list[float]]]]]:
    started = time.perf_counter()
    await seed(database_url, count)
    print(f"  seeded {count:,} tickets in {time.perf_counter() - started:.1f} s")
    wiring = await build_services(
        load_settings(env_file=None, database_url=database_url),
        upgrade_schema=False,
        password_hasher=PasswordHasher(time_cost=1, memory_cost=8, parallelism=1),
    )
    services = wiring.services
    await services.accounts.add(Actor.system(), "do-tai", PASSWORD, Role.ADMINISTRATOR)
    runner = web.AppRunner(build_dashboard(services, Translator()), access_log=None)
    await runner.setup()
    site = web.TCPSite(runner, "127.0.0.1", 0)
    await site.start()
    base = f"http://127.0.0.1:{runner.addresses[0][1]}"
    results: list[tuple[str, list[float]]] = []
    try:
        jar = aiohttp.CookieJar(unsafe=True)
        async with aiohttp.ClientSession(base, cookie_jar=jar) as client:
            async with client.get("/login") as response:
                token = CSRF.search(await response.text())
            assert token, "no CSRF token on /login"
            form = {"username": "do-tai", "password": PASSWORD, "csrf_token": token.group(1)}
            async with client.post("/login", data=form, allow_redirects=False) as response:
                assert response.status == 303, response.status
            before = "matplotlib" in sys.modules
            loaded = await loads(client, database_url, count, repeat)
            if not before:
                imported = "matplotlib" in sys.modules
                print(f"  matplotlib imported by the dashboard: {'YES' if imported else 'no'}")
            ticket = count // 2
            for label, path in PAGES:
                timings = []
                for _ in range(repeat):
                    began = time.perf_counter()
                    async with client.get(path.format(ticket=ticket)) as response:
                        await response.read()
                        assert response.status == 200, (path, response.status)
                    timings.append((time.perf_counter() - began) * 1000)
                results.append((label, timings))
            async with client.get("/tickets") as response:
                token = CSRF.search(await response.text())
            assert token
            began = time.perf_counter()
            export = {"format": "csv", "csrf_token": token.group(1)}
            async with client.post("/tickets/export", data=export) as response:
                body = await response.read()
                assert response.status == 200
            results.append(
                (
                    f"export CSV, all {count:,} ({len(body) / 1e6:.1f} MB)",
                    [(time.perf_counter() - began) * 1000],
                )
            )
    finally:
        await runner.cleanup()
        await wiring.close()
    return results, loaded


def report_loads(loaded: list[tuple[str, dict[str, list[float]]]]) -> None:
    print(
        f"  {'page and its images, median (best) ms':<40}"
        f"{'queue':>16}{'statistics':>16}{'ratio':>7}"
    )
    for moment, timings in loaded:
        queue = statistics.median(timings["queue"])
        stats = statistics.median(timings["statistics"])
        best = (
            f"{queue:.1f} ({min(timings['queue']):.1f})",
            f"{stats:.1f} ({min(timings['statistics']):.1f})",
        )
        print(f"  {moment:<40}{best[0]:>16}{best[1]:>16}{stats / queue:>7.2f}")


def report(results: list[tuple[str, list[float]]]) -> None:
    baseline = statistics.median(results[0][1])
    print(f"  {'page':<44}{'median ms':>11}{'p95 ms':>9}{'× baseline':>12}")
    for label, timings in results:
        ordered = sorted(timings)
        p95 = ordered[min(len(ordered) - 1, int(len(ordered) * 0.95))]
        median = statistics.median(ordered)
        print(f"  {label:<44}{median:>11.1f}{p95:>9.1f}{median / baseline:>12.2f}")


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--tickets", type=int, default=20_000)
    parser.add_argument("--repeat", type=int, default=40)
    parser.add_argument("--postgres", help="also run on this (emptied!) PostgreSQL database")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory() as directory:
        print(f"SQLite, {args.tickets:,} tickets")
        url = f"sqlite+aiosqlite:///{Path(directory) / 'bench.sqlite3'}"
        results, loaded = asyncio.run(measure(url, args.tickets, args.repeat))
        report(results)
        report_loads(loaded)
    if args.postgres:
        print(f"PostgreSQL, {args.tickets:,} tickets")
        asyncio.run(reset_postgres(args.postgres))
        results, loaded = asyncio.run(measure(args.postgres, args.tickets, args.repeat))
        report(results)
        report_loads(loaded)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
