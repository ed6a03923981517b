"""Repositories of feedback tickets, replies, drafts, reply prompts, bans and the audit log."""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Callable, Collection
from typing import Any

from sqlalchemy import and_, false, func, or_, select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.sql.elements import ColumnElement

from bot.domain.records import (
    CandidateFilter,
    SearchWord,
    SimilarCandidate,
    TicketCounts,
    TicketCriteria,
    TicketFiled,
    TicketForm,
    TicketRecord,
)
from bot.domain.ticket_work import AWAITING_ANSWER, DepartmentCount
from storage.models import Ticket
from storage.repositories.common import row_record as _record

CODE_ATTEMPTS = 8  # a random code collides about once in a billion: a few retries are plenty


def _ticket_record(row: Ticket) -> TicketRecord:
    return _record(TicketRecord, row)


class TicketRepository:
    def __init__(self, session: AsyncSession) -> None:
        self._session = session

    async def add(
        self, ticket: TicketForm, filed: TicketFiled, new_code: Callable[[], str]
    ) -> TicketRecord:
        """Insert with a fresh random code, retrying the rare collision in a savepoint."""
        for _ in range(CODE_ATTEMPTS):
            row = Ticket(
                **dataclasses.asdict(ticket),
                **dataclasses.asdict(filed),
                code=new_code(),
                published=False,
                updated_at=filed.created_at,
            )
            try:
                async with self._session.begin_nested():
                    self._session.add(row)
            except IntegrityError:
                if await self.get_by_code(row.code) is None:
                    raise  # not a code collision: a real constraint broke
                continue
            return _ticket_record(row)
        raise RuntimeError("could not find a free ticket code")

    async def get(self, ticket_id: int, *, for_update: bool = False) -> TicketRecord | None:
        """for_update locks the row (PostgreSQL) so two officials' moves are serialised."""
        statement = select(Ticket).where(Ticket.id == ticket_id)
        if for_update:
            statement = statement.with_for_update()
        row = (await self._session.execute(statement)).scalar_one_or_none()
        return None if row is None else _ticket_record(row)

    async def get_by_code(self, code: str) -> TicketRecord | None:
        row = (await self._session.execute(select(Ticket).where(Ticket.code == code))).scalar()
        return None if row is None else _ticket_record(row)

    async def by_source_question(self, question_id: int) -> TicketRecord | None:
        statement = select(Ticket).where(Ticket.source_question_id == question_id)
        row = (await self._session.execute(statement)).scalar()
        return None if row is None else _ticket_record(row)

    async def card_location(self, ticket_id: int) -> tuple[int | None, int | None]:
        statement = select(Ticket.admin_chat_id, Ticket.admin_message_id).where(
            Ticket.id == ticket_id
        )
        row = (await self._session.execute(statement)).one_or_none()
        return (None, None) if row is None else (row[0], row[1])

    async def change(self, ticket_id: int, **values: Any) -> TicketRecord:
        await self._session.execute(update(Ticket).where(Ticket.id == ticket_id).values(**values))
        changed = await self.get(ticket_id)
        if changed is None:
            raise LookupError(f"ticket {ticket_id} vanished")
        return changed

    # --- the dashboard's queue ---------------------------------------------------------------

    async def search(self, criteria: TicketCriteria, limit: int, offset: int) -> list[TicketRecord]:
        order = (
            (Ticket.created_at.desc(), Ticket.id.desc())
            if criteria.newest_first
            else (Ticket.created_at, Ticket.id)
        )
        statement = (
            select(Ticket).where(*_matching(criteria)).order_by(*order).limit(limit).offset(offset)
        )
        return [_ticket_record(row) for row in (await self._session.execute(statement)).scalars()]

    async def count_matching(self, criteria: TicketCriteria) -> int:
        statement = select(func.count(Ticket.id)).where(*_matching(criteria))
        return int((await self._session.execute(statement)).scalar_one())

    async def count_by_department(self, criteria: TicketCriteria) -> list[DepartmentCount]:
        """How many tickets match, per department (None: not yet assigned to one)."""
        statement = (
            select(Ticket.department, func.count(Ticket.id))
            .where(*_matching(criteria))
            .group_by(Ticket.department)
        )
        rows = (await self._session.execute(statement)).all()
        return [DepartmentCount(department, int(count)) for department, count in rows]

    async def awaiting_kinds(self) -> list[tuple[str, str | None]]:
        """The (topic, department) pairs of tickets awaiting an answer: each has its deadline."""
        statement = (
            select(Ticket.topic, Ticket.department)
            .where(Ticket.status.in_(AWAITING_ANSWER))
            .group_by(Ticket.topic, Ticket.department)
        )
        return [(topic, department) for topic, department in await self._session.execute(statement)]

    async def group_sizes(self, ticket_ids: Collection[int]) -> dict[int, int]:
        """How many tickets each group has (the first ticket and those linked to it)."""
        if not ticket_ids:
            return {}
        statement = (
            select(Ticket.cluster_id, func.count(Ticket.id))
            .where(Ticket.cluster_id.in_(list(ticket_ids)))
            .group_by(Ticket.cluster_id)
        )
        rows = (await self._session.execute(statement)).all()
        linked = {int(head): int(count) for head, count in rows if head is not None}
        return {ticket_id: linked.get(ticket_id, 0) + 1 for ticket_id in ticket_ids}

    async def in_group(self, head_id: int) -> list[TicketRecord]:
        """The group's first ticket and every ticket linked to it, oldest first."""
        statement = (
            select(Ticket)
            .where((Ticket.id == head_id) | (Ticket.cluster_id == head_id))
            .order_by(Ticket.created_at, Ticket.id)
        )
        return [_ticket_record(row) for row in (await self._session.execute(statement)).scalars()]

    async def without_search_text(self, limit: int) -> list[TicketRecord]:
        statement = (
            select(Ticket).where(Ticket.search_text.is_(None)).order_by(Ticket.id).limit(limit)
        )
        return [_ticket_record(row) for row in (await self._session.execute(statement)).scalars()]

    async def set_search_text(self, ticket_id: int, search_text: str) -> None:
        await self._session.execute(
            update(Ticket).where(Ticket.id == ticket_id).values(search_text=search_text)
        )

    async def append_search_text(self, ticket_id: int, folded: str) -> None:
        """Add a reply's folded text. A ticket not yet indexed is left alone: the backfill
        reads its replies with the rest."""
        await self._session.execute(
            update(Ticket)
            .where(Ticket.id == ticket_id, Ticket.search_text.is_not(None))
            .values(search_text=Ticket.search_text.concat(" " + folded))
        )

    async def count_filed_since(self, resident_id: int, since: dt.datetime) -> int:
        statement = select(func.count(Ticket.id)).where(
            Ticket.resident_id == resident_id, Ticket.created_at >= since
        )
        return int((await self._session.execute(statement)).scalar_one())

    async def oldest_filed_since(self, resident_id: int, since: dt.datetime) -> dt.datetime | None:
        statement = select(func.min(Ticket.created_at)).where(
            Ticket.resident_id == resident_id, Ticket.created_at >= since
        )
        value: dt.datetime | None = (await self._session.execute(statement)).scalar()
        if value is not None and value.tzinfo is None:
            value = value.replace(tzinfo=dt.UTC)  # aggregate results skip the column type
        return value

    async def for_resident(self, resident_id: int, limit: int, offset: int) -> list[TicketRecord]:
        statement = (
            select(Ticket)
            .where(Ticket.resident_id == resident_id)
            .order_by(Ticket.created_at.desc(), Ticket.id.desc())
            .limit(limit)
            .offset(offset)
        )
        return [_ticket_record(row) for row in (await self._session.execute(statement)).scalars()]

    async def count_for_resident(self, resident_id: int) -> int:
        statement = select(func.count(Ticket.id)).where(Ticket.resident_id == resident_id)
        return int((await self._session.execute(statement)).scalar_one())

    async def with_status(
        self, statuses: Collection[str], limit: int, offset: int
    ) -> list[TicketRecord]:
        statement = (
            select(Ticket)
            .where(Ticket.status.in_(statuses))
            .order_by(Ticket.created_at, Ticket.id)
            .limit(limit)
            .offset(offset)
        )
        return [_ticket_record(row) for row in (await self._session.execute(statement)).scalars()]

    async def count_with_status(self, statuses: Collection[str]) -> int:
        statement = select(func.count(Ticket.id)).where(Ticket.status.in_(statuses))
        return int((await self._session.execute(statement)).scalar_one())

    async def similar_candidates(self, which: CandidateFilter) -> list[SimilarCandidate]:
        """Recent tickets' texts to compare with a new one, newest first."""
        statement = select(
            Ticket.id, Ticket.code, Ticket.cluster_id, Ticket.resident_id, Ticket.text
        ).where(Ticket.status.in_(which.statuses), Ticket.created_at >= which.since)
        if which.resident_id is not None:
            statement = statement.where(Ticket.resident_id == which.resident_id)
        if which.other_than_resident is not None:
            statement = statement.where(Ticket.resident_id != which.other_than_resident)
        if which.topic is not None:
            statement = statement.where(Ticket.topic == which.topic)
        statement = statement.order_by(Ticket.created_at.desc()).limit(which.limit)
        rows = (await self._session.execute(statement)).all()
        return [SimilarCandidate(*row) for row in rows]

    async def residents_in_cluster(self, cluster_id: int) -> int:
        """How many different residents raised the same thing."""
        statement = select(func.count(func.distinct(Ticket.resident_id))).where(
            (Ticket.cluster_id == cluster_id) | (Ticket.id == cluster_id)
        )
        return int((await self._session.execute(statement)).scalar_one())

    async def cluster_members(self, cluster_id: int) -> list[TicketRecord]:
        statement = (
            select(Ticket)
            .where((Ticket.cluster_id == cluster_id) | (Ticket.id == cluster_id))
            .order_by(Ticket.id)
        )
        return [_ticket_record(row) for row in (await self._session.execute(statement)).scalars()]

    async def published(self, limit: int, offset: int) -> list[TicketRecord]:
        statement = (
            select(Ticket)
            .where(Ticket.published.is_(True), Ticket.publish_consent.is_(True))
            .order_by(Ticket.first_answered_at.desc(), Ticket.id.desc())
            .limit(limit)
            .offset(offset)
        )
        return [_ticket_record(row) for row in (await self._session.execute(statement)).scalars()]

    async def count_published(self) -> int:
        statement = select(func.count(Ticket.id)).where(
            Ticket.published.is_(True), Ticket.publish_consent.is_(True)
        )
        return int((await self._session.execute(statement)).scalar_one())

    async def count_by_status(self) -> dict[str, int]:
        rows = await self._session.execute(
            select(Ticket.status, func.count(Ticket.id)).group_by(Ticket.status)
        )
        return {status: int(count) for status, count in rows.all()}

    async def counts(self) -> TicketCounts:
        by_status = await self._session.execute(
            select(Ticket.status, func.count(Ticket.id)).group_by(Ticket.status)
        )
        by_topic = await self._session.execute(
            select(Ticket.topic, func.count(Ticket.id)).group_by(Ticket.topic)
        )
        answered = await self._session.execute(
            select(func.count(Ticket.first_answer_ms)).where(Ticket.first_answer_ms.is_not(None))
        )
        return TicketCounts(
            by_status={status: int(count) for status, count in by_status.all()},
            by_topic={topic: int(count) for topic, count in by_topic.all()},
            answered=int(answered.scalar_one()),
        )


def _matching(criteria: TicketCriteria) -> list[ColumnElement[bool]]:
    conditions: list[ColumnElement[bool]] = []
    if criteria.statuses:
        conditions.append(Ticket.status.in_(criteria.statuses))
    if criteria.topic:
        conditions.append(Ticket.topic == criteria.topic)
    if criteria.department:
        conditions.append(Ticket.department == criteria.department)
    if criteria.no_department:
        conditions.append(Ticket.department.is_(None))
    if criteria.created_from:
        conditions.append(Ticket.created_at >= criteria.created_from)
    if criteria.created_before:
        conditions.append(Ticket.created_at < criteria.created_before)
    if criteria.has_photo is not None:
        has = Ticket.photo_file_id.is_not(None)
        conditions.append(has if criteria.has_photo else ~has)
    for word in criteria.words:
        conditions.append(_word_matches(word))
    if criteria.assignee_account_id is not None:
        conditions.append(Ticket.assignee_account_id == criteria.assignee_account_id)
    if criteria.overdue is not None:
        conditions.append(Ticket.status.in_(AWAITING_ANSWER))
        late = [
            and_(
                Ticket.topic == cutoff.topic,
                Ticket.department.is_(None)
                if cutoff.department is None
                else Ticket.department == cutoff.department,
                Ticket.created_at < cutoff.filed_before,
            )
            for cutoff in criteria.overdue
        ]
        conditions.append(or_(*late) if late else false())
    return conditions


def _word_matches(word: SearchWord) -> ColumnElement[bool]:
    # Bound parameters, and LIKE's own wildcards escaped: "50%" means fifty percent.
    escaped = word.folded.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    matches = Ticket.search_text.like(f"%{escaped}%", escape="\\") | (
        Ticket.code == word.folded.upper()
    )
    if word.topics:
        matches = matches | Ticket.topic.in_(word.topics)
    return matches
