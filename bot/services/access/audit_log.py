"""The audit log as dashboard administrators read it: every audited action, newest first, a page
at a time, filtered by action, by who did it and by day (Hanoi's days). Read-only; what the rows
hold is what the actions wrote (bot/services/kernel/audit.py), nothing joined from elsewhere."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping
from dataclasses import dataclass

from bot.domain.records import AuditCriteria, AuditRecord
from bot.services.kernel.actor import Actor
from bot.services.kernel.clock import LOCAL_TIME
from bot.services.kernel.officials import Officials, Permission
from bot.services.kernel.plain_text import bounded_number, clean_text
from storage.uow import UnitOfWorkFactory

PAGE_SIZE = 50
LAST_PAGE = 100_000  # a page number beyond any log; larger ones are junk
MAX_WHO_CHARS = 128  # as long as a stored label
EARLIEST_DAY = dt.date(1900, 1, 1)  # days clamped to what a row can have (and UTC can hold)
LATEST_DAY = dt.date(2999, 12, 31)
ACTION = re.compile(r"[a-z0-9_]{1,32}")  # how every action is spelled (a technical key)


@dataclass(frozen=True, slots=True)
class AuditLogFilter:
    """What an administrator asked the log for; `parse` takes a URL's query and ignores junk."""

    action: str | None = None
    who: str = ""
    date_from: dt.date | None = None  # Hanoi's day, inclusive
    date_to: dt.date | None = None  # Hanoi's day, inclusive
    page: int = 0  # from 0

    @classmethod
    def parse(cls, params: Mapping[str, str]) -> AuditLogFilter:
        action = params.get("action", "").strip()
        return cls(
            action=action if ACTION.fullmatch(action) else None,
            who=" ".join(clean_text(params.get("who", "")[:MAX_WHO_CHARS]).split()),
            date_from=_date(params.get("from")),
            date_to=_date(params.get("to")),
            page=bounded_number(params.get("page", ""), LAST_PAGE) or 0,
        )

    def to_params(self, page: int | None = None) -> dict[str, str]:
        """The query string that gives this filter back (only what is set), at `page`."""
        number = self.page if page is None else page
        values = {
            "action": self.action or "",
            "who": self.who,
            "from": self.date_from.isoformat() if self.date_from else "",
            "to": self.date_to.isoformat() if self.date_to else "",
            "page": str(number) if number else "",
        }
        return {name: value for name, value in values.items() if value}

    def criteria(self) -> AuditCriteria:
        return AuditCriteria(
            action=self.action,
            who=self.who or None,
            at_from=_local_midnight(self.date_from) if self.date_from else None,
            at_before=(
                _local_midnight(self.date_to + dt.timedelta(days=1)) if self.date_to else None
            ),
        )


@dataclass(frozen=True, slots=True)
class AuditLogPage:
    entries: list[AuditRecord]  # newest first
    actions: list[str]  # every action the log holds, for the filter's list
    page: int
    has_next: bool

    @property
    def has_previous(self) -> bool:
        return self.page > 0


class AuditLog:
    def __init__(self, uow: UnitOfWorkFactory, officials: Officials) -> None:
        self._uow = uow
        self._officials = officials

    async def page(self, actor: Actor, wanted: AuditLogFilter) -> AuditLogPage:
        await self._officials.require(actor, Permission.VIEW_AUDIT)
        async with self._uow().reading() as uow:
            actions = await uow.audit.actions()
            rows = await uow.audit.page(wanted.criteria(), wanted.page * PAGE_SIZE, PAGE_SIZE + 1)
        return AuditLogPage(rows[:PAGE_SIZE], actions, wanted.page, len(rows) > PAGE_SIZE)


def _date(value: str | None) -> dt.date | None:
    try:
        day = dt.date.fromisoformat((value or "").strip()[:10]) if value else None
    except ValueError:
        return None
    return min(max(day, EARLIEST_DAY), LATEST_DAY) if day else None


def _local_midnight(day: dt.date) -> dt.datetime:
    return dt.datetime.combine(day, dt.time(), LOCAL_TIME).astimezone(dt.UTC)
