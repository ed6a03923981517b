"""The dashboard's ticket page in one call: the ticket's full record (queue.TicketSearch), its
internal notes, the saved answers for its topic (one picked and filled in, ready to send), and
the officials it may be given to."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from bot.domain.ticket_work import NoteRecord, SavedAnswerRecord
from bot.i18n import Language
from bot.services.kernel.actor import Actor
from bot.services.kernel.backing import Backing
from bot.services.tickets.assignment import Assignee, assignees
from bot.services.tickets.queue import TicketDetail, TicketSearch
from bot.services.tickets.saved_answers import filled, offered_for


@dataclass(frozen=True, slots=True)
class DeskPage:
    detail: TicketDetail
    notes: tuple[NoteRecord, ...]  # for officials only
    saved_answers: tuple[SavedAnswerRecord, ...]  # for its topic, then for every topic
    draft: str  # the picked saved answer, filled in for this ticket ("" if none was picked)
    assignees: tuple[Assignee, ...]
    assignee: Assignee | None  # who the ticket is given to


class TicketDesk:
    def __init__(self, backing: Backing, search: TicketSearch) -> None:
        self._uow = backing.uow
        self._search = search

    async def page(
        self,
        actor: Actor,
        ticket_id: int,
        pick: int | None = None,
        neutral_name: Callable[[Language], str] = lambda _language: "",
    ) -> DeskPage:
        """`pick`: a saved answer to fill in (an id not offered for this ticket is ignored);
        `neutral_name`: how an anonymous resident is addressed in a language (the catalogs')."""
        detail = await self._search.detail(actor, ticket_id)  # checks the permission
        ticket = detail.ticket
        async with self._uow() as uow:
            notes = tuple(await uow.ticket_notes.for_ticket(ticket.id))
            saved = await offered_for(uow, ticket)  # its topic's own first
            people = tuple(await assignees(uow))
        chosen = next((answer for answer in saved if answer.id == pick), None)
        given = next(
            (person for person in people if person.account_id == ticket.assignee_account_id),
            None,
        )
        return DeskPage(
            detail=detail,
            notes=notes,
            saved_answers=tuple(saved),
            draft=filled(chosen.text, ticket, neutral_name(detail.view.resident_language))
            if chosen
            else "",
            assignees=people,
            assignee=given,
        )
