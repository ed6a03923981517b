"""Audit rows: who did what to which ticket or account, written in the caller's transaction."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from bot.domain.records import AuditRecord, TicketRecord
from bot.services.kernel.actor import Actor


@dataclass(frozen=True, slots=True)
class AuditNote:
    """What an audit row says of the action besides who did it and when: the ticket it was on,
    the status the ticket moved to (from its own; from none for a ticket just filed, new=True),
    and a detail (a reason, a username, the filters of an export)."""

    ticket: TicketRecord | None = None
    to_status: str | None = None
    detail: str | None = None
    new: bool = False


def audit_entry(
    actor: Actor, label: str, action: str, at: dt.datetime, note: AuditNote | None = None
) -> AuditRecord:
    """An audit row for `action` by `actor`, shown in the log as `label`."""
    ticket = note.ticket if note else None
    return AuditRecord(
        at=at,
        actor_kind=actor.kind.value,
        actor_id=actor.user_id,
        actor_name=label[:128],
        action=action,
        ticket_id=ticket.id if ticket else None,
        from_status=None if ticket is None or (note and note.new) else ticket.status,
        to_status=note.to_status if note else None,
        detail=note.detail if note else None,
        account_id=actor.account_id,
    )
