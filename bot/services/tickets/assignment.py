"""A ticket given to a person (an official's dashboard account) as well as to a department.

Internal: the resident is not told who works on their ticket (no notice); the audit row names
the official it was given to.
"""

from __future__ import annotations

from dataclasses import dataclass

from bot.domain.errors import TicketNotFound, UnknownAssignee
from bot.domain.staff_records import StaffAccountRecord
from bot.services.kernel.actor import Actor, Role
from bot.services.kernel.audit import AuditNote, audit_entry
from bot.services.kernel.backing import Backing
from bot.services.kernel.officials import ROLE_PERMISSIONS, Officials, Permission
from storage.uow import UnitOfWork


@dataclass(frozen=True, slots=True)
class Assignee:
    account_id: int
    name: str


async def assignees(uow: UnitOfWork) -> list[Assignee]:
    """Enabled accounts that may work on tickets, by name."""
    return sorted(
        (
            Assignee(account.id, account.display_name)
            for account in await uow.staff_accounts.all()
            if _may_moderate(account)
        ),
        key=lambda person: (person.name.casefold(), person.account_id),
    )


def _may_moderate(account: StaffAccountRecord) -> bool:
    role = Role.__members__.get(account.role.upper())
    return (
        account.disabled_at is None
        and role is not None
        and Permission.MODERATE in ROLE_PERMISSIONS[role]
    )


class TicketAssignment:
    def __init__(self, backing: Backing, officials: Officials) -> None:
        self._uow = backing.uow
        self._clock = backing.clock
        self._officials = officials

    async def assign_person(self, actor: Actor, ticket_id: int, account_id: int | None) -> str:
        """Give the ticket to `account_id` (None: to nobody); the ticket's code."""
        official = await self._officials.require(actor, Permission.MODERATE)
        async with self._uow() as uow:
            ticket = await uow.tickets.get(ticket_id, for_update=True)
            if ticket is None:
                raise TicketNotFound(str(ticket_id))
            name = "—"
            if account_id is not None:
                chosen = {person.account_id: person for person in await assignees(uow)}
                if account_id not in chosen:
                    raise UnknownAssignee(str(account_id))
                name = chosen[account_id].name
            now = self._clock()
            await uow.tickets.change(ticket.id, assignee_account_id=account_id, updated_at=now)
            await uow.audit.add(
                audit_entry(
                    actor, official.label, "assign_person", now, AuditNote(ticket, detail=name)
                )
            )
            await uow.commit()
        return ticket.code
