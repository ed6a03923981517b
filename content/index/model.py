"""What the matcher is given (:class:`SearchEntry`, built by :func:`entries_of` from the
content) and what it answers (:class:`SearchResult`)."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from content.knowledge import KnowledgeBase
from content.schema import Localized


class EntryKind(StrEnum):
    INDICATOR = "indicator"
    POLICY = "policy"
    FAQ = "faq"


# Between equal scores: the figure first, then the policy, then the FAQ.
KIND_ORDER = {EntryKind.INDICATOR: 0, EntryKind.POLICY: 1, EntryKind.FAQ: 2}


@dataclass(frozen=True)
class SearchEntry:
    """What the index knows of one entry: raw phrases (names, aliases, FAQ questions) in
    Vietnamese and English. ``keywords`` are phrases that are weaker evidence; ``context``
    (a description, a summary) is not matched as phrases, but its words count as the entry's
    when a question uses them beside a phrase ("hộ nghèo *chiếm* bao nhiêu *tổng số hộ*")."""

    kind: EntryKind
    key: str
    texts: tuple[str, ...]
    keywords: tuple[str, ...] = ()
    context: tuple[str, ...] = ()


@dataclass(frozen=True)
class Match:
    kind: EntryKind
    key: str
    score: float  # 0..100
    # False: offered, never answered at once (a policy related only by a keyword to a question
    # asking a number: a policy states no figure; a garbled message; content/index/search.py).
    answerable: bool = True
    # False: neither answered, nor offered, nor a rival cutting the margin of what is: not what
    # was asked (an entry naming another kind of insurance than the question; facets.py).
    offered: bool = True


class Outcome(StrEnum):
    CONFIDENT = "confident"
    AMBIGUOUS = "ambiguous"
    NONE = "none"


@dataclass(frozen=True)
class SearchResult:
    """CONFIDENT: ``matches[0]`` is the answer (close runners-up may follow, for inline lists);
    AMBIGUOUS: 1 to ``limit`` candidates to offer as buttons, best first (one: a lone, fair
    match, "did you mean ...?"); NONE: empty. ``related``: when CONFIDENT, the other entries
    linked with the answer (content/data/links.yaml), to offer under it."""

    outcome: Outcome
    matches: tuple[Match, ...]
    related: tuple[tuple[EntryKind, str], ...] = ()


NO_MATCH = SearchResult(Outcome.NONE, ())


def _both(text: Localized | None) -> tuple[str, ...]:
    return (text.vi, text.en) if text is not None else ()


def entries_of(kb: KnowledgeBase) -> list[SearchEntry]:
    """The searchable phrases of every indicator, policy and FAQ; as context, what each says
    (descriptions, statements of figures, summaries, answers)."""
    entries: list[SearchEntry] = []
    for indicator in kb.indicators.values():
        entries.append(
            SearchEntry(
                EntryKind.INDICATOR,
                indicator.key,
                (indicator.name.vi, indicator.name.en, *indicator.aliases.all()),
                indicator.keywords.all(),
                _both(indicator.description)
                + tuple(text for item in indicator.observations for text in _both(item.statement)),
            )
        )
    for policy in kb.policies.values():
        texts = (policy.name.vi, policy.name.en, *policy.aliases.all())
        if policy.document:
            texts += (policy.document,)
        context = _both(policy.summary) + tuple(
            text for note in policy.notes for text in _both(note.text)
        )
        entries.append(
            SearchEntry(EntryKind.POLICY, policy.key, texts, policy.keywords.all(), context)
        )
    for faq in kb.faqs.values():
        entries.append(
            SearchEntry(
                EntryKind.FAQ,
                faq.key,
                (faq.question.vi, faq.question.en, *faq.aliases.all()),
                faq.keywords.all(),
                _both(faq.answer),
            )
        )
    return entries
