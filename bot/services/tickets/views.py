"""Builds what a card or a resident's screen shows of a ticket, and writes audit entries."""

from __future__ import annotations

from bot.domain.records import TicketRecord
from bot.i18n import DEFAULT_LANGUAGE, as_language
from bot.services.kernel.live_knowledge import LiveKnowledge
from bot.services.tickets.deadlines import Deadlines
from bot.services.tickets.model import TicketView
from storage.uow import UnitOfWork

HISTORY_SHOWN = 8  # the card lists the latest actions; the audit log keeps them all


class TicketViews:
    def __init__(self, knowledge: LiveKnowledge, deadlines: Deadlines | None = None) -> None:
        self._knowledge = knowledge
        self.deadlines = deadlines or Deadlines()

    async def build(self, uow: UnitOfWork, ticket: TicketRecord) -> TicketView:
        group_id = ticket.cluster_id or ticket.id
        group_code: str | None = None
        if ticket.cluster_id is not None:
            first = await uow.tickets.get(ticket.cluster_id)
            group_code = first.code if first else None
        resident = await uow.residents.get(ticket.resident_id)
        chosen = as_language(resident.language) if resident else None
        kb = self._knowledge.current.kb
        due, overdue = self.deadlines.rules.deadline_of(ticket, self.deadlines.clock())
        return TicketView(
            ticket=ticket,
            topic=kb.areas.get(ticket.topic),
            department=kb.departments.get(ticket.department) if ticket.department else None,
            replies=tuple(await uow.replies.for_ticket(ticket.id)),
            history=tuple(await uow.audit.for_ticket(ticket.id, limit=HISTORY_SHOWN)),
            residents_raising=await uow.tickets.residents_in_cluster(group_id),
            group_code=group_code,
            resident_language=chosen or as_language(ticket.language) or DEFAULT_LANGUAGE,
            due=due,
            overdue=overdue,
        )
