"""What is overdue (the rules: bot/domain/deadlines.py), the home page's counts and the daily
reminders of overdue tickets.

Reminders are claimed in the database (`ticket_reminders`, one row per ticket and Hanoi day)
before they are sent, so several instances and restarts never remind twice the same day; one
that could not be sent is released for the next run. A ticket's first reminder tells the
ticket's listeners it is overdue (`TicketEvent.OVERDUE`), so the group's card is redrawn as
overdue; the claim makes that once too.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from bot.domain.deadlines import DeadlineRules
from bot.domain.records import TicketCriteria
from bot.domain.statuses import TicketStatus
from bot.domain.ticket_work import AWAITING_ANSWER, DepartmentCount, OverdueCutoff
from bot.services.kernel.actor import Actor
from bot.services.kernel.backing import Backing
from bot.services.kernel.clock import LOCAL_TIME, Clock, utc_now
from bot.services.kernel.officials import Officials, Permission
from bot.services.tickets.events import TicketEvents
from bot.services.tickets.model import TicketChange, TicketEvent
from storage.uow import UnitOfWork

if TYPE_CHECKING:  # views.py reads the deadlines of this module
    from bot.services.tickets.views import TicketViews

REMINDERS_PER_RUN = 200  # the longest-waiting first; the rest on the next run
WAITING = frozenset(AWAITING_ANSWER - {TicketStatus.NEW})


@dataclass(frozen=True, slots=True)
class Deadlines:
    """The rules and the clock that say what is overdue now (a test's clock, or UTC now)."""

    rules: DeadlineRules = field(default_factory=DeadlineRules)
    clock: Clock = utc_now


async def overdue_cutoffs(
    uow: UnitOfWork, rules: DeadlineRules, now: dt.datetime
) -> tuple[OverdueCutoff, ...]:
    """The cutoffs for every kind of ticket awaiting an answer now, for the queue's filter."""
    kinds = await uow.tickets.awaiting_kinds()
    return tuple(rules.cutoff(topic, department, now) for topic, department in kinds)


@dataclass(frozen=True, slots=True)
class DepartmentLoad:
    """The home page's line of a department (key None: tickets not yet assigned)."""

    department: str | None
    new: int = 0
    waiting: int = 0
    overdue: int = 0


@dataclass(frozen=True, slots=True)
class WorkOverview:
    lines: tuple[DepartmentLoad, ...]
    mine: int  # open tickets given to the official reading it (0 without an account)

    @property
    def total(self) -> DepartmentLoad:
        return DepartmentLoad(
            None,
            sum(line.new for line in self.lines),
            sum(line.waiting for line in self.lines),
            sum(line.overdue for line in self.lines),
        )


@dataclass(frozen=True, slots=True)
class OverdueTicket:
    ticket_id: int
    code: str
    topic: str
    department: str | None
    due: dt.date
    assignee_telegram_id: int | None  # the assigned official's Telegram account, if linked


@dataclass(frozen=True, slots=True)
class Reminders:
    """Overdue tickets claimed for today's reminder: this caller, and only it, sends them."""

    day: dt.date
    tickets: tuple[OverdueTicket, ...]


class TicketDeadlines:
    def __init__(
        self,
        backing: Backing,
        officials: Officials,
        rules: DeadlineRules,
        views: TicketViews,
        events: TicketEvents,
    ) -> None:
        self._uow = backing.uow
        self._clock = backing.clock
        self._officials = officials
        self.rules = rules
        self._views = views
        self._events = events

    async def overview(self, actor: Actor) -> WorkOverview | None:
        """New, waiting and overdue tickets per department; None for an official who does not
        moderate (a broadcaster's home page has no queue)."""
        official = await self._officials.identify(actor)
        if official is None or not official.may(Permission.MODERATE):
            return None
        now = self._clock()
        async with self._uow() as uow:
            cutoffs = await overdue_cutoffs(uow, self.rules, now)
            new = await uow.tickets.count_by_department(
                TicketCriteria(statuses=(TicketStatus.NEW,))
            )
            waiting = await uow.tickets.count_by_department(
                TicketCriteria(statuses=tuple(sorted(WAITING)))
            )
            late = await uow.tickets.count_by_department(TicketCriteria(overdue=cutoffs))
            mine = 0
            if official.account_id is not None:
                mine = await uow.tickets.count_matching(
                    TicketCriteria(
                        statuses=tuple(sorted(AWAITING_ANSWER | {TicketStatus.ANSWERED})),
                        assignee_account_id=official.account_id,
                    )
                )
        return WorkOverview(_lines(new, waiting, late), mine)

    async def claim_reminders(self) -> Reminders:
        """Today's (Hanoi) reminder of every overdue ticket not yet reminded of today, claimed
        in the database so that no other instance, nor this one after a restart, sends it
        again the same day."""
        now = self._clock()
        day = now.astimezone(LOCAL_TIME).date()
        async with self._uow() as uow:
            cutoffs = await overdue_cutoffs(uow, self.rules, now)
            late = await uow.tickets.search(TicketCriteria(overdue=cutoffs), REMINDERS_PER_RUN, 0)
            claimed = await uow.ticket_reminders.claim([ticket.id for ticket in late], day, now)
            accounts = {
                account.id: account.telegram_user_id
                for account in await uow.staff_accounts.all()
                if account.disabled_at is None
            }
            before = await uow.ticket_reminders.reminded_before(claimed, day)
            newly_late = [
                await self._views.build(uow, ticket)
                for ticket in late
                if ticket.id in claimed and ticket.id not in before
            ]
            await uow.commit()
        for view in newly_late:  # the cards say "overdue" from today
            self._events.publish(TicketChange(view, TicketEvent.OVERDUE, by=""))
        tickets = tuple(
            OverdueTicket(
                ticket.id,
                ticket.code,
                ticket.topic,
                ticket.department,
                self.rules.ticket_due(ticket),
                accounts.get(ticket.assignee_account_id)
                if ticket.assignee_account_id is not None
                else None,
            )
            for ticket in late
            if ticket.id in claimed
        )
        return Reminders(day, tickets)

    async def release_reminders(self, reminders: Reminders) -> None:
        """The reminders could not be sent: the next run claims them again."""
        async with self._uow() as uow:
            await uow.ticket_reminders.release(
                [ticket.ticket_id for ticket in reminders.tickets], reminders.day
            )
            await uow.commit()


def _lines(*counts: Iterable[DepartmentCount]) -> tuple[DepartmentLoad, ...]:
    new, waiting, late = ({row.department: row.count for row in rows} for rows in counts)
    keys = sorted(set(new) | set(waiting) | set(late), key=lambda key: (key is None, key or ""))
    return tuple(
        DepartmentLoad(key, new.get(key, 0), waiting.get(key, 0), late.get(key, 0)) for key in keys
    )
