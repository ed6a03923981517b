"""Engine and session-maker factories: nothing is created at import time."""

from __future__ import annotations

import logging
from typing import Any

from sqlalchemy import event
from sqlalchemy.ext.asyncio import (
    AsyncEngine,
    AsyncSession,
    async_sessionmaker,
    create_async_engine,
)
from sqlalchemy.pool import ConnectionPoolEntry

Engine = AsyncEngine  # named here so that layers above storage need not import SQLAlchemy


def create_engine(database_url: str, *, echo: bool = False) -> AsyncEngine:
    """An async engine; SQLite gets WAL and a busy timeout so readers never block the writer.

    Statements' parameters (password hashes, session keys, CSRF tokens, residents' names and
    texts) never reach a log line or an error message: `hide_parameters` drops them from
    SQLAlchemy's echo and from its exceptions, and aiosqlite, which logs every call with its
    arguments at DEBUG, is held at INFO.
    """
    logging.getLogger("aiosqlite").setLevel(logging.INFO)
    if database_url.startswith("sqlite"):
        # One connection: SQLite allows one writer, and writers on several connections wait
        # in SQLite's busy handler (sleeps of up to 100 ms); queueing in the pool is far cheaper.
        engine = create_async_engine(
            database_url,
            echo=echo,
            hide_parameters=True,
            connect_args={"timeout": 30},
            pool_size=1,
            max_overflow=0,
            pool_timeout=60,
        )
        event.listen(engine.sync_engine, "connect", _configure_sqlite)
        engine.sync_engine.dialect.do_rollback = _rollback_if_open  # type: ignore[method-assign]
        return engine
    return create_async_engine(
        database_url, echo=echo, hide_parameters=True, pool_pre_ping=True, pool_size=10
    )


def _configure_sqlite(dbapi_connection: object, _record: ConnectionPoolEntry) -> None:
    cursor = dbapi_connection.cursor()  # type: ignore[attr-defined]
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.close()


def _rollback_if_open(dbapi_connection: Any) -> None:
    """ROLLBACK only when SQLite has a transaction open. The driver begins one before the
    first write only, so a unit of work that merely read has nothing to undo; asking anyway
    costs a hop to aiosqlite's thread and back, twice per resident's question (the draft
    check and the language read)."""
    inner = getattr(dbapi_connection, "_connection", None)  # aiosqlite's, under the adaptor
    if inner is not None and not inner.in_transaction:
        return
    dbapi_connection.rollback()


def create_session_factory(engine: AsyncEngine) -> async_sessionmaker[AsyncSession]:
    from storage.uow import ResumableSession  # the unit of work's own session class

    return async_sessionmaker(
        engine, class_=ResumableSession, expire_on_commit=False, autoflush=False
    )
