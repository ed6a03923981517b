"""Answers officials reuse, per topic, managed on the dashboard and picked when answering.

`{name}` in a saved answer becomes the resident's name when it is picked for a named ticket;
an anonymous ticket (or one with no name) gets the neutral form of address the front end
passes (from the catalogs, in the ticket's language), so no name is ever guessed.
"""

from __future__ import annotations

from bot.domain.errors import SavedAnswerInvalid, SavedAnswerNotFound
from bot.domain.records import TicketRecord
from bot.domain.ticket_work import SavedAnswerForm, SavedAnswerRecord
from bot.services.kernel.actor import Actor
from bot.services.kernel.audit import AuditNote, audit_entry
from bot.services.kernel.backing import Backing
from bot.services.kernel.officials import Officials, Permission
from bot.services.kernel.plain_text import clean_text, telegram_length

TITLE_MAX_CHARS = 120
NAME_PLACEHOLDER = "{name}"


def filled(text: str, ticket: TicketRecord, neutral: str) -> str:
    """A saved answer's text for this ticket: `{name}` as the resident's name, or `neutral`."""
    name = None if ticket.anonymous else (ticket.author_name or "").strip()
    return text.replace(NAME_PLACEHOLDER, name or neutral)


class SavedAnswers:
    def __init__(self, backing: Backing, officials: Officials, text_max_chars: int) -> None:
        self._uow = backing.uow
        self._knowledge = backing.knowledge
        self._clock = backing.clock
        self._officials = officials
        self._text_max = text_max_chars

    async def listed(self, actor: Actor) -> list[SavedAnswerRecord]:
        await self._officials.require(actor, Permission.MODERATE)
        async with self._uow() as uow:
            return await uow.saved_answers.listed()

    async def get(self, actor: Actor, answer_id: int) -> SavedAnswerRecord:
        await self._officials.require(actor, Permission.MODERATE)
        async with self._uow() as uow:
            found = await uow.saved_answers.get(answer_id)
        if found is None:
            raise SavedAnswerNotFound(str(answer_id))
        return found

    async def save(
        self, actor: Actor, form: SavedAnswerForm, answer_id: int | None = None
    ) -> SavedAnswerRecord:
        """Add a saved answer (no id) or change one."""
        official = await self._officials.require(actor, Permission.MODERATE)
        checked = self._checked(form)
        async with self._uow() as uow:
            now = self._clock()
            if answer_id is None:
                saved = await uow.saved_answers.add(checked, official.label, now)
            elif await uow.saved_answers.change(answer_id, checked, official.label, now):
                saved = await uow.saved_answers.get(answer_id)  # type: ignore[assignment]
            else:
                raise SavedAnswerNotFound(str(answer_id))
            detail = f"{saved.id}: {saved.title}"[:200]
            await uow.audit.add(
                audit_entry(actor, official.label, "saved_answer", now, AuditNote(detail=detail))
            )
            await uow.commit()
        return saved

    async def remove(self, actor: Actor, answer_id: int) -> None:
        official = await self._officials.require(actor, Permission.MODERATE)
        async with self._uow() as uow:
            if not await uow.saved_answers.remove(answer_id):
                raise SavedAnswerNotFound(str(answer_id))
            now = self._clock()
            note = AuditNote(detail=f"{answer_id}")
            await uow.audit.add(
                audit_entry(actor, official.label, "saved_answer_removed", now, note)
            )
            await uow.commit()

    def _checked(self, form: SavedAnswerForm) -> SavedAnswerForm:
        title = " ".join(clean_text(form.title).split())
        text = clean_text(form.text)
        topic = (form.topic or "").strip() or None
        if not title or len(title) > TITLE_MAX_CHARS:
            raise SavedAnswerInvalid("title")
        if not any(ch.isalnum() for ch in text) or telegram_length(text) > self._text_max:
            raise SavedAnswerInvalid("text")
        if topic is not None and topic not in self._knowledge.current.kb.areas:
            raise SavedAnswerInvalid("topic")
        return SavedAnswerForm(topic, title, text)
