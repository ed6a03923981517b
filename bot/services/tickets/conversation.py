"""The /feedback conversation: topic → text (+ photo, location) → name or anonymous → confirm.

Every step is saved in the database before the reply, so a conversation survives a restart and
nothing a resident confirmed is lost. Sending files the ticket and deletes the draft in one
transaction: pressing "send" twice files once.
"""

from __future__ import annotations

import dataclasses
import datetime as dt

from bot.domain.errors import NoDraft, PermissionDenied, UnknownTopic, WrongStep
from bot.domain.records import OTHER_TOPIC, DraftRecord, TicketForm
from bot.domain.statuses import Step
from bot.i18n import Language
from bot.services.kernel.actor import Actor
from bot.services.kernel.backing import Backing
from bot.services.kernel.shared_reads import SharedReads
from bot.services.tickets.events import TicketEvents
from bot.services.tickets.filing_rules import TicketFiling, check_text
from bot.services.tickets.model import DraftView, FeedbackLimits, Filed
from storage.uow import UnitOfWork

_ATTACHING = (Step.TEXT, Step.ATTACH)
CAPTURE_WINDOW = dt.timedelta(hours=1)


class FeedbackIntake:
    def __init__(
        self, backing: Backing, filing: TicketFiling, events: TicketEvents, limits: FeedbackLimits
    ) -> None:
        self._uow = backing.uow
        self._knowledge = backing.knowledge
        self._filing = filing
        self._events = events
        self._limits = limits
        self._clock = backing.clock
        self._drafts: SharedReads[int, DraftRecord] = SharedReads(
            backing.uow, lambda uow, ids: uow.drafts.get_many(ids), "draft-reads"
        )

    async def start(self, actor: Actor, language: Language) -> tuple[DraftView, bool]:
        """Begin, or resume the unfinished conversation; True when resumed."""
        resident_id = _resident(actor)
        async with self._uow() as uow:
            await self._filing.check_may_file(uow, resident_id)
            existing = await self._live_draft(uow, resident_id)
            if existing is not None:
                return self._view(existing), True
            draft = DraftRecord(
                resident_id=resident_id,
                step=Step.TOPIC,
                topic=None,
                text=None,
                photo_file_id=None,
                latitude=None,
                longitude=None,
                anonymous=None,
                author_name=actor.name,
                language=language,
                updated_at=self._clock(),
            )
            await uow.residents.touch(resident_id, actor.telegram_language, self._clock())
            await uow.drafts.save(draft)
            await uow.commit()
        return self._view(draft), False

    @property
    def limits(self) -> FeedbackLimits:
        return self._limits

    async def pending_draft(self, actor: Actor) -> DraftView | None:
        """The unfinished conversation, at whatever step."""
        if actor.user_id is None:
            return None
        async with self._uow() as uow:
            draft = await self._live_draft(uow, actor.user_id)
        return None if draft is None else self._view(draft)

    async def capturing(self, actor: Actor) -> DraftView | None:
        """The conversation waiting for text, a photo or a location, if any.

        Only a recent one captures messages: a resident who left a draft at the text step an
        hour ago and now asks a question gets an answer; /feedback still resumes the draft.
        """
        if actor.user_id is None:
            return None
        # Read with the drafts of every resident writing at this moment (SharedReads).
        draft = await self._drafts.get(actor.user_id)
        if draft is None or draft.step not in _ATTACHING:
            return None
        if draft.updated_at < self._clock() - min(CAPTURE_WINDOW, self._limits.draft_ttl):
            return None
        return self._view(draft)

    async def choose_topic(self, actor: Actor, topic: str) -> DraftView:
        if not self._filing.topic_exists(topic):
            raise UnknownTopic(topic)
        # Changing the topic later keeps the text already written.
        return await self._update(
            actor,
            (Step.TOPIC, Step.TEXT, Step.ATTACH, Step.IDENTITY, Step.CONSENT, Step.CONFIRM),
            topic=topic,
        )

    async def give_text(self, actor: Actor, text: str) -> DraftView:
        """Text at the text step; more text while attaching is added to it."""
        async with self._uow() as uow:
            draft = await self._expect(uow, actor, _ATTACHING)
            combined = (
                text if draft.step == Step.TEXT or not draft.text else f"{draft.text}\n{text}"
            )
            cleaned = check_text(combined, self._limits)
            await self._filing.check_not_duplicate(uow, draft.resident_id, cleaned)
            return await self._save(uow, draft, step=Step.ATTACH, text=cleaned)

    async def give_photo(self, actor: Actor, file_id: str, caption: str | None) -> DraftView:
        """A photo (the latest one counts); its caption is the text when none was written yet."""
        async with self._uow() as uow:
            draft = await self._expect(uow, actor, _ATTACHING)
            if caption and caption.strip() and draft.step == Step.TEXT:
                cleaned = check_text(caption, self._limits)
                await self._filing.check_not_duplicate(uow, draft.resident_id, cleaned)
                return await self._save(
                    uow, draft, step=Step.ATTACH, text=cleaned, photo_file_id=file_id
                )
            return await self._save(uow, draft, photo_file_id=file_id)

    async def give_location(self, actor: Actor, latitude: float, longitude: float) -> DraftView:
        if not (-90 <= latitude <= 90 and -180 <= longitude <= 180):
            raise ValueError("coordinates out of range")
        return await self._update(actor, _ATTACHING, latitude=latitude, longitude=longitude)

    async def finish_attachments(self, actor: Actor) -> DraftView:
        return await self._update(actor, (Step.ATTACH,), step=Step.IDENTITY)

    async def choose_identity(self, actor: Actor, *, anonymous: bool) -> DraftView:
        return await self._update(
            actor, (Step.IDENTITY, Step.CONFIRM), step=Step.CONSENT, anonymous=anonymous
        )

    async def choose_consent(self, actor: Actor, *, allow: bool) -> DraftView:
        """May officials publish the question (masked) with its answer? Asked plainly; the
        answer is stored with the draft, then with the ticket."""
        return await self._update(
            actor, (Step.CONSENT, Step.CONFIRM), step=Step.CONFIRM, publish_consent=allow
        )

    async def cancel(self, actor: Actor) -> bool:
        async with self._uow() as uow:
            deleted = await uow.drafts.delete(_resident(actor))
            await uow.commit()
        return deleted

    async def submit(self, actor: Actor) -> Filed:
        """File the ticket and drop the draft, committed before anyone is told."""
        async with self._uow() as uow:
            draft = await self._expect(uow, actor, (Step.CONFIRM,))
            if draft.topic is None or draft.text is None or draft.anonymous is None:
                raise WrongStep(Step(draft.step))  # cannot happen through the steps
            form = TicketForm(
                topic=draft.topic,
                text=draft.text,
                photo_file_id=draft.photo_file_id,
                latitude=draft.latitude,
                longitude=draft.longitude,
                anonymous=draft.anonymous,
                author_name=draft.author_name,
                language=draft.language,
                publish_consent=bool(draft.publish_consent),  # a draft from before asked: no
            )
            names = (*((draft.author_name,) if draft.author_name else ()), *actor.handles)
            try:
                filed = await self._filing.file(uow, actor, form, masking_names=names)
            except UnknownTopic:
                # The topic left the content since it was chosen: ask again, keep the rest.
                await self._save(uow, draft, step=Step.TOPIC)
                raise
            await uow.drafts.delete(draft.resident_id)
            await uow.commit()
        self._filing.announce(self._events, filed)
        return Filed(filed.view, created=True)

    # ---------------------------------------------------------------------------------------

    async def _live_draft(self, uow: UnitOfWork, resident_id: int) -> DraftRecord | None:
        draft = await uow.drafts.get(resident_id)
        if draft is not None and draft.updated_at < self._clock() - self._limits.draft_ttl:
            return None  # abandoned long ago; the next save replaces it
        return draft

    async def _expect(self, uow: UnitOfWork, actor: Actor, steps: tuple[Step, ...]) -> DraftRecord:
        draft = await self._live_draft(uow, _resident(actor))
        if draft is None:
            raise NoDraft()
        if draft.step not in steps:
            raise WrongStep(Step(draft.step))
        return draft

    async def _update(self, actor: Actor, steps: tuple[Step, ...], **changes: object) -> DraftView:
        async with self._uow() as uow:
            draft = await self._expect(uow, actor, steps)
            if draft.step == Step.TOPIC and "topic" in changes:
                changes["step"] = _after_topic(draft)
            return await self._save(uow, draft, **changes)

    async def _save(self, uow: UnitOfWork, draft: DraftRecord, **changes: object) -> DraftView:
        saved = dataclasses.replace(draft, **changes, updated_at=self._clock())  # type: ignore[arg-type]
        await uow.drafts.save(saved)
        await uow.commit()
        return self._view(saved)

    def _view(self, draft: DraftRecord) -> DraftView:
        topic = None
        if draft.topic and draft.topic != OTHER_TOPIC:
            topic = self._knowledge.current.kb.areas.get(draft.topic)
        return DraftView(
            step=Step(draft.step),
            topic_key=draft.topic,
            topic=topic,
            text=draft.text,
            has_photo=draft.photo_file_id is not None,
            has_location=draft.latitude is not None,
            anonymous=draft.anonymous,
            author_name=draft.author_name,
            publish_consent=draft.publish_consent,
        )


def _after_topic(draft: DraftRecord) -> Step:
    """The first step still to do once a topic is (re)chosen."""
    if draft.text is None:
        return Step.TEXT
    if draft.anonymous is None:
        return Step.IDENTITY
    return Step.CONSENT if draft.publish_consent is None else Step.CONFIRM


def _resident(actor: Actor) -> int:
    if actor.user_id is None:
        raise PermissionDenied("feedback comes from residents")
    return actor.user_id
