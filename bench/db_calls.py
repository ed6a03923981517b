"""Database calls counted inside a `danbiet run` process, for the benchmarks' per-update counts.

Runs the danbiet command line with counters installed on SQLAlchemy and, on PostgreSQL, on the
asyncpg adaptor under it (what goes over the wire, one round trip each):

- ``statements``: SQL statements executed (by their first word: SELECT, INSERT, ...);
- ``checkouts``: connections taken from the pool (one per unit of work);
- ``pings``: the pool's pre-ping (on asyncpg a BEGIN, an empty query and a ROLLBACK: three round
  trips and one transaction);
- ``begins``, ``commits``, ``rollbacks``: transactions opened and ended on PostgreSQL (a unit
  that never ran a statement opens none);
- ``prepares``: statements asyncpg had the server prepare (a round trip each; a statement already
  in the adaptor's cache of prepared statements is executed without one).

The counts are written as JSON to DB_CALLS_FILE when the process receives SIGUSR1 (a snapshot
at the start of a measured window) and when it exits (after the bot's graceful stop, which
flushes the write-behind)::

    DB_CALLS_FILE=calls.json python bench/db_calls.py run

It imports `bot` as `danbiet` would (the installed checkout, or PYTHONPATH's: a baseline
checkout's code can be counted the same way).
"""

from __future__ import annotations

import atexit
import json
import os
import signal
from collections import Counter
from pathlib import Path
from typing import Any

COUNTS: Counter[str] = Counter()


def round_trips(counts: dict[str, int]) -> int:
    """Round trips to PostgreSQL: statements, BEGIN/COMMIT/ROLLBACK, prepares, three per ping."""
    return (
        counts.get("statements", 0)
        + counts.get("begins", 0)
        + counts.get("commits", 0)
        + counts.get("rollbacks", 0)
        + counts.get("prepares", 0)
        + 3 * counts.get("pings", 0)
    )


def transactions(counts: dict[str, int]) -> int:
    """Transactions PostgreSQL counts: every BEGIN, and the one each ping opens."""
    return counts.get("begins", 0) + counts.get("pings", 0)


def _install() -> None:
    import asyncpg  # type: ignore[import-untyped]
    from sqlalchemy import event
    from sqlalchemy.dialects.postgresql import asyncpg as pg
    from sqlalchemy.engine import Engine
    from sqlalchemy.pool import Pool

    def statement(_conn: Any, _cursor: Any, sql: str, *_rest: Any) -> None:
        COUNTS["statements"] += 1
        COUNTS["statements:" + sql.lstrip().split(None, 1)[0].upper()] += 1

    event.listen(Engine, "before_cursor_execute", statement)
    event.listen(Pool, "checkout", lambda *_args: COUNTS.update(["checkouts"]))

    adaptor: Any = pg.AsyncAdapt_asyncpg_connection
    ping, begin = adaptor._async_ping, adaptor._start_transaction
    commit, rollback = adaptor.commit, adaptor.rollback

    async def counted_ping(self: Any) -> None:
        COUNTS["pings"] += 1
        await ping(self)

    async def counted_begin(self: Any) -> None:
        if self.isolation_level != "autocommit":
            COUNTS["begins"] += 1
        await begin(self)

    def counted_commit(self: Any) -> None:
        if self._transaction is not None:
            COUNTS["commits"] += 1
        commit(self)

    def counted_rollback(self: Any) -> None:
        if self._transaction is not None:
            COUNTS["rollbacks"] += 1
        rollback(self)

    adaptor._async_ping, adaptor._start_transaction = counted_ping, counted_begin
    adaptor.commit, adaptor.rollback = counted_commit, counted_rollback

    connection: Any = asyncpg.Connection
    prepare = connection.prepare

    async def counted_prepare(self: Any, *args: Any, **kwargs: Any) -> Any:
        COUNTS["prepares"] += 1
        return await prepare(self, *args, **kwargs)

    connection.prepare = counted_prepare


def _write(path: str) -> None:
    partial = Path(path + ".partial")
    partial.write_text(json.dumps(dict(COUNTS)))
    partial.replace(path)  # whole or not at all for the reader


def main() -> None:
    path = os.environ["DB_CALLS_FILE"]
    _install()
    signal.signal(signal.SIGUSR1, lambda *_args: _write(path))
    atexit.register(_write, path)
    from bot.cli import main as danbiet

    danbiet(prog_name="danbiet")


if __name__ == "__main__":
    main()
