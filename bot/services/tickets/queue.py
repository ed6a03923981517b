"""The officials' ticket queue on the dashboard: filter, search, a ticket's full record, and the
same actions as the admin group, one ticket or many at a time.

Every move goes through ModerationService, so each ticket changed gets its own transaction, its
audit row and its push to the resident and the admin-group card, whatever the front end.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import enum
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from bot.domain.errors import DomainError, TicketNotFound, TooManyForBulk, UnknownRejectReason
from bot.domain.records import AuditRecord, TicketCriteria, TicketRecord
from bot.domain.statuses import RejectReason, TicketMove, TicketStatus
from bot.domain.ticket_states import OPEN_STATUSES, allowed
from bot.domain.ticket_work import AWAITING_ANSWER, OverdueCutoff
from bot.services.kernel.actor import Actor, ActorKind
from bot.services.kernel.clock import LOCAL_TIME
from bot.services.kernel.live_knowledge import LiveKnowledge
from bot.services.kernel.officials import Officials, Permission
from bot.services.tickets.deadlines import overdue_cutoffs
from bot.services.tickets.model import Page, Paging, TicketView
from bot.services.tickets.moderation import ModerationService
from bot.services.tickets.publishing import public_question
from bot.services.tickets.search_text import MAX_QUERY_CHARS, search_text, search_words
from bot.services.tickets.views import TicketViews
from content.schema import Area, Department
from storage.uow import UnitOfWorkFactory

PAGE_SIZE = 25
MAX_PAGE_SIZE = 200
MAX_BULK = 100
HISTORY_LIMIT = 1000  # a ticket's whole audit trail (tens of rows in practice), bounded
EXCERPT_CHARS = 180
REINDEX_BATCH = 500
ORDERS = ("oldest", "newest")
SCOPES: dict[str, tuple[TicketStatus, ...]] = {
    "all": (),
    "open": tuple(sorted(OPEN_STATUSES)),
    "waiting": tuple(sorted(AWAITING_ANSWER - {TicketStatus.NEW})),
}
NO_DEPARTMENT = "-"  # the department filter's value for tickets given to no department yet
EARLIEST_DAY = dt.date(1900, 1, 1)  # a filter's days, clamped to what any ticket can have
LATEST_DAY = dt.date(2999, 12, 31)


@dataclass(frozen=True, slots=True)
class TicketFilter:
    """What an official asked the queue for; `parse` takes a URL's query and ignores junk."""

    status: TicketStatus | None = None
    topic: str | None = None
    department: str | None = None  # a department's key, or NO_DEPARTMENT
    date_from: dt.date | None = None  # Hanoi calendar days, inclusive
    date_to: dt.date | None = None
    has_photo: bool | None = None
    query: str = ""
    order: str = "oldest"  # the longest-waiting first; "newest" for what just came in
    # Without a status: every ticket ("all"), the open ones (the dashboard's default queue),
    # or those waiting for an answer after approval ("waiting"; SCOPES).
    scope: str = "all"
    overdue: bool = False  # past their first-answer deadline (tickets/deadlines.py)
    mine: bool = False  # given to the official asking

    @classmethod
    def parse(cls, params: Mapping[str, str]) -> TicketFilter:
        status = params.get("status", "")
        photo = params.get("photo", "")
        order = params.get("order", "")
        return cls(
            status=TicketStatus(status) if status in set(TicketStatus) else None,
            # A status of its own makes the scope moot: left at the default, as in to_params.
            scope=status if status in SCOPES else "all" if status in set(TicketStatus) else "open",
            overdue=params.get("late", "") == "yes",
            mine=params.get("mine", "") == "yes",
            topic=_short(params.get("topic")),
            department=_short(params.get("department")),
            date_from=_date(params.get("from")),
            date_to=_date(params.get("to")),
            has_photo={"yes": True, "no": False}.get(photo),
            query=" ".join(params.get("q", "")[:MAX_QUERY_CHARS].split()),
            order=order if order in ORDERS else "oldest",
        )

    def to_params(self) -> dict[str, str]:
        """The query string that gives this filter back (only what is set)."""
        values = {
            "status": self.status.value
            if self.status
            else ("" if self.scope == "open" else self.scope),
            "late": "yes" if self.overdue else "",
            "mine": "yes" if self.mine else "",
            "topic": self.topic or "",
            "department": self.department or "",
            "from": self.date_from.isoformat() if self.date_from else "",
            "to": self.date_to.isoformat() if self.date_to else "",
            "photo": {True: "yes", False: "no", None: ""}[self.has_photo],
            "q": self.query,
            "order": "" if self.order == "oldest" else self.order,
        }
        return {name: value for name, value in values.items() if value}

    def criteria(
        self,
        areas: Mapping[str, Area],
        cutoffs: tuple[OverdueCutoff, ...] = (),
        account_id: int | None = None,
    ) -> TicketCriteria:
        """What storage selects; `areas` (the content's topics) let a word match a topic's
        title; `cutoffs` say what is overdue now; `account_id` is the official asking."""
        return TicketCriteria(
            statuses=(self.status,) if self.status else SCOPES.get(self.scope, ()),
            overdue=cutoffs if self.overdue else None,
            assignee_account_id=(account_id or -1) if self.mine else None,
            topic=self.topic,
            department=None if self.department == NO_DEPARTMENT else self.department,
            no_department=self.department == NO_DEPARTMENT,
            created_from=_local_midnight(self.date_from) if self.date_from else None,
            created_before=(
                _local_midnight(self.date_to + dt.timedelta(days=1)) if self.date_to else None
            ),
            has_photo=self.has_photo,
            words=search_words(self.query, areas),
            newest_first=self.order == "newest",
        )

    def describe(self) -> str:
        """For the audit log: what was asked for, in the query string's own words."""
        said = {name: value for name, value in self.to_params().items() if value != "all"}
        return "&".join(f"{name}={value}" for name, value in said.items()) or "all"


@dataclass(frozen=True, slots=True)
class TicketRow:
    id: int
    code: str
    status: TicketStatus
    topic: str
    department: str | None
    created_at: dt.datetime
    first_answered_at: dt.datetime | None
    has_photo: bool
    has_location: bool
    anonymous: bool
    excerpt: str
    group_size: int  # tickets in its group of similar ones (1: on its own)
    due: dt.date | None = None  # the last day for a first answer, while one is awaited
    overdue: bool = False


@dataclass(frozen=True, slots=True)
class HistoryEntry:
    at: dt.datetime
    actor_kind: str
    actor_id: int | None  # a resident's only for a named ticket, to those who may see ids
    actor_name: str
    action: str
    from_status: str | None
    to_status: str | None
    detail: str | None


@dataclass(frozen=True, slots=True)
class TicketDetail:
    # The resident's id is never in `view` (its ticket's resident_id is 0 and residents' audit
    # rows carry no actor_id unless allowed): `resident_id` below is the one place it may be.
    view: TicketView
    history: tuple[HistoryEntry, ...]  # the whole audit trail, oldest first
    similar: tuple[TicketRow, ...]  # the other tickets of its group
    moves: frozenset[TicketMove]  # what officials may do from its status
    departments: tuple[Department, ...]  # those handling its field first
    resident_id: int | None  # only for a named ticket, and only to those who may see ids
    public_version: str = ""  # what /answers shows (masked); the official may edit it

    @property
    def ticket(self) -> TicketRecord:
        return self.view.ticket


class BulkMove(enum.StrEnum):
    APPROVE = "approve"
    REJECT = "reject"
    ASSIGN = "assign"
    CLOSE = "close"


@dataclass(frozen=True, slots=True)
class BulkOutcome:
    done: tuple[str, ...]  # codes changed
    refused: tuple[tuple[str, str], ...]  # (code or id, why: a short reason key)


class TicketSearch:
    def __init__(
        self,
        uow: UnitOfWorkFactory,
        knowledge: LiveKnowledge,
        officials: Officials,
        moderation: ModerationService,
        views: TicketViews,
    ) -> None:
        self._deadlines = views.deadlines.rules
        self._clock = views.deadlines.clock
        self._uow = uow
        self._knowledge = knowledge
        self._officials = officials
        self._moderation = moderation
        self._views = views

    async def search(
        self, actor: Actor, wanted: TicketFilter, page: int = 0, page_size: int = PAGE_SIZE
    ) -> Page[TicketRow]:
        await self._officials.require(actor, Permission.MODERATE)
        now = self._clock()
        async with self._uow() as uow:
            cutoffs = await overdue_cutoffs(uow, self._deadlines, now) if wanted.overdue else ()
            areas = self._knowledge.current.kb.areas
            criteria = wanted.criteria(areas, cutoffs, actor.account_id)
            total = await uow.tickets.count_matching(criteria)
            paging = Paging.of(page, total, min(max(page_size, 1), MAX_PAGE_SIZE))
            found = await uow.tickets.search(criteria, paging.size, paging.offset)
            heads = {ticket.id: ticket.cluster_id or ticket.id for ticket in found}
            sizes = await uow.tickets.group_sizes(set(heads.values()))
        late = self._deadlines.deadline_of
        rows = [_row(ticket, sizes.get(heads[ticket.id], 1), late(ticket, now)) for ticket in found]
        return Page(rows, paging.page, paging.pages, total)

    async def detail(self, actor: Actor, ticket_id: int) -> TicketDetail:
        official = await self._officials.require(actor, Permission.MODERATE)
        async with self._uow() as uow:
            ticket = await uow.tickets.get(ticket_id)
            if ticket is None:
                raise TicketNotFound(str(ticket_id))
            view = await self._views.build(uow, ticket)
            audit = await uow.audit.for_ticket(ticket.id, limit=HISTORY_LIMIT)
            head = ticket.cluster_id or ticket.id
            group = [other for other in await uow.tickets.in_group(head) if other.id != ticket.id]
            sizes = await uow.tickets.group_sizes([head])
        may_see = official.may(Permission.SEE_RESIDENT_IDS) and not ticket.anonymous
        history = tuple(_redacted(entry, ticket.anonymous, may_see) for entry in audit)
        view = dataclasses.replace(
            view, ticket=dataclasses.replace(ticket, resident_id=0), history=history
        )
        status = ticket.status
        official_moves = (
            TicketMove.APPROVE,
            TicketMove.REJECT,
            TicketMove.ASSIGN,
            TicketMove.ANSWER,
            TicketMove.CLOSE,
        )
        return TicketDetail(
            view=view,
            history=tuple(_history(entry) for entry in history),
            similar=tuple(_row(other, sizes.get(head, 1)) for other in group),
            moves=frozenset(move for move in official_moves if allowed(status, move)),
            departments=tuple(self._moderation.departments(ticket.topic)),
            resident_id=ticket.resident_id if may_see else None,
            public_version=public_question(ticket, view.replies),
        )

    async def bulk(
        self, actor: Actor, ticket_ids: Sequence[int], move: BulkMove, argument: str = ""
    ) -> BulkOutcome:
        """The same move on many tickets, each in its own transaction; what could not be done
        is reported per ticket, never half-done silently."""
        await self._officials.require(actor, Permission.MODERATE)
        unique = list(dict.fromkeys(ticket_ids))
        if len(unique) > MAX_BULK:
            raise TooManyForBulk(str(len(unique)))
        done: list[str] = []
        refused: list[tuple[str, str]] = []
        for ticket_id in unique:
            try:
                view = await self._apply(actor, ticket_id, move, argument)
            except TicketNotFound:
                refused.append((str(ticket_id), "not_found"))
            except DomainError as error:
                refused.append((await self._code(ticket_id), _reason(error)))
            else:
                done.append(view.code)
        return BulkOutcome(tuple(done), tuple(refused))

    async def reindex(self) -> int:
        """Fill the search text of tickets filed before it existed; returns how many."""
        filled = 0
        while True:
            async with self._uow() as uow:
                batch = await uow.tickets.without_search_text(REINDEX_BATCH)
                replies = await uow.replies.texts_for([ticket.id for ticket in batch])
                for ticket in batch:
                    author = None if ticket.anonymous else ticket.author_name
                    text = search_text(ticket.text, author, replies.get(ticket.id, ()))
                    await uow.tickets.set_search_text(ticket.id, text)
                await uow.commit()
            filled += len(batch)
            if len(batch) < REINDEX_BATCH:
                return filled

    async def _apply(
        self, actor: Actor, ticket_id: int, move: BulkMove, argument: str
    ) -> TicketView:
        if move is BulkMove.APPROVE:
            return await self._moderation.approve(actor, ticket_id)
        if move is BulkMove.CLOSE:
            return await self._moderation.close(actor, ticket_id)
        if move is BulkMove.ASSIGN:
            return await self._moderation.assign(actor, ticket_id, argument)
        if argument not in set(RejectReason):
            raise UnknownRejectReason(argument[:64])
        return await self._moderation.reject(actor, ticket_id, RejectReason(argument))

    async def _code(self, ticket_id: int) -> str:
        async with self._uow() as uow:
            ticket = await uow.tickets.get(ticket_id)
        return ticket.code if ticket else str(ticket_id)


def _row(
    ticket: TicketRecord, group_size: int, deadline: tuple[dt.date | None, bool] = (None, False)
) -> TicketRow:
    text = " ".join(ticket.text.split())
    excerpt = text if len(text) <= EXCERPT_CHARS else text[: EXCERPT_CHARS - 1] + "…"
    return TicketRow(
        id=ticket.id,
        code=ticket.code,
        status=ticket.status,
        topic=ticket.topic,
        department=ticket.department,
        created_at=ticket.created_at,
        first_answered_at=ticket.first_answered_at,
        has_photo=ticket.photo_file_id is not None,
        has_location=ticket.latitude is not None,
        anonymous=ticket.anonymous,
        excerpt=excerpt,
        group_size=group_size,
        due=deadline[0],
        overdue=deadline[1],
    )


def _redacted(entry: AuditRecord, anonymous: bool, may_see_ids: bool) -> AuditRecord:
    """An audit row fit for the official reading it. A resident's own actions carry their name
    only on a named ticket, and their Telegram id (which is also the name the audit falls back
    to when a named resident gave none) only to those who may see ids; officials' actions are
    left as they are."""
    if entry.actor_kind != ActorKind.RESIDENT:
        return entry
    name = entry.actor_name
    if anonymous or (not may_see_ids and name.strip().lstrip("-").isdigit()):
        name = ""
    return dataclasses.replace(
        entry, actor_name=name, actor_id=entry.actor_id if may_see_ids else None
    )


def _history(entry: AuditRecord) -> HistoryEntry:
    """A (redacted) audit row as the dashboard lists it."""
    return HistoryEntry(
        at=entry.at,
        actor_kind=entry.actor_kind,
        actor_id=entry.actor_id,
        actor_name=entry.actor_name,
        action=entry.action,
        from_status=entry.from_status,
        to_status=entry.to_status,
        detail=entry.detail,
    )


def _reason(error: DomainError) -> str:
    """A short, stable reason key for a refused bulk move (the page translates it)."""
    return type(error).__name__


def _short(value: str | None) -> str | None:
    cleaned = (value or "").strip()
    return cleaned[:64] if cleaned else None


def _date(value: str | None) -> dt.date | None:
    try:
        day = dt.date.fromisoformat((value or "").strip()[:10]) if value else None
    except ValueError:
        return None
    # Clamped: at the calendar's ends (0001-01-01, 9999-12-31) Hanoi's midnight in UTC, or the
    # day after, falls outside what a datetime can hold.
    return min(max(day, EARLIEST_DAY), LATEST_DAY) if day else None


def _local_midnight(day: dt.date) -> dt.datetime:
    return dt.datetime.combine(day, dt.time(), LOCAL_TIME).astimezone(dt.UTC)
