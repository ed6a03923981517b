"""From the previous release's database, with its data, to this one and back (SQLite and
PostgreSQL). The rows are the frozen snapshot of release 0.3 (tests/data/releases)."""

from __future__ import annotations

import base64
import datetime as dt
import json
from pathlib import Path
from typing import Any

from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import DateTime, MetaData, Table, func, insert, inspect, select, text
from sqlalchemy.engine import Connection
from sqlalchemy.ext.asyncio import AsyncEngine

from bot.services.composition import build_services
from bot.services.kernel.actor import Actor
from bot.settings import load_settings
from storage.db import create_engine
from storage.migrate import current_revision, downgrade, head_revision, upgrade
from storage.models import Base

SNAPSHOT = Path(__file__).parents[1] / "data" / "releases" / "0.3-eb12f6c.json"


def load_snapshot() -> dict[str, Any]:
    return dict(json.loads(SNAPSHOT.read_text("utf-8")))


def decoded(value: Any, column_is_time: bool) -> Any:
    if isinstance(value, dict) and "datetime" in value:
        parsed = dt.datetime.fromisoformat(value["datetime"])
        return parsed if column_is_time else parsed.date()
    if isinstance(value, dict) and "bytes" in value:
        return base64.b64decode(value["bytes"])
    return value


def reflected(connection: Connection) -> MetaData:
    metadata = MetaData()
    metadata.reflect(connection)
    return metadata


async def restore_release(engine: AsyncEngine, snapshot: dict[str, Any]) -> None:
    """The release's schema (its last migration), holding the release's rows."""
    await upgrade(engine, snapshot["revision"])
    async with engine.begin() as connection:
        metadata = await connection.run_sync(reflected)
        for table in metadata.sorted_tables:
            rows = snapshot["tables"].get(table.name, [])
            if not rows:
                continue
            times = {column.name for column in table.columns if isinstance(column.type, DateTime)}
            await connection.execute(
                insert(table),
                [{key: decoded(value, key in times) for key, value in row.items()} for row in rows],
            )
        if connection.dialect.name == "postgresql":
            await reset_sequences(connection, metadata)


async def reset_sequences(connection: Any, metadata: MetaData) -> None:
    """Rows inserted with their ids leave PostgreSQL's id sequences behind: catch them up."""
    for table in metadata.sorted_tables:
        column = table.columns.get("id")
        if column is not None and column.autoincrement is not False and _is_integer(column):
            await connection.execute(
                text(
                    f"SELECT setval(pg_get_serial_sequence('{table.name}', 'id'), "  # noqa: S608
                    f"coalesce((SELECT max(id) FROM {table.name}), 0) + 1, false)"
                )
            )


def _is_integer(column: Any) -> bool:
    return column.type.python_type is int


async def row_counts(engine: AsyncEngine, names: list[str]) -> dict[str, int]:
    counts = {}
    async with engine.connect() as connection:
        metadata = await connection.run_sync(reflected)
        for name in names:
            table: Table = metadata.tables[name]
            counted = await connection.scalar(select(func.count()).select_from(table))
            counts[name] = int(counted or 0)
    return counts


def _drift(connection: Connection) -> list[Any]:
    context = MigrationContext.configure(connection, opts={"compare_type": True})
    return list(compare_metadata(context, Base.metadata))


async def test_the_release_database_upgrades_keeps_every_row_and_downgrades_again(
    empty_database_url: str,
) -> None:
    snapshot = load_snapshot()
    names = sorted(snapshot["tables"])
    engine = create_engine(empty_database_url)
    try:
        await restore_release(engine, snapshot)
        assert await current_revision(engine) == snapshot["revision"]
        before = await row_counts(engine, names)
        assert before == {name: len(snapshot["tables"][name]) for name in names}

        await upgrade(engine)
        assert await current_revision(engine) == head_revision()
        assert await row_counts(engine, names) == before
        async with engine.connect() as connection:
            assert await connection.run_sync(_drift) == []

        # Back to the release and up again: the release could be rolled back to, data intact.
        await downgrade(engine, snapshot["revision"])
        assert await row_counts(engine, names) == before
        await upgrade(engine)
        assert await row_counts(engine, names) == before

        await downgrade(engine, "base")
        async with engine.connect() as connection:
            left = await connection.run_sync(lambda sync: inspect(sync).get_table_names())
        assert set(left) <= {"alembic_version"}
    finally:
        await engine.dispose()


async def test_this_release_reads_and_changes_the_old_data(empty_database_url: str) -> None:
    snapshot = load_snapshot()
    engine = create_engine(empty_database_url)
    try:
        await restore_release(engine, snapshot)
    finally:
        await engine.dispose()
    # The bot's own start: migrate to this release, then build the services.
    settings = load_settings(
        env_file=None, database_url=empty_database_url, admin_user_ids=frozenset({900001})
    )
    wiring = await build_services(settings)
    services = wiring.services
    try:
        official = Actor.official(900001, "Hà Nguyễn")
        old = snapshot["tables"]["tickets"][0]
        view = await services.moderation.ticket_by_code(official, old["code"])
        assert view.ticket.text == old["text"]
        assert "Đường vào trường tiểu học" in view.ticket.text
        # The old ticket can still move on, and new rows get ids after the old ones.
        closed = await services.moderation.close(official, view.ticket.id)
        assert closed.ticket.status == "closed"
        resident = Actor.resident(5000, "vi")
        mine = await services.feedback.my_tickets(resident)
        assert [ticket.code for ticket in mine.items] == [old["code"]]
        signed_in = await services.accounts.sign_in("canbo.phuong", "mat-khau-rat-dai-2025")
        assert signed_in.account.username == "canbo.phuong"
    finally:
        await wiring.close()


async def test_stepping_down_one_revision_at_a_time_keeps_the_rows_those_revisions_have(
    empty_database_url: str,
) -> None:
    """A downgrade must not lose what the older schema can still hold (a batch copy of a
    referenced table on SQLite once cascaded into every reply and audit row)."""
    snapshot = load_snapshot()
    kept = ["tickets", "ticket_replies", "audit_log", "deliveries", "residents"]
    engine = create_engine(empty_database_url)
    try:
        await restore_release(engine, snapshot)
        await upgrade(engine)
        before = await row_counts(engine, kept)
        linked = await linked_audit_rows(engine)
        for revision in ("0005", "0004", "0003"):
            await downgrade(engine, revision)
            assert await row_counts(engine, kept) == before, revision
            assert await linked_audit_rows(engine) == linked, revision
    finally:
        await engine.dispose()


async def linked_audit_rows(engine: AsyncEngine) -> int:
    async with engine.connect() as connection:
        counted = await connection.scalar(
            text("SELECT count(*) FROM audit_log WHERE ticket_id IS NOT NULL")
        )
    return int(counted or 0)
