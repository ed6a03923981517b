"""Residents' rights over their data (Decree 13/2023/NĐ-CP): see it, erase it, and its end.

- :meth:`ResidentPrivacy.my_data`: what danbiet holds about a resident (/mydata).
- :meth:`ResidentPrivacy.forget`: erase the resident's identity (/forgetme). Tickets stay for
  statistics, anonymised: no name, photo or location, texts and answers masked, linked to no
  resident; the resident's row, subscription, draft, questions' link and deliveries go.
- :meth:`ResidentPrivacy.anonymise_expired`: closed tickets lose their personal data once the
  retention period (``PERSONAL_DATA_RETENTION_MONTHS``) has passed since they were closed.
"""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass

from bot.domain.errors import PermissionDenied
from bot.domain.records import ResidentRecord, SubscriptionRecord, TicketRecord
from bot.domain.ticket_states import FINAL_STATUSES
from bot.services.kernel.actor import Actor
from bot.services.kernel.audit import AuditNote, audit_entry
from bot.services.kernel.clock import Clock, utc_now
from bot.services.kernel.residents import ResidentService
from storage.repositories.privacy import FORGOTTEN_RESIDENT
from storage.uow import UnitOfWork, UnitOfWorkFactory

logger = logging.getLogger(__name__)

DEFAULT_RETENTION_MONTHS = 12
_BATCH = 200  # expired tickets anonymised per transaction
_LABEL = "resident"  # what the audit says of a resident who is no longer known


@dataclass(frozen=True, slots=True)
class TicketText:
    """The tickets context's text rules, handed in by the container (bot/services/container.py)
    because contexts never import each other: mask personal data out of a text, and a ticket's
    folded search text."""

    mask: Callable[[str, Iterable[str]], str]
    search_text: Callable[[str, str | None], str]


@dataclass(frozen=True, slots=True)
class ResidentData:
    """Everything danbiet holds that is tied to one resident."""

    resident: ResidentRecord | None
    subscription: SubscriptionRecord | None
    tickets: tuple[TicketRecord, ...]
    questions: int  # questions asked, kept to improve the answers
    has_draft: bool

    @property
    def empty(self) -> bool:
        return self.resident is None and not self.tickets and not self.questions


@dataclass(frozen=True, slots=True)
class Forgotten:
    tickets: int  # tickets anonymised
    questions: int  # questions unlinked


class ResidentPrivacy:
    def __init__(
        self,
        uow: UnitOfWorkFactory,
        text: TicketText,
        retention_months: int = DEFAULT_RETENTION_MONTHS,
        clock: Clock = utc_now,
        residents: ResidentService | None = None,
    ) -> None:
        self._uow = uow
        self._residents = residents  # drops what waits in the write-behind before an erasure
        self._text = text
        self._retention = retention_months
        self._clock = clock

    @property
    def retention_months(self) -> int:
        return self._retention

    async def my_data(self, actor: Actor) -> ResidentData:
        resident_id = _resident(actor)
        async with self._uow() as uow:
            return ResidentData(
                resident=await uow.residents.get(resident_id),
                subscription=await uow.subscriptions.get(resident_id),
                tickets=tuple(await uow.privacy.tickets_of(resident_id)),
                questions=await uow.privacy.count_questions(resident_id),
                has_draft=await uow.drafts.get(resident_id) is not None,
            )

    async def forget(self, actor: Actor) -> Forgotten:
        """Erase the resident's identity in one transaction. ``actor.handles`` (the Telegram
        names) and the names on the tickets are masked out of every text kept."""
        resident_id = _resident(actor)
        names = tuple(name for name in (actor.name, *actor.handles) if name)
        now = self._clock()
        if self._residents is not None:
            await self._residents.erased(resident_id)
        async with self._uow() as uow:
            await uow.privacy.ensure_placeholder(now)
            tickets = await uow.privacy.tickets_of(resident_id)
            for ticket in tickets:
                await self._anonymise(uow, ticket, names, now)
            questions = await uow.privacy.questions_of(resident_id)
            for question_id, text in questions:
                await uow.privacy.unlink_question(question_id, self._text.mask(text, names))
            await uow.privacy.unlink_audit(resident_id, _LABEL)
            await uow.privacy.forget_deliveries(resident_id)
            await uow.privacy.delete_resident(resident_id)
            await uow.commit()
        logger.info("a resident was forgotten: %d tickets anonymised", len(tickets))
        return Forgotten(len(tickets), len(questions))

    async def anonymise_expired(self) -> int:
        """Closed tickets kept past the retention period: anonymised, in batches."""
        cutoff = _months_before(self._clock(), self._retention)
        done = 0
        while True:
            now = self._clock()
            async with self._uow() as uow:
                await uow.privacy.ensure_placeholder(now)
                batch = await uow.privacy.expired(FINAL_STATUSES, cutoff, _BATCH)
                for ticket in batch:
                    await self._anonymise(uow, ticket, (), now)
                await uow.commit()
            done += len(batch)
            if len(batch) < _BATCH:
                break
        if done:
            logger.info("personal data retention: %d closed tickets anonymised", done)
        return done

    async def _anonymise(
        self, uow: UnitOfWork, ticket: TicketRecord, names: Sequence[str], now: dt.datetime
    ) -> None:
        known = (*names, *((ticket.author_name,) if ticket.author_name else ()))
        text = self._text.mask(ticket.text, known)
        public = self._text.mask(ticket.public_text or ticket.text, known)
        words = self._text.mask(ticket.reject_words, known) if ticket.reject_words else None
        await uow.privacy.rewrite_replies(ticket.id, lambda reply: self._text.mask(reply, known))
        await uow.privacy.rewrite_notes(ticket.id, lambda note: self._text.mask(note, known))
        await uow.privacy.forget_finished_notices(ticket.id)
        changed = await uow.tickets.change(
            ticket.id,
            resident_id=FORGOTTEN_RESIDENT,
            text=text,
            public_text=public,
            reject_words=words,
            author_name=None,
            anonymous=True,
            photo_file_id=None,
            latitude=None,
            longitude=None,
            search_text=self._text.search_text(text, None),
            anonymised_at=now,
        )
        await uow.audit.add(
            audit_entry(Actor.system(), "system", "anonymised", now, AuditNote(changed))
        )


def _months_before(moment: dt.datetime, months: int) -> dt.datetime:
    """The same day and time ``months`` earlier (the last day of a shorter month)."""
    total = moment.year * 12 + moment.month - 1 - months
    year, month = divmod(total, 12)
    month += 1
    for day in (moment.day, 30, 29, 28):
        try:
            return moment.replace(year=year, month=month, day=day)
        except ValueError:
            continue
    raise ValueError(moment)  # unreachable: every month has a 28th


def _resident(actor: Actor) -> int:
    if actor.user_id is None or actor.kind.value != "resident":
        raise PermissionDenied("only residents have their own data here")
    return actor.user_id
