"""FAQ drafts as records: the entry an official writes, its problems, the question it began as."""

from __future__ import annotations

import datetime as dt
import enum
import hashlib
from dataclasses import dataclass

from bot.domain.statuses import DraftStatus
from content.normalize import fold


def question_key(text: str) -> str:
    """One key per question, whatever its case, diacritics or punctuation."""
    return hashlib.sha256(fold(text).encode("utf-8")).hexdigest()


@dataclass(frozen=True, slots=True)
class FaqDraftContent:
    """What an official writes: every field may still be empty while the draft is worked on."""

    faq_key: str | None = None
    question_vi: str | None = None
    question_en: str | None = None
    answer_vi: str | None = None
    answer_en: str | None = None
    area: str | None = None
    aliases_vi: tuple[str, ...] = ()
    aliases_en: tuple[str, ...] = ()
    keywords_vi: tuple[str, ...] = ()
    keywords_en: tuple[str, ...] = ()
    source_report: str | None = None
    source_quote: str | None = None
    source_quote_en: str | None = None


@dataclass(frozen=True, slots=True)
class NewFaqDraft:
    question_key: str  # identifies the question it started from (same folded text, same key)
    from_question: str
    content: FaqDraftContent
    status: DraftStatus
    created_by: int | None
    created_by_name: str
    created_at: dt.datetime


@dataclass(frozen=True, slots=True)
class FaqDraftRecord:
    id: int
    question_key: str
    from_question: str
    content: FaqDraftContent
    status: DraftStatus
    created_by: int | None
    created_by_name: str
    created_at: dt.datetime
    updated_at: dt.datetime


FAQ_TERM_FIELDS = frozenset({"aliases_vi", "aliases_en", "keywords_vi", "keywords_en"})


class ProblemKind(enum.StrEnum):
    MISSING = "missing"  # a required field is empty
    INVALID = "invalid"  # content.schema.Faq refuses the value (detail: pydantic's message)
    UNKNOWN_REPORT = "unknown_report"  # the source cites a report the content does not have
    UNKNOWN_AREA = "unknown_area"
    KEY_TAKEN = "key_taken"  # a published FAQ entry has this key
    KEY_IN_OTHER_DRAFT = "key_in_other_draft"  # another draft uses the key too


@dataclass(frozen=True, slots=True)
class DraftProblem:
    field: str  # a FaqDraftContent field name
    kind: ProblemKind
    detail: str | None = None  # diagnostic (English), not for residents
