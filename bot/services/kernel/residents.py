"""Residents: first and last contact, and the language they read."""

from __future__ import annotations

import datetime as dt
from collections import OrderedDict
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Protocol

from bot.domain.records import ContactSeen
from bot.i18n import DEFAULT_LANGUAGE, Language, as_language
from bot.services.kernel.actor import Actor, ActorKind
from bot.services.kernel.clock import Clock, utc_now
from bot.services.kernel.shared_reads import SharedReads
from content.normalize import guess_language
from storage.uow import UnitOfWork, UnitOfWorkFactory

# last_seen is refreshed at most this often per resident and instance: a resident asking ten
# questions in a minute costs one write, not ten.
TOUCH_INTERVAL = dt.timedelta(minutes=5)
RECENT_RESIDENTS = 50_000


class ContactRecorder(Protocol):
    """The write-behind that contacts wait in (bot/services/knowledge/question_recorder)."""

    def contact(self, seen: ContactSeen) -> None: ...

    def waiting(self, resident_id: int) -> bool:
        """Whether the resident's contact is recorded but not yet written."""
        ...

    async def discard(self, resident_id: int) -> None:
        """Drop what waits for the resident, after any batch being written now."""
        ...


@dataclass(frozen=True, slots=True)
class KnownResident:
    language: Language | None  # chosen with /language
    touched_at: dt.datetime


def reply_language(
    chosen: Language | None, telegram_language: str | None, text: str | None = None
) -> Language:
    """A chosen language wins; else the question's own language; else Telegram's; else vi."""
    if chosen:
        return chosen
    guessed = guess_language(text) if text else None
    return guessed or as_language(telegram_language) or DEFAULT_LANGUAGE


class ResidentService:
    def __init__(
        self, uow: UnitOfWorkFactory, contacts: ContactRecorder, clock: Clock = utc_now
    ) -> None:
        self._uow = uow
        self._contacts = contacts
        self._blocked: set[int] = set()
        self._clock = clock
        self._recent: OrderedDict[int, KnownResident] = OrderedDict()
        # The languages residents chose, read for all the residents writing at that moment.
        self._languages: SharedReads[int, str | None] = SharedReads(
            uow, lambda uow, ids: uow.residents.chosen_languages(ids), "chosen-language-reads"
        )

    async def seen(self, actor: Actor, text: str | None = None) -> Language:
        """Record the contact and tell which language to answer in."""
        known = await self.remember_contact(actor)
        return reply_language(known.language if known else None, actor.telegram_language, text)

    async def remember_contact(self, actor: Actor) -> KnownResident | None:
        """The resident as last seen; the contact is written behind the reply when it is due.

        Only the language chosen with /language is read (it may have been chosen on another
        instance, or before a restart); the row itself (created on first contact, last_seen
        refreshed) waits in the write-behind, which a crash may cost FLUSH_SECONDS of.
        """
        known = self._fresh(actor)
        if known is not None or actor.kind is not ActorKind.RESIDENT or actor.user_id is None:
            return known
        if actor.user_id in self._blocked:
            # A block this instance recorded: undone before the reply, so that what the
            # officials see next (the broadcast's recipients) already counts them.
            async with self._uow() as uow:
                known = await self.touch(uow, actor)
                await uow.commit()
            self._blocked.discard(actor.user_id)
            return known
        chosen = await self._languages.get(actor.user_id)
        now = self._clock()
        first_contact = actor.user_id not in self._recent
        self._contacts.contact(
            ContactSeen(actor.user_id, actor.telegram_language, now, first_contact)
        )
        return self._remember(actor.user_id, as_language(chosen), now)

    def _fresh(self, actor: Actor) -> KnownResident | None:
        if actor.user_id is None:
            return None
        known = self._recent.get(actor.user_id)
        if known is None or self._clock() - known.touched_at >= TOUCH_INTERVAL:
            return None
        return known

    async def touch(self, uow: UnitOfWork, actor: Actor) -> KnownResident | None:
        """Within a caller's unit of work: record a resident's contact unless done lately.

        The caller commits; the cache is filled before that commit, which at worst delays
        one last_seen refresh by TOUCH_INTERVAL if the commit then fails.
        """
        if actor.kind is not ActorKind.RESIDENT or actor.user_id is None:
            return None
        known = self._fresh(actor)
        if known is not None and not self._contacts.waiting(actor.user_id):
            return known
        # Written now: the caller's rows may refer to the resident (a foreign key), and a
        # contact still waiting in the write-behind is no row yet.
        now = self._clock()
        first_contact = actor.user_id not in self._recent
        record = await uow.residents.touch(actor.user_id, actor.telegram_language, now)
        if first_contact:
            # Writing again undoes a block (403) that a broadcast recorded; forget() drops a
            # blocked subscriber from the cache so that their next message passes here.
            await uow.subscriptions.reactivate_blocked(actor.user_id, now)
        return self._remember(actor.user_id, as_language(record.language), record.last_seen)

    def forget(self, resident_ids: Iterable[int]) -> None:
        """Residents a broadcast found blocked: their next contact undoes it."""
        for resident_id in resident_ids:
            self._recent.pop(resident_id, None)
            self._blocked.add(resident_id)
        while len(self._blocked) > RECENT_RESIDENTS:
            self._blocked.pop()

    async def erased(self, resident_id: int) -> None:
        """Before a resident is forgotten (/forgetme): nothing of theirs still waiting is
        written after the erasure, and their next contact is a first one again."""
        self._recent.pop(resident_id, None)
        await self._contacts.discard(resident_id)

    async def choose_language(self, actor: Actor, language: str) -> Language:
        chosen = as_language(language)
        if chosen is None or chosen != language:
            raise ValueError(f"unsupported language: {language!r}")
        if actor.kind is not ActorKind.RESIDENT or actor.user_id is None:
            raise ValueError("only residents choose a language")
        async with self._uow() as uow:
            now = self._clock()
            await uow.residents.touch(actor.user_id, actor.telegram_language, now)
            await uow.residents.set_language(actor.user_id, chosen)
            await uow.commit()
        self._remember(actor.user_id, chosen, now)
        return chosen

    def _remember(
        self, resident_id: int, language: Language | None, touched_at: dt.datetime
    ) -> KnownResident:
        known = KnownResident(language, touched_at)
        self._recent[resident_id] = known
        self._recent.move_to_end(resident_id)
        while len(self._recent) > RECENT_RESIDENTS:
            self._recent.popitem(last=False)
        return known
