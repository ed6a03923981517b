"""The polling leader lock: one holder on PostgreSQL, freed when its holder goes away
(a killed process: tests/e2e/test_instances.py)."""

from __future__ import annotations

from sqlalchemy import text

from storage.db import create_engine
from storage.leader_lock import LeaderLock


async def test_one_holder_at_a_time_until_it_lets_go(
    database_url: str,
) -> None:
    first_engine, second_engine = create_engine(database_url), create_engine(database_url)
    first, second = LeaderLock(first_engine, key=4242), LeaderLock(second_engine, key=4242)
    try:
        assert await first.try_acquire()
        assert await first.still_held()
        if database_url.startswith("sqlite"):
            # One instance per SQLite file: the lock is always granted.
            assert await second.try_acquire()
            return
        assert not await second.try_acquire()
        await first.release()
        assert not await first.still_held()
        assert await second.try_acquire()
        assert not await first.try_acquire()
        await second.release()
        assert await first.try_acquire()
        assert await first.still_held()
    finally:
        await first.release()
        await second.release()
        await first_engine.dispose()
        await second_engine.dispose()


async def test_a_holder_whose_connection_broke_knows_it_lost_the_lock(database_url: str) -> None:
    if database_url.startswith("sqlite"):
        return  # nothing to lose
    holder_engine, other_engine = create_engine(database_url), create_engine(database_url)
    holder, other = LeaderLock(holder_engine, key=4343), LeaderLock(other_engine, key=4343)
    try:
        assert await holder.try_acquire()
        # An administrator (or a failover) ends the holder's database session.
        async with other_engine.connect() as connection:
            await connection.execute(
                text(
                    "SELECT pg_terminate_backend(pid) FROM pg_locks "
                    "WHERE locktype = 'advisory' AND objid = :key"
                ),
                {"key": 4343},
            )
        assert not await holder.still_held()
        assert await other.try_acquire()
    finally:
        await holder.release()
        await other.release()
        await holder_engine.dispose()
        await other_engine.dispose()
