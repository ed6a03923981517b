"""Officials' internal notes on a ticket: for officials only, never for the resident.

A note lives in its own table, read only by the dashboard's ticket page (`TicketDesk`): it is
in no notice, no /myfeedback screen, no public register and no export. The audit row says a
note was written, not what it says.
"""

from __future__ import annotations

from bot.domain.errors import NoteInvalid, TicketNotFound
from bot.domain.ticket_work import NoteRecord
from bot.services.kernel.actor import Actor
from bot.services.kernel.audit import AuditNote, audit_entry
from bot.services.kernel.backing import Backing
from bot.services.kernel.officials import Officials, Permission
from bot.services.kernel.plain_text import clean_text, telegram_length

NOTE_MAX_CHARS = 2000


class TicketNotes:
    def __init__(self, backing: Backing, officials: Officials) -> None:
        self._uow = backing.uow
        self._clock = backing.clock
        self._officials = officials

    async def add(self, actor: Actor, ticket_id: int, text: str) -> NoteRecord:
        official = await self._officials.require(actor, Permission.MODERATE)
        cleaned = clean_text(text)
        if not any(ch.isalnum() for ch in cleaned) or telegram_length(cleaned) > NOTE_MAX_CHARS:
            raise NoteInvalid(NOTE_MAX_CHARS)
        async with self._uow() as uow:
            ticket = await uow.tickets.get(ticket_id)
            if ticket is None:
                raise TicketNotFound(str(ticket_id))
            now = self._clock()
            note = await uow.ticket_notes.add(
                ticket.id, actor.account_id, official.label, cleaned, now
            )
            await uow.audit.add(audit_entry(actor, official.label, "note", now, AuditNote(ticket)))
            await uow.commit()
        return note
