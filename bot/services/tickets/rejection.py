"""A rejection as the resident hears of it: a reason from the list, optional words from the
official, and where it fits (a ticket outside the programme) a referral to the office that
handles it (content/guidance/where_to_go.yaml).

The reason has no default: every front end makes the official choose one, then confirm. The
facts travel to the resident in the notice row written with the rejection (`notice_detail`),
so the notice says what the official said at that moment; the audit row keeps them too.
"""

from __future__ import annotations

import json
from collections.abc import Awaitable, Callable
from dataclasses import dataclass

from bot.domain.errors import TextTooLong, TicketNotFound, UnfitReferral
from bot.domain.statuses import RejectReason, TicketMove
from bot.domain.ticket_states import next_status
from bot.services.kernel.actor import Actor
from bot.services.kernel.officials import Officials
from bot.services.kernel.plain_text import clean_text, telegram_length
from bot.services.tickets.model import TicketEvent, TicketView
from bot.services.tickets.views import TicketViews
from content.where_to_go import Office, WhereToGo, default_where_to_go
from storage.uow import UnitOfWorkFactory

REJECT_WORDS_MAX = 1000  # UTF-16 units: the notice stays far below Telegram's 4096
# A referral fits a ticket the committee does not handle: someone else does.
REFERABLE: frozenset[RejectReason] = frozenset({RejectReason.OFF_TOPIC})


@dataclass(frozen=True, slots=True)
class MoveDetails:
    """A move's detail when the audit row and the resident's notice keep it differently."""

    audit: str
    notice: str


@dataclass(frozen=True, slots=True)
class Rejection:
    reason: RejectReason
    words: str | None = None  # from the official to the resident, plain text
    referral: str | None = None  # an office key of where_to_go.yaml

    def notice_detail(self) -> str:
        facts = {"reason": self.reason.value, "words": self.words, "referral": self.referral}
        return json.dumps(facts, ensure_ascii=False)

    def audit_detail(self) -> str:
        """The reason and the office; that there were words, not the words (they are kept on
        the ticket, where anonymising masks them, and in the notice)."""
        parts = [self.reason.value]
        if self.referral:
            parts.append(f"→ {self.referral}")
        if self.words:
            parts.append("+words")
        return " ".join(parts)

    def details(self) -> MoveDetails:
        return MoveDetails(audit=self.audit_detail(), notice=self.notice_detail())

    @classmethod
    def from_notice(cls, detail: str | None, fallback: RejectReason | None) -> Rejection | None:
        """The facts a notice row holds: JSON, or a bare reason (rows written before words and
        referrals); None when no reason can be read at all."""
        reason = fallback
        words = referral = None
        if detail and detail.startswith("{"):
            try:
                facts = json.loads(detail)
            except ValueError:
                facts = {}
            if isinstance(facts, dict):
                reason = _reason(facts.get("reason")) or reason
                words = facts.get("words") if isinstance(facts.get("words"), str) else None
                referral = facts.get("referral") if isinstance(facts.get("referral"), str) else None
        elif detail:
            reason = _reason(detail) or reason
        if reason is None:
            return None
        return cls(reason, words or None, referral or None)


@dataclass(frozen=True, slots=True)
class RejectionNotice:
    """A rejection as the resident's notice tells it: the office named as the content has it."""

    rejection: Rejection
    office: Office | None


@dataclass(frozen=True, slots=True)
class OfficeChoice:
    """An office a rejection may name, and whether the ticket's text points to it."""

    office: Office
    fits: bool


class Referrals:
    """The offices of where_to_go.yaml as referrals for a rejected ticket."""

    def __init__(self, where_to_go: WhereToGo) -> None:
        self._where_to_go = where_to_go

    def for_text(self, text: str) -> tuple[OfficeChoice, ...]:
        """Every office: first those whose topics the ticket's text names, then those named
        for every case, then the rest (the file's order within each)."""
        named = {office.key for office in self._where_to_go.for_message(text) if not office.always}

        def rank(office: Office) -> int:
            return 0 if office.key in named else 1 if office.always else 2

        ordered = sorted(self._where_to_go.offices, key=rank)
        return tuple(OfficeChoice(office, office.key in named) for office in ordered)

    def office(self, key: str | None) -> Office | None:
        return next((office for office in self._where_to_go.offices if office.key == key), None)

    def checked(self, reason: RejectReason, words: str | None, referral: str | None) -> Rejection:
        """The rejection as it will be recorded: words cleaned (blank: none), the referral an
        office of the file and only with a reason it fits."""
        cleaned = clean_text(words or "")
        length = telegram_length(cleaned)
        if length > REJECT_WORDS_MAX:
            raise TextTooLong(REJECT_WORDS_MAX, length)
        office = referral or None
        if office is not None and (reason not in REFERABLE or self.office(office) is None):
            raise UnfitReferral(office[:64])
        return Rejection(reason, cleaned if any(ch.isalnum() for ch in cleaned) else None, office)


@dataclass(frozen=True, slots=True)
class RejectionPreview:
    """What the official confirms: the ticket, the rejection as it will be recorded, the office
    it names, and the offices it could name (none when the reason takes no referral)."""

    view: TicketView
    rejection: Rejection
    office: Office | None
    choices: tuple[OfficeChoice, ...]


class Rejections:
    """Rejecting, and its confirm step (part of ModerationService, which sets these up and
    makes the move: the status, the audit row and the resident's notice in one transaction)."""

    _uow: UnitOfWorkFactory
    _officials: Officials
    _views: TicketViews
    _move: Callable[..., Awaitable[TicketView]]
    referrals: Referrals

    async def reject(
        self,
        actor: Actor,
        ticket_id: int,
        reason: RejectReason,
        *,
        words: str | None = None,
        referral: str | None = None,
    ) -> TicketView:
        """Reject with a reason, the official's words to the resident and, where it fits, the
        office that handles the matter; the ticket keeps the words and the office."""
        rejection = self.referrals.checked(reason, words, referral)
        return await self._move(
            actor,
            ticket_id,
            TicketMove.REJECT,
            TicketEvent.REJECTED,
            detail=rejection.details(),
            reject_reason=reason.value,
            reject_words=rejection.words,
            referral=rejection.referral,
        )

    async def preview_rejection(
        self,
        actor: Actor,
        ticket_id: int,
        reason: RejectReason,
        *,
        words: str | None = None,
        referral: str | None = None,
    ) -> RejectionPreview:
        """Check the rejection could be made now, as `reject` would; nothing is changed."""
        await self._officials.require(actor)
        rejection = self.referrals.checked(reason, words, referral)
        async with self._uow() as uow:
            ticket = await uow.tickets.get(ticket_id)
            if ticket is None:
                raise TicketNotFound(str(ticket_id))
            next_status(ticket.status, TicketMove.REJECT)
            view = await self._views.build(uow, ticket)
        choices = self.referrals.for_text(ticket.text) if reason in REFERABLE else ()
        office = self.referrals.office(rejection.referral)
        return RejectionPreview(view, rejection, office, choices)


def referred_office(key: str | None) -> Office | None:
    """The office a ticket's rejection names, as the content has it now."""
    return Referrals(default_where_to_go()).office(key)


def _reason(value: object) -> RejectReason | None:
    return RejectReason(value) if isinstance(value, str) and value in set(RejectReason) else None
