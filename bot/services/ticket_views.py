"""Builds what a card or a resident's screen shows of a ticket, and writes audit entries."""

from __future__ import annotations

import datetime as dt

from bot.i18n import DEFAULT_LANGUAGE, as_language
from bot.services.dto import Actor
from bot.services.feedback_model import TicketView
from bot.services.knowledge import LiveKnowledge
from storage.records import AuditRecord, TicketRecord
from storage.uow import UnitOfWork

HISTORY_SHOWN = 8  # the card lists the latest actions; the audit log keeps them all


class TicketViews:
    def __init__(self, knowledge: LiveKnowledge) -> None:
        self._knowledge = knowledge

    async def build(self, uow: UnitOfWork, ticket: TicketRecord) -> TicketView:
        group_id = ticket.cluster_id or ticket.id
        group_code: str | None = None
        if ticket.cluster_id is not None:
            first = await uow.tickets.get(ticket.cluster_id)
            group_code = first.code if first else None
        resident = await uow.residents.get(ticket.resident_id)
        chosen = as_language(resident.language) if resident else None
        kb = self._knowledge.current.kb
        return TicketView(
            ticket=ticket,
            topic=kb.areas.get(ticket.topic),
            department=kb.departments.get(ticket.department) if ticket.department else None,
            replies=tuple(await uow.replies.for_ticket(ticket.id)),
            history=tuple(await uow.audit.for_ticket(ticket.id, limit=HISTORY_SHOWN)),
            residents_raising=await uow.tickets.residents_in_cluster(group_id),
            group_code=group_code,
            resident_language=chosen or as_language(ticket.language) or DEFAULT_LANGUAGE,
        )


def audit_entry(
    actor: Actor,
    label: str,
    action: str,
    at: dt.datetime,
    ticket: TicketRecord | None = None,
    *,
    to_status: str | None = None,
    detail: str | None = None,
    new: bool = False,
) -> AuditRecord:
    """An audit row for `action` on `ticket` (new=True: the ticket was just created)."""
    return AuditRecord(
        at=at,
        actor_kind=actor.kind.value,
        actor_id=actor.user_id,
        actor_name=label[:128],
        action=action,
        ticket_id=ticket.id if ticket else None,
        from_status=None if ticket is None or new else ticket.status,
        to_status=to_status,
        detail=detail,
        account_id=actor.account_id,
    )
