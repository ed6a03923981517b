"""Residents' notices of officials' actions on their tickets, through a durable outbox.

The notice is a row written in the same transaction as the action (approve, reject, assign,
answer, close, publish): if the action is committed, so is the notice, and a crash before the
send only delays it. The delivery worker claims, sends and records notices like broadcast rows
(the same pacer, 429/403/5xx handling and backoff); this module is its side of the table too.

The row holds the facts of the moment (the answer, the department, the reason); the worker
renders them when it sends, in the language the resident reads then, with the buttons that fit
the ticket as it is then (no "resolved?" buttons on a ticket the resident already closed).
"""

from __future__ import annotations

import asyncio
import dataclasses
import datetime as dt
from collections.abc import Collection, Sequence
from dataclasses import dataclass
from typing import Protocol

from bot.domain.records import ClaimedNotice, DeliveryResult, NewNotice
from bot.domain.statuses import DeliveryStatus, SendOutcome
from bot.services.kernel.backing import Backing
from bot.services.kernel.outbox_rows import result_row
from bot.services.tickets.model import RESIDENT_NOTIFIED, TicketEvent, TicketView
from bot.services.tickets.rejection import Referrals, Rejection, RejectionNotice
from bot.services.tickets.views import TicketViews
from content.where_to_go import default_where_to_go
from storage.uow import UnitOfWork


@dataclass(frozen=True, slots=True)
class NoticeJob:
    """A claimed notice, ready to render: the ticket as it is now, with the action's facts."""

    id: int
    chat_id: int
    attempts: int
    event: TicketEvent
    view: TicketView
    reply_text: str | None  # the answer, for ANSWERED
    rejection: RejectionNotice | None = None  # the reason, words and referral, for REJECTED


@dataclass(frozen=True, slots=True)
class NoticeResult:
    job: NoticeJob
    outcome: SendOutcome
    message_id: int | None = None
    error: str | None = None


class WorkSignal:
    """Wakes the worker of this process at once; others find the row by polling."""

    def __init__(self) -> None:
        self._work = asyncio.Event()

    def wake(self) -> None:
        self._work.set()

    async def wait_for_work(self, timeout: float) -> None:  # noqa: ASYNC109 - a poll interval
        try:
            async with asyncio.timeout(timeout):
                await self._work.wait()
        except TimeoutError:
            pass
        self._work.clear()


class ContactCache(Protocol):
    """What notices need of the broadcasts' subscriptions (the container hands in the
    SubscriptionService): forget residents who blocked the bot, as a broadcast's 403 does."""

    def forget_contacts(self, chat_ids: Collection[int]) -> None: ...


class ResidentNotices:
    def __init__(
        self,
        backing: Backing,
        views: TicketViews,
        subscriptions: ContactCache,
        *,
        max_attempts: int,
    ) -> None:
        self._referrals = Referrals(default_where_to_go())
        self._uow = backing.uow
        self._knowledge = backing.knowledge
        self._views = views
        self._subscriptions = subscriptions
        self._max_attempts = max_attempts
        self._clock = backing.clock
        self.signal = WorkSignal()

    # -- writing, inside the caller's unit of work ------------------------------------------

    async def write(
        self, uow: UnitOfWork, view: TicketView, event: TicketEvent, detail: str | None = None
    ) -> None:
        """The resident's notice of `event`, if they are told of it; the caller commits, then
        calls `wake`."""
        if event not in RESIDENT_NOTIFIED:
            return
        ticket = view.ticket
        notice = NewNotice(ticket.resident_id, ticket.id, event.value, detail)
        await uow.notices.add(notice, self._clock())

    def wake(self) -> None:
        self.signal.wake()

    # -- the worker's side ------------------------------------------------------------------

    async def recover(self) -> int:
        """At start: notices a killed worker left in flight go back to pending (they may
        have been sent: at-least-once). With one worker (SQLite) all of them; where several
        share the database, those whose lease ran out."""
        async with self._uow() as uow:
            released = await uow.notices.release_stale(
                self._clock(), everything=not uow.notices.shared_claims
            )
            await uow.commit()
        return released

    async def release_expired(self) -> int:
        async with self._uow() as uow:
            released = await uow.notices.release_stale(self._clock(), everything=False)
            await uow.commit()
        return released

    async def claim(self, worker: str, limit: int, lease: dt.timedelta) -> list[NoticeJob]:
        """Up to `limit` notices to send (at most one per resident), in flight for `worker`."""
        now = self._clock()
        async with self._uow() as uow:
            jobs = []
            gone = []
            for notice in await uow.notices.claim(worker, limit, now, now + lease):
                job = await self._job(uow, notice)
                if job is None:
                    gone.append(
                        DeliveryResult(
                            notice.id, DeliveryStatus.FAILED, notice.attempts, error="ticket gone"
                        )
                    )
                else:
                    jobs.append(job)
            await uow.notices.record(worker, gone, now)
            await uow.commit()
        return jobs

    async def _job(self, uow: UnitOfWork, notice: ClaimedNotice) -> NoticeJob | None:
        ticket = await uow.tickets.get(notice.ticket_id)
        if ticket is None:  # the foreign key deletes notices with their ticket: a safety net
            return None
        event = TicketEvent(notice.event)
        rejection = None
        if event is TicketEvent.REJECTED:
            # The facts of the moment (the ticket may have moved on since); an unknown reason
            # (a row from an older catalog) leaves the ticket's own.
            rejection = Rejection.from_notice(notice.detail, ticket.reject_reason)
            if rejection is not None:
                ticket = dataclasses.replace(ticket, reject_reason=rejection.reason)
        view = await self._views.build(uow, ticket)
        if event is TicketEvent.ASSIGNED and notice.detail:
            department = self._knowledge.current.kb.departments.get(notice.detail)
            view = dataclasses.replace(view, department=department or view.department)
        reply = notice.detail if event is TicketEvent.ANSWERED else None
        told = None
        if rejection is not None:
            told = RejectionNotice(rejection, self._referrals.office(rejection.referral))
        return NoticeJob(notice.id, notice.chat_id, notice.attempts, event, view, reply, told)

    async def record(self, worker: str, results: Sequence[NoticeResult]) -> None:
        """Write what happened; a 403 also stops the resident's subscription, as a broadcast's
        403 does (writing to the bot again re-activates it)."""
        now = self._clock()
        rows = [result_row(result, now, self._max_attempts) for result in results]
        blocked = {
            result.job.chat_id for result in results if result.outcome is SendOutcome.BLOCKED
        }
        async with self._uow() as uow:
            await uow.notices.record(worker, rows, now)
            await uow.subscriptions.mark_blocked(blocked, now)
            await uow.commit()
        if blocked:
            self._subscriptions.forget_contacts(blocked)

    async def release(self, worker: str, notice_ids: Collection[int]) -> None:
        async with self._uow() as uow:
            await uow.notices.release(worker, notice_ids, self._clock())
            await uow.commit()
