"""The outbox worker: claims delivery rows in batches, sends them at BROADCAST_RATE, records
every outcome, and keeps one progress message per broadcast up to date in the admin chat.
Residents' notices of officials' actions go through a second loop sharing the same pacer and
sender (bot/delivery/notices.py), with the same guarantees.

Guarantees, and their bound:
- A row is sent by one worker: claims are transactional (SKIP LOCKED on PostgreSQL) and a
  worker stops sending a batch before its lease runs out, releasing what it did not send.
- At least once: outcomes are written in small batches after sending. If the process dies,
  the rows it held stay `in_flight`, go back to pending when a worker starts (or when their
  lease expires) and are sent again. So a crash duplicates at most the rows in flight: one
  claimed batch (BROADCAST_BATCH) per worker.
- 429: the pacer holds every send for `retry_after`; the row goes back to the queue and the
  attempt is not counted. 403 stops the subscription. 400 fails the row with Telegram's reason.
  5xx and time-outs are retried with backoff, at most BROADCAST_MAX_ATTEMPTS times.
"""

from __future__ import annotations

import asyncio
import contextlib
import datetime as dt
import logging
import time
from collections import deque
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from typing import Protocol

from telegram import InlineKeyboardMarkup

from bot.delivery.config import LEASE_MARGIN_SECONDS, WorkerConfig, worker_name
from bot.delivery.notices import NoticeLoop
from bot.delivery.pacer import Pacer
from bot.delivery.sender import RateLimited, TelegramSender
from bot.domain.records import BroadcastContent
from bot.domain.statuses import BroadcastStatus
from bot.services.broadcasts.model import Job, Progress, ProgressView, SendResult
from bot.services.broadcasts.outbox import Outbox
from bot.services.broadcasts.signals import BroadcastSignals

logger = logging.getLogger(__name__)

__all__ = [
    "LEASE_MARGIN_SECONDS",
    "BroadcastQueue",
    "DeliveryWorker",
    "ProgressPresenter",
    "WorkerConfig",
    "WorkerStats",
    "worker_name",
]

RATE_WINDOW_SECONDS = 15.0
STOP_GRACE_SECONDS = 30.0


class ProgressPresenter(Protocol):
    """How progress and the final report look in the admin chat (the catalogs' owner)."""

    def progress(self, view: ProgressView) -> tuple[str, InlineKeyboardMarkup | None]: ...

    def report(self, view: ProgressView) -> str: ...


@dataclass(slots=True)
class WorkerStats:
    sent: int = 0
    rate_limited: int = 0  # 429s received
    results: int = 0
    by_outcome: dict[str, int] = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class BroadcastQueue:
    """The broadcasts' side of the services: the outbox rows the worker claims and settles,
    and the signals that wake it (a broadcast confirmed) or halt a broadcast (paused)."""

    outbox: Outbox
    signals: BroadcastSignals


class DeliveryWorker:
    def __init__(
        self,
        queue: BroadcastQueue,
        sender: TelegramSender,
        presenter: ProgressPresenter,
        config: WorkerConfig,
        *,
        notices: NoticeLoop | None = None,
    ) -> None:
        self._outbox = queue.outbox
        self._signals = queue.signals
        self._sender = sender
        self._presenter = presenter
        self._config = config
        self._clock: Callable[[], float] = time.monotonic
        self.worker_id = config.worker_id
        self.stats = WorkerStats()
        self._pacer: Pacer | None = None
        self._halted: dict[int, float] = {}  # broadcast id -> when the halt arrived
        self._contents: dict[int, BroadcastContent] = {}
        self._results: list[SendResult] = []
        self._last_flush = 0.0
        self._flushing = asyncio.Lock()
        self._samples: dict[int, deque[tuple[float, int]]] = {}
        self._shown: dict[int, str] = {}
        self._dirty: set[int] = set()
        self._report_now = asyncio.Event()
        self._stopping = False
        self._tasks: list[asyncio.Task[None]] = []
        self._unsubscribe: Callable[[], None] | None = None
        self._started = False
        self._notices = notices
        self._notice_task: asyncio.Task[None] | None = None

    # -- lifecycle -------------------------------------------------------------------------------

    async def start(self) -> None:
        self._pacer = Pacer(self._config.rate)
        await self._sender.start()
        self._started = True
        self._unsubscribe = self._signals.on_halt(self._on_halt)
        self._tasks = [
            asyncio.create_task(self._run(), name="broadcast-worker"),
            asyncio.create_task(self._report_loop(), name="broadcast-progress"),
        ]
        if self._notices is not None:
            self._notice_task = asyncio.create_task(
                self._notices.run(self._pacer), name="notice-worker"
            )

    async def stop(self) -> None:
        """Finish the sends under way, record them, release the rest of the batch."""
        self._stopping = True
        self._signals.wake()
        if self._notices is not None:
            self._notices.stop()
        worker, reporter = self._tasks or (None, None)
        for task in (worker, self._notice_task):
            if task is None:
                continue
            try:
                async with asyncio.timeout(STOP_GRACE_SECONDS):
                    await asyncio.shield(task)
            except TimeoutError:
                task.cancel()
                with contextlib.suppress(asyncio.CancelledError):
                    await task
        if reporter is not None:
            reporter.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await reporter
        if self._unsubscribe is not None:
            self._unsubscribe()
        if self._started:
            await self._sender.stop()

    def _on_halt(self, broadcast_id: int) -> None:
        self._halted[broadcast_id] = self._clock()
        self._dirty.add(broadcast_id)
        self._report_now.set()

    # -- sending ---------------------------------------------------------------------------------

    async def _run(self) -> None:
        released = await self._outbox.recover()
        if released:
            logger.warning(
                "re-sending %d broadcast rows left in flight by a stopped worker", released
            )
        last_expiry_check = self._clock()
        while not self._stopping:
            try:
                if self._clock() - last_expiry_check > self._config.lease.total_seconds() / 2:
                    last_expiry_check = self._clock()
                    await self._outbox.release_expired()
                if not await self._cycle():
                    await self._signals.wait_for_work(self._config.poll_seconds)
            except Exception:
                logger.exception("broadcast worker: a cycle failed; trying again shortly")
                await self._signals.wait_for_work(self._config.poll_seconds)

    async def _cycle(self) -> bool:
        """One claim and its sends; False when there was nothing to do."""
        for started in await self._outbox.start_due():
            self._dirty.add(started.broadcast.id)
            self._report_now.set()
        claimed_at = self._clock()
        jobs = await self._outbox.claim(self.worker_id, self._config.batch, self._config.lease)
        # Rows were claimed only from broadcasts running at claim time: older halts are void.
        self._halted = {key: at for key, at in self._halted.items() if at >= claimed_at}
        if jobs:
            fresh = {job.broadcast_id for job in jobs} - self._samples.keys()
            if fresh:
                self._dirty |= fresh
                self._report_now.set()
            await self._send(jobs, claimed_at)
        await self._finish_completed()
        return bool(jobs)

    async def _send(self, jobs: list[Job], claimed_at: float) -> None:
        """One dispatcher takes the batch's slots from the pacer in order and starts each
        send; up to `concurrency` are in flight. A pause is seen within one slot."""
        pacer = self._pacer
        if pacer is None:
            raise RuntimeError("the worker was not started")
        queue = deque(jobs)
        unsent: list[int] = []
        running: set[asyncio.Task[None]] = set()
        free = asyncio.Semaphore(self._config.concurrency)
        deadline = claimed_at + self._config.lease.total_seconds() - LEASE_MARGIN_SECONDS
        try:
            while not self._stopping and self._clock() < deadline:
                if not queue:
                    if not running:
                        break
                    # A send under way may still hand its row back (429).
                    await asyncio.wait(running, return_when=asyncio.FIRST_COMPLETED)
                    continue
                job = queue.popleft()
                content = await self._content(job.broadcast_id)
                if content is None or job.broadcast_id in self._halted:
                    unsent.append(job.id)
                    continue
                await free.acquire()
                await pacer.acquire()
                if job.broadcast_id in self._halted:  # paused while we waited for the slot
                    free.release()
                    unsent.append(job.id)
                    continue
                send = self._deliver(job, content, queue, pacer)
                if _needs_upload(content, job.language):
                    # The chart goes up once; the sends after it use Telegram's file_id.
                    try:
                        await send
                    finally:
                        free.release()
                    continue
                task = asyncio.create_task(send)
                running.add(task)
                task.add_done_callback(running.discard)
                task.add_done_callback(lambda _task: free.release())
        finally:
            if running:
                await asyncio.gather(*running, return_exceptions=True)
            unsent.extend(job.id for job in queue)
            await self._flush(force=True)
            if unsent:
                await self._outbox.release(self.worker_id, unsent)
                self._dirty.update(job.broadcast_id for job in jobs)
                self._report_now.set()

    async def _deliver(
        self, job: Job, content: BroadcastContent, queue: deque[Job], pacer: Pacer
    ) -> None:
        try:
            result = await self._sender.deliver(job, content)
        except RateLimited as limited:
            self.stats.rate_limited += 1
            logger.warning("Telegram asks to wait %.0f s: every send waits", limited.retry_after)
            pacer.hold(limited.retry_after)
            queue.appendleft(job)  # retried, not counted as an attempt
            return
        if result.photo_file_id is not None:
            await self._remember_photo(job, content, result.photo_file_id)
        self._collect(result)
        await self._flush()

    def _collect(self, result: SendResult) -> None:
        self._results.append(result)
        stats = self.stats
        stats.results += 1
        stats.by_outcome[result.outcome] = stats.by_outcome.get(result.outcome, 0) + 1
        if result.message_id is not None:
            stats.sent += 1

    async def _flush(self, *, force: bool = False) -> None:
        config = self._config
        due = self._clock() - self._last_flush >= config.record_seconds
        if not self._results or not (force or due or len(self._results) >= config.record_rows):
            return
        async with self._flushing:
            results, self._results = self._results, []
            self._last_flush = self._clock()
            if results:
                await self._outbox.record(self.worker_id, results)

    async def _content(self, broadcast_id: int) -> BroadcastContent | None:
        content = self._contents.get(broadcast_id)
        if content is None:
            content = await self._outbox.content(broadcast_id)
            if content is not None:
                # Another consumer may have filled it meanwhile, with a file_id: keep that.
                content = self._contents.setdefault(broadcast_id, content)
        return content

    async def _remember_photo(self, job: Job, content: BroadcastContent, file_id: str) -> None:
        """The chart was uploaded: later sends (here and after a restart) reuse its file_id."""
        file_ids = {**content.photo_file_ids, job.language: file_id}
        self._contents[job.broadcast_id] = replace(content, photo_file_ids=file_ids)
        await self._outbox.remember_photo(job.broadcast_id, job.language, file_id)

    # -- progress in the admin chat -------------------------------------------------------------

    async def _report_loop(self) -> None:
        while True:
            try:
                await self._report()
            except Exception:
                logger.exception("broadcast worker: could not show progress")
            with contextlib.suppress(TimeoutError):
                async with asyncio.timeout(self._config.progress_seconds):
                    await self._report_now.wait()
            self._report_now.clear()

    async def _report(self) -> None:
        running = await self._outbox.running()
        shown = {item.broadcast.id for item in running}
        dirty, self._dirty = self._dirty - shown, set()
        others = await self._outbox.progress(dirty) if dirty else []
        for progress in [*running, *others]:
            await self._show(self._view(progress))

    async def _finish_completed(self) -> None:
        for progress in await self._outbox.complete():
            view = self._view(progress)
            message_id = await self._show(view)
            chat_id = progress.broadcast.admin_chat_id
            if chat_id is not None:
                await self._sender.post(chat_id, self._presenter.report(view), message_id)
            self._forget(progress.broadcast.id)

    def _view(self, progress: Progress) -> ProgressView:
        broadcast_id = progress.broadcast.id
        if progress.status is not BroadcastStatus.SENDING:
            return ProgressView(progress)
        now = self._clock()
        samples = self._samples.setdefault(broadcast_id, deque())
        samples.append((now, progress.done))
        while len(samples) > 2 and now - samples[0][0] > RATE_WINDOW_SECONDS:
            samples.popleft()
        first_at, first_done = samples[0]
        if now - first_at < 1.0:
            return ProgressView(progress)
        rate = (progress.done - first_done) / (now - first_at)
        left = dt.timedelta(seconds=progress.remaining / rate) if rate > 0 else None
        return ProgressView(progress, rate, left)

    async def _show(self, view: ProgressView) -> int | None:
        broadcast = view.progress.broadcast
        message_id = broadcast.progress_message_id
        if broadcast.admin_chat_id is None:
            return message_id
        text, markup = self._presenter.progress(view)
        if self._shown.get(broadcast.id) == text and message_id is not None:
            return message_id
        new_id = await self._sender.show(broadcast.admin_chat_id, message_id, text, markup)
        self._shown[broadcast.id] = text
        if message_id is None and new_id is not None:
            await self._outbox.show_progress_in(broadcast.id, new_id)
        return new_id

    def _forget(self, broadcast_id: int) -> None:
        self._samples.pop(broadcast_id, None)
        self._shown.pop(broadcast_id, None)
        self._contents.pop(broadcast_id, None)
        self._halted.pop(broadcast_id, None)


def _needs_upload(content: BroadcastContent, language: str) -> bool:
    return language in content.photos and language not in content.photo_file_ids
