"""A database connection lost mid-way: what storage tells the layers above, and the re-run.

A unit of work is one transaction. When its connection drops before its COMMIT was sent, the
database rolled all of it back, so running the whole service call again from the start is
safe: nothing of the first attempt is left to be applied twice. `rerun_on_outage` does that with
the patience a unit of work has at connect (DATABASE_OUTAGE_SECONDS, the same backoff), so an
update sent during a short outage is answered once the database is back.

Once a COMMIT was sent, whether it was applied is unknown (it may have been, and only its answer
was lost): the unit raises `CommitInDoubt`, which is never re-run; nor is a call re-run once one
of its units committed (a call with several units would repeat the committed ones). The caller
reports the failure as before; a resident's retry of a ticket is caught by the filing rules'
duplicate check.

The layers above know only `ConnectionLost` and `CommitInDoubt`, never a driver's exceptions.
"""

from __future__ import annotations

import asyncio
import contextvars
import logging
from collections.abc import Awaitable, Callable
from typing import TypeVar

from sqlalchemy.exc import DBAPIError

logger = logging.getLogger(__name__)

FIRST_RECONNECT_PAUSE = 0.25
LONGEST_RECONNECT_PAUSE = 2.0
T = TypeVar("T")

# asyncpg's words for "the connection is gone", raised through SQLAlchemy's adapter.
_LOST_CONNECTION_ERRORS = frozenset({"ConnectionDoesNotExistError", "InterfaceError"})


class DatabaseOutage(Exception):
    """The database went away during a unit of work."""


class ConnectionLost(DatabaseOutage):
    """The connection dropped before the unit's COMMIT was sent: nothing was applied."""


class CommitInDoubt(DatabaseOutage):
    """The connection dropped after the COMMIT was sent: it may or may not have been applied."""


def is_disconnect(error: BaseException) -> bool:
    """The connection is gone, as opposed to a statement refused (SQLite's "database is locked"
    is a refusal: the connection lives, and busy waiting is SQLite's own business)."""
    if not isinstance(error, DBAPIError):
        return _is_broken_socket(error)
    if error.connection_invalidated:
        return True
    cause: BaseException | None = error.orig
    while cause is not None:
        if _is_broken_socket(cause) or (
            type(cause).__name__ in _LOST_CONNECTION_ERRORS
            and type(cause).__module__.startswith("asyncpg")
        ):
            return True
        cause = cause.__cause__
    return False


def _is_broken_socket(error: BaseException) -> bool:
    # TimeoutError is an OSError too, but a timeout is the caller's own deadline, not an outage.
    return isinstance(error, OSError) and not isinstance(error, TimeoutError)


class _Call:
    """One attempt of a service call: when its patience runs out, and whether it committed."""

    def __init__(self, deadline: float) -> None:
        self.deadline = deadline
        self.committed = False


_current: contextvars.ContextVar[_Call | None] = contextvars.ContextVar(
    "danbiet_outage_call", default=None
)


def commit_sending() -> None:
    """A unit of work is about to send its COMMIT: the call can no longer be run again."""
    call = _current.get()
    if call is not None:
        call.committed = True


def patience_left(patience: float) -> float:
    """How long a unit may wait for the database now: its own patience, or less when it runs
    inside a re-run whose window is closing."""
    call = _current.get()
    if call is None:
        return patience
    return max(0.0, min(patience, call.deadline - asyncio.get_running_loop().time()))


async def rerun_on_outage(call: Callable[[], Awaitable[T]], patience: float) -> T:
    """Run ``call``; while its units lose their connection before committing, run it again,
    waiting for the database up to ``patience`` seconds in all.

    Nested calls (a service handed another) run once: the outermost call re-runs everything.
    """
    if _current.get() is not None:
        return await call()
    loop = asyncio.get_running_loop()
    deadline = loop.time() + patience
    pause = FIRST_RECONNECT_PAUSE
    attempt = 1
    while True:
        this = _Call(deadline)
        token = _current.set(this)
        try:
            return await call()
        except ConnectionLost:
            if this.committed or loop.time() + pause > deadline:
                raise
            logger.warning(
                "database connection lost in attempt %d of a unit of work; "
                "running it again in %.1f s",
                attempt,
                pause,
            )
        finally:
            _current.reset(token)
        await asyncio.sleep(pause)
        pause = min(pause * 2, LONGEST_RECONNECT_PAUSE)
        attempt += 1
