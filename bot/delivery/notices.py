"""The worker's second loop: residents' notices of officials' actions, from the notice outbox.

Beside the broadcast loop, not behind it: a notice must not wait for a 100,000-row broadcast
batch to finish. Both loops share the pacer, so together they keep BROADCAST_RATE and a 429
pauses both. Guarantees are the broadcasts' (see bot/delivery/worker.py): at least once, a
crash re-sends at most the notices in flight (one claimed batch); and a resident's notices
arrive in the order the actions happened (the claim takes only a resident's oldest unsent one).
"""

from __future__ import annotations

import asyncio
import logging
import time
from collections import deque
from collections.abc import Callable
from typing import Protocol

from telegram import InlineKeyboardMarkup

from bot.delivery.config import LEASE_MARGIN_SECONDS, WorkerConfig
from bot.delivery.pacer import Pacer
from bot.delivery.sender import RateLimited, TelegramSender
from bot.services.tickets.notices import NoticeJob, NoticeResult, ResidentNotices

logger = logging.getLogger(__name__)


class NoticePresenter(Protocol):
    """How a notice reads in the resident's chat (the catalogs' owner)."""

    def notice(self, job: NoticeJob) -> tuple[str, InlineKeyboardMarkup | None]: ...


class NoticeLoop:
    def __init__(
        self,
        notices: ResidentNotices,
        sender: TelegramSender,
        presenter: NoticePresenter,
        config: WorkerConfig,
    ) -> None:
        """The loop claims, leases and polls as the worker's broadcast loop does (`config`)."""
        self._notices = notices
        self._sender = sender
        self._presenter = presenter
        self._worker_id = config.worker_id
        self._batch = config.batch
        self._concurrency = config.concurrency
        self._lease = config.lease
        self._lease_margin = LEASE_MARGIN_SECONDS
        self._poll_seconds = config.poll_seconds
        self._clock: Callable[[], float] = time.monotonic
        self._stopping = False
        self.sent = 0
        self.rate_limited = 0

    def stop(self) -> None:
        self._stopping = True
        self._notices.signal.wake()

    async def run(self, pacer: Pacer) -> None:
        released = await self._notices.recover()
        if released:
            logger.warning("re-sending %d notices left in flight by a stopped worker", released)
        last_expiry_check = self._clock()
        while not self._stopping:
            try:
                if self._clock() - last_expiry_check > self._lease.total_seconds() / 2:
                    last_expiry_check = self._clock()
                    await self._notices.release_expired()
                if not await self._cycle(pacer):
                    await self._notices.signal.wait_for_work(self._poll_seconds)
            except Exception:
                logger.exception("notice worker: a cycle failed; trying again shortly")
                await self._notices.signal.wait_for_work(self._poll_seconds)

    async def _cycle(self, pacer: Pacer) -> bool:
        claimed_at = self._clock()
        jobs = await self._notices.claim(self._worker_id, self._batch, self._lease)
        if jobs:
            await self._send(jobs, pacer, claimed_at)
        return bool(jobs)

    async def _send(self, jobs: list[NoticeJob], pacer: Pacer, claimed_at: float) -> None:
        queue = deque(jobs)
        running: set[asyncio.Task[None]] = set()
        free = asyncio.Semaphore(self._concurrency)
        deadline = claimed_at + self._lease.total_seconds() - self._lease_margin
        try:
            while not self._stopping and self._clock() < deadline:
                if not queue:
                    if not running:
                        break
                    # A send under way may still hand its notice back (429).
                    await asyncio.wait(running, return_when=asyncio.FIRST_COMPLETED)
                    continue
                job = queue.popleft()
                await free.acquire()
                await pacer.acquire()
                task = asyncio.create_task(self._deliver(job, queue, pacer))
                running.add(task)
                task.add_done_callback(running.discard)
                task.add_done_callback(lambda _task: free.release())
        finally:
            if running:
                await asyncio.gather(*running, return_exceptions=True)
            if queue:
                await self._notices.release(self._worker_id, [job.id for job in queue])

    async def _deliver(self, job: NoticeJob, queue: deque[NoticeJob], pacer: Pacer) -> None:
        text, markup = self._presenter.notice(job)
        try:
            result = await self._sender.deliver_notice(job, text, markup)
        except RateLimited as limited:
            self.rate_limited += 1
            logger.warning("Telegram asks to wait %.0f s: every send waits", limited.retry_after)
            pacer.hold(limited.retry_after)
            queue.appendleft(job)  # retried, not counted as an attempt
            return
        if result.message_id is not None:
            self.sent += 1
        # Recorded at once: after a crash only the sends under way can go out twice.
        await self._record(result)

    async def _record(self, result: NoticeResult) -> None:
        await self._notices.record(self._worker_id, [result])
