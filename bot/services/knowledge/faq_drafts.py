"""FAQ drafts: officials turn residents' unanswered questions into new FAQ entries.

A draft starts from a question's wording (one draft per question: wordings that fold alike, as
"hoc phi" and "Học phí?", share it), is completed on the dashboard, may be incomplete for as long
as it takes, and ends as YAML that an official appends to the FAQ file and checks with
`danbiet content check`: content is data, so nothing here publishes an entry by itself.

The view lists what is missing or invalid, checked against `content.schema.Faq` and the live
knowledge base (the report the source cites, the area, keys already used). Problems are codes
and field names; the front end words them.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Collection, Mapping, Sequence
from typing import Any

from pydantic import ValidationError

from bot.domain.errors import (
    DraftFieldTooLong,
    DraftNotFound,
    DraftNotReady,
    EmptyQuestion,
)
from bot.domain.faq_drafts import (
    FAQ_TERM_FIELDS,
    DraftProblem,
    FaqDraftContent,
    FaqDraftRecord,
    NewFaqDraft,
    ProblemKind,
    question_key,
)
from bot.domain.statuses import DraftStatus
from bot.services.kernel.actor import Actor
from bot.services.kernel.audit import AuditNote, audit_entry
from bot.services.kernel.clock import Clock, utc_now
from bot.services.kernel.live_knowledge import LiveKnowledge
from bot.services.kernel.officials import Officials, Permission
from bot.services.kernel.plain_text import clean_text
from bot.services.knowledge.faq_draft_model import (
    FROM_QUESTION_CHARS,
    KEY_CHARS,
    LIMITS,
    LISTED,
    REQUIRED,
    TERM_CHARS,
    FaqDraftChanges,
    FaqDraftView,
)
from content.knowledge import KnowledgeBase
from content.normalize import fold, guess_language
from content.schema import Faq, is_valid_key
from content.yaml_writer import faq_entry_yaml
from storage.uow import UnitOfWork, UnitOfWorkFactory

_KEY_FIELDS = frozenset({"faq_key", "area", "source_report"})
_MULTILINE_FIELDS = frozenset({"answer_vi", "answer_en", "source_quote", "source_quote_en"})
_SCHEMA_FIELDS = {  # a Faq field path → the draft's field
    ("key",): "faq_key",
    ("question", "vi"): "question_vi",
    ("question", "en"): "question_en",
    ("answer", "vi"): "answer_vi",
    ("answer", "en"): "answer_en",
    ("source", "report"): "source_report",
    ("source", "quote"): "source_quote",
    ("source", "quote_en"): "source_quote_en",
    ("aliases", "vi"): "aliases_vi",
    ("aliases", "en"): "aliases_en",
    ("keywords", "vi"): "keywords_vi",
    ("keywords", "en"): "keywords_en",
}


class FaqDraftService:
    def __init__(
        self,
        uow: UnitOfWorkFactory,
        knowledge: LiveKnowledge,
        officials: Officials,
        clock: Clock = utc_now,
    ) -> None:
        self._uow = uow
        self._knowledge = knowledge
        self._officials = officials
        self._clock = clock

    async def start(self, actor: Actor, question_text: str) -> FaqDraftView:
        """A draft prefilled from a resident's question; the existing one if the same question
        (as folded) already has a draft."""
        official = await self._officials.require(actor, Permission.DRAFT_CONTENT)
        wording = _one_line(question_text)
        if not fold(wording):
            raise EmptyQuestion("the question has no words")
        _check_length("from_question", len(wording), FROM_QUESTION_CHARS)
        key = question_key(wording)
        async with self._uow() as uow:
            existing = await uow.faq_drafts.by_question_key(key)
            if existing is not None:
                return await self._view(uow, existing)
            now = self._clock()
            record = await uow.faq_drafts.add(
                NewFaqDraft(
                    question_key=key,
                    from_question=wording,
                    content=_prefill(wording),
                    status=DraftStatus.DRAFT,
                    created_by=actor.account_id,
                    created_by_name=official.label[:128],
                    created_at=now,
                )
            )
            if record is None:  # started by someone else a moment ago
                raced = await uow.faq_drafts.by_question_key(key)
                if raced is None:  # pragma: no cover - discarded again in between
                    raise DraftNotFound(0)
                return await self._view(uow, raced)
            await uow.audit.add(
                audit_entry(
                    actor, official.label, "faq_draft_started", now, _draft_note(record, wording)
                )
            )
            view = await self._view(uow, record)
            await uow.commit()
        return view

    async def update(self, actor: Actor, draft_id: int, fields: FaqDraftChanges) -> FaqDraftView:
        official = await self._officials.require(actor, Permission.DRAFT_CONTENT)
        changes = _cleaned_changes(fields)
        async with self._uow() as uow:
            draft = await self._draft(uow, draft_id, for_update=True)
            content = dataclasses.replace(draft.content, **changes)
            problems = await self._problems(uow, draft_id, content)
            status = draft.status
            if fields.status is DraftStatus.READY and problems:
                raise DraftNotReady(problems)
            if fields.status is not None:
                status = fields.status
            if problems:
                status = DraftStatus.DRAFT  # an edit that breaks a ready draft takes it back
            now = self._clock()
            saved = await uow.faq_drafts.save(draft_id, content, status, now)
            changed = [name for name in changes if getattr(draft.content, name) != changes[name]]
            if status != draft.status:
                changed.append(f"status={status.value}")
            detail = ", ".join(changed) or "no change"
            await uow.audit.add(
                audit_entry(
                    actor, official.label, "faq_draft_updated", now, _draft_note(saved, detail)
                )
            )
            view = self._build(saved, problems)
            await uow.commit()
        return view

    async def list(self, actor: Actor) -> list[FaqDraftView]:
        """Every draft, most recently changed first (at most LISTED)."""
        await self._officials.require(actor, Permission.DRAFT_CONTENT)
        async with self._uow() as uow:
            drafts = await uow.faq_drafts.all(LISTED)
            keys = await uow.faq_drafts.faq_keys()
        kb = self._knowledge.current.kb
        return [
            self._build(draft, draft_problems(draft.content, kb, _others(keys, draft.id)))
            for draft in drafts
        ]

    async def get(self, actor: Actor, draft_id: int) -> FaqDraftView:
        await self._officials.require(actor, Permission.DRAFT_CONTENT)
        async with self._uow() as uow:
            return await self._view(uow, await self._draft(uow, draft_id))

    async def discard(self, actor: Actor, draft_id: int) -> None:
        official = await self._officials.require(actor, Permission.DRAFT_CONTENT)
        async with self._uow() as uow:
            draft = await self._draft(uow, draft_id, for_update=True)
            await uow.faq_drafts.remove(draft_id)
            detail = draft.content.faq_key or draft.from_question
            now = self._clock()
            await uow.audit.add(
                audit_entry(
                    actor, official.label, "faq_draft_discarded", now, _draft_note(draft, detail)
                )
            )
            await uow.commit()

    def as_yaml(self, view: FaqDraftView) -> str:
        """The entry as YAML to append to the `faqs:` list of the FAQ file (indented as an item
        of it); DraftNotReady while the view lists problems."""
        if view.problems:
            raise DraftNotReady(view.problems)
        return faq_yaml(view.content)

    # --- internals ------------------------------------------------------------------------

    async def _draft(
        self, uow: UnitOfWork, draft_id: int, *, for_update: bool = False
    ) -> FaqDraftRecord:
        draft = await uow.faq_drafts.get(draft_id, for_update=for_update)
        if draft is None:
            raise DraftNotFound(draft_id)
        return draft

    async def _problems(
        self, uow: UnitOfWork, draft_id: int, content: FaqDraftContent
    ) -> tuple[DraftProblem, ...]:
        keys = await uow.faq_drafts.faq_keys()
        return draft_problems(content, self._knowledge.current.kb, _others(keys, draft_id))

    async def _view(self, uow: UnitOfWork, draft: FaqDraftRecord) -> FaqDraftView:
        return self._build(draft, await self._problems(uow, draft.id, draft.content))

    def _build(self, draft: FaqDraftRecord, problems: tuple[DraftProblem, ...]) -> FaqDraftView:
        kb = self._knowledge.current.kb
        content = draft.content
        return FaqDraftView(
            draft=draft,
            problems=problems,
            report=kb.reports.get(content.source_report) if content.source_report else None,
            area=kb.areas.get(content.area) if content.area else None,
        )


def _draft_note(draft: FaqDraftRecord, detail: str) -> AuditNote:
    """The audit log names drafts by id (never reused, see storage.models.faq_drafts)."""
    return AuditNote(detail=f"FAQ draft {draft.id}: {detail}"[:500])


# --- validation ---------------------------------------------------------------------------


def draft_problems(
    content: FaqDraftContent, kb: KnowledgeBase, other_draft_keys: Collection[str] = ()
) -> tuple[DraftProblem, ...]:
    """What keeps the draft from being a valid FAQ entry of this knowledge base."""
    problems = [
        DraftProblem(name, ProblemKind.MISSING) for name in REQUIRED if not getattr(content, name)
    ]
    missing = {problem.field for problem in problems}
    try:
        Faq.model_validate(faq_entry(content))
    except ValidationError as exc:
        for error in exc.errors():
            name = _draft_field(tuple(error["loc"]))
            if name in missing or error["type"] == "missing":
                continue  # already listed as missing
            problems.append(DraftProblem(name, ProblemKind.INVALID, str(error["msg"])))
    if content.source_report and content.source_report not in kb.reports:
        problems.append(DraftProblem("source_report", ProblemKind.UNKNOWN_REPORT))
    if content.area and content.area not in kb.areas:
        problems.append(DraftProblem("area", ProblemKind.UNKNOWN_AREA))
    if content.faq_key and content.faq_key in kb.faqs:
        problems.append(DraftProblem("faq_key", ProblemKind.KEY_TAKEN))
    if content.faq_key and content.faq_key in other_draft_keys:
        problems.append(DraftProblem("faq_key", ProblemKind.KEY_IN_OTHER_DRAFT))
    unique: dict[tuple[str, ProblemKind], DraftProblem] = {}
    for problem in problems:
        unique.setdefault((problem.field, problem.kind), problem)
    return tuple(unique.values())


def _draft_field(loc: tuple[Any, ...]) -> str:
    for length in (2, 1):
        name = _SCHEMA_FIELDS.get(loc[:length])
        if name is not None:
            return name
    return str(loc[0]) if loc else "faq_key"


def _others(keys: Mapping[int, str], draft_id: int) -> set[str]:
    return {key for other, key in keys.items() if other != draft_id}


def faq_entry(content: FaqDraftContent) -> dict[str, Any]:
    """The FAQ entry as the content file holds it, leaving out what is empty."""

    def localized(vi: str | None, en: str | None) -> dict[str, str]:
        return {name: value for name, value in (("vi", vi), ("en", en)) if value}

    entry: dict[str, Any] = {}
    if content.faq_key:
        entry["key"] = content.faq_key
    for name in ("question", "answer"):
        texts = localized(getattr(content, f"{name}_vi"), getattr(content, f"{name}_en"))
        if texts:
            entry[name] = texts
    source: dict[str, str] = {}
    if content.source_report:
        source["report"] = content.source_report
    if content.source_quote:
        source["quote"] = content.source_quote
    if content.source_quote_en:
        source["quote_en"] = content.source_quote_en
    if source:
        entry["source"] = source
    for name in ("aliases", "keywords"):
        terms = {
            language: list(values)
            for language, values in (
                ("vi", getattr(content, f"{name}_vi")),
                ("en", getattr(content, f"{name}_en")),
            )
            if values
        }
        if terms:
            entry[name] = terms
    return entry


def faq_yaml(content: FaqDraftContent) -> str:
    return faq_entry_yaml(faq_entry(content), content.area)


# --- cleaning -----------------------------------------------------------------------------


def _one_line(text: str) -> str:
    return " ".join(clean_text(text).split())


def _multiline(text: str) -> str:
    lines = [" ".join(line.split()) for line in clean_text(text).split("\n")]
    return "\n".join(lines).strip()


def _check_length(name: str, length: int, limit: int) -> None:
    if length > limit:
        raise DraftFieldTooLong(name, limit, length)


def _cleaned_changes(fields: FaqDraftChanges) -> dict[str, Any]:
    changes: dict[str, Any] = {}
    for field in dataclasses.fields(FaqDraftContent):
        name = field.name
        value = getattr(fields, name)
        if value is None:
            continue
        limit = LIMITS[name]
        if name in FAQ_TERM_FIELDS:
            if isinstance(value, str):
                raise TypeError(f"{name}: a list of terms, not one text")
            terms = _terms(name, value)
            _check_length(name, len(terms), limit)
            changes[name] = terms
            continue
        cleaned = _multiline(value) if name in _MULTILINE_FIELDS else _one_line(value)
        if name in _KEY_FIELDS:
            cleaned = cleaned.lower()
        _check_length(name, len(cleaned), limit)
        changes[name] = cleaned or None
    return changes


def _terms(name: str, values: Sequence[str]) -> tuple[str, ...]:
    terms: dict[str, str] = {}
    for value in values:
        term = _one_line(value)
        _check_length(name, len(term), TERM_CHARS)
        if term:
            terms.setdefault(term.casefold(), term)
    return tuple(terms.values())


def _prefill(wording: str) -> FaqDraftContent:
    """The question as asked, in the language it seems to be in, and a key made from it."""
    short_enough = len(wording) <= LIMITS["question_vi"]
    english = guess_language(wording) == "en"
    return FaqDraftContent(
        faq_key=suggest_key(wording),
        question_vi=wording if short_enough and not english else None,
        question_en=wording if short_enough and english else None,
    )


def suggest_key(text: str) -> str | None:
    """A key from the folded words ("Học phí năm nay?" → "hoc-phi-nam-nay"), whole words
    only, at most KEY_CHARS characters; None if no word fits."""
    key = ""
    for word in fold(text).split():
        ascii_word = "".join(ch for ch in word if ch.isascii() and ch.isalnum())
        if not ascii_word:
            continue
        candidate = f"{key}-{ascii_word}" if key else ascii_word
        if len(candidate) > KEY_CHARS:
            break
        key = candidate
    return key if key and is_valid_key(key) else None
