"""One leader among several instances: a PostgreSQL session-level advisory lock.

The lock lives as long as the connection that took it, so a leader that dies (kill -9, lost
host) frees it the moment PostgreSQL sees the connection close, and a standby takes over.
SQLite has no such lock and serves one instance only: there the lock is always granted.
"""

from __future__ import annotations

import logging

from sqlalchemy import text
from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.ext.asyncio import AsyncConnection, AsyncEngine

logger = logging.getLogger(__name__)

# A fixed 64-bit key in PostgreSQL's advisory-lock space: "danbiet poll" as digits.
POLLING_LOCK_KEY = 0x64616E626965_7470


class LeaderLock:
    def __init__(self, engine: AsyncEngine, key: int = POLLING_LOCK_KEY) -> None:
        self._engine = engine
        self._key = key
        self._connection: AsyncConnection | None = None
        self._shared = engine.dialect.name != "postgresql"  # SQLite: one instance, always leader

    @property
    def held(self) -> bool:
        return self._shared or self._connection is not None

    async def try_acquire(self) -> bool:
        """Take the lock if nobody holds it; never waits. Database errors mean "not now"."""
        if self.held:
            return True
        try:
            connection = await self._engine.connect()
        except (SQLAlchemyError, OSError) as error:
            logger.warning("leader lock: database unreachable (%s)", type(error).__name__)
            return False
        try:
            granted = await connection.scalar(
                text("SELECT pg_try_advisory_lock(:key)"), {"key": self._key}
            )
            # Leave no transaction open on a connection held for hours.
            await connection.commit()
        except (SQLAlchemyError, OSError) as error:
            logger.warning("leader lock: could not ask (%s)", type(error).__name__)
            await _close_quietly(connection)
            return False
        if not granted:
            await _close_quietly(connection)
            return False
        self._connection = connection
        return True

    async def still_held(self) -> bool:
        """Whether the connection holding the lock is alive; if not, the lock is gone."""
        if self._shared:
            return True
        connection = self._connection
        if connection is None:
            return False
        try:
            await connection.scalar(text("SELECT 1"))
            await connection.commit()
        except (SQLAlchemyError, OSError) as error:
            logger.warning("leader lock: lost its connection (%s)", type(error).__name__)
            self._connection = None
            await _close_quietly(connection, invalidate=True)
            return False
        return True

    async def release(self) -> None:
        connection, self._connection = self._connection, None
        if connection is None:
            return
        try:
            await connection.execute(text("SELECT pg_advisory_unlock(:key)"), {"key": self._key})
            await connection.commit()
        except (SQLAlchemyError, OSError):
            # Closing the connection below frees the lock all the same.
            await _close_quietly(connection, invalidate=True)
            return
        await _close_quietly(connection)


async def _close_quietly(connection: AsyncConnection, *, invalidate: bool = False) -> None:
    try:
        if invalidate:
            # A connection whose session may still hold the lock must not return to the pool.
            await connection.invalidate()
        await connection.close()
    except (SQLAlchemyError, OSError):
        logger.debug("leader lock: closing a broken connection failed", exc_info=True)
