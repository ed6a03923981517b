"""Scoring: how well one entry answers an analysed question, and the outcome of a search.

An entry's score is ``phrase coverage ** PHRASE_EXPONENT × query coverage`` for its best
phrase: how much of one of its names, aliases, keywords or questions the query holds (word
order counted), times how much of the query's weight the entry explains (words in another of
its phrases or in its description count less). Words the index has never seen count against
every entry, so "giá vàng" or "thời tiết" find nothing.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from content.index.model import NO_MATCH, EntryKind, Match, Outcome, SearchResult
from content.index.query import Hits, Query, agreement
from content.index.thresholds import (
    ADJACENCY_BONUS,
    CLEAR_MARGIN,
    CONFIDENT_MARGIN,
    CONFIDENT_SCORE,
    CONTEXT_FACTOR,
    MIN_COVERED,
    OTHER_PHRASE_FACTOR,
    PHRASE_EXPONENT,
    SUGGEST_SCORE,
    SUGGEST_WINDOW,
)


@dataclass(frozen=True, slots=True)
class Term:
    folded: str
    canonical: str
    weight: float
    informative: bool


@dataclass(frozen=True, slots=True)
class Phrase:
    terms: tuple[Term, ...]
    total: float
    pairs: tuple[tuple[int, int], ...]  # consecutive informative terms, for word order
    factor: float  # 1 for names and aliases, KEYWORD_FACTOR for keywords


@dataclass(frozen=True, slots=True)
class Doc:
    kind: EntryKind
    key: str
    phrases: tuple[Phrase, ...]
    variants: Mapping[str, frozenset[str]]  # folded word → its spellings in the phrases
    phrases_with: Mapping[str, tuple[int, ...]]  # informative word → the phrases holding it
    loose: float  # the largest share of a phrase's weight held by its non-informative words
    context: Mapping[str, frozenset[str]]  # the same for words only in the context


def cover(
    doc: Doc, doc_id: int, asked: Query, shares: Mapping[str, Mapping[int, float]]
) -> tuple[list[float], float]:
    """How well the entry as a whole covers each query word (a word in one of its phrases
    at OTHER_PHRASE_FACTOR, in its context at CONTEXT_FACTOR; diacritics agreement
    counted), and an upper bound of its score: a phrase's coverage is at most the shares
    of the query's words in it plus the share of its non-informative words. ``shares``:
    informative word → {entry: its largest share of the weight of a phrase holding it}."""
    elsewhere = []
    covered = asked.background
    phrase = doc.loose
    informative_hit = False
    for word in asked.words:
        best = best_here = 0.0
        for vocabulary_word, similarity in word.matches.items():
            spellings = doc.variants.get(vocabulary_word)
            if spellings is not None:
                factor, other = 1.0, OTHER_PHRASE_FACTOR
                found = shares.get(vocabulary_word)
                if found is not None:
                    phrase += found.get(doc_id, 0.0)
            else:
                spellings = doc.context.get(vocabulary_word)
                if spellings is None:
                    continue
                factor = other = CONTEXT_FACTOR
            agreed = max(agreement(word.token, spelled) for spelled in spellings)
            best = max(best, similarity * agreed * other)
            best_here = max(best_here, similarity * agreed * factor)
        elsewhere.append(best)
        if word.informative:
            covered += word.weight * best_here
            informative_hit = informative_hit or best_here >= MIN_COVERED
    if not informative_hit:
        return elsewhere, 0.0
    query_bound = min(1.0, covered / asked.total)
    return elsewhere, 100.0 * min(1.0, phrase) ** PHRASE_EXPONENT * query_bound


def score(doc: Doc, asked: Query, elsewhere: Sequence[float]) -> tuple[float, bool]:
    """``phrase coverage ** PHRASE_EXPONENT * query coverage``, for the entry's best phrase
    (keywords discounted by KEYWORD_FACTOR).

    Query coverage counts a query word fully when the phrase itself holds it, at
    OTHER_PHRASE_FACTOR when another phrase of the entry does, at CONTEXT_FACTOR when only
    the entry's context does (``elsewhere``, from :func:`cover`): words met together in
    one phrase are better evidence."""
    words = asked.words
    # Only phrases with an informative word of the query can reach MIN_COVERED.
    touched: set[int] = set()
    for vocabulary_word in asked.hits:
        touched.update(doc.phrases_with.get(vocabulary_word, ()))
    best_score = 0.0
    by_keyword = False
    for phrase_id in sorted(touched):
        phrase = doc.phrases[phrase_id]
        coverage, within = phrase_coverage(phrase, asked.hits, asked.topical)
        if not coverage:
            continue
        matched = 0.0
        informative_hit = False
        for position, word in enumerate(words):
            value = max(within.get(position, 0.0), elsewhere[position])
            matched += word.weight * value
            informative_hit = informative_hit or (word.informative and value >= MIN_COVERED)
        if not informative_hit:
            continue
        query_coverage = matched / asked.total
        found = phrase.factor * coverage**PHRASE_EXPONENT * query_coverage
        if found > best_score:
            best_score, by_keyword = found, phrase.factor < 1.0
    return 100.0 * best_score, by_keyword


def phrase_coverage(
    phrase: Phrase, hits: Hits, topical: frozenset[int]
) -> tuple[float, dict[int, float]]:
    """How much of the phrase the query holds (0..1, word order counted), and how well the
    phrase covers each query word it touches (by position). A phrase is held only where an
    informative word of the query (``topical``: positions) covers an informative word of it:
    the question's generic words ("Hà Nội", the programme's name beside a topic) never make a
    phrase of them matched on their own."""
    within: dict[int, float] = {}
    gathered = 0.0
    positions: list[int | None] = []
    informative_hit = False
    for term in phrase.terms:
        best, where = 0.0, None
        for position, similarity, token in hits.get(term.folded, ()):
            value = similarity * agreement(token, term.canonical)
            if value > within.get(position, 0.0):
                within[position] = value
            if value > best:
                best, where = value, position
        gathered += term.weight * best
        positions.append(where)
        informative_hit = informative_hit or (
            term.informative and best >= MIN_COVERED and where in topical
        )
    if not informative_hit or not phrase.total:
        return 0.0, within
    coverage = gathered / phrase.total
    if phrase.pairs:
        adjacent = 0
        for left, right in phrase.pairs:
            first, second = positions[left], positions[right]
            if first is not None and second is not None and 0 < second - first <= 2:
                adjacent += 1
        coverage *= 1.0 - ADJACENCY_BONUS + ADJACENCY_BONUS * adjacent / len(phrase.pairs)
    return coverage, within


def decide(scored: list[Match], limit: int) -> SearchResult:
    """Answer a strong match that leads (CONFIDENT_SCORE, CONFIDENT_MARGIN) or a fair one far
    ahead of all others (SUGGEST_SCORE, CLEAR_MARGIN); else offer what scores SUGGEST_SCORE or
    more, within SUGGEST_WINDOW of the best; below SUGGEST_SCORE, nothing.

    Only matches ``offered`` are answered, offered or runners-up: an entry naming another kind
    of insurance than the question is not what was asked, neither an answer nor a rival. A
    match not ``clear`` (the topic it matched modified by a word the content never uses) is
    answered only as a strong match."""
    best = next((match for match in scored if match.offered), None)
    if best is None or best.score < SUGGEST_SCORE:
        return NO_MATCH
    runner_up = max((m.score for m in scored if m is not best and m.offered), default=0.0)
    margin = best.score - runner_up
    floor = max(SUGGEST_SCORE, best.score - SUGGEST_WINDOW)
    near = tuple(match for match in scored if match.offered and match.score >= floor)[:limit]
    if best.answerable and (
        (best.score >= CONFIDENT_SCORE and margin >= CONFIDENT_MARGIN)
        or (best.clear and best.score >= SUGGEST_SCORE and margin >= CLEAR_MARGIN)
    ):
        return SearchResult(Outcome.CONFIDENT, near)
    return SearchResult(Outcome.AMBIGUOUS, near)
