"""Shared fixtures: databases (SQLite always, PostgreSQL when configured) and strict CI mode.

TEST_DATABASE_URL=postgresql+asyncpg://... runs the PostgreSQL-backed tests;
DANBIET_STRICT_TESTS=1 (set by .ci/run) turns any skipped test into a failure.

Under pytest-xdist (``-n N``) every worker gets a database of its own on that server, named
after the configured one with the worker's id (``test_gw0``), created on first use.

Migrating a database costs far more than most tests: a test gets a copy of a database migrated
once (SQLite) or the worker's database emptied of rows but kept at the head revision
(PostgreSQL). Tests of the migrations themselves take ``empty_database_url``.
"""

from __future__ import annotations

import asyncio
import os
import shutil
from collections.abc import AsyncIterator
from pathlib import Path

import pytest
from sqlalchemy import text
from sqlalchemy.engine import make_url
from sqlalchemy.ext.asyncio import AsyncConnection, AsyncEngine, create_async_engine

from storage.db import create_engine, create_session_factory
from storage.migrate import head_revision, upgrade
from storage.models import Base
from storage.uow import UnitOfWorkFactory, unit_of_work_factory
from tests import parsed_once

# Every bot a test starts serves its dashboard on a free port (and the subprocesses inherit it),
# so tests never collide with each other or with a sandbox running on this machine.
os.environ["WEB_PORT"] = "0"

STRICT = os.environ.get("DANBIET_STRICT_TESTS") == "1"
XDIST_WORKER = os.environ.get("PYTEST_XDIST_WORKER", "")


def _worker_database(url: str, worker: str) -> str:
    """The configured database, or under xdist the worker's own one beside it."""
    if not url or not worker:
        return url
    parsed = make_url(url)
    return parsed.set(database=f"{parsed.database}_{worker}").render_as_string(hide_password=False)


POSTGRES_URL = _worker_database(os.environ.get("TEST_DATABASE_URL", ""), XDIST_WORKER)


async def _create_database_if_missing(url: str) -> None:
    """CREATE DATABASE for a worker, connected to the configured (existing) database."""
    target = make_url(url)
    server = create_async_engine(
        target.set(database=make_url(os.environ["TEST_DATABASE_URL"]).database),
        isolation_level="AUTOCOMMIT",
    )
    try:
        async with server.connect() as connection:
            exists = await connection.scalar(
                text("SELECT 1 FROM pg_database WHERE datname = :name"),
                {"name": target.database},
            )
            if not exists:
                # template0: template1 refuses to be copied while anyone is connected to it.
                await connection.execute(
                    text(f'CREATE DATABASE "{target.database}" TEMPLATE template0')
                )
    finally:
        await server.dispose()


def pytest_configure(config: pytest.Config) -> None:
    parsed_once.install()
    if POSTGRES_URL and XDIST_WORKER:
        asyncio.run(_create_database_if_missing(POSTGRES_URL))


def pytest_sessionfinish(session: pytest.Session, exitstatus: int) -> None:
    # Under xdist the controller's reporter holds every worker's results, and this hook runs
    # there too (a worker has no terminal reporter, so it never fails the run itself).
    reporter = session.config.pluginmanager.get_plugin("terminalreporter")
    skipped = len(reporter.stats.get("skipped", [])) if reporter else 0
    if STRICT and skipped and exitstatus == 0 and reporter is not None:
        reporter.write_line(f"DANBIET_STRICT_TESTS: {skipped} test(s) skipped; none may skip in CI")
        session.exitstatus = pytest.ExitCode.TESTS_FAILED


async def reset_postgres(url: str) -> None:
    """An empty schema, as migrations expect."""
    engine = create_engine(url)
    try:
        async with engine.begin() as connection:
            await connection.execute(text("DROP SCHEMA IF EXISTS public CASCADE"))
            await connection.execute(text("CREATE SCHEMA public"))
    finally:
        await engine.dispose()


async def _at_head(connection: AsyncConnection) -> bool:
    if await connection.scalar(text("SELECT to_regclass('public.alembic_version')")) is None:
        return False
    versions = (await connection.execute(text("SELECT version_num FROM alembic_version"))).all()
    return [row[0] for row in versions] == [head_revision()]


async def clean_postgres(url: str) -> None:
    """The schema at the head revision with no rows and every id sequence restarted: what
    `reset_postgres` and a migration give, without paying for the migration again when the
    schema is already there. A schema elsewhere (a migration test left it at another revision)
    is rebuilt from empty."""
    engine = create_engine(url)
    try:
        async with engine.begin() as connection:
            migrated = await _at_head(connection)
            if migrated:
                # Children before parents, so that no foreign key objects; DELETE on these
                # small tables is several times cheaper than TRUNCATE.
                for table in reversed(Base.metadata.sorted_tables):
                    await connection.execute(table.delete())
                sequences = await connection.execute(
                    text("SELECT sequencename FROM pg_sequences WHERE schemaname = 'public'")
                )
                for (sequence,) in sequences.all():
                    await connection.execute(text(f'ALTER SEQUENCE "{sequence}" RESTART'))
            else:
                await connection.execute(text("DROP SCHEMA IF EXISTS public CASCADE"))
                await connection.execute(text("CREATE SCHEMA public"))
        if not migrated:
            await upgrade(engine)
    finally:
        await engine.dispose()


@pytest.fixture(scope="session")
def migrated_sqlite(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A SQLite database migrated to head once per session (per xdist worker), to be copied."""
    path = tmp_path_factory.mktemp("migrated") / "template.sqlite3"

    async def migrate() -> None:
        engine = create_engine(f"sqlite+aiosqlite:///{path}")
        try:
            await upgrade(engine)
            async with engine.connect() as connection:
                # Everything in the main file, nothing left in the WAL beside it.
                await connection.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")
        finally:
            await engine.dispose()

    asyncio.run(migrate())
    return path


@pytest.fixture(params=["sqlite", "postgresql"])
async def database_url(
    request: pytest.FixtureRequest, tmp_path: Path, migrated_sqlite: Path
) -> AsyncIterator[str]:
    """A database of each kind at the head revision with no rows; PostgreSQL only where
    TEST_DATABASE_URL says where."""
    if request.param == "sqlite":
        path = tmp_path / "test.sqlite3"
        shutil.copyfile(migrated_sqlite, path)
        yield f"sqlite+aiosqlite:///{path}"
        return
    if not POSTGRES_URL:
        pytest.skip("TEST_DATABASE_URL is not set: PostgreSQL tests need a server")
    await clean_postgres(POSTGRES_URL)
    yield POSTGRES_URL


@pytest.fixture(params=["sqlite", "postgresql"])
async def empty_database_url(request: pytest.FixtureRequest, tmp_path: Path) -> AsyncIterator[str]:
    """An empty database of each kind (no schema at all), for the tests of the migrations."""
    if request.param == "sqlite":
        yield f"sqlite+aiosqlite:///{tmp_path / 'empty.sqlite3'}"
        return
    if not POSTGRES_URL:
        pytest.skip("TEST_DATABASE_URL is not set: PostgreSQL tests need a server")
    await reset_postgres(POSTGRES_URL)
    yield POSTGRES_URL


@pytest.fixture
async def engine(database_url: str) -> AsyncIterator[AsyncEngine]:
    engine = create_engine(database_url)
    yield engine
    await engine.dispose()


@pytest.fixture
def uow_factory(engine: AsyncEngine) -> UnitOfWorkFactory:
    return unit_of_work_factory(create_session_factory(engine))
