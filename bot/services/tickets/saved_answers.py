"""Answers officials reuse, per topic, managed on the dashboard and picked when answering,
on the dashboard's ticket page (`desk.py`) or from a card in the officials' group.

`{name}` in a saved answer becomes the resident's name when it is picked for a named ticket;
an anonymous ticket (or one with no name) gets the neutral form of address the front end
passes (from the catalogs, in the ticket's language), so no name is ever guessed. A ticket is
offered the saved answers of its topic, then those for every topic (`offered_for`); any other
id is refused as `SavedAnswerNotFound` (`offered_answer`), whoever sent it.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from bot.domain.errors import SavedAnswerInvalid, SavedAnswerNotFound, TicketNotFound
from bot.domain.records import TicketRecord
from bot.domain.statuses import TicketMove
from bot.domain.ticket_states import next_status
from bot.domain.ticket_work import SavedAnswerForm, SavedAnswerRecord
from bot.i18n import Language
from bot.services.kernel.actor import Actor
from bot.services.kernel.audit import AuditNote, audit_entry
from bot.services.kernel.backing import Backing
from bot.services.kernel.officials import Officials, Permission
from bot.services.kernel.plain_text import clean_text, telegram_length
from bot.services.tickets.model import TicketView
from bot.services.tickets.views import TicketViews
from storage.uow import UnitOfWork

TITLE_MAX_CHARS = 120
NAME_PLACEHOLDER = "{name}"


def filled(text: str, ticket: TicketRecord, neutral: str) -> str:
    """A saved answer's text for this ticket: `{name}` as the resident's name, or `neutral`."""
    name = None if ticket.anonymous else (ticket.author_name or "").strip()
    return text.replace(NAME_PLACEHOLDER, name or neutral)


NeutralName = Callable[[Language], str]  # how an anonymous resident is addressed (catalogs)


async def offered_for(uow: UnitOfWork, ticket: TicketRecord) -> list[SavedAnswerRecord]:
    """The saved answers a ticket is offered: its topic's own first, then every topic's."""
    saved = await uow.saved_answers.listed(ticket.topic, every=False)
    saved.sort(key=lambda answer: answer.topic is None)
    return saved


async def offered_answer(
    uow: UnitOfWork, ticket: TicketRecord, answer_id: int
) -> SavedAnswerRecord:
    """The saved answer `answer_id` if the ticket is offered it; else SavedAnswerNotFound."""
    found = next((item for item in await offered_for(uow, ticket) if item.id == answer_id), None)
    if found is None:
        raise SavedAnswerNotFound(f"{answer_id} for ticket {ticket.id}")
    return found


@dataclass(frozen=True, slots=True)
class TicketSavedAnswers:
    """What an official answering a ticket may pick from."""

    view: TicketView
    answers: tuple[SavedAnswerRecord, ...]


@dataclass(frozen=True, slots=True)
class PickedAnswer:
    """A saved answer filled in for a ticket: the words the resident would receive."""

    view: TicketView
    answer: SavedAnswerRecord
    text: str


class SavedAnswers:
    def __init__(
        self, backing: Backing, officials: Officials, views: TicketViews, text_max_chars: int
    ) -> None:
        self._uow = backing.uow
        self._knowledge = backing.knowledge
        self._clock = backing.clock
        self._officials = officials
        self._views = views
        self._text_max = text_max_chars

    async def for_ticket(self, actor: Actor, ticket_id: int) -> TicketSavedAnswers:
        """The saved answers a ticket awaiting an answer is offered."""
        await self._officials.require(actor, Permission.MODERATE)
        async with self._uow() as uow:
            ticket = await self._answerable(uow, ticket_id)
            answers = tuple(await offered_for(uow, ticket))
            return TicketSavedAnswers(await self._views.build(uow, ticket), answers)

    async def pick(
        self, actor: Actor, ticket_id: int, answer_id: int, neutral_name: NeutralName
    ) -> PickedAnswer:
        """One of them, filled in for the ticket in the resident's language (nothing sent)."""
        await self._officials.require(actor, Permission.MODERATE)
        async with self._uow() as uow:
            ticket = await self._answerable(uow, ticket_id)
            answer = await offered_answer(uow, ticket, answer_id)
            view = await self._views.build(uow, ticket)
        text = filled(answer.text, ticket, neutral_name(view.resident_language))
        return PickedAnswer(view, answer, text)

    async def _answerable(self, uow: UnitOfWork, ticket_id: int) -> TicketRecord:
        ticket = await uow.tickets.get(ticket_id)
        if ticket is None:
            raise TicketNotFound(str(ticket_id))
        next_status(ticket.status, TicketMove.ANSWER)  # refused if it cannot be answered now
        return ticket

    async def listed(self, actor: Actor) -> list[SavedAnswerRecord]:
        await self._officials.require(actor, Permission.MODERATE)
        async with self._uow() as uow:
            return await uow.saved_answers.listed()

    async def get(self, actor: Actor, answer_id: int) -> SavedAnswerRecord:
        await self._officials.require(actor, Permission.MODERATE)
        async with self._uow() as uow:
            found = await uow.saved_answers.get(answer_id)
        if found is None:
            raise SavedAnswerNotFound(str(answer_id))
        return found

    async def save(
        self, actor: Actor, form: SavedAnswerForm, answer_id: int | None = None
    ) -> SavedAnswerRecord:
        """Add a saved answer (no id) or change one."""
        official = await self._officials.require(actor, Permission.MODERATE)
        checked = self._checked(form)
        async with self._uow() as uow:
            now = self._clock()
            if answer_id is None:
                saved = await uow.saved_answers.add(checked, official.label, now)
            elif await uow.saved_answers.change(answer_id, checked, official.label, now):
                saved = await uow.saved_answers.get(answer_id)  # type: ignore[assignment]
            else:
                raise SavedAnswerNotFound(str(answer_id))
            detail = f"{saved.id}: {saved.title}"[:200]
            await uow.audit.add(
                audit_entry(actor, official.label, "saved_answer", now, AuditNote(detail=detail))
            )
            await uow.commit()
        return saved

    async def remove(self, actor: Actor, answer_id: int) -> None:
        official = await self._officials.require(actor, Permission.MODERATE)
        async with self._uow() as uow:
            if not await uow.saved_answers.remove(answer_id):
                raise SavedAnswerNotFound(str(answer_id))
            now = self._clock()
            note = AuditNote(detail=f"{answer_id}")
            await uow.audit.add(
                audit_entry(actor, official.label, "saved_answer_removed", now, note)
            )
            await uow.commit()

    def _checked(self, form: SavedAnswerForm) -> SavedAnswerForm:
        title = " ".join(clean_text(form.title).split())
        text = clean_text(form.text)
        topic = (form.topic or "").strip() or None
        if not title or len(title) > TITLE_MAX_CHARS:
            raise SavedAnswerInvalid("title")
        if not any(ch.isalnum() for ch in text) or telegram_length(text) > self._text_max:
            raise SavedAnswerInvalid("text")
        if topic is not None and topic not in self._knowledge.current.kb.areas:
            raise SavedAnswerInvalid("topic")
        return SavedAnswerForm(topic, title, text)
