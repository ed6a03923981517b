"""What the matcher is given (:class:`SearchEntry`, built by :func:`entries_of` from the
content) and what it answers (:class:`SearchResult`)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from enum import StrEnum

from content.index.figures import stated_figures
from content.knowledge import KnowledgeBase
from content.schema import Localized, Terms


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
    when a question uses them beside a phrase ("hộ nghèo *chiếm* bao nhiêu *tổng số hộ*").
    ``figures``: the figure words of what the entry states (content/index/figures.py), each
    one phrase of its own: a question asking of a figure by its value finds the entry."""

    kind: EntryKind
    key: str
    texts: tuple[str, ...]
    keywords: tuple[str, ...] = ()
    context: tuple[str, ...] = ()
    figures: tuple[str, ...] = ()


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
    # False: answered at once only as a strong match, never as a lone fair one: a word the
    # content never uses stands among the words it matched ("trẻ em *suy* dinh dưỡng" is not
    # "dinh dưỡng": the topic asked is another one; content/index/search.py).
    clear: bool = True
    # True: its best phrase is a keyword (related to the entry, not naming it).
    by_keyword: bool = False


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


def _figures(
    names: Sequence[Localized | Terms | None], said: Sequence[Localized | None]
) -> tuple[str, ...]:
    """The figures an entry names or states (each text read with its language's separators),
    sorted: "68" of "Nghị quyết 68/NQ-CP", "5,64" of "trên 5,64 triệu lượt"."""
    vi: list[str] = []
    en: list[str] = []
    for text in (*names, *said):
        if isinstance(text, Terms):
            vi += text.vi
            en += text.en
        elif text is not None:
            vi.append(text.vi)
            en.append(text.en)
    return tuple(sorted(stated_figures(vi, ",") | stated_figures(en, ".")))


_HALVES = {"H1": "6 tháng đầu năm nửa đầu năm H1", "H2": "6 tháng cuối năm nửa cuối năm H2"}


def _period_words(key: str) -> str:
    """The words residents name an observation's period with, as context ("quý 1 2022",
    "Q1 2022", "6 tháng đầu năm 2023"): the report's own label "Quý I/2022" has a Roman digit."""
    year, _, part = key.partition("-")
    if part.startswith("Q"):
        return f"quý {part[1:]} năm {year} {part} {year}"
    return f"{_HALVES.get(part, '')} {year}".strip()


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
                + tuple(text for item in indicator.observations for text in _both(item.statement))
                + tuple(_period_words(item.period_key) for item in indicator.observations),
                _figures(
                    (indicator.name, indicator.aliases),
                    [item.statement for item in indicator.observations],
                ),
            )
        )
    for policy in kb.policies.values():
        texts = (policy.name.vi, policy.name.en, *policy.aliases.all())
        if policy.document:
            texts += (policy.document,)
        context = _both(policy.summary) + tuple(
            text for note in policy.notes for text in _both(note.text)
        )
        said = [policy.summary, *(note.text for note in policy.notes)]
        figures = _figures((policy.name, policy.aliases), said)
        entries.append(
            SearchEntry(
                EntryKind.POLICY, policy.key, texts, policy.keywords.all(), context, figures
            )
        )
    for faq in kb.faqs.values():
        entries.append(
            SearchEntry(
                EntryKind.FAQ,
                faq.key,
                (faq.question.vi, faq.question.en, *faq.aliases.all()),
                faq.keywords.all(),
                _both(faq.answer),
                _figures((faq.question, faq.aliases), [faq.answer]),
            )
        )
    return entries
