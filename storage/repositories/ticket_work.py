"""Repositories of officials' internal notes, saved answers and overdue reminders."""

from __future__ import annotations

import datetime as dt
from collections.abc import Collection

from sqlalchemy import delete, or_, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from bot.domain.ticket_work import NoteRecord, SavedAnswerForm, SavedAnswerRecord
from storage.models import SavedAnswer, TicketNote, TicketReminder
from storage.repositories.common import dialect_insert, row_record

NOTES_LIMIT = 500  # a ticket's notes (a handful in practice), bounded


class NoteRepository:
    def __init__(self, session: AsyncSession) -> None:
        self._session = session

    async def add(
        self, ticket_id: int, account_id: int | None, author: str, text: str, at: dt.datetime
    ) -> NoteRecord:
        row = TicketNote(
            ticket_id=ticket_id, account_id=account_id, author_name=author, text=text, created_at=at
        )
        self._session.add(row)
        await self._session.flush()
        return row_record(NoteRecord, row)

    async def for_ticket(self, ticket_id: int) -> list[NoteRecord]:
        statement = (
            select(TicketNote)
            .where(TicketNote.ticket_id == ticket_id)
            .order_by(TicketNote.created_at, TicketNote.id)
            .limit(NOTES_LIMIT)
        )
        rows = (await self._session.execute(statement)).scalars()
        return [row_record(NoteRecord, row) for row in rows]


class SavedAnswerRepository:
    def __init__(self, session: AsyncSession) -> None:
        self._session = session

    async def add(self, form: SavedAnswerForm, by: str, at: dt.datetime) -> SavedAnswerRecord:
        row = SavedAnswer(
            topic=form.topic, title=form.title, text=form.text, updated_by=by, updated_at=at
        )
        self._session.add(row)
        await self._session.flush()
        return row_record(SavedAnswerRecord, row)

    async def get(self, answer_id: int) -> SavedAnswerRecord | None:
        row = await self._session.get(SavedAnswer, answer_id)
        return None if row is None else row_record(SavedAnswerRecord, row)

    async def change(self, answer_id: int, form: SavedAnswerForm, by: str, at: dt.datetime) -> bool:
        result = await self._session.execute(
            update(SavedAnswer)
            .where(SavedAnswer.id == answer_id)
            .values(
                topic=form.topic, title=form.title, text=form.text, updated_by=by, updated_at=at
            )
        )
        return bool(getattr(result, "rowcount", 0))

    async def remove(self, answer_id: int) -> bool:
        result = await self._session.execute(delete(SavedAnswer).where(SavedAnswer.id == answer_id))
        return bool(getattr(result, "rowcount", 0))

    async def listed(
        self, topic: str | None = None, *, every: bool = True
    ) -> list[SavedAnswerRecord]:
        """All saved answers (`every`), or those for `topic` and for every topic."""
        statement = select(SavedAnswer).order_by(
            SavedAnswer.topic, SavedAnswer.title, SavedAnswer.id
        )
        if not every:
            statement = statement.where(
                or_(SavedAnswer.topic.is_(None), SavedAnswer.topic == topic)
            )
        rows = (await self._session.execute(statement)).scalars()
        return [row_record(SavedAnswerRecord, row) for row in rows]


class ReminderRepository:
    def __init__(self, session: AsyncSession) -> None:
        self._session = session

    async def claim(self, ticket_ids: Collection[int], day: dt.date, at: dt.datetime) -> set[int]:
        """The tickets of `ticket_ids` nobody reminded of on `day` yet, now claimed for this
        caller: a concurrent claim of the same ticket and day waits for this one's commit and
        then gets nothing (the primary key decides)."""
        if not ticket_ids:
            return set()
        statement = (
            dialect_insert(self._session)(TicketReminder)
            .values(
                [{"ticket_id": ticket_id, "day": day, "claimed_at": at} for ticket_id in ticket_ids]
            )
            .on_conflict_do_nothing(index_elements=[TicketReminder.ticket_id, TicketReminder.day])
            .returning(TicketReminder.ticket_id)
        )
        return {int(ticket_id) for ticket_id in (await self._session.execute(statement)).scalars()}

    async def reminded_before(self, ticket_ids: Collection[int], day: dt.date) -> set[int]:
        """The tickets of `ticket_ids` already reminded of on a day before `day`."""
        if not ticket_ids:
            return set()
        statement = (
            select(TicketReminder.ticket_id)
            .where(TicketReminder.ticket_id.in_(list(ticket_ids)), TicketReminder.day < day)
            .distinct()
        )
        return {int(ticket_id) for ticket_id in (await self._session.execute(statement)).scalars()}

    async def release(self, ticket_ids: Collection[int], day: dt.date) -> None:
        """Give claims back (the reminder could not be sent): the next run tries again."""
        if ticket_ids:
            await self._session.execute(
                delete(TicketReminder).where(
                    TicketReminder.ticket_id.in_(list(ticket_ids)), TicketReminder.day == day
                )
            )
