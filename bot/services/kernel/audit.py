"""Audit rows: who did what to which ticket or account, written in the caller's transaction
(and a refused step's, in a unit of work of its own: `audit_refusal`)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from bot.domain.records import AuditRecord, TicketRecord
from bot.services.kernel.actor import Actor
from bot.services.kernel.officials import Officials
from storage.uow import UnitOfWorkFactory


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


async def audit_refusal(
    uow: UnitOfWorkFactory,
    officials: Officials,
    actor: Actor,
    refused: tuple[str, str],
    at: dt.datetime,
) -> None:
    """Audit a refused step, ``refused`` = (action, detail), in a unit of work of its own: the
    step's own, if it had begun, was rolled back with nothing changed. Only an official (or the
    system) is named: anyone else's refusal is logged (`Officials.require`), never written in
    the officials' log."""
    official = await officials.identify(actor)
    if official is None:
        return
    action, detail = refused
    async with uow() as unit:
        label = actor.name or official.label
        await unit.audit.add(audit_entry(actor, label, action, at, AuditNote(detail=detail)))
        await unit.commit()
