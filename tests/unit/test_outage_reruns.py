"""The re-run rule: a service call whose unit of work lost its connection before committing
runs again, within the outage patience; nothing else runs again."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from sqlalchemy.exc import DBAPIError, OperationalError

from bot.services.kernel.outage_reruns import rerunning
from storage.db import create_engine, create_session_factory
from storage.outage import (
    CommitInDoubt,
    ConnectionLost,
    commit_sending,
    is_disconnect,
    patience_left,
    rerun_on_outage,
)
from storage.uow import unit_of_work_factory


class FlakyUnit:
    """A unit of work that fails its first ``failures`` attempts with ``error``."""

    def __init__(self, failures: int, error: Exception, *, committed: bool = False) -> None:
        self.failures = failures
        self.error = error
        self.committed = committed
        self.attempts = 0

    async def __call__(self) -> str:
        self.attempts += 1
        if self.attempts <= self.failures:
            if self.committed:
                commit_sending()
            raise self.error
        return "answered"


async def test_a_lost_connection_runs_the_unit_again_until_it_works() -> None:
    unit = FlakyUnit(2, ConnectionLost("lost"))
    assert await rerun_on_outage(unit, patience=30) == "answered"
    assert unit.attempts == 3


async def test_it_gives_up_when_the_window_closes() -> None:
    unit = FlakyUnit(1000, ConnectionLost("lost"))
    with pytest.raises(ConnectionLost):
        await rerun_on_outage(unit, patience=1.0)
    # 0.25 s, then 0.5 s between attempts: the second pause of 1 s would end past the window.
    assert 2 <= unit.attempts <= 3


async def test_no_patience_means_one_attempt() -> None:
    unit = FlakyUnit(1, ConnectionLost("lost"))
    with pytest.raises(ConnectionLost):
        await rerun_on_outage(unit, patience=0)
    assert unit.attempts == 1


@pytest.mark.parametrize(
    "error",
    [
        ValueError("a refusal"),
        CommitInDoubt("the COMMIT was sent"),
        OperationalError("INSERT", {}, sqlite3.OperationalError("database is locked")),
    ],
    ids=["other error", "commit in doubt", "sqlite locked"],
)
async def test_other_failures_are_not_run_again(error: Exception) -> None:
    unit = FlakyUnit(1, error)
    with pytest.raises(type(error)):
        await rerun_on_outage(unit, patience=30)
    assert unit.attempts == 1


async def test_a_call_that_already_sent_a_commit_is_not_run_again() -> None:
    unit = FlakyUnit(1, ConnectionLost("lost"), committed=True)
    with pytest.raises(ConnectionLost):
        await rerun_on_outage(unit, patience=30)
    assert unit.attempts == 1


async def test_the_outermost_call_runs_again_not_the_nested_one() -> None:
    inner = FlakyUnit(1, ConnectionLost("lost"))
    outer_attempts = 0

    async def outer() -> str:
        nonlocal outer_attempts
        outer_attempts += 1
        return await rerun_on_outage(inner, patience=30)

    assert await rerun_on_outage(outer, patience=30) == "answered"
    assert (outer_attempts, inner.attempts) == (2, 2)


async def test_a_unit_inside_a_rerun_waits_only_for_what_is_left() -> None:
    async def unit() -> float:
        return patience_left(60)

    assert patience_left(60) == 60
    assert await rerun_on_outage(unit, patience=5) <= 5


def test_what_counts_as_a_lost_connection() -> None:
    assert is_disconnect(ConnectionResetError())
    assert is_disconnect(DBAPIError("SELECT 1", {}, OSError(), connection_invalidated=True))
    assert not is_disconnect(TimeoutError())  # a caller's deadline, not an outage
    assert not is_disconnect(
        OperationalError("INSERT", {}, sqlite3.OperationalError("database is locked"))
    )
    assert not is_disconnect(ValueError())


async def test_the_unit_of_work_tells_a_lost_connection_in_storage_words(tmp_path: Path) -> None:
    engine = create_engine(f"sqlite+aiosqlite:///{tmp_path / 'lost.db'}")
    units = unit_of_work_factory(create_session_factory(engine))
    try:
        with pytest.raises(ConnectionLost) as lost:
            async with units():
                raise ConnectionResetError("the server went away")
        assert isinstance(lost.value.__cause__, ConnectionResetError)
        locked = OperationalError("INSERT", {}, sqlite3.OperationalError("database is locked"))
        with pytest.raises(OperationalError):
            async with units():
                raise locked
    finally:
        await engine.dispose()


class Service:
    def __init__(self) -> None:
        self.unit = FlakyUnit(1, ConnectionLost("lost"))
        self.label = "service"

    async def act(self) -> str:
        return await self.unit()

    def plain(self) -> str:
        return self.label


async def test_every_coroutine_method_of_a_wrapped_service_runs_again() -> None:
    service = Service()
    wrapped = rerunning(service, patience=30)
    assert await wrapped.act() == "answered"
    assert service.unit.attempts == 2
    assert (wrapped.plain(), wrapped.label) == ("service", "service")
