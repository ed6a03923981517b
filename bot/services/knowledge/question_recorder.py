"""Write-behind for residents' contacts and the question log, written in batches.

A question the bot answered from published content is analytics, so its log row may wait up to
FLUSH_SECONDS and share one transaction with its neighbours; that keeps SQLite's single writer
free for the writes residents are told about. A resident's contact (their row on first contact,
last_seen later, undoing a broadcast's record of a block) waits the same way: nothing the
resident is told depends on it. A crash (kill -9) loses at most FLUSH_SECONDS of both, and
doubles nothing: a batch leaves the queue only once committed, and a contact is an upsert.
Unanswered questions are not recorded here: the bot tells the resident they were recorded, so
they are committed before the reply (with the resident's row, in the same transaction).

Within a batch the contacts go first, so every question's resident row exists (the foreign
key): a question is recorded after its resident's contact, and a flush takes both queues at once.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging

from bot.domain.records import ContactSeen, NewQuestion
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
        self._contacts: dict[int, ContactSeen] = {}
        self._wake = asyncio.Event()
        self._task: asyncio.Task[None] | None = None
        self._stopping = False
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

    def contact(self, seen: ContactSeen) -> None:
        """Record a resident's contact; several before a flush are one row."""
        earlier = self._contacts.pop(seen.resident_id, None)
        if earlier is not None and earlier.reactivate and not seen.reactivate:
            seen = ContactSeen(seen.resident_id, seen.telegram_language, seen.seen_at, True)
        self._contacts[seen.resident_id] = seen  # newest last: the oldest go first if dropped
        if len(self._contacts) > MAX_PENDING:
            oldest = next(iter(self._contacts))
            del self._contacts[oldest]
            logger.error("contacts backlog over %s residents: dropped the oldest", MAX_PENDING)
        if len(self._contacts) >= BATCH_SIZE:
            self._wake.set()

    async def discard(self, resident_id: int) -> None:
        """A resident about to be forgotten: their contact and questions still waiting are
        dropped, once a batch being written (which their erasure then covers) is done."""
        async with self._lock:
            self._contacts.pop(resident_id, None)
            self._pending = [row for row in self._pending if row.resident_id != resident_id]

    def waiting(self, resident_id: int) -> bool:
        return resident_id in self._contacts

    @property
    def pending(self) -> int:
        """Question rows waiting."""
        return len(self._pending)

    @property
    def pending_contacts(self) -> int:
        return len(self._contacts)

    def start(self) -> None:
        if self._task is None:
            self._stopping = False
            self._task = asyncio.create_task(self._run(), name="question-recorder")

    async def stop(self) -> None:
        """Stop the background flush and write whatever is still pending.

        The flush loop is told, not cancelled: a batch being written finishes first (never cut
        mid-way), and no cancellation can be lost (Python 3.11's wait_for swallowed one that
        met a wake-up, and the process never exited)."""
        task, self._task = self._task, None
        if task is not None:
            self._stopping = True
            self._wake.set()
            await task
        await self.flush()

    async def flush(self) -> None:
        async with self._lock:
            while self._pending or self._contacts:
                contacts = list(self._contacts.values())[:BATCH_SIZE]
                # Questions only once every contact taken before them is in this batch.
                more_contacts = len(contacts) < len(self._contacts)
                batch = [] if more_contacts else self._pending[:BATCH_SIZE]
                try:
                    await self._write(contacts, batch)
                except Exception:
                    if not await database_answers(self._uow):
                        raise  # the database is away: everything stays pending
                    # The database is there but refused the batch: one row it cannot take
                    # must not hold back the others for ever.
                    await self._write_one_by_one(contacts, len(batch))
                else:
                    self._written(contacts)
                    del self._pending[: len(batch)]

    def _written(self, contacts: list[ContactSeen]) -> None:
        for contact in contacts:
            if self._contacts.get(contact.resident_id) is contact:  # not seen again since
                del self._contacts[contact.resident_id]

    async def _write(self, contacts: list[ContactSeen], rows: list[NewQuestion]) -> None:
        async with self._uow() as uow:
            if contacts:
                await uow.residents.touch_many(contacts)
                blocked = [contact.resident_id for contact in contacts if contact.reactivate]
                now = max(contact.seen_at for contact in contacts)
                await uow.subscriptions.reactivate_blocked_many(blocked, now)
            await uow.questions.add_many(rows)
            await uow.commit()

    async def _write_one_by_one(self, contacts: list[ContactSeen], count: int) -> None:
        """Write the batch's contacts, then the first ``count`` pending questions, singly; each
        leaves its queue once written or refused, so a retry after an outage writes none of
        them twice."""
        for contact in contacts:
            await self._write_refusable([contact], [])
            self._written([contact])
        for _ in range(count):
            await self._write_refusable([], self._pending[:1])
            del self._pending[0]

    async def _write_refusable(self, contacts: list[ContactSeen], rows: list[NewQuestion]) -> None:
        try:
            await self._write(contacts, rows)
        except Exception:
            if not await database_answers(self._uow):
                raise
            logger.exception("the write-behind refused a row; it is dropped")

    async def _run(self) -> None:
        while True:
            with contextlib.suppress(TimeoutError):
                async with asyncio.timeout(self._flush_seconds):
                    await self._wake.wait()
            self._wake.clear()
            if self._stopping:
                return  # stop() writes what is left
            try:
                await self.flush()
            except Exception:
                # Rows stay pending and are retried on the next tick; the bot keeps answering.
                logger.exception("could not write contacts and the question log; will retry")
