"""Building the index, once per content version: each entry's phrases (names, aliases,
keywords, FAQ questions) analysed into weighted terms, each word weighted by how rare it is
across entries (an IDF over the index vocabulary, cut down for generic words such as "Hà Nội",
"tỷ lệ", "năm 2022"), and an inverted index from each folded word to the entries using it."""

from __future__ import annotations

import itertools
import math
from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from types import MappingProxyType

from content.index.figures import FIGURE_MARK, figure_token
from content.index.lexicon import FILLER, GENERIC, STOP_EN, STOP_VI, is_year, periods
from content.index.model import SearchEntry
from content.index.query import Vocabulary
from content.index.scoring import Doc, Phrase, Term
from content.index.thresholds import (
    CONTEXT_FACTOR,
    FIGURE_FACTOR,
    GENERIC_FACTOR,
    KEYWORD_FACTOR,
    STOP_FACTOR,
)
from content.normalize import Token, analyze

# An entry's phrases as tokens, each with its factor (1 or KEYWORD_FACTOR), and its context.
_Analysed = tuple[SearchEntry, list[tuple[list[Token], float]], list[Token]]
_Table = dict[str, dict[int, float]]


@dataclass(frozen=True, slots=True)
class Built:
    docs: tuple[Doc, ...]
    # folded word → {entry: 1.0 in a phrase, CONTEXT_FACTOR in the context only}
    postings: Mapping[str, Mapping[int, float]]
    # informative word → {entry: its largest share of the weight of a phrase holding it}
    shares: Mapping[str, Mapping[int, float]]
    vocabulary: Vocabulary


@dataclass(slots=True)
class _Tables:
    """What the entries' documents add to as they are built, one after the other."""

    informative: set[str] = field(default_factory=set)
    postings: _Table = field(default_factory=lambda: defaultdict(dict))
    shares: _Table = field(default_factory=lambda: defaultdict(dict))
    pairs: set[tuple[str, str]] = field(default_factory=set)  # consecutive words of a phrase


def build(entries: Iterable[SearchEntry]) -> Built:
    analysed, document_frequency = _analyse(entries)
    count = max(len(analysed), 1)
    idf = MappingProxyType(
        {word: math.log(1 + count / df) for word, df in document_frequency.items()}
    )
    tables = _Tables()
    docs = tuple(_doc(doc_id, item, idf, tables) for doc_id, item in enumerate(analysed))
    informative, postings, shares = tables.informative, tables.postings, tables.shares
    by_length: dict[int, list[str]] = defaultdict(list)
    for word in sorted(postings):
        if word.startswith(FIGURE_MARK):
            continue  # a figure is matched as written, never as a typo
        by_length[len(word)].append(word)
    vocabulary = Vocabulary(
        idf=idf,
        indexed=frozenset(postings),
        informative=frozenset(informative),
        by_length=MappingProxyType({length: tuple(words) for length, words in by_length.items()}),
        unknown_weight=math.log(1 + count),
        pairs=frozenset(tables.pairs),
    )
    return Built(docs, MappingProxyType(dict(postings)), MappingProxyType(dict(shares)), vocabulary)


def _analyse(entries: Iterable[SearchEntry]) -> tuple[list[_Analysed], dict[str, int]]:
    """Entries with at least one phrase, analysed; and in how many entries each word occurs."""
    analysed: list[_Analysed] = []
    document_frequency: dict[str, int] = defaultdict(int)
    for entry in entries:
        texts = [(analyze(text), 1.0) for text in entry.texts]
        texts += [(analyze(text), KEYWORD_FACTOR) for text in entry.keywords]
        texts += [([figure_token(word)], FIGURE_FACTOR) for word in entry.figures]
        texts = [(tokens, factor) for tokens, factor in texts if tokens]
        if not texts:
            continue
        context = [token for text in entry.context for token in analyze(text)]
        analysed.append((entry, texts, context))
        words = {token.folded for tokens, _ in texts for token in tokens}
        for folded in words | {token.folded for token in context}:
            document_frequency[folded] += 1
    return analysed, document_frequency


def _doc(doc_id: int, item: _Analysed, idf: Mapping[str, float], tables: _Tables) -> Doc:
    """One entry's searchable form; adds its words to the ``tables``."""
    entry, texts, context = item
    informative, postings, shares = tables.informative, tables.postings, tables.shares
    phrases: list[Phrase] = []
    variants: dict[str, set[str]] = defaultdict(set)
    phrases_with: dict[str, list[int]] = defaultdict(list)
    loose = 0.0
    for tokens, factor in texts:
        tables.pairs.update(
            (left.folded, right.folded) for left, right in itertools.pairwise(tokens)
        )
        phrase = make_phrase(tokens, factor, idf)
        if not phrase.total:
            continue
        informative_weight = 0.0
        for term in phrase.terms:
            variants[term.folded].add(term.canonical)
            if not term.informative:
                continue
            informative_weight += term.weight
            informative.add(term.folded)
            share = term.weight / phrase.total
            if share > shares[term.folded].get(doc_id, 0.0):
                shares[term.folded][doc_id] = share
            if phrases_with[term.folded][-1:] != [len(phrases)]:
                phrases_with[term.folded].append(len(phrases))
        loose = max(loose, 1.0 - informative_weight / phrase.total)
        phrases.append(phrase)
    described: dict[str, set[str]] = defaultdict(set)
    for token in context:
        if (
            token.folded not in variants
            and token.canonical not in STOP_VI
            and token.folded not in STOP_EN
        ):
            described[token.folded].add(token.canonical)
    for folded in variants:
        postings[folded][doc_id] = 1.0
    for folded in described:
        postings[folded][doc_id] = CONTEXT_FACTOR
    return Doc(
        kind=entry.kind,
        key=entry.key,
        phrases=tuple(phrases),
        variants=_frozen(variants),
        phrases_with=MappingProxyType({word: tuple(ids) for word, ids in phrases_with.items()}),
        context=_frozen(described),
        loose=loose,
    )


def make_phrase(tokens: list[Token], factor: float, idf: Mapping[str, float]) -> Phrase:
    marks = periods(tokens)  # "q" of "Q2": the period, no topic (lexicon.py)
    generic = [listed or mark for listed, mark in zip(GENERIC.flags(tokens), marks, strict=True)]
    filler = FILLER.flags(tokens)  # as a query would drop them
    english = not any(token.marked for token in tokens)
    terms = []
    for token, is_generic, is_filler in zip(tokens, generic, filler, strict=True):
        weight = idf[token.folded]
        if is_filler or token.canonical in STOP_VI or (english and token.folded in STOP_EN):
            terms.append(Term(token.folded, token.canonical, weight * STOP_FACTOR, False))
        elif is_generic or is_year(token.folded):
            terms.append(Term(token.folded, token.canonical, weight * GENERIC_FACTOR, False))
        else:
            terms.append(Term(token.folded, token.canonical, weight, True))
    informative = [index for index, term in enumerate(terms) if term.informative]
    pairs = tuple(itertools.pairwise(informative))
    return Phrase(tuple(terms), sum(term.weight for term in terms), pairs, factor)


def _frozen(spellings: Mapping[str, set[str]]) -> Mapping[str, frozenset[str]]:
    return MappingProxyType({word: frozenset(spelled) for word, spelled in spellings.items()})
