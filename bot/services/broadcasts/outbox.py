"""The delivery outbox as the worker sees it: claim rows, record outcomes, recover, report.

The worker is the system acting, not a person: these methods take no Actor. Officials act on
broadcasts through BroadcastService, which checks their rights.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Collection, Sequence

from bot.domain.records import BroadcastContent
from bot.domain.statuses import BroadcastStatus, DeliveryStatus, SendOutcome
from bot.services.broadcasts.model import Job, Progress, SendResult
from bot.services.broadcasts.steps import moved_note, start
from bot.services.broadcasts.subscriptions import SubscriptionService
from bot.services.kernel.actor import Actor
from bot.services.kernel.audit import audit_entry
from bot.services.kernel.clock import Clock, utc_now
from bot.services.kernel.live_knowledge import LiveKnowledge
from bot.services.kernel.outbox_rows import result_row
from storage.uow import UnitOfWork, UnitOfWorkFactory


class Outbox:
    def __init__(
        self,
        uow: UnitOfWorkFactory,
        knowledge: LiveKnowledge,
        subscriptions: SubscriptionService,
        *,
        max_attempts: int,
        clock: Clock = utc_now,
    ) -> None:
        self._uow = uow
        self._knowledge = knowledge
        self._subscriptions = subscriptions
        self._max_attempts = max_attempts
        self._clock = clock

    async def recover(self) -> int:
        """At start: rows a killed worker left in flight go back to pending (they may have
        been sent: at-least-once). With one worker (SQLite) that is all of them; where several
        workers share the database, only those whose lease ran out."""
        async with self._uow() as uow:
            released = await uow.deliveries.release_stale(
                self._clock(), everything=not uow.deliveries.shared_claims
            )
            await uow.commit()
        return released

    async def release_expired(self) -> int:
        """Rows of a worker that died while others run: back once their lease ran out."""
        async with self._uow() as uow:
            released = await uow.deliveries.release_stale(self._clock(), everything=False)
            await uow.commit()
        return released

    async def start_due(self) -> list[Progress]:
        """Scheduled broadcasts whose time came: rows made now, for today's subscribers."""
        started = []
        async with self._uow() as uow:
            due = await uow.broadcasts.due(self._clock())
        for broadcast_id in due:
            async with self._uow() as uow:
                record = await uow.broadcasts.get(broadcast_id)
                if record is None or not await start(uow, record, self._knowledge, self._clock()):
                    continue  # another worker started it
                counts = await uow.deliveries.counts([broadcast_id])
                record = await uow.broadcasts.get(broadcast_id)
                if record is not None:  # the official scheduled it; the system starts it
                    note = moved_note(Progress(record, counts[broadcast_id]))
                    at = self._clock()
                    entry = audit_entry(Actor.system(), "system", "broadcast_started", at, note)
                    await uow.audit.add(entry)
                await uow.commit()
            if record is not None:
                started.append(Progress(record, counts[broadcast_id]))
        return started

    async def claim(self, worker: str, limit: int, lease: dt.timedelta) -> list[Job]:
        """Up to `limit` rows to send, now in flight for `worker` until the lease ends.
        Rows of residents who unsubscribed meanwhile are skipped, not sent."""
        now = self._clock()
        async with self._uow() as uow:
            jobs = await uow.deliveries.claim(worker, limit, now, now + lease)
            active = await uow.subscriptions.active_among({job.chat_id for job in jobs})
            skipped = [job.id for job in jobs if job.chat_id not in active]
            await uow.deliveries.finish(skipped, DeliveryStatus.SKIPPED, now)
            await uow.commit()
        return [job for job in jobs if job.chat_id in active]

    async def content(self, broadcast_id: int) -> BroadcastContent | None:
        async with self._uow() as uow:
            return await uow.broadcasts.content(broadcast_id)

    async def remember_photo(self, broadcast_id: int, language: str, file_id: str) -> None:
        """The chart uploaded once; later sends reuse Telegram's file_id."""
        async with self._uow() as uow:
            await uow.broadcasts.remember_file_id(broadcast_id, language, file_id)
            await uow.commit()

    async def record(self, worker: str, results: Sequence[SendResult]) -> None:
        """Write what happened; a 403 also stops the subscription."""
        now = self._clock()
        rows = [result_row(result, now, self._max_attempts) for result in results]
        blocked = {
            result.job.chat_id for result in results if result.outcome is SendOutcome.BLOCKED
        }
        async with self._uow() as uow:
            await uow.deliveries.record(worker, rows, now)
            await uow.subscriptions.mark_blocked(blocked, now)
            await uow.commit()
        if blocked:
            self._subscriptions.forget_contacts(blocked)

    async def release(self, worker: str, delivery_ids: Collection[int]) -> None:
        """Claimed rows this worker will not send (paused, cancelled, lease running out)."""
        async with self._uow() as uow:
            await uow.deliveries.release(worker, delivery_ids, self._clock())
            await uow.commit()

    async def complete(self) -> list[Progress]:
        """Broadcasts that have just finished (each reported by exactly one worker)."""
        async with self._uow() as uow:
            finished = await uow.deliveries.complete_broadcasts(self._clock())
            found = await self._progress(uow, finished)
            await uow.commit()
        return found

    async def running(self) -> list[Progress]:
        async with self._uow() as uow:
            records = await uow.broadcasts.with_status(
                (BroadcastStatus.SENDING, BroadcastStatus.PAUSED)
            )
            return await self._progress(uow, [record.id for record in records])

    async def progress(self, broadcast_ids: Collection[int]) -> list[Progress]:
        async with self._uow() as uow:
            return await self._progress(uow, broadcast_ids)

    async def show_progress_in(self, broadcast_id: int, message_id: int) -> None:
        async with self._uow() as uow:
            await uow.broadcasts.change(broadcast_id, progress_message_id=message_id)
            await uow.commit()

    async def _progress(self, uow: UnitOfWork, broadcast_ids: Collection[int]) -> list[Progress]:
        counts = await uow.deliveries.counts(broadcast_ids)
        found = []
        for broadcast_id in broadcast_ids:
            record = await uow.broadcasts.get(broadcast_id)
            if record is not None:
                found.append(Progress(record, counts[broadcast_id]))
        return found
