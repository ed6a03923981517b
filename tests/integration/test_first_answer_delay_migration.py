"""Migration 0016 on SQLite and PostgreSQL: the delay to each ticket's first answer is backfilled
from its two timestamps, and a downgrade drops the column and keeps every ticket."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import BigInteger, Boolean, Integer, String, Text, column, insert, inspect, select
from sqlalchemy import table as light_table
from sqlalchemy.ext.asyncio import AsyncEngine

from storage.db import create_engine
from storage.migrate import downgrade, upgrade
from storage.models.columns import UtcDateTime

FILED = dt.datetime(2026, 3, 9, 1, 0, 0, 125000, tzinfo=dt.UTC)
RESIDENTS = light_table(
    "residents",
    column("id", BigInteger),
    column("first_seen", UtcDateTime),
    column("last_seen", UtcDateTime),
)
# The columns of `tickets` as revision 0015 left them (those a row needs).
TICKETS = light_table(
    "tickets",
    column("id", Integer),
    column("code", String),
    column("resident_id", BigInteger),
    column("topic", String),
    column("text", Text),
    column("anonymous", Boolean),
    column("language", String),
    column("status", String),
    column("published", Boolean),
    column("created_at", UtcDateTime),
    column("updated_at", UtcDateTime),
    column("first_answered_at", UtcDateTime),
)


def _ticket(number: int, answered_after: dt.timedelta | None) -> dict[str, object]:
    return {
        "id": number,
        "code": f"MIG{number}",
        "resident_id": 7001,
        "topic": "giao-duc",
        "text": "Trường mầm non thiếu giáo viên",
        "anonymous": True,
        "language": "vi",
        "status": "new" if answered_after is None else "answered",
        "published": False,
        "created_at": FILED,
        "updated_at": FILED,
        "first_answered_at": None if answered_after is None else FILED + answered_after,
    }


async def _columns(engine: AsyncEngine) -> set[str]:
    async with engine.connect() as connection:
        found = await connection.run_sync(lambda sync: inspect(sync).get_columns("tickets"))
    return {item["name"] for item in found}


async def test_0016_backfills_the_delay_and_downgrades_keeping_tickets(
    empty_database_url: str,
) -> None:
    engine = create_engine(empty_database_url)
    try:
        await upgrade(engine, "0015")
        async with engine.begin() as connection:
            await connection.execute(
                insert(RESIDENTS), [{"id": 7001, "first_seen": FILED, "last_seen": FILED}]
            )
            await connection.execute(
                insert(TICKETS),
                [
                    _ticket(1, dt.timedelta(hours=2, minutes=3, seconds=4, milliseconds=567)),
                    _ticket(2, None),
                    _ticket(3, dt.timedelta(days=40)),
                    _ticket(4, dt.timedelta(0)),
                ],
            )

        await upgrade(engine, "0016")
        delays = light_table(
            "tickets", column("id", Integer), column("first_answer_ms", BigInteger)
        )
        async with engine.connect() as connection:
            rows = await connection.execute(select(delays.c.id, delays.c.first_answer_ms))
            assert dict(rows.all()) == {1: 7_384_567, 2: None, 3: 40 * 86_400_000, 4: 0}

        await downgrade(engine, "0015")
        assert "first_answer_ms" not in await _columns(engine)
        async with engine.connect() as connection:
            ids = (await connection.execute(select(TICKETS.c.id))).scalars().all()
        assert sorted(ids) == [1, 2, 3, 4]  # nothing cascaded away
        await upgrade(engine)  # and up again to the head
        assert "first_answer_ms" in await _columns(engine)
    finally:
        await engine.dispose()
