"""Audit rows: who did what to which ticket or account, written in the caller's transaction."""

from __future__ import annotations

import datetime as dt

from bot.domain.records import AuditRecord, TicketRecord
from bot.services.kernel.actor import Actor


def audit_entry(  # noqa: PLR0913 - mirrors the audit row; the optional fields keyword-only
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
