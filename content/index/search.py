"""The search itself: candidates gathered from the inverted index, scored best bound first.

Gathering walks posting lists heaviest word first and stops discovering entries once none
not met yet could matter; candidates are then scored best upper bound first, stopping when no
bound can enter the top (:meth:`SearchIndex._candidates`). Small indexes (the real content)
are searched exhaustively; very large ones within fixed budgets (thresholds.py).
"""

from __future__ import annotations

import heapq
import re
from collections.abc import Iterable, Mapping, Sequence
from operator import itemgetter

from content.index.build import build
from content.index.facets import FACETS, NOTHING, Named, conflicts
from content.index.figures import FIGURE_MARK, asked_figures
from content.index.lexicon import ASKING_NUMBER, DOUBT_BREAKS, is_year
from content.index.links import LinkedGroup, Links, groups_of
from content.index.model import (
    KIND_ORDER,
    NO_MATCH,
    EntryKind,
    Match,
    Outcome,
    SearchEntry,
    SearchResult,
    entries_of,
)
from content.index.query import Query, QueryWord, read_query
from content.index.respell import Respeller
from content.index.scoring import Doc, cover, score
from content.index.thresholds import (
    CONTEXT_CLAUSES,
    DISCOVERY_BUDGET,
    IRRELEVANT_SCORE,
    MAX_QUERY_CHARS,
    MAX_SCORED,
    MAX_WORD_CHARS,
    MIN_COVERED,
    PREFILTER,
)
from content.knowledge import KnowledgeBase
from content.normalize import fold, strip_diacritics
from content.numbers import spell_numbers

# Where a clause ends: punctuation followed by a space or the end ("7.152,8" is one figure).
_CLAUSE_BREAK = re.compile(r"[,.;:!?…]+(?:\s+|$)|\n+")
# Where a quoted figure's doubt begins ("... 0,16% mà sao xóm tôi vẫn ..."), found in the text
# folded letter for letter (lexicon/words.yaml, doubt_breaks).
_DOUBT_BREAK = re.compile(
    r"(?<!\w)(?:" + "|".join(re.escape(fold(words)) for words in DOUBT_BREAKS) + r")(?!\w)"
)


class SearchIndex:
    """Immutable once built; :meth:`search` is pure and thread-safe."""

    def __init__(self, entries: Iterable[SearchEntry], links: Iterable[LinkedGroup] = ()) -> None:
        entries = list(entries)
        built = build(entries)
        # What each entry names of the facets (content/index/facets.py), if anything.
        self._facets: Mapping[tuple[str, str], Named] = {
            (entry.kind, entry.key): named
            for entry in entries
            if (named := FACETS.of_texts(entry.texts + entry.keywords))
        }
        self._links = Links(links)
        # The figures each entry states (figures.py), by entry.
        self._stated: Mapping[tuple[str, str], frozenset[str]] = {
            (doc.kind, doc.key): frozenset(
                word for word in doc.variants if word.startswith(FIGURE_MARK)
            )
            for doc in built.docs
        }
        self._docs = built.docs
        self._postings = built.postings
        self._shares = built.shares
        self._vocabulary = built.vocabulary
        self._respeller = Respeller(
            built.vocabulary.indexed,
            {spelled for doc in built.docs for spelled in _spellings(doc)},
            built.vocabulary.pairs,
            built.vocabulary.informative,
        )

    @classmethod
    def from_entries(
        cls, entries: Iterable[SearchEntry], links: Iterable[LinkedGroup] = ()
    ) -> SearchIndex:
        return cls(entries, links)

    @classmethod
    def from_knowledge_base(cls, kb: KnowledgeBase) -> SearchIndex:
        return cls(entries_of(kb), groups_of(kb))

    def __len__(self) -> int:
        return len(self._docs)

    def search(self, query: str, limit: int = 4) -> SearchResult:
        """The entries a question is about, at most ``limit`` (2 or more); see
        :class:`SearchResult`. Pure, synchronous and thread-safe.

        Residents say who and where they are before asking ("tôi ở Ba Vì, thấy nhiều người già
        chưa có thẻ, vậy cả thành phố bao nhiêu % có BHYT"): when the whole message is not
        answered at once, its last clauses are (dropping up to CONTEXT_CLAUSES leading ones),
        if what they answer is among what the whole message offers (or it offers nothing),
        the dropped clauses name nothing else ("tôi hỏi về thất nghiệp, tỷ lệ bao phủ" is not
        the health-insurance coverage) and it is of no other facet value than the whole names.
        Before that, two values of one facet asked at once (:meth:`_each_of_two`) and a figure
        quoted then doubted (:meth:`_quoted_then_doubted`) are answered."""
        limit = max(limit, 2)
        # "chín mốt phẩy tám phần trăm": "91,8%"; only the start is ever read (bounded work)
        query = spell_numbers(query[:MAX_QUERY_CHARS])
        whole = self._search(query, limit)
        if whole.outcome is Outcome.CONFIDENT:
            return whole
        text = query[:MAX_QUERY_CHARS]
        named = FACETS.named(read_query(text))
        both = self._each_of_two(whole, named)
        if both is not None:
            return both
        doubted = self._quoted_then_doubted(text, whole, limit)
        if doubted is not None:
            return doubted
        breaks = [found.end() for found in _CLAUSE_BREAK.finditer(text) if found.end() < len(text)]
        if not breaks:
            return whole
        offered = {(match.kind, match.key) for match in whole.matches}
        for start in breaks[:CONTEXT_CLAUSES]:
            later = self._search(text[start:], limit)
            if later.outcome is not Outcome.CONFIDENT:
                continue
            answer = (later.matches[0].kind, later.matches[0].key)
            context = self._search(text[:start], limit).matches  # what the dropped part names
            if (
                (offered and answer not in offered)
                or (context and (context[0].kind, context[0].key) != answer)
                or (named and conflicts(self._facets.get(answer, NOTHING), named))
            ):
                return whole
            return later
        return whole

    def _each_of_two(self, whole: SearchResult, named: Named) -> SearchResult | None:
        """Two values of one facet asked at once ("hộ nghèo và hộ cận nghèo mỗi loại bao
        nhiêu", "health and social insurance coverage"), offered as the only two choices, each
        naming one of them: both were asked, neither is a guess. The first answers, the other
        comes under it (:attr:`SearchResult.related`)."""
        if whole.outcome is not Outcome.AMBIGUOUS or len(whole.matches) != 2:
            return None
        first, second = whole.matches
        if not (first.answerable and second.answerable):
            return None
        mine = self._facets.get((first.kind, first.key), NOTHING)
        theirs = self._facets.get((second.kind, second.key), NOTHING)
        for facet, values in named.items():
            one, other = mine.get(facet, frozenset()), theirs.get(facet, frozenset())
            if len(one) == len(other) == 1 and one != other and one | other <= values:
                related = ((second.kind, second.key), *whole.related)
                return SearchResult(Outcome.CONFIDENT, whole.matches, related)
        return None

    def _quoted_then_doubted(
        self, text: str, whole: SearchResult, limit: int
    ) -> SearchResult | None:
        """A figure quoted, then doubted ("báo cáo nói hộ nghèo có 0,16% mà sao xóm tôi vẫn thấy
        nhiều nhà khó khăn"): what follows the doubt is what the resident sees around them. The
        part before it answers, when answered at once with an entry stating a figure it quotes,
        among what the whole message offers (or it offers nothing)."""
        bare = strip_diacritics(text).casefold()
        found = _DOUBT_BREAK.search(bare) if len(bare) == len(text) else None
        if found is None or found.start() == 0:
            return None
        before = text[: found.start()]
        quoted = {token.folded for token in asked_figures(before, self._vocabulary.indexed)}
        if not quoted:
            return None
        result = self._search(before, limit)
        if result.outcome is not Outcome.CONFIDENT:
            return None
        answer = (result.matches[0].kind, result.matches[0].key)
        offered = {(match.kind, match.key) for match in whole.matches}
        if offered and offered.isdisjoint({answer, *result.related}):
            return None  # the whole message is about something else it names
        return result if quoted & self._stated[answer] else None

    def _search(self, query: str, limit: int) -> SearchResult:
        tokens = self._respeller.respell(read_query(query))
        figures = asked_figures(query[:MAX_QUERY_CHARS], self._vocabulary.indexed)
        words = self._vocabulary.words_of(tokens + figures)
        if not any(word.informative and word.matches for word in words):
            return NO_MATCH
        asked = Query.of(words)
        named = FACETS.named(tokens)
        asks_number = any(ASKING_NUMBER.flags(tokens))
        # As typed: reading squeezes a run of one letter ("xxxx…" is read "x").
        garbled = any(len(word) > MAX_WORD_CHARS for word in query[:MAX_QUERY_CHARS].split())
        # A year no entry names ("hộ nghèo năm 2024"): no report covers it, so what matches is
        # offered, never answered at once (its card states another period).
        other_year = any(
            is_year(token.folded) and token.folded not in self._vocabulary.idf for token in tokens
        )
        scored: list[Match] = []
        best_scores: list[float] = []  # min-heap of the `limit` best scores so far
        exact = 0
        for shared, doc_id in self._candidates(asked):
            # Candidates come best cheap bound first: once one cannot enter the top, none can.
            cheap = 100.0 * min(1.0, (shared + asked.background) / asked.total)
            if cheap < IRRELEVANT_SCORE or (len(best_scores) >= limit and cheap <= best_scores[0]):
                break
            doc = self._docs[doc_id]
            elsewhere, bound = cover(doc, doc_id, asked, self._shares)
            if bound < IRRELEVANT_SCORE or (len(best_scores) >= limit and bound <= best_scores[0]):
                continue
            if exact >= MAX_SCORED:
                break
            exact += 1
            exact_score, by_keyword = score(doc, asked, elsewhere)
            found = round(exact_score, 2)
            if found <= 0:
                continue
            # A policy states no figure: related to a number asked only by a keyword, it is
            # offered, not answered ("bao nhiêu trường học" is not its "trường học" keyword).
            answerable = (
                not garbled
                and not other_year
                and not (asks_number and by_keyword and doc.kind is EntryKind.POLICY)
            )
            # Another kind of insurance, group of households, ... than the question names.
            offered = not (
                named and conflicts(self._facets.get((doc.kind, doc.key), NOTHING), named)
            )
            scored.append(
                Match(
                    doc.kind,
                    doc.key,
                    found,
                    answerable and offered,
                    offered,
                    not _modified(asked, elsewhere),
                    by_keyword,
                )
            )
            if len(best_scores) < limit:
                heapq.heappush(best_scores, found)
            elif found > best_scores[0]:
                heapq.heapreplace(best_scores, found)
        scored.sort(key=lambda match: (-match.score, KIND_ORDER[match.kind], match.key))
        return self._links.decide(scored, limit)

    def _candidates(self, asked: Query) -> list[tuple[float, int]]:
        """Entries that share informative words with the query: (the weight they share, entry),
        the PREFILTER best first (all of them in an index that small).

        A score is at most 100 × query coverage, so an entry holding none of the query's
        heaviest informative words is bounded by the weight of the others: the posting lists
        are walked heaviest word first, and once the words left could not lift an entry not
        met yet to IRRELEVANT_SCORE, lighter (commoner) words only add to entries already met;
        so they do too once DISCOVERY_BUDGET postings have been walked (the heaviest word's are
        always walked: in an index of a few thousand entries the budget is never reached).
        Entries below IRRELEVANT_SCORE can change no outcome: they are neither offered nor
        close enough to the best to cut its margin (see :func:`scoring.decide`)."""
        informative = sorted(
            (word for word in asked.words if word.informative and word.matches),
            key=lambda word: -word.weight,
        )
        unseen = sum(word.weight for word in informative)
        needed = asked.total * IRRELEVANT_SCORE / 100.0
        shared: dict[int, float] = {}
        walked = 0
        for word in informative:
            postings = self._word_postings(word)
            weight = word.weight
            discover = unseen + asked.background >= needed  # one not met yet could matter
            if discover and shared and walked + len(postings) > DISCOVERY_BUDGET:
                discover = False  # a very common word in a very large index: budget spent
            if discover and not shared:  # the first word: one comprehension, not a loop
                walked += len(postings)
                shared = {doc_id: weight * value for doc_id, value in postings.items()}
            elif discover:
                walked += len(postings)
                for doc_id, value in postings.items():
                    shared[doc_id] = shared.get(doc_id, 0.0) + weight * value
            else:
                _add_known(shared, postings, weight)
            unseen -= weight
        # A C sort of a few thousand pairs beats a Python heap with a key (heapq.nlargest).
        best = sorted(shared.items(), key=itemgetter(1), reverse=True)[:PREFILTER]
        return [(value, doc_id) for doc_id, value in best]

    def _word_postings(self, word: QueryWord) -> Mapping[int, float]:
        """Entry → how well it can cover the word (similarity × phrase or context factor)."""
        if len(word.matches) == 1:
            ((vocabulary_word, similarity),) = word.matches.items()
            postings = self._postings[vocabulary_word]
            if similarity == 1.0:
                return postings
            return {doc_id: similarity * factor for doc_id, factor in postings.items()}
        merged: dict[int, float] = {}
        for vocabulary_word, similarity in word.matches.items():
            for doc_id, factor in self._postings[vocabulary_word].items():
                if similarity * factor > merged.get(doc_id, 0.0):
                    merged[doc_id] = similarity * factor
        return merged


def _modified(asked: Query, covered: Sequence[float]) -> bool:
    """A word found in no entry stands between two query words the entry covers: it modifies
    the topic the entry matched ("trẻ em *suy* dinh dưỡng", malnutrition, is not the school
    milk's "dinh dưỡng"), so the entry is not clearly what was asked. Words before or after
    the matched ones are the resident's own context ("nhà mình ở Sóc Sơn, ... hộ nghèo")."""
    # The figures read from a question are appended after its words (figures.py): they bound
    # no span ("hộ nghèo 0,16% mà sao xóm tôi vẫn thấy ...": the words after are context).
    inside = [
        position
        for position, word in enumerate(asked.words)
        if word.informative
        and covered[position] >= MIN_COVERED
        and not word.token.folded.startswith(FIGURE_MARK)
    ]
    return bool(inside) and any(
        word.informative and not word.matches for word in asked.words[inside[0] + 1 : inside[-1]]
    )


def _add_known(shared: dict[int, float], postings: Mapping[int, float], weight: float) -> None:
    """Add a word's weight to the entries already met, walking the shorter of the two."""
    if len(postings) < len(shared):
        for doc_id, value in postings.items():
            if doc_id in shared:
                shared[doc_id] += weight * value
    else:
        for doc_id in shared:
            found = postings.get(doc_id)
            if found:
                shared[doc_id] += weight * found


def _spellings(doc: Doc) -> Iterable[str]:
    """Every spelling an entry has of its words (phrases and context)."""
    for spelled in (*doc.variants.values(), *doc.context.values()):
        yield from spelled
