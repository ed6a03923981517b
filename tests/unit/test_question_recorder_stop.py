"""The write-behind stops when told, however its wake-up and the stop meet.

Python 3.11's asyncio.wait_for swallows a cancellation that arrives while the awaited event has
just fired: a recorder stopped at that moment ran on, and `danbiet run` never exited after
SIGTERM (seen under bench/throughput.py, twice in about 35 runs)."""

import asyncio

import pytest

from bot.services.knowledge.question_recorder import QuestionRecorder
from storage.uow import UnitOfWork


def no_database() -> UnitOfWork:
    raise AssertionError("nothing is pending: a stop writes nothing")


@pytest.mark.parametrize("turns", range(6))
async def test_a_stop_that_meets_a_wake_up_ends_the_recorder(turns: int) -> None:
    recorder = QuestionRecorder(no_database, flush_seconds=30)
    recorder.start()
    for _ in range(3):
        await asyncio.sleep(0)  # the recorder is waiting for a wake-up or its next tick
    recorder._wake.set()  # what a full batch does (record, contact)
    for _ in range(turns):  # the stop lands this many turns of the loop after it
        await asyncio.sleep(0)
    stopping = asyncio.create_task(recorder.stop())
    done, _ = await asyncio.wait({stopping}, timeout=5)  # a bound on a hang, never reached
    assert stopping in done, "the recorder ran on after stop()"
    stopping.result()
