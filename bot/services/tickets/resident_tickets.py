"""Residents' side of feedback: one-press tickets, their own tickets, and the public register."""

from __future__ import annotations

import logging

from bot.domain.errors import PermissionDenied, RatingOutOfRange, TicketNotFound
from bot.domain.records import OTHER_TOPIC, TicketForm, TicketRecord
from bot.domain.statuses import TicketMove
from bot.domain.ticket_states import PUBLISHABLE_STATUSES, next_status
from bot.services.kernel.actor import Actor
from bot.services.kernel.audit import AuditNote, audit_entry
from bot.services.kernel.backing import Backing
from bot.services.tickets.events import TicketEvents
from bot.services.tickets.filing_rules import TicketFiling
from bot.services.tickets.model import (
    Filed,
    Page,
    Paging,
    PublicAnswer,
    TicketChange,
    TicketEvent,
    TicketView,
)
from bot.services.tickets.publishing import public_preview
from bot.services.tickets.views import TicketViews
from storage.uow import UnitOfWork

logger = logging.getLogger(__name__)

MY_TICKETS_PAGE = 5
REGISTER_PAGE = 3
RATINGS = range(1, 6)


class FeedbackService:
    def __init__(
        self, backing: Backing, filing: TicketFiling, views: TicketViews, events: TicketEvents
    ) -> None:
        self._uow = backing.uow
        self._knowledge = backing.knowledge
        self._filing = filing
        self._views = views
        self._events = events
        self._clock = backing.clock

    async def file_question(self, actor: Actor, question_id: int) -> Filed:
        """One press on "send to the committee": the question the resident asked, as a ticket."""
        async with self._uow() as uow:
            question = await uow.questions.get(question_id)
            if question is None or question.resident_id != actor.user_id:
                logger.warning("user %s pressed for question %s", actor.user_id, question_id)
                raise PermissionDenied("not this resident's question")
            existing = await uow.tickets.by_source_question(question_id)
            if existing is not None:
                return Filed(await self._views.build(uow, existing), created=False)
            form = TicketForm(
                topic=OTHER_TOPIC,
                text=question.text,
                photo_file_id=None,
                latitude=None,
                longitude=None,
                anonymous=True,  # one press gives no chance to choose: the safer default
                author_name=None,
                language=question.language,
                source_question_id=question_id,
            )
            filed = await self._filing.file(uow, actor, form)
            await uow.commit()
        self._filing.announce(self._events, filed)
        return Filed(filed.view, created=True)

    async def my_tickets(self, actor: Actor, page: int = 0) -> Page[TicketRecord]:
        resident_id = _resident(actor)
        async with self._uow() as uow:
            total = await uow.tickets.count_for_resident(resident_id)
            paging = Paging.of(page, total, MY_TICKETS_PAGE)
            items = await uow.tickets.for_resident(resident_id, paging.size, paging.offset)
        return Page(items, paging.page, paging.pages, total)

    async def my_ticket(self, actor: Actor, ticket_id: int) -> TicketView:
        async with self._uow() as uow:
            ticket = await self._own(uow, actor, ticket_id)
            return await self._views.build(uow, ticket)

    async def confirm_resolved(self, actor: Actor, ticket_id: int) -> TicketView:
        return await self._resident_move(
            actor, ticket_id, TicketMove.CONFIRM_RESOLVED, "resolved", TicketEvent.RESOLVED
        )

    async def reopen(self, actor: Actor, ticket_id: int) -> TicketView:
        return await self._resident_move(
            actor, ticket_id, TicketMove.REOPEN, "reopened", TicketEvent.REOPENED
        )

    async def rate(self, actor: Actor, ticket_id: int, stars: int) -> TicketView:
        """Rate the answer (1-5) once there is one; a new rating replaces the old."""
        if stars not in RATINGS:
            raise RatingOutOfRange()
        async with self._uow() as uow:
            ticket = await self._own(uow, actor, ticket_id, for_update=True)
            if ticket.status not in PUBLISHABLE_STATUSES or not ticket.first_answered_at:
                raise TicketNotFound("nothing to rate yet")
            now = self._clock()
            changed = await uow.tickets.change(ticket.id, rating=stars, updated_at=now)
            label = _resident_label(ticket)
            await uow.audit.add(
                audit_entry(actor, label, "rated", now, AuditNote(ticket, detail=str(stars)))
            )
            view = await self._views.build(uow, changed)
            await uow.commit()
        self._events.publish(TicketChange(view, TicketEvent.RATED, by=label))
        return view

    async def withdraw_consent(self, actor: Actor, ticket_id: int) -> TicketView:
        """The resident no longer allows publishing: unpublished at once, audited."""
        async with self._uow() as uow:
            ticket = await self._own(uow, actor, ticket_id, for_update=True)
            now = self._clock()
            changed = await uow.tickets.change(
                ticket.id, publish_consent=False, published=False, updated_at=now
            )
            label = _resident_label(ticket)
            await uow.audit.add(
                audit_entry(actor, label, "consent_withdrawn", now, AuditNote(ticket))
            )
            view = await self._views.build(uow, changed)
            await uow.commit()
        self._events.publish(TicketChange(view, TicketEvent.UNPUBLISHED, by=label))
        return view

    async def public_register(self, page: int = 0) -> Page[PublicAnswer]:
        """Answered feedback officials chose to publish, personal data masked ("dân kiểm tra")."""
        async with self._uow() as uow:
            total = await uow.tickets.count_published()
            paging = Paging.of(page, total, REGISTER_PAGE)
            tickets = await uow.tickets.published(paging.size, paging.offset)
            entries = []
            for ticket in tickets:
                replies = await uow.replies.for_ticket(ticket.id)
                if not replies or ticket.first_answered_at is None:
                    continue
                preview = public_preview(ticket, replies)
                entries.append(
                    PublicAnswer(
                        code=ticket.code,
                        topic=self._knowledge.current.kb.areas.get(ticket.topic),
                        question=preview.question,
                        answer=preview.answer,
                        answered_at=ticket.first_answered_at,
                        status=ticket.status,
                    )
                )
        return Page(entries, paging.page, paging.pages, total)

    # ---------------------------------------------------------------------------------------

    async def _resident_move(
        self, actor: Actor, ticket_id: int, move: TicketMove, action: str, event: TicketEvent
    ) -> TicketView:
        async with self._uow() as uow:
            ticket = await self._own(uow, actor, ticket_id, for_update=True)
            target = next_status(ticket.status, move)
            now = self._clock()
            changed = await uow.tickets.change(ticket.id, status=target, updated_at=now)
            label = _resident_label(ticket)
            await uow.audit.add(
                audit_entry(actor, label, action, now, AuditNote(ticket, to_status=target))
            )
            view = await self._views.build(uow, changed)
            await uow.commit()
        self._events.publish(TicketChange(view, event, by=label))
        return view

    async def _own(
        self, uow: UnitOfWork, actor: Actor, ticket_id: int, *, for_update: bool = False
    ) -> TicketRecord:
        ticket = await uow.tickets.get(ticket_id, for_update=for_update)
        if ticket is None or ticket.resident_id != actor.user_id:
            # Someone else's ticket and a missing one look the same: no probing.
            logger.warning("user %s asked for ticket %s", actor.user_id, ticket_id)
            raise TicketNotFound(str(ticket_id))
        return ticket


def _resident(actor: Actor) -> int:
    if actor.user_id is None:
        raise PermissionDenied("residents only")
    return actor.user_id


def _resident_label(ticket: TicketRecord) -> str:
    return ticket.author_name if not ticket.anonymous and ticket.author_name else "resident"
