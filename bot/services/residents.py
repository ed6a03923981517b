"""Residents: first and last contact, and the language they read."""

from __future__ import annotations

from content.normalize import guess_language

from bot.i18n import DEFAULT_LANGUAGE, Language, as_language
from bot.services.clock import Clock, utc_now
from bot.services.dto import Actor, ActorKind
from storage.records import ResidentRecord
from storage.uow import UnitOfWork, UnitOfWorkFactory


def reply_language(
    record: ResidentRecord | None, telegram_language: str | None, text: str | None = None
) -> Language:
    """A chosen language wins; else the question's own language; else Telegram's; else vi."""
    chosen = as_language(record.language) if record else None
    if chosen:
        return chosen
    guessed = guess_language(text) if text else None
    return guessed or as_language(telegram_language) or DEFAULT_LANGUAGE


class ResidentService:
    def __init__(self, uow: UnitOfWorkFactory, clock: Clock = utc_now) -> None:
        self._uow = uow
        self._clock = clock

    async def seen(self, actor: Actor, text: str | None = None) -> Language:
        """Record the contact and tell which language to answer in."""
        async with self._uow() as uow:
            record = await self.touch(uow, actor)
            await uow.commit()
        return reply_language(record, actor.telegram_language, text)

    async def touch(self, uow: UnitOfWork, actor: Actor) -> ResidentRecord | None:
        """Within a caller's unit of work: residents are recorded, others are not."""
        if actor.kind is not ActorKind.RESIDENT or actor.user_id is None:
            return None
        return await uow.residents.touch(actor.user_id, actor.telegram_language, self._clock())

    async def choose_language(self, actor: Actor, language: str) -> Language:
        chosen = as_language(language)
        if chosen is None or chosen != language:
            raise ValueError(f"unsupported language: {language!r}")
        async with self._uow() as uow:
            await self.touch(uow, actor)
            if actor.user_id is not None:
                await uow.residents.set_language(actor.user_id, chosen)
            await uow.commit()
        return chosen
