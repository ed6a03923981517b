"""Officials ban and unban residents who abuse the feedback (part of the moderation service).

A ban names a ticket's code, so officials never need to see who wrote it, or a Telegram user
id; the outcome and the audit row are the same whether there was a ban before or not.
"""

from __future__ import annotations

from bot.domain.errors import TicketNotFound
from bot.domain.records import MAX_TELEGRAM_ID, BanRecord
from bot.services.kernel.actor import Actor
from bot.services.kernel.audit import AuditNote, audit_entry
from bot.services.kernel.clock import Clock
from bot.services.kernel.officials import Officials
from bot.services.kernel.plain_text import bounded_number, clean_text
from bot.services.tickets.filing_rules import CODE_LENGTH, normalize_code
from bot.services.tickets.model import BanOutcome
from storage.uow import UnitOfWork, UnitOfWorkFactory

BAN_REASON_CHARS = 256


class ResidentBans:
    """The bans of ModerationService, which sets these up."""

    _uow: UnitOfWorkFactory
    _officials: Officials
    _clock: Clock

    async def ban(self, actor: Actor, target: str, reason: str | None = None) -> BanOutcome:
        """Ban by ticket code (officials never need to see who wrote it) or by user id.

        The outcome is the same whether the resident was banned before or not: otherwise
        `/ban CODE` of an anonymous ticket followed by `/ban ID` (or `/unban ID`) would tell
        an official whether ID wrote it. Every attempt is audited alike, for the same reason.
        """
        official = await self._officials.require(actor)
        async with self._uow() as uow:
            resident_id, code = await self._target(uow, target)
            now = self._clock()
            cleaned = clean_text(reason)[:BAN_REASON_CHARS] if reason else None
            if await uow.bans.get(resident_id) is None:
                await uow.bans.add(BanRecord(resident_id, cleaned, official.user_id, now))
            await uow.audit.add(
                audit_entry(
                    actor, official.label, "banned", now, AuditNote(detail=f"{target}: {cleaned}")
                )
            )
            await uow.commit()
        return BanOutcome(resident_id, banned=True, ticket_code=code)

    async def unban(self, actor: Actor, target: str) -> BanOutcome:
        """Lift a ban; the outcome does not say whether there was one (see `ban`)."""
        official = await self._officials.require(actor)
        async with self._uow() as uow:
            resident_id, code = await self._target(uow, target)
            await uow.bans.remove(resident_id)
            await uow.audit.add(
                audit_entry(
                    actor, official.label, "unbanned", self._clock(), AuditNote(detail=target)
                )
            )
            await uow.commit()
        return BanOutcome(resident_id, banned=False, ticket_code=code)

    async def _target(self, uow: UnitOfWork, target: str) -> tuple[int, str | None]:
        """A ticket code's author, or a numeric user id (codes have 6 characters, ids more)."""
        cleaned = target.strip().lstrip("#")
        user_id = bounded_number(cleaned, MAX_TELEGRAM_ID) if len(cleaned) > CODE_LENGTH else None
        if user_id is not None:
            return user_id, None
        ticket = await uow.tickets.get_by_code(normalize_code(cleaned))
        if ticket is None:
            raise TicketNotFound(target)
        return ticket.resident_id, ticket.code
