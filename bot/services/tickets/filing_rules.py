"""Filing a ticket: the rules every new ticket passes, whichever way it arrives."""

from __future__ import annotations

import dataclasses
import datetime as dt
import secrets
from dataclasses import dataclass

from bot.domain.errors import (
    Banned,
    DuplicateTicket,
    PermissionDenied,
    TextTooLong,
    TextTooShort,
    TooManyTickets,
    UnknownTopic,
)
from bot.domain.records import OTHER_TOPIC, CandidateFilter, TicketFiled, TicketForm
from bot.domain.statuses import TicketStatus
from bot.domain.ticket_states import OPEN_STATUSES
from bot.services.kernel.actor import Actor
from bot.services.kernel.audit import AuditNote, audit_entry
from bot.services.kernel.clock import Clock
from bot.services.kernel.live_knowledge import LiveKnowledge
from bot.services.kernel.plain_text import clean_text, telegram_length
from bot.services.tickets.events import TicketEvents
from bot.services.tickets.masking import mask_personal_data
from bot.services.tickets.model import FeedbackLimits, TicketChange, TicketEvent, TicketView
from bot.services.tickets.search_text import search_text
from bot.services.tickets.similarity import (
    LINK_CUTOFF,
    SAME_RESIDENT_CUTOFF,
    most_similar,
    worth_linking,
)
from bot.services.tickets.views import TicketViews
from storage.uow import UnitOfWork

# No 0/O, 1/I/L: codes are read aloud on the phone and typed back.
CODE_ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"
CODE_LENGTH = 6
DAY = dt.timedelta(days=1)


def new_ticket_code() -> str:
    return "".join(secrets.choice(CODE_ALPHABET) for _ in range(CODE_LENGTH))


def normalize_code(code: str) -> str:
    """What a person typed ("#k7m 2qx") as stored ("K7M2QX")."""
    return "".join(ch for ch in code.upper() if ch.isascii() and ch.isalnum())


def check_text(text: str, limits: FeedbackLimits) -> str:
    cleaned = clean_text(text)
    length = telegram_length(cleaned)
    if length > limits.max_chars:
        raise TextTooLong(limits.max_chars, length)
    if sum(ch.isalnum() for ch in cleaned) < limits.min_chars:
        raise TextTooShort(limits.min_chars)
    return cleaned


@dataclass(frozen=True, slots=True)
class NewlyFiled:
    view: TicketView
    group_view: TicketView | None  # the first ticket of the group of similar ones it joined


class TicketFiling:
    def __init__(
        self,
        knowledge: LiveKnowledge,
        views: TicketViews,
        limits: FeedbackLimits,
        clock: Clock,
    ) -> None:
        self._knowledge = knowledge
        self._views = views
        self._limits = limits
        self._clock = clock

    def topic_exists(self, topic: str) -> bool:
        return topic == OTHER_TOPIC or topic in self._knowledge.current.kb.areas

    async def check_may_file(self, uow: UnitOfWork, resident_id: int) -> None:
        """Banned residents and those over the daily limit are refused, politely."""
        if await uow.bans.get(resident_id) is not None:
            raise Banned(f"resident {resident_id} is banned")
        since = self._clock() - DAY
        if await uow.tickets.count_filed_since(resident_id, since) >= self._limits.tickets_per_day:
            oldest = await uow.tickets.oldest_filed_since(resident_id, since)
            raise TooManyTickets(self._limits.tickets_per_day, (oldest or self._clock()) + DAY)

    async def check_not_duplicate(self, uow: UnitOfWork, resident_id: int, text: str) -> None:
        """The same resident sending the same thing again is told where the first one is."""
        since = self._clock() - self._limits.duplicate_window
        own = await uow.tickets.similar_candidates(
            CandidateFilter(OPEN_STATUSES, since, resident_id=resident_id)
        )
        same = most_similar(text, own, SAME_RESIDENT_CUTOFF)
        if same is not None:
            raise DuplicateTicket(same.code)

    async def file(
        self,
        uow: UnitOfWork,
        actor: Actor,
        form: TicketForm,
        *,
        masking_names: tuple[str, ...] = (),
    ) -> NewlyFiled:
        """Insert the ticket and its audit entry; the caller commits, then announces it.

        `masking_names` are the resident's names (also for an anonymous ticket): masked out
        of the public version, with the author's name."""
        if actor.user_id is None:
            raise PermissionDenied("only a resident files tickets")
        if not self.topic_exists(form.topic):
            raise UnknownTopic(form.topic)
        text = check_text(form.text, self._limits)
        await self.check_may_file(uow, actor.user_id)
        await self.check_not_duplicate(uow, actor.user_id, text)
        now = self._clock()
        group: int | None = None
        if worth_linking(text):
            others = await uow.tickets.similar_candidates(
                CandidateFilter(
                    OPEN_STATUSES | {TicketStatus.RESOLVED},
                    now - self._limits.duplicate_window,
                    other_than_resident=actor.user_id,
                    topic=form.topic,
                )
            )
            similar = most_similar(text, others, LINK_CUTOFF)
            if similar is not None:
                group = similar.cluster_id or similar.ticket_id
        author_name = None if form.anonymous else form.author_name
        record = await uow.tickets.add(
            dataclasses.replace(
                form,
                text=text,
                author_name=author_name,
                public_text=mask_personal_data(
                    text, (*masking_names, *((form.author_name,) if form.author_name else ()))
                ),
            ),
            TicketFiled(
                actor.user_id,
                TicketStatus.NEW,
                now,
                cluster_id=group,
                search_text=search_text(text, None if form.anonymous else form.author_name),
            ),
            new_ticket_code,
        )
        label = "anonymous" if form.anonymous else (form.author_name or str(actor.user_id))
        detail = f"similar to ticket {group}" if group else None
        await uow.audit.add(
            audit_entry(
                actor,
                label,
                "filed",
                now,
                AuditNote(record, to_status=record.status, detail=detail, new=True),
            )
        )
        group_view = None
        if group is not None:
            first = await uow.tickets.get(group)
            group_view = await self._views.build(uow, first) if first else None
        return NewlyFiled(await self._views.build(uow, record), group_view)

    def announce(self, events: TicketEvents, filed: NewlyFiled) -> None:
        """After commit: the new ticket's card, and the group's card with its new count."""
        events.publish(TicketChange(filed.view, TicketEvent.FILED, by=""))
        if filed.group_view is not None:
            events.publish(TicketChange(filed.group_view, TicketEvent.LINKED, by=""))
