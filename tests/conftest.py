"""Shared fixtures: databases (SQLite always, PostgreSQL when configured) and strict CI mode.

TEST_DATABASE_URL=postgresql+asyncpg://... runs the PostgreSQL-backed tests;
DANBIET_STRICT_TESTS=1 (set by .ci/run) turns any skipped test into a failure.
"""

from __future__ import annotations

import os
from collections.abc import AsyncIterator
from pathlib import Path

import pytest
from sqlalchemy import text
from sqlalchemy.ext.asyncio import AsyncEngine

from storage.db import create_engine, create_session_factory
from storage.migrate import upgrade
from storage.uow import UnitOfWorkFactory, unit_of_work_factory

# Every bot a test starts serves its dashboard on a free port (and the subprocesses inherit it),
# so tests never collide with each other or with a sandbox running on this machine.
os.environ["WEB_PORT"] = "0"

POSTGRES_URL = os.environ.get("TEST_DATABASE_URL", "")
STRICT = os.environ.get("DANBIET_STRICT_TESTS") == "1"


def pytest_sessionfinish(session: pytest.Session, exitstatus: int) -> None:
    reporter = session.config.pluginmanager.get_plugin("terminalreporter")
    skipped = len(reporter.stats.get("skipped", [])) if reporter else 0
    if STRICT and skipped and exitstatus == 0 and reporter is not None:
        reporter.write_line(f"DANBIET_STRICT_TESTS: {skipped} test(s) skipped; none may skip in CI")
        session.exitstatus = pytest.ExitCode.TESTS_FAILED


async def reset_postgres(url: str) -> None:
    """Each test starts from an empty schema, as migrations expect."""
    engine = create_engine(url)
    try:
        async with engine.begin() as connection:
            await connection.execute(text("DROP SCHEMA IF EXISTS public CASCADE"))
            await connection.execute(text("CREATE SCHEMA public"))
    finally:
        await engine.dispose()


@pytest.fixture(params=["sqlite", "postgresql"])
async def database_url(request: pytest.FixtureRequest, tmp_path: Path) -> AsyncIterator[str]:
    """An empty database of each kind; PostgreSQL only where TEST_DATABASE_URL says where."""
    if request.param == "sqlite":
        yield f"sqlite+aiosqlite:///{tmp_path / 'test.sqlite3'}"
        return
    if not POSTGRES_URL:
        pytest.skip("TEST_DATABASE_URL is not set: PostgreSQL tests need a server")
    await reset_postgres(POSTGRES_URL)
    yield POSTGRES_URL


@pytest.fixture
async def engine(database_url: str) -> AsyncIterator[AsyncEngine]:
    engine = create_engine(database_url)
    await upgrade(engine)
    yield engine
    await engine.dispose()


@pytest.fixture
def uow_factory(engine: AsyncEngine) -> UnitOfWorkFactory:
    return unit_of_work_factory(create_session_factory(engine))
