"""Residents subscribe to quarterly results, refine them by topic, say which ward or commune
they live in (so that a broadcast aimed there reaches them), and stop at any time."""

from __future__ import annotations

import dataclasses
import enum
from collections.abc import Iterable
from dataclasses import dataclass

from bot.domain.errors import DomainError
from bot.i18n import Language
from bot.services.kernel.actor import Actor, ActorKind
from bot.services.kernel.clock import Clock, utc_now
from bot.services.kernel.live_knowledge import LiveKnowledge
from bot.services.kernel.residents import ResidentService, reply_language
from content.hanoi_places import BY_KEY
from storage.uow import UnitOfWork, UnitOfWorkFactory


class SubscriptionStatus(enum.StrEnum):
    NONE = "none"  # never subscribed
    ACTIVE = "active"
    STOPPED = "stopped"  # /unsubscribe
    BLOCKED = "blocked"  # Telegram said 403; writing to the bot again re-activates


class TopicKind(enum.StrEnum):
    AREA = "area"
    INDICATOR = "indicator"


@dataclass(frozen=True, slots=True, order=True)
class Topic:
    kind: TopicKind
    key: str


@dataclass(frozen=True, slots=True)
class SubscriptionView:
    status: SubscriptionStatus
    topics: frozenset[Topic]
    language: Language
    changed: bool = False  # this call subscribed or unsubscribed them
    district: str | None = None  # content/hanoi_places key of where they live, if they said

    @property
    def active(self) -> bool:
        return self.status is SubscriptionStatus.ACTIVE

    def has(self, kind: TopicKind, key: str) -> bool:
        return Topic(kind, key) in self.topics


_TOPIC_KINDS = frozenset(TopicKind)
DISTRICT_KIND = "district"  # stored beside the topics; it narrows nothing they receive


class NotAResident(ValueError):
    pass


class SubscriptionService:
    def __init__(
        self,
        uow: UnitOfWorkFactory,
        knowledge: LiveKnowledge,
        residents: ResidentService,
        clock: Clock = utc_now,
    ) -> None:
        self._uow = uow
        self._knowledge = knowledge
        self._residents = residents
        self._clock = clock

    async def view(self, actor: Actor) -> SubscriptionView:
        async with self._uow() as uow:
            language = await self._contact(uow, actor)
            view = await self._view(uow, actor, language)
            await uow.commit()
        return view

    async def subscribe(self, actor: Actor) -> SubscriptionView:
        """Subscribe at once; an active subscriber is told so (changed=False)."""
        async with self._uow() as uow:
            language = await self._contact(uow, actor)
            before = await self._view(uow, actor, language)
            if before.active:
                await uow.commit()
                return before
            await uow.subscriptions.set_status(
                self._resident_id(actor), SubscriptionStatus.ACTIVE, self._clock()
            )
            after = await self._view(uow, actor, language)
            await uow.commit()
        return dataclasses.replace(after, changed=True)

    async def unsubscribe(self, actor: Actor) -> SubscriptionView:
        """Stop at once: rows of running broadcasts not yet sent to them are skipped."""
        async with self._uow() as uow:
            language = await self._contact(uow, actor)
            before = await self._view(uow, actor, language)
            if before.status in (SubscriptionStatus.NONE, SubscriptionStatus.STOPPED):
                await uow.commit()
                return before
            await uow.subscriptions.set_status(
                self._resident_id(actor), SubscriptionStatus.STOPPED, self._clock()
            )
            await uow.commit()
        return dataclasses.replace(before, status=SubscriptionStatus.STOPPED, changed=True)

    async def toggle(self, actor: Actor, topic: Topic) -> SubscriptionView:
        """Add or remove a topic; choosing a topic also subscribes (that is what it is for)."""
        if not self._topic_exists(topic):
            raise DomainError(f"no such topic: {topic}")  # an old button: the content moved on
        resident_id = self._resident_id(actor)
        async with self._uow() as uow:
            language = await self._contact(uow, actor)
            before = await self._view(uow, actor, language)
            if not before.active:
                await uow.subscriptions.set_status(
                    resident_id, SubscriptionStatus.ACTIVE, self._clock()
                )
            if topic in before.topics:
                await uow.subscriptions.remove_topic(resident_id, topic.kind, topic.key)
            else:
                await uow.subscriptions.add_topic(resident_id, topic.kind, topic.key)
            after = await self._view(uow, actor, language)
            await uow.commit()
        return dataclasses.replace(after, changed=not before.active)

    async def clear_topics(self, actor: Actor) -> SubscriptionView:
        """Everything again: a subscriber without topics receives every broadcast."""
        async with self._uow() as uow:
            language = await self._contact(uow, actor)
            await uow.subscriptions.clear_topics(self._resident_id(actor))
            view = await self._view(uow, actor, language)
            await uow.commit()
        return view

    async def choose_district(self, actor: Actor, key: str | None) -> SubscriptionView:
        """Where they live (None: not saying); choosing also subscribes, as a topic does."""
        if key is not None and key not in BY_KEY:
            raise DomainError(f"no such place: {key}")  # an old or forged button
        resident_id = self._resident_id(actor)
        async with self._uow() as uow:
            language = await self._contact(uow, actor)
            before = await self._view(uow, actor, language)
            if not before.active:
                await uow.subscriptions.set_status(
                    resident_id, SubscriptionStatus.ACTIVE, self._clock()
                )
            await uow.subscriptions.set_district(resident_id, key)
            after = await self._view(uow, actor, language)
            await uow.commit()
        return dataclasses.replace(after, changed=not before.active)

    def forget_contacts(self, resident_ids: Iterable[int]) -> None:
        """Blocked subscribers: their next message must reach ResidentService.touch."""
        self._residents.forget(resident_ids)

    # -- helpers --------------------------------------------------------------------------

    def _resident_id(self, actor: Actor) -> int:
        if actor.kind is not ActorKind.RESIDENT or actor.user_id is None:
            raise NotAResident("only residents subscribe")
        return actor.user_id

    async def _contact(self, uow: UnitOfWork, actor: Actor) -> Language:
        self._resident_id(actor)
        known = await self._residents.touch(uow, actor)
        return reply_language(known.language if known else None, actor.telegram_language)

    async def _view(self, uow: UnitOfWork, actor: Actor, language: Language) -> SubscriptionView:
        record = await uow.subscriptions.get(self._resident_id(actor))
        if record is None:
            return SubscriptionView(SubscriptionStatus.NONE, frozenset(), language)
        topics = frozenset(
            Topic(TopicKind(kind), key) for kind, key in record.topics if kind in _TOPIC_KINDS
        )
        district = next((key for kind, key in record.topics if kind == DISTRICT_KIND), None)
        return SubscriptionView(
            SubscriptionStatus(record.status), topics, language, district=district
        )

    def _topic_exists(self, topic: Topic) -> bool:
        kb = self._knowledge.current.kb
        if topic.kind is TopicKind.AREA:
            return topic.key in kb.areas
        return topic.key in kb.indicators
