"""Engine and session-maker factories: nothing is created at import time."""

from __future__ import annotations

import logging
import time
from typing import Any

from sqlalchemy import event
from sqlalchemy.exc import InvalidatePoolError
from sqlalchemy.ext.asyncio import (
    AsyncEngine,
    AsyncSession,
    async_sessionmaker,
    create_async_engine,
)
from sqlalchemy.pool import ConnectionPoolEntry, PoolProxiedConnection

Engine = AsyncEngine  # named here so that layers above storage need not import SQLAlchemy

# A pooled PostgreSQL connection idle this long is pinged before use (see _ping_after_idle).
PING_AFTER_IDLE_SECONDS = 5.0


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
    engine = create_async_engine(database_url, echo=echo, hide_parameters=True, pool_size=10)
    _ping_after_idle(engine)
    return engine


def _ping_after_idle(engine: AsyncEngine) -> None:
    """Ping a pooled connection before use only when it sat idle for PING_AFTER_IDLE_SECONDS.

    A connection idle that long may have died unseen (the server restarted or failed over, a
    firewall dropped it): the ping finds that, and the pool replaces it (and every connection
    older) before the unit of work starts. A connection in steady use needs no ping, which on
    asyncpg costs three round trips and a transaction (BEGIN, an empty query, ROLLBACK): twice
    the unit of work of a resident's draft check. One that died while busy is found by its
    first statement instead, which the units of work already handle (storage/uow.py: a read
    resumes on a new connection, a write runs the whole service call again; SQLAlchemy then
    replaces every connection of the pool older than the failure).
    """
    dialect = engine.sync_engine.dialect

    def checkin(_dbapi_connection: object, record: ConnectionPoolEntry) -> None:
        record.info["idle_since"] = time.monotonic()

    def checkout(
        dbapi_connection: Any, record: ConnectionPoolEntry, _proxy: PoolProxiedConnection
    ) -> None:
        idle_since = record.info.pop("idle_since", None)
        if idle_since is None or time.monotonic() - idle_since < PING_AFTER_IDLE_SECONDS:
            return
        try:
            dialect.do_ping(dbapi_connection)
        except Exception as error:
            # The pool drops this connection and every older one, then connects anew.
            raise InvalidatePoolError("the pooled connection did not answer a ping") from error

    event.listen(engine.sync_engine.pool, "checkin", checkin)
    event.listen(engine.sync_engine.pool, "checkout", checkout)


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


def reading_session_factory(
    sessions: async_sessionmaker[AsyncSession],
) -> async_sessionmaker[AsyncSession]:
    """Sessions for units of work that only read: on PostgreSQL without a transaction.

    asyncpg opens one with a BEGIN before the first statement and ends it with a ROLLBACK,
    two of a one-statement read's three round trips. At READ COMMITTED, PostgreSQL's default
    and ours, every statement reads its own snapshot either way, so a read-only unit sees the
    same rows in autocommit. The pool sets the mode on checkout and resets it on return, in
    the driver's adaptor (no round trip). SQLite's driver opens no transaction for a read.
    """
    engine = sessions.kw.get("bind")
    if not isinstance(engine, AsyncEngine) or engine.dialect.name != "postgresql":
        return sessions
    options: dict[str, Any] = {
        **sessions.kw,
        "bind": engine.execution_options(isolation_level="AUTOCOMMIT"),
    }
    return async_sessionmaker(class_=sessions.class_, **options)
