"""FAQ drafts as the dashboard sees them: field limits, the changes an official sends, the view."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from bot.domain.faq_drafts import DraftProblem, FaqDraftContent, FaqDraftRecord, ProblemKind
from bot.domain.statuses import DraftStatus
from content.schema import Area, Report

LISTED = 200  # drafts listed at most, most recently changed first


FROM_QUESTION_CHARS = 2000  # as much as the question log keeps of a question


KEY_CHARS = 32  # content.schema.KEY_PATTERN


TERM_CHARS = 100


TERMS = 20  # per language


# The longest text each field takes, in characters (for term lists: in terms).
LIMITS: Mapping[str, int] = {
    "faq_key": KEY_CHARS,
    "question_vi": 500,
    "question_en": 500,
    "answer_vi": 4000,
    "answer_en": 4000,
    "area": KEY_CHARS,
    "aliases_vi": TERMS,
    "aliases_en": TERMS,
    "keywords_vi": TERMS,
    "keywords_en": TERMS,
    "source_report": KEY_CHARS,
    "source_quote": 2000,
    "source_quote_en": 2000,
}


REQUIRED = (
    "faq_key",
    "question_vi",
    "question_en",
    "answer_vi",
    "answer_en",
    "source_report",
    "source_quote",
)


@dataclass(frozen=True, slots=True)
class FaqDraftChanges:
    """The fields to change: None leaves a field as it is; "" (or an empty list) clears it.

    Texts are cleaned (NFC, no control or invisible characters, trimmed; one line except the
    answers and quotes); keys are lowercased. `status=READY` is refused while problems remain.
    """

    faq_key: str | None = None
    question_vi: str | None = None
    question_en: str | None = None
    answer_vi: str | None = None
    answer_en: str | None = None
    area: str | None = None
    aliases_vi: Sequence[str] | None = None
    aliases_en: Sequence[str] | None = None
    keywords_vi: Sequence[str] | None = None
    keywords_en: Sequence[str] | None = None
    source_report: str | None = None
    source_quote: str | None = None
    source_quote_en: str | None = None
    status: DraftStatus | None = None


@dataclass(frozen=True, slots=True)
class FaqDraftView:
    draft: FaqDraftRecord
    problems: tuple[DraftProblem, ...]  # empty: the entry is complete and valid
    report: Report | None  # the report the source cites (its title and date), if known
    area: Area | None

    @property
    def id(self) -> int:
        return self.draft.id

    @property
    def content(self) -> FaqDraftContent:
        return self.draft.content

    @property
    def status(self) -> DraftStatus:
        return self.draft.status

    @property
    def complete(self) -> bool:
        return not self.problems

    @property
    def missing(self) -> tuple[str, ...]:
        return tuple(item.field for item in self.problems if item.kind is ProblemKind.MISSING)
