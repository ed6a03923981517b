"""Write-behind for the question log: answered questions are logged in batches.

A question the bot answered from published content is analytics, so its log row may wait up to
FLUSH_SECONDS and share one transaction with its neighbours; that keeps SQLite's single writer
free for the writes residents are told about. Unanswered questions are not recorded here: the
bot tells the resident they were recorded, so they are committed before the reply.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging

from bot.domain.records import NewQuestion
from bot.services.kernel.health import database_answers
from storage.uow import UnitOfWorkFactory

logger = logging.getLogger(__name__)

FLUSH_SECONDS = 0.5
BATCH_SIZE = 500
MAX_PENDING = 50_000  # if the database is away this long, keep the newest rows only


class QuestionRecorder:
    def __init__(self, uow: UnitOfWorkFactory, flush_seconds: float = FLUSH_SECONDS) -> None:
        self._uow = uow
        self._flush_seconds = flush_seconds
        self._pending: list[NewQuestion] = []
        self._wake = asyncio.Event()
        self._task: asyncio.Task[None] | None = None
        self._lock = asyncio.Lock()

    def record(self, question: NewQuestion) -> None:
        self._pending.append(question)
        if len(self._pending) > MAX_PENDING:
            dropped = len(self._pending) - MAX_PENDING
            del self._pending[:dropped]
            logger.error(
                "question log backlog over %s rows: dropped the %s oldest", MAX_PENDING, dropped
            )
        if len(self._pending) >= BATCH_SIZE:
            self._wake.set()

    @property
    def pending(self) -> int:
        return len(self._pending)

    def start(self) -> None:
        if self._task is None:
            self._task = asyncio.create_task(self._run(), name="question-recorder")

    async def stop(self) -> None:
        """Stop the background flush and write whatever is still pending."""
        task, self._task = self._task, None
        if task is not None:
            task.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await task
        await self.flush()

    async def flush(self) -> None:
        async with self._lock:
            while self._pending:
                batch = self._pending[:BATCH_SIZE]
                try:
                    await self._write(batch)
                except Exception:
                    if not await database_answers(self._uow):
                        raise  # the database is away: everything stays pending
                    # The database is there but refused the batch: one row it cannot take
                    # must not hold back the others for ever.
                    await self._write_front_one_by_one(len(batch))
                else:
                    del self._pending[: len(batch)]

    async def _write(self, rows: list[NewQuestion]) -> None:
        async with self._uow() as uow:
            await uow.questions.add_many(rows)
            await uow.commit()

    async def _write_front_one_by_one(self, count: int) -> None:
        """Write the first ``count`` pending rows singly; each leaves the queue once written
        or refused, so a retry after an outage writes none of them twice."""
        for _ in range(count):
            try:
                await self._write(self._pending[:1])
            except Exception:
                if not await database_answers(self._uow):
                    raise
                logger.exception("the question log refused a row; it is dropped")
            del self._pending[0]

    async def _run(self) -> None:
        while True:
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(self._wake.wait(), self._flush_seconds)
            self._wake.clear()
            try:
                await self.flush()
            except Exception:
                # Rows stay pending and are retried on the next tick; the bot keeps answering.
                logger.exception("could not write the question log; will retry")
