"""What residents' rights need of the database: everything tied to one resident, and the
closed tickets whose personal data has been kept long enough."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Collection

from sqlalchemy import delete, func, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from bot.domain.records import TicketRecord
from storage.models import (
    AuditEntry,
    Delivery,
    FeedbackDraft,
    Notice,
    QuestionLog,
    Resident,
    Subscription,
    SubscriptionTopic,
    Ticket,
    TicketNote,
    TicketReply,
)
from storage.repositories.common import dialect_insert
from storage.repositories.common import row_record as _record
from storage.repositories.notices import UNFINISHED

# Tickets of residents who asked to be forgotten belong to this placeholder resident (Telegram
# user ids are positive): the tickets stay for statistics, linked to nobody.
FORGOTTEN_RESIDENT = 0


class PrivacyRepository:
    def __init__(self, session: AsyncSession) -> None:
        self._session = session

    async def tickets_of(self, resident_id: int) -> list[TicketRecord]:
        statement = (
            select(Ticket).where(Ticket.resident_id == resident_id).order_by(Ticket.created_at)
        )
        rows = (await self._session.execute(statement)).scalars()
        return [_record(TicketRecord, row) for row in rows]

    async def expired(
        self, statuses: Collection[str], closed_before: dt.datetime, limit: int
    ) -> list[TicketRecord]:
        """Closed tickets last changed before the cutoff and not yet anonymised."""
        statement = (
            select(Ticket)
            .where(
                Ticket.status.in_(list(statuses)),
                Ticket.updated_at < closed_before,
                Ticket.anonymised_at.is_(None),
            )
            .order_by(Ticket.updated_at, Ticket.id)
            .limit(limit)
        )
        rows = (await self._session.execute(statement)).scalars()
        return [_record(TicketRecord, row) for row in rows]

    async def rewrite_replies(self, ticket_id: int, rewrite: Callable[[str], str]) -> None:
        """Officials' answers to the ticket, each passed through ``rewrite`` (the masking)."""
        statement = select(TicketReply.id, TicketReply.text).where(
            TicketReply.ticket_id == ticket_id
        )
        for reply_id, text in (await self._session.execute(statement)).all():
            await self._session.execute(
                update(TicketReply).where(TicketReply.id == reply_id).values(text=rewrite(text))
            )

    async def rewrite_notes(self, ticket_id: int, rewrite: Callable[[str], str]) -> None:
        """Officials' internal notes on the ticket, each passed through ``rewrite``: a note may
        name the resident or give their number as well as an answer."""
        statement = select(TicketNote.id, TicketNote.text).where(TicketNote.ticket_id == ticket_id)
        for note_id, text in (await self._session.execute(statement)).all():
            await self._session.execute(
                update(TicketNote).where(TicketNote.id == note_id).values(text=rewrite(text))
            )

    async def unlink_audit(self, resident_id: int, label: str) -> None:
        """The resident's own audit rows keep what happened, not who did it."""
        await self._session.execute(
            update(AuditEntry)
            .where(AuditEntry.actor_kind == "resident", AuditEntry.actor_id == resident_id)
            .values(actor_id=None, actor_name=label)
        )

    async def questions_of(self, resident_id: int) -> list[tuple[int, str]]:
        statement = select(QuestionLog.id, QuestionLog.text).where(
            QuestionLog.resident_id == resident_id
        )
        return [(row[0], row[1]) for row in await self._session.execute(statement)]

    async def unlink_question(self, question_id: int, text: str) -> None:
        await self._session.execute(
            update(QuestionLog)
            .where(QuestionLog.id == question_id)
            .values(resident_id=None, text=text)
        )

    async def count_questions(self, resident_id: int) -> int:
        statement = select(func.count(QuestionLog.id)).where(QuestionLog.resident_id == resident_id)
        return int((await self._session.execute(statement)).scalar_one())

    async def forget_deliveries(self, chat_id: int) -> int:
        """Broadcast deliveries and ticket notices name the resident's chat (and a notice the
        official's words to them): gone, sent or not; nothing is sent to a forgotten resident."""
        result = await self._session.execute(delete(Delivery).where(Delivery.chat_id == chat_id))
        await self._session.execute(delete(Notice).where(Notice.chat_id == chat_id))
        return int(getattr(result, "rowcount", 0) or 0)

    async def forget_finished_notices(self, ticket_id: int) -> None:
        """An anonymised ticket's notices that are done with: they name the resident's chat
        and hold the answer as it was sent, before masking."""
        await self._session.execute(
            delete(Notice).where(Notice.ticket_id == ticket_id, Notice.status.not_in(UNFINISHED))
        )

    async def delete_resident(self, resident_id: int) -> bool:
        """The resident's row, subscription, topics and draft (explicitly: SQLite may not
        enforce ON DELETE CASCADE)."""
        for table, column in (
            (SubscriptionTopic, SubscriptionTopic.resident_id),
            (Subscription, Subscription.resident_id),
            (FeedbackDraft, FeedbackDraft.resident_id),
        ):
            await self._session.execute(delete(table).where(column == resident_id))
        result = await self._session.execute(delete(Resident).where(Resident.id == resident_id))
        return bool(getattr(result, "rowcount", 0))

    async def ensure_placeholder(self, now: dt.datetime) -> None:
        statement = (
            dialect_insert(self._session)(Resident)
            .values(id=FORGOTTEN_RESIDENT, first_seen=now, last_seen=now)
            .on_conflict_do_nothing(index_elements=[Resident.id])
        )
        await self._session.execute(statement)
