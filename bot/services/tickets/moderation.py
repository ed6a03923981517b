"""Officials' side of feedback: moderate, assign, answer, publish (bans: bans.py); every action
audited.

Each method checks the actor is an official first, whatever front end calls it (the admin
group, the dashboard, the CLI), and writes the audit entry, and the resident's notice of the
change, in the same transaction as the change.
"""

from __future__ import annotations

import datetime as dt
import logging
from dataclasses import dataclass
from typing import Any

from bot.domain.errors import (
    NoPublishConsent,
    NothingToPublish,
    PromptUsed,
    TextTooLong,
    TextTooShort,
    TicketNotFound,
    UnknownDepartment,
)
from bot.domain.records import (
    ReplyPromptRecord,
    ReplyRecord,
    TicketRecord,
)
from bot.domain.statuses import TicketMove, TicketStatus
from bot.domain.ticket_states import OPEN_STATUSES, PUBLISHABLE_STATUSES, next_status
from bot.services.kernel.actor import Actor
from bot.services.kernel.audit import AuditNote, audit_entry
from bot.services.kernel.backing import Backing
from bot.services.kernel.officials import Official, Officials, Permission
from bot.services.kernel.plain_text import clean_text, telegram_length
from bot.services.tickets.bans import ResidentBans
from bot.services.tickets.events import TicketEvents
from bot.services.tickets.filing_rules import normalize_code
from bot.services.tickets.model import (
    FeedbackLimits,
    Page,
    Paging,
    PublicPreview,
    TicketChange,
    TicketEvent,
    TicketStats,
    TicketView,
)
from bot.services.tickets.notices import ResidentNotices
from bot.services.tickets.publishing import public_preview
from bot.services.tickets.rejection import MoveDetails, Referrals, Rejections
from bot.services.tickets.saved_answers import NeutralName, filled, offered_answer
from bot.services.tickets.search_text import reply_search_text
from bot.services.tickets.views import TicketViews
from content.schema import Department
from content.where_to_go import default_where_to_go
from storage.uow import UnitOfWork

logger = logging.getLogger(__name__)

QUEUE_PAGE = 5
MILLISECOND = dt.timedelta(milliseconds=1)


@dataclass(frozen=True, slots=True)
class TicketNews:
    """Who hears of an official's action: the listeners (the card in the officials' group),
    and the resident, through a notice written in the action's transaction."""

    events: TicketEvents
    notices: ResidentNotices


class ModerationService(ResidentBans, Rejections):
    def __init__(
        self,
        backing: Backing,
        officials: Officials,
        views: TicketViews,
        news: TicketNews,
        limits: FeedbackLimits,
    ) -> None:
        self.referrals = Referrals(default_where_to_go())
        self._uow = backing.uow
        self._knowledge = backing.knowledge
        self._officials = officials
        self._views = views
        self._events = news.events
        self._notices = news.notices
        self._limits = limits
        self._clock = backing.clock

    @property
    def reply_max_chars(self) -> int:
        return self._limits.reply_max_chars

    # --- moves ----------------------------------------------------------------------------

    async def approve(self, actor: Actor, ticket_id: int) -> TicketView:
        return await self._move(actor, ticket_id, TicketMove.APPROVE, TicketEvent.APPROVED)

    async def assign(self, actor: Actor, ticket_id: int, department_key: str) -> TicketView:
        if department_key not in self._knowledge.current.kb.departments:
            raise UnknownDepartment(department_key)
        return await self._move(
            actor,
            ticket_id,
            TicketMove.ASSIGN,
            TicketEvent.ASSIGNED,
            detail=department_key,
            department=department_key,
        )

    async def close(self, actor: Actor, ticket_id: int) -> TicketView:
        return await self._move(actor, ticket_id, TicketMove.CLOSE, TicketEvent.CLOSED)

    async def answer(self, actor: Actor, ticket_id: int, text: str) -> TicketView:
        """Send an answer to the resident (recorded, and the ticket becomes answered)."""
        official = await self._officials.require(actor)
        async with self._uow() as uow:
            view = await self._answer(uow, actor, official, ticket_id, text)
            await uow.commit()
        self._notices.wake()
        self._publish(view, TicketEvent.ANSWERED, official, reply_text=view.replies[-1].text)
        return view

    async def answer_saved(
        self, actor: Actor, ticket_id: int, answer_id: int, neutral_name: NeutralName
    ) -> TicketView:
        """Send a saved answer the ticket is offered, filled in as `SavedAnswers.pick` shows
        it (read again here: what is sent is what the saved answer says now)."""
        official = await self._officials.require(actor)
        async with self._uow() as uow:
            ticket = await self._ticket(uow, ticket_id)
            answer = await offered_answer(uow, ticket, answer_id)
            language = (await self._views.build(uow, ticket)).resident_language
            text = filled(answer.text, ticket, neutral_name(language))
            note = f"saved answer {answer.id}"
            view = await self._answer(uow, actor, official, ticket_id, text, detail=note)
            await uow.commit()
        self._notices.wake()
        self._publish(view, TicketEvent.ANSWERED, official, reply_text=view.replies[-1].text)
        return view

    async def publish_preview(self, actor: Actor, ticket_id: int) -> PublicPreview:
        """The public version as /answers would show it, for the official to check first."""
        await self._officials.require(actor)
        async with self._uow() as uow:
            ticket = await self._ticket(uow, ticket_id)
            _check_publishable(ticket)
            replies = await uow.replies.for_ticket(ticket.id)
        return public_preview(ticket, replies)

    async def set_published(
        self, actor: Actor, ticket_id: int, published: bool, public_text: str | None = None
    ) -> TicketView:
        """Show (or withdraw) the answered ticket in the public register /answers: only with
        the resident's consent. ``public_text`` replaces the public version (the original stays
        private); it is masked again when shown."""
        official = await self._officials.require(actor)
        changes: dict[str, Any] = {"published": published}
        if public_text is not None:
            cleaned = clean_text(public_text)
            if not cleaned.strip():
                raise TextTooShort(1)
            if telegram_length(cleaned) > self._limits.max_chars:
                raise TextTooLong(self._limits.max_chars, telegram_length(cleaned))
            changes["public_text"] = cleaned
        async with self._uow() as uow:
            ticket = await self._ticket(uow, ticket_id, for_update=True)
            if published:
                _check_publishable(ticket)
            now = self._clock()
            changed = await uow.tickets.change(ticket.id, **changes, updated_at=now)
            action = "published" if published else "unpublished"
            await uow.audit.add(audit_entry(actor, official.label, action, now, AuditNote(ticket)))
            view = await self._views.build(uow, changed)
            event = TicketEvent.PUBLISHED if published else TicketEvent.UNPUBLISHED
            await self._notices.write(uow, view, event)
            await uow.commit()
        self._notices.wake()
        self._publish(view, event, official)
        return view

    # --- answering through a ForceReply prompt --------------------------------------------

    async def open_reply(self, actor: Actor, ticket_id: int) -> TicketView:
        """Check an answer may be written now, before the front end asks for it."""
        await self._officials.require(actor)
        async with self._uow() as uow:
            ticket = await self._ticket(uow, ticket_id)
            next_status(ticket.status, TicketMove.ANSWER)
            return await self._views.build(uow, ticket)

    async def remember_prompt(
        self, actor: Actor, ticket_id: int, chat_id: int, message_id: int
    ) -> None:
        official = await self._officials.require(actor)
        async with self._uow() as uow:
            await uow.reply_prompts.add(
                ReplyPromptRecord(chat_id, message_id, ticket_id, official.user_id, self._clock())
            )
            await uow.commit()

    async def is_open_prompt(self, chat_id: int, message_id: int) -> bool:
        async with self._uow() as uow:
            prompt = await uow.reply_prompts.get(chat_id, message_id)
        return prompt is not None and prompt.answered_at is None

    # --- where a ticket's card is (the front end that posts cards) ------------------------

    async def attach_card(self, ticket_id: int, chat_id: int, message_id: int) -> None:
        async with self._uow() as uow:
            await uow.tickets.change(ticket_id, admin_chat_id=chat_id, admin_message_id=message_id)
            await uow.commit()

    async def card_location(self, ticket_id: int) -> tuple[int | None, int | None]:
        async with self._uow() as uow:
            return await uow.tickets.card_location(ticket_id)

    async def answer_prompt(
        self, actor: Actor, chat_id: int, message_id: int, text: str
    ) -> TicketView:
        """A reply to a prompt: the answer is recorded and the prompt is used up."""
        official = await self._officials.require(actor)
        async with self._uow() as uow:
            prompt = await uow.reply_prompts.get(chat_id, message_id)
            if prompt is None or prompt.answered_at is not None:
                raise PromptUsed(known=prompt is not None)
            view = await self._answer(uow, actor, official, prompt.ticket_id, text)
            await uow.reply_prompts.mark_answered(chat_id, message_id, self._clock())
            await uow.commit()
        self._notices.wake()
        self._publish(view, TicketEvent.ANSWERED, official, reply_text=view.replies[-1].text)
        return view

    # --- reading --------------------------------------------------------------------------

    async def ticket(self, actor: Actor, ticket_id: int) -> TicketView:
        await self._officials.require(actor)
        async with self._uow() as uow:
            return await self._views.build(uow, await self._ticket(uow, ticket_id))

    async def ticket_by_code(self, actor: Actor, code: str) -> TicketView:
        await self._officials.require(actor)
        async with self._uow() as uow:
            ticket = await uow.tickets.get_by_code(normalize_code(code))
            if ticket is None:
                raise TicketNotFound(code)
            return await self._views.build(uow, ticket)

    async def photo(self, actor: Actor, ticket_id: int) -> str | None:
        await self._officials.require(actor)
        async with self._uow() as uow:
            return (await self._ticket(uow, ticket_id)).photo_file_id

    async def queue(self, actor: Actor, page: int = 0) -> Page[TicketRecord]:
        """Open tickets, oldest first: the ones waiting longest come first."""
        await self._officials.require(actor)
        async with self._uow() as uow:
            total = await uow.tickets.count_with_status(OPEN_STATUSES)
            paging = Paging.of(page, total, QUEUE_PAGE)
            items = await uow.tickets.with_status(OPEN_STATUSES, paging.size, paging.offset)
        return Page(items, paging.page, paging.pages, total)

    async def stats(self, actor: Actor) -> TicketStats:
        await self._officials.require(actor, Permission.VIEW_STATS)
        async with self._uow() as uow:
            counts = await uow.tickets.counts()
            # The same median as the dashboard's statistics: one way of computing it.
            median = await uow.stats.median_first_answer(counts.answered)
        areas = self._knowledge.current.kb.areas
        by_topic = sorted(counts.by_topic.items(), key=lambda item: (-item[1], item[0]))
        return TicketStats(
            by_status={TicketStatus(key): value for key, value in counts.by_status.items()},
            by_topic=[(areas.get(key), key, count) for key, count in by_topic],
            total=sum(counts.by_status.values()),
            answered=counts.answered,
            median_first_answer=median,
        )

    def departments(self, topic: str | None = None) -> list[Department]:
        """Departments to assign to; those handling the ticket's topic first."""
        everything = list(self._knowledge.current.kb.departments.values())
        return sorted(everything, key=lambda item: topic not in item.areas)

    # --- internals ------------------------------------------------------------------------

    async def _move(
        self,
        actor: Actor,
        ticket_id: int,
        move: TicketMove,
        event: TicketEvent,
        *,
        detail: str | MoveDetails | None = None,
        **changes: Any,
    ) -> TicketView:
        official = await self._officials.require(actor)
        audit_detail: str | None = detail.audit if isinstance(detail, MoveDetails) else detail
        notice_detail = detail.notice if isinstance(detail, MoveDetails) else detail
        async with self._uow() as uow:
            ticket = await self._ticket(uow, ticket_id, for_update=True)
            target = next_status(ticket.status, move)
            now = self._clock()
            changed = await uow.tickets.change(ticket.id, status=target, updated_at=now, **changes)
            await uow.audit.add(
                audit_entry(
                    actor,
                    official.label,
                    move.value,
                    now,
                    AuditNote(ticket, to_status=target, detail=audit_detail),
                )
            )
            view = await self._views.build(uow, changed)
            await self._notices.write(uow, view, event, notice_detail)
            await uow.commit()
        self._notices.wake()
        self._publish(view, event, official)
        return view

    async def _answer(  # noqa: PLR0913 - the audit's detail, keyword-only, defaulted
        self,
        uow: UnitOfWork,
        actor: Actor,
        official: Official,
        ticket_id: int,
        text: str,
        *,
        detail: str | None = None,
    ) -> TicketView:
        cleaned = clean_text(text)
        if not any(ch.isalnum() for ch in cleaned):
            raise TextTooShort(1)
        length = telegram_length(cleaned)
        if length > self._limits.reply_max_chars:
            raise TextTooLong(self._limits.reply_max_chars, length)
        ticket = await self._ticket(uow, ticket_id, for_update=True)
        target = next_status(ticket.status, TicketMove.ANSWER)
        now = self._clock()
        await uow.replies.add(
            ReplyRecord(ticket.id, official.user_id, official.label, cleaned, now)
        )
        await uow.tickets.append_search_text(ticket.id, reply_search_text(cleaned))
        first_answer: dict[str, object] = {}
        if ticket.first_answered_at is None:  # the statistics' median reads the stored delay
            delay = now - ticket.created_at
            first_answer = {"first_answered_at": now, "first_answer_ms": round(delay / MILLISECOND)}
        changed = await uow.tickets.change(ticket.id, status=target, updated_at=now, **first_answer)
        await uow.audit.add(
            audit_entry(actor, official.label, "answer", now, AuditNote(ticket, target, detail))
        )
        view = await self._views.build(uow, changed)
        await self._notices.write(uow, view, TicketEvent.ANSWERED, cleaned)
        return view

    async def _ticket(
        self, uow: UnitOfWork, ticket_id: int, *, for_update: bool = False
    ) -> TicketRecord:
        ticket = await uow.tickets.get(ticket_id, for_update=for_update)
        if ticket is None:
            raise TicketNotFound(str(ticket_id))
        return ticket

    def _publish(
        self,
        view: TicketView,
        event: TicketEvent,
        official: Official,
        reply_text: str | None = None,
    ) -> None:
        self._events.publish(TicketChange(view, event, by=official.label, reply_text=reply_text))


def _check_publishable(ticket: TicketRecord) -> None:
    if TicketStatus(ticket.status) not in PUBLISHABLE_STATUSES or ticket.first_answered_at is None:
        raise NothingToPublish(ticket.code)
    if not ticket.publish_consent:
        raise NoPublishConsent(ticket.code)
