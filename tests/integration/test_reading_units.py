"""Units of work that only read (UnitOfWork.reading): no transaction on PostgreSQL, no write
on either database; and the reads of many keys at once are one statement for any count."""

import datetime as dt
from collections.abc import AsyncIterator

import pytest
from sqlalchemy import select, text
from sqlalchemy.dialects import postgresql
from sqlalchemy.ext.asyncio import AsyncEngine

from storage.db import create_engine, create_session_factory
from storage.models import Resident
from storage.repositories.common import one_of
from storage.uow import UnitOfWorkFactory, unit_of_work_factory
from tests.conftest import POSTGRES_URL, clean_postgres

NOW = dt.datetime(2026, 12, 2, 9, 0, tzinfo=dt.UTC)
ASYNCPG = postgresql.asyncpg.dialect()  # type: ignore[no-untyped-call]


@pytest.fixture
async def on_postgres() -> AsyncIterator[tuple[UnitOfWorkFactory, AsyncEngine]]:
    """Units of work on PostgreSQL, and a second engine outside their pool to look at their
    connections in pg_stat_activity (what a transaction is only PostgreSQL shows this way)."""
    if not POSTGRES_URL:
        pytest.skip("TEST_DATABASE_URL is not set: PostgreSQL tests need a server")
    await clean_postgres(POSTGRES_URL)
    units, observer = create_engine(POSTGRES_URL), create_engine(POSTGRES_URL)
    yield unit_of_work_factory(create_session_factory(units)), observer
    await units.dispose()
    await observer.dispose()


async def _open_transactions(observer: AsyncEngine) -> int:
    """Other connections of this database holding a transaction open between statements."""
    async with observer.connect() as connection:
        count = await connection.scalar(
            text(
                "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database()"
                " AND state = 'idle in transaction' AND pid <> pg_backend_pid()"
            )
        )
    return int(count or 0)


async def test_a_reading_unit_holds_no_transaction_and_the_next_unit_does(
    on_postgres: tuple[UnitOfWorkFactory, AsyncEngine],
) -> None:
    uow_factory, observer = on_postgres
    async with uow_factory() as uow:
        await uow.residents.touch(7, "vi", NOW)
        await uow.commit()
    async with uow_factory().reading() as uow:
        assert await uow.residents.chosen_languages([7]) == {7: None}
        assert await _open_transactions(observer) == 0  # no BEGIN, nothing to roll back
    async with uow_factory() as uow:  # the same pooled connection, its mode reset
        await uow.residents.chosen_languages([7])
        assert await _open_transactions(observer) == 1
        await uow.residents.set_language(7, "en")  # not committed: undone at the end
    async with uow_factory().reading() as uow:
        assert await uow.residents.chosen_languages([7]) == {7: None}


async def test_a_reading_unit_refuses_to_write_or_commit(uow_factory: UnitOfWorkFactory) -> None:
    async with uow_factory().reading() as uow:
        with pytest.raises(RuntimeError, match="cannot write"):
            await uow.residents.touch(8, "vi", NOW)
        with pytest.raises(RuntimeError, match="nothing to commit"):
            await uow.commit()
    async with uow_factory() as uow:
        assert await uow.residents.chosen_languages([8]) == {}


async def test_reads_of_many_keys_find_the_same_rows_for_any_count(
    uow_factory: UnitOfWorkFactory,
) -> None:
    async with uow_factory() as uow:
        for resident_id in (1, 2, 3):
            await uow.residents.touch(resident_id, "vi", NOW)
        await uow.residents.set_language(2, "en")
        await uow.commit()
    async with uow_factory().reading() as uow:
        assert await uow.residents.chosen_languages([2]) == {2: "en"}
        assert await uow.residents.chosen_languages([1, 2, 3, 4]) == {1: None, 2: "en", 3: None}
        assert await uow.residents.chosen_languages([]) == {}
        assert await uow.drafts.get_many([1, 2]) == {}


def test_many_keys_are_one_postgresql_statement_whatever_their_count() -> None:
    """asyncpg prepares each new statement once per pooled connection: an IN list of every
    length would be a new one; an array parameter is the same statement."""

    class PostgresSession:
        def get_bind(self) -> object:
            return type("Bind", (), {"dialect": ASYNCPG})()

    session = PostgresSession()
    compiled = {
        str(
            select(Resident.id)
            .where(one_of(session, Resident.id, list(range(count))))  # type: ignore[arg-type]
            .compile(dialect=ASYNCPG)
        )
        for count in (1, 2, 17, 32)
    }
    assert len(compiled) == 1
    assert "= ANY" in compiled.pop()
