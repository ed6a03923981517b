"""The question matcher: which indicator, policy or FAQ a resident's question is about.

Everything that can be computed once is computed at build time: each entry's phrases (names,
aliases, keywords, FAQ questions) are analysed into tokens (:mod:`content.normalize`), each
token is weighted by how rare it is across entries (an IDF over the index vocabulary, cut down
for generic words such as "Hà Nội", "tỷ lệ", "năm 2022"), and an inverted index maps each folded
token to the entries that use it. A query is then:

1. analysed the same way (first :data:`MAX_QUERY_CHARS` characters only), filler phrases
   ("cho mình hỏi", "là bao nhiêu", "how many") dropped;
2. each word matched against the vocabulary: exactly after folding, else as a typo
   (rapidfuzz OSA distance on words of similar length, with a ``score_cutoff``), else split in
   two known words ("hongheo"); a word with diacritics agrees with an entry word only as far
   as its diacritics do, so "cần" does not count as "cận";
3. candidate entries gathered from the inverted index by the query's informative words, and
   scored on two coverages: how much of one of the entry's phrases the query holds
   (``phrase``, with word order), and how much of the query's weight the entry explains
   (``query``; words in another phrase or in the entry's description count less); words the
   index has never seen count against every entry, so "giá vàng" or "thời tiết" find nothing.
   Gathering walks posting lists heaviest word first and stops discovering entries once none
   not met yet could matter; candidates are then scored best upper bound first, stopping when
   no bound can enter the top (:meth:`SearchIndex._candidates`). Small indexes (the real
   content) are searched exhaustively; very large ones within fixed budgets;
4. the outcome decided on the best score and its margin over the next entry (:func:`_decide`).

A wrong figure is worse than no answer: the thresholds lean to AMBIGUOUS (offer buttons) and
NONE. :meth:`SearchIndex.search` is pure and touches only immutable data, so any number of
threads may call it at once. It holds the GIL (pure Python), so running it in a thread keeps
the event loop free only to the extent the interpreter switches threads: see bench/qa.py.
"""

from __future__ import annotations

import heapq
import itertools
import math
import re
import unicodedata
from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from enum import StrEnum
from functools import lru_cache
from operator import itemgetter
from types import MappingProxyType

from rapidfuzz import process
from rapidfuzz.distance import OSA

from content.knowledge import KnowledgeBase
from content.normalize import Token, analyze, make_token
from content.schema import Localized

MAX_QUERY_CHARS = 300  # a question; the rest of a long message is not read
MAX_QUERY_TOKENS = 40

CONFIDENT_SCORE = 72.0  # a strong match is answered when it leads the next entry ...
CONFIDENT_MARGIN = 8.0  # ... by this much
CLEAR_SCORE = 58.0  # a fair match is answered only when nothing else comes close:
CLEAR_MARGIN = 25.0  # it leads the next entry by this much
# An entry scoring below this changes no outcome: never offered (< SUGGEST_SCORE) and never
# close enough to a best of CLEAR_SCORE or more to cut its margin.
IRRELEVANT_SCORE = CLEAR_SCORE - CLEAR_MARGIN
SUGGEST_SCORE = 50.0  # candidates offered as buttons score at least this
SUGGEST_WINDOW = 20.0  # ... and within this of the best
# Bounds on the work per query, for very large indexes: entries ranked by a cheap bound,
# the best PREFILTER ranked again by a tighter one, at most MAX_SCORED scored exactly. An
# index smaller than PREFILTER (the real content) is always searched exhaustively.
PREFILTER = 256
MAX_SCORED = 48
DISCOVERY_BUDGET = 3000  # postings walked to discover entries, after the heaviest word
MIN_COVERED = 0.6  # an informative query word counts as matched from this similarity

GENERIC_FACTOR = 0.2  # weight of a generic word relative to its IDF
STOP_FACTOR = 0.05  # weight of a function word inside an entry's phrase
AMBIGUOUS_FACTOR = 0.35  # an unaccented word that is filler or content ("hoi": hỏi / hội)
NUMBER_FACTOR = 0.3  # numbers: weight relative to their IDF
KEYWORD_FACTOR = 0.85  # a keyword relates to an entry; a name or an alias identifies it
OTHER_PHRASE_FACTOR = 0.8  # a query word found in another phrase of the entry covers this much
CONTEXT_FACTOR = 0.7  # a word found only in an entry's description covers this much
PHRASE_EXPONENT = 0.6
QUERY_EXPONENT = 1.0
ADJACENCY_BONUS = 0.12  # share of a phrase score that needs its words next to each other

AGREE_OMITTED = 0.93  # the resident left out some of the entry word's diacritics
AGREE_CONFLICT = 0.5  # the resident typed other diacritics: probably another word
TYPO_SIMILARITY = {1: 0.8, 2: 0.62}  # by OSA edit distance
MAX_TYPOS = 3  # vocabulary words a misspelt word may stand for


class EntryKind(StrEnum):
    INDICATOR = "indicator"
    POLICY = "policy"
    FAQ = "faq"


_KIND_ORDER = {EntryKind.INDICATOR: 0, EntryKind.POLICY: 1, EntryKind.FAQ: 2}


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


class Outcome(StrEnum):
    CONFIDENT = "confident"
    AMBIGUOUS = "ambiguous"
    NONE = "none"


@dataclass(frozen=True)
class SearchResult:
    """CONFIDENT: ``matches[0]`` is the answer (close runners-up may follow, for inline lists);
    AMBIGUOUS: 1 to ``limit`` candidates to offer as buttons, best first (one: a lone, fair
    match, "did you mean ...?"); NONE: empty."""

    outcome: Outcome
    matches: tuple[Match, ...]


NO_MATCH = SearchResult(Outcome.NONE, ())


# --------------------------------------------------------------------------- word classes

# Filler phrases: removed from the query before matching (they can cover nothing).
STOP_PHRASES: tuple[str, ...] = (
    "bao nhiêu", "là bao nhiêu", "được bao nhiêu", "là gì", "là ai", "như thế nào", "thế nào",
    "ra sao", "ở đâu", "tại sao", "vì sao", "làm sao", "thì sao", "bao giờ", "khi nào",
    "cho mình hỏi", "cho em hỏi", "cho tôi hỏi", "cho con hỏi", "cho hỏi", "xin hỏi",
    "muốn hỏi", "muốn biết", "cho biết", "hiện nay", "hiện tại", "bây giờ", "năm nay",
    "hôm nay", "được không", "có không", "có phải", "đúng không", "phải không", "mọi người",
    "admin ơi", "đến đâu", "xin chào", "cảm ơn", "cám ơn",
    "how many", "how much", "what is", "what are", "is there", "are there", "tell me",
    "i want to know", "do you know", "thank you",
)  # fmt: skip

# Function words: no weight in a query, but they may still cover an entry's word.
STOP_WORDS_VI: tuple[str, ...] = (
    "cho", "mình", "tôi", "tớ", "em", "anh", "chị", "cô", "chú", "ông", "bà", "bạn", "admin",
    "ơi", "ạ", "à", "ừ", "nhé", "nhỉ", "nha", "nhá", "vậy", "thế", "hả", "hở", "chứ", "đi",
    "với", "và", "hoặc", "hay", "là", "thì", "mà", "của", "có", "không", "được", "bị", "đã",
    "đang", "sẽ", "vẫn", "còn", "rồi", "chưa", "cũng", "nào", "gì", "sao", "đâu", "ai", "mấy",
    "hỏi", "biết", "xin", "giúp", "muốn", "này", "kia", "đó", "ấy", "các", "những", "mọi",
    "về", "ở", "tại", "trong", "từ", "đến", "tới", "cái", "thôi", "luôn", "lắm", "quá", "rất",
    "như", "khi", "nếu", "vì", "nên", "để", "do", "bởi", "theo", "cùng", "vừa", "vâng", "dạ",
    "alo", "chào", "ok", "oke", "nhiêu", "lại", "nữa", "đây", "đấy", "đều", "cả", "mỗi", "nhau",
    "ra", "vào", "lên", "xuống", "qua", "hết", "nhưng", "tuy", "vậy", "ư", "hử", "chăng",
    "thật", "hãy", "nhờ", "ạh", "nhen", "nè", "hen", "hong",
)  # fmt: skip
STOP_WORDS_EN: tuple[str, ...] = (
    "a", "an", "the", "of", "in", "on", "at", "for", "from", "by", "with", "about", "and",
    "or", "is", "are", "was", "were", "be", "been", "do", "does", "did", "can", "could",
    "would", "should", "will", "there", "this", "that", "these", "those", "it", "its", "i",
    "me", "my", "we", "our", "you", "your", "they", "their", "please", "tell", "show", "give",
    "know", "want", "what", "how", "which", "who", "whom", "where", "when", "why", "get",
    "have", "has", "had", "any", "some", "than", "so", "hi", "hello", "thanks", "thank", "per",
)  # fmt: skip

# Generic words: a little weight, never enough on their own to make a match.
GENERIC_PHRASES: tuple[str, ...] = (
    "hà nội", "thành phố", "thủ đô", "việt nam", "tỷ lệ", "số lượng", "số", "phần trăm",
    "tổng", "tổng số", "toàn", "năm", "quý", "tháng", "tuần", "ngày", "nay", "hiện", "người",
    "dân", "người dân", "nhân dân", "đạt", "quận", "huyện", "phường", "thị xã", "địa bàn",
    "ba đình", "hoàn kiếm", "đống đa", "hai bà trưng", "tây hồ", "cầu giấy", "thanh xuân",
    "hoàng mai", "long biên", "nam từ liêm", "bắc từ liêm", "hà đông", "sơn tây", "ba vì",
    "chương mỹ", "đan phượng", "đông anh", "gia lâm", "hoài đức", "mê linh", "mỹ đức",
    "phú xuyên", "phúc thọ", "quốc oai", "sóc sơn", "thạch thất", "thanh oai", "thanh trì",
    "thường tín", "ứng hòa",
    "hanoi", "ha noi", "city", "capital", "vietnam", "rate", "ratio", "number", "percent",
    "percentage", "share", "total", "year", "quarter", "month", "people", "resident",
    "current", "now", "today", "latest", "district",
    # what a question asks of its topic, not the topic itself
    "chiếm", "gồm", "bao gồm", "giữ", "nghĩa", "cần", "thiếu", "đủ",
    "gặp", "xem", "thấy", "nói", "đúng", "sai", "nhất", "hơn", "cao", "thấp", "nhiều", "ít",
    "lớn", "nhỏ", "chính xác", "cụ thể", "thông tin", "số liệu", "con số", "tình hình",
    "cập nhật", "mới nhất",
    "need", "get", "got", "information", "info", "data", "figure", "status", "situation",
    "exactly", "update", "many", "much",
)  # fmt: skip


class _PhraseList:
    """Words and phrases of a word class, looked up by the folded form of their first word."""

    def __init__(self, phrases: Iterable[str]) -> None:
        by_first: dict[str, list[tuple[Token, ...]]] = defaultdict(list)
        for text in phrases:
            words = tuple(analyze(text))
            if words:
                by_first[words[0].folded].append(words)
        self._by_first: Mapping[str, tuple[tuple[Token, ...], ...]] = MappingProxyType(
            {
                first: tuple(sorted(found, key=len, reverse=True))
                for first, found in by_first.items()
            }
        )

    def flags(self, tokens: Sequence[Token]) -> list[bool]:
        """Which positions belong to a listed phrase (the longest at each start)."""
        flags = [False] * len(tokens)
        for start, token in enumerate(tokens):
            for phrase in self._by_first.get(token.folded, ()):
                end = start + len(phrase)
                if end <= len(tokens) and all(
                    _same_word(tokens[start + offset], word) for offset, word in enumerate(phrase)
                ):
                    flags[start:end] = [True] * len(phrase)
                    break
        return flags


_STOP_PHRASES = _PhraseList(STOP_PHRASES)
_GENERIC_PHRASES = _PhraseList(GENERIC_PHRASES)
_STOP_VI = frozenset(token.canonical for word in STOP_WORDS_VI for token in analyze(word))
_STOP_VI_FOLDED = frozenset(token.folded for word in STOP_WORDS_VI for token in analyze(word))
_STOP_EN = frozenset(token.folded for word in STOP_WORDS_EN for token in analyze(word))
_VOWEL_GROUPS = re.compile(r"[aeiouy]+")


def _same_word(typed: Token, listed: Token) -> bool:
    """A typed word is a listed one: by diacritics when it has any, else by its folded form."""
    return typed.canonical == listed.canonical if typed.marked else typed.folded == listed.folded


def _typed_stop(token: Token) -> bool:
    """A function word in a query: by its diacritics if typed, else by its folded form."""
    if token.marked:
        return token.canonical in _STOP_VI
    return token.folded in _STOP_VI_FOLDED or token.folded in _STOP_EN


def _is_year(folded: str) -> bool:
    return len(folded) == 4 and folded.isdigit() and 1990 <= int(folded) <= 2050


# --------------------------------------------------------------------------- build-time data


@dataclass(frozen=True, slots=True)
class _Term:
    folded: str
    canonical: str
    weight: float
    informative: bool


@dataclass(frozen=True, slots=True)
class _Phrase:
    terms: tuple[_Term, ...]
    total: float
    pairs: tuple[tuple[int, int], ...]  # consecutive informative terms, for word order
    factor: float  # 1 for names and aliases, KEYWORD_FACTOR for keywords


@dataclass(frozen=True, slots=True)
class _Doc:
    kind: EntryKind
    key: str
    phrases: tuple[_Phrase, ...]
    variants: Mapping[str, frozenset[str]]  # folded word → its spellings in the phrases
    phrases_with: Mapping[str, tuple[int, ...]]  # informative word → the phrases holding it
    loose: float  # the largest share of a phrase's weight held by its non-informative words
    context: Mapping[str, frozenset[str]]  # the same for words only in the context


# Per query: vocabulary word → (query position, similarity, the typed token).
_Hits = Mapping[str, Sequence[tuple[int, float, Token]]]


@dataclass(slots=True)
class _QueryWord:
    token: Token
    weight: float
    informative: bool
    matches: dict[str, float] = field(default_factory=dict)  # vocabulary word → similarity


@dataclass(frozen=True, slots=True)
class _Query:
    words: tuple[_QueryWord, ...]
    hits: _Hits
    total: float  # the weight of all its words
    background: float  # ... of its non-informative words

    @classmethod
    def of(cls, words: Sequence[_QueryWord]) -> _Query:
        hits: dict[str, list[tuple[int, float, Token]]] = defaultdict(list)
        for position, word in enumerate(words):
            for vocabulary_word, similarity in word.matches.items():
                hits[vocabulary_word].append((position, similarity, word.token))
        return cls(
            words=tuple(words),
            hits=MappingProxyType(dict(hits)),
            total=sum(word.weight for word in words),
            background=sum(word.weight for word in words if not word.informative),
        )


def _marks(char: str) -> frozenset[str]:
    return frozenset(c for c in unicodedata.normalize("NFD", char) if unicodedata.combining(c))


def _agreement(typed: Token, spelled: str) -> float:
    """How well the diacritics the resident typed agree with an entry word's (same fold)."""
    if not typed.marked or typed.canonical == spelled:
        return 1.0
    return _marked_agreement(typed.canonical, spelled)


@lru_cache(maxsize=1 << 16)
def _marked_agreement(typed: str, spelled: str) -> float:
    if len(typed) != len(spelled):
        return AGREE_OMITTED
    omitted = False
    for mine, theirs in zip(typed, spelled, strict=True):
        if mine == theirs:
            continue
        if not _marks(mine) <= _marks(theirs) or (mine == "đ") != (theirs == "đ"):
            return AGREE_CONFLICT
        omitted = True
    return AGREE_OMITTED if omitted else 1.0


class SearchIndex:
    """Immutable once built; :meth:`search` is pure and thread-safe."""

    def __init__(self, entries: Iterable[SearchEntry]) -> None:
        analysed: list[tuple[SearchEntry, list[tuple[list[Token], float]], list[Token]]] = []
        document_frequency: dict[str, int] = defaultdict(int)
        for entry in entries:
            texts = [(analyze(text), 1.0) for text in entry.texts]
            texts += [(analyze(text), KEYWORD_FACTOR) for text in entry.keywords]
            texts = [(tokens, factor) for tokens, factor in texts if tokens]
            if not texts:
                continue
            context = [token for text in entry.context for token in analyze(text)]
            analysed.append((entry, texts, context))
            words = {token.folded for tokens, _ in texts for token in tokens}
            for folded in words | {token.folded for token in context}:
                document_frequency[folded] += 1
        count = max(len(analysed), 1)
        self._unknown_weight = math.log(1 + count)
        self._idf: Mapping[str, float] = MappingProxyType(
            {word: math.log(1 + count / df) for word, df in document_frequency.items()}
        )
        informative_words: set[str] = set()
        docs: list[_Doc] = []
        postings: dict[str, dict[int, float]] = defaultdict(dict)
        shares: dict[str, dict[int, float]] = defaultdict(dict)
        for entry, texts, context in analysed:
            doc_id = len(docs)
            phrases: list[_Phrase] = []
            variants: dict[str, set[str]] = defaultdict(set)
            phrases_with: dict[str, list[int]] = defaultdict(list)
            loose = 0.0
            for tokens, factor in texts:
                phrase = self._phrase(tokens, factor)
                if not phrase.total:
                    continue
                informative_weight = 0.0
                for term in phrase.terms:
                    variants[term.folded].add(term.canonical)
                    if term.informative:
                        informative_weight += term.weight
                        informative_words.add(term.folded)
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
                    and token.canonical not in _STOP_VI
                    and token.folded not in _STOP_EN
                ):
                    described[token.folded].add(token.canonical)
            for folded in variants:
                postings[folded][doc_id] = 1.0
            for folded in described:
                postings[folded][doc_id] = CONTEXT_FACTOR
            docs.append(
                _Doc(
                    kind=entry.kind,
                    key=entry.key,
                    phrases=tuple(phrases),
                    variants=_frozen(variants),
                    phrases_with=MappingProxyType(
                        {word: tuple(ids) for word, ids in phrases_with.items()}
                    ),
                    context=_frozen(described),
                    loose=loose,
                )
            )
        self._docs: tuple[_Doc, ...] = tuple(docs)
        # folded word → {entry: 1.0 in a phrase, CONTEXT_FACTOR in the context only}
        self._postings: Mapping[str, Mapping[int, float]] = MappingProxyType(dict(postings))
        # informative word → {entry: its largest share of the weight of a phrase holding it}
        self._shares: Mapping[str, Mapping[int, float]] = MappingProxyType(dict(shares))
        self._informative_words = frozenset(informative_words)
        by_length: dict[int, list[str]] = defaultdict(list)
        for word in sorted(self._postings):
            by_length[len(word)].append(word)
        self._by_length: Mapping[int, tuple[str, ...]] = MappingProxyType(
            {length: tuple(words) for length, words in by_length.items()}
        )

    # ------------------------------------------------------------------ construction

    @classmethod
    def from_entries(cls, entries: Iterable[SearchEntry]) -> SearchIndex:
        return cls(entries)

    @classmethod
    def from_knowledge_base(cls, kb: KnowledgeBase) -> SearchIndex:
        return cls(entries_of(kb))

    def __len__(self) -> int:
        return len(self._docs)

    def _phrase(self, tokens: list[Token], factor: float) -> _Phrase:
        generic = _GENERIC_PHRASES.flags(tokens)
        filler = _STOP_PHRASES.flags(tokens)  # as a query would drop them
        english = not any(token.marked for token in tokens)
        terms = []
        for token, is_generic, is_filler in zip(tokens, generic, filler, strict=True):
            idf = self._idf[token.folded]
            if is_filler or token.canonical in _STOP_VI or (english and token.folded in _STOP_EN):
                terms.append(_Term(token.folded, token.canonical, idf * STOP_FACTOR, False))
            elif is_generic or _is_year(token.folded):
                terms.append(_Term(token.folded, token.canonical, idf * GENERIC_FACTOR, False))
            else:
                terms.append(_Term(token.folded, token.canonical, idf, True))
        informative = [index for index, term in enumerate(terms) if term.informative]
        pairs = tuple(itertools.pairwise(informative))
        return _Phrase(tuple(terms), sum(term.weight for term in terms), pairs, factor)

    # ------------------------------------------------------------------ query

    def _query_words(self, text: str) -> list[_QueryWord]:
        tokens = analyze(text, max_chars=MAX_QUERY_CHARS)[:MAX_QUERY_TOKENS]
        filler = _STOP_PHRASES.flags(tokens)
        tokens = self._split_joined(
            [token for token, f in zip(tokens, filler, strict=True) if not f]
        )
        generic = _GENERIC_PHRASES.flags(tokens)
        words = []
        for token, is_generic in zip(tokens, generic, strict=True):
            stop = _typed_stop(token)
            if stop or is_generic or _is_year(token.folded):
                # Filler or generic; unaccented, it may also be a content word ("hoi": hội).
                matches = {token.folded: 1.0} if token.folded in self._idf else {}
                idf = self._idf.get(token.folded, self._unknown_weight)
                if not token.marked and token.folded in self._informative_words:
                    weight = idf * AMBIGUOUS_FACTOR
                elif stop:
                    weight = 0.0
                else:
                    weight = idf * GENERIC_FACTOR
                words.append(_QueryWord(token, weight, False, matches))
                continue
            matches = self._vocabulary_matches(token)
            idf = max((self._idf[word] for word in matches), default=self._unknown_weight)
            if token.folded.isdigit():
                # Numbers help ("NQ 68" names a resolution) but never match on their own.
                words.append(_QueryWord(token, idf * NUMBER_FACTOR, False, matches))
            else:
                words.append(_QueryWord(token, idf, True, matches))
        return words

    def _split_joined(self, tokens: list[Token]) -> list[Token]:
        """ "hongheo" → "ho ngheo", "baohiem" → "bao hiem": words typed without a space."""
        out: list[Token] = []
        for token in tokens:
            word = token.folded
            if (
                word in self._postings
                or not word.isalpha()
                or len(_VOWEL_GROUPS.findall(word)) < 2  # one syllable: a word, not two
            ):
                out.append(token)
                continue
            best: tuple[int, int] | None = None
            for cut in range(2, len(word) - 1):  # both parts two letters or more
                if word[:cut] in self._postings and word[cut:] in self._postings:
                    balance = min(cut, len(word) - cut)
                    if best is None or balance > best[0]:
                        best = (balance, cut)
            if best is None:
                out.append(token)
                continue
            cut = best[1]
            if len(token.canonical) == len(word):
                out += [make_token(token.canonical[:cut]), make_token(token.canonical[cut:])]
            else:
                out += [make_token(word[:cut]), make_token(word[cut:])]
        return out

    def _vocabulary_matches(self, token: Token) -> dict[str, float]:
        word = token.folded
        if word in self._postings:
            return {word: 1.0}
        length = len(word)
        if length < 4 or length > 30 or word.isdigit():
            return {}
        edits = 1 if length < 8 else 2
        found: list[tuple[int, float, str]] = []
        for size in range(length - edits, length + edits + 1):
            choices = self._by_length.get(size)
            if choices:
                found += (
                    (int(distance), self._idf[choice], choice)
                    for choice, distance, _ in process.extract(
                        word, choices, scorer=OSA.distance, score_cutoff=edits, limit=None
                    )
                )
        # The closest; between equals, the commoner word (the likelier one meant).
        found.sort()
        return {choice: TYPO_SIMILARITY[distance] for distance, _, choice in found[:MAX_TYPOS]}

    # ------------------------------------------------------------------ scoring

    def search(self, query: str, limit: int = 4) -> SearchResult:
        """The entries a question is about, at most ``limit`` (2 or more); see
        :class:`SearchResult`. Pure, synchronous and thread-safe."""
        limit = max(limit, 2)
        words = self._query_words(query)
        if not any(word.informative and word.matches for word in words):
            return NO_MATCH
        asked = _Query.of(words)
        scored: list[Match] = []
        best_scores: list[float] = []  # min-heap of the `limit` best scores so far
        exact = 0
        for shared, doc_id in self._candidates(asked):
            # Candidates come best cheap bound first: once one cannot enter the top, none can.
            cheap = 100.0 * min(1.0, (shared + asked.background) / asked.total)
            if cheap < IRRELEVANT_SCORE or (len(best_scores) >= limit and cheap <= best_scores[0]):
                break
            doc = self._docs[doc_id]
            elsewhere, bound = self._cover(doc, doc_id, asked)
            if bound < IRRELEVANT_SCORE or (len(best_scores) >= limit and bound <= best_scores[0]):
                continue
            if exact >= MAX_SCORED:
                break
            exact += 1
            score = round(self._score(doc, asked, elsewhere), 2)
            if score <= 0:
                continue
            scored.append(Match(doc.kind, doc.key, score))
            if len(best_scores) < limit:
                heapq.heappush(best_scores, score)
            elif score > best_scores[0]:
                heapq.heapreplace(best_scores, score)
        scored.sort(key=lambda match: (-match.score, _KIND_ORDER[match.kind], match.key))
        return _decide(scored, limit)

    def _candidates(self, asked: _Query) -> list[tuple[float, int]]:
        """Entries that share informative words with the query: (the weight they share, entry),
        the PREFILTER best first (all of them in an index that small).

        A score is at most 100 × query coverage, so an entry holding none of the query's
        heaviest informative words is bounded by the weight of the others: the posting lists
        are walked heaviest word first, and once the words left could not lift an entry not
        met yet to IRRELEVANT_SCORE, lighter (commoner) words only add to entries already met;
        so they do too once DISCOVERY_BUDGET postings have been walked (the heaviest word's are
        always walked: in an index of a few thousand entries the budget is never reached).
        Entries below IRRELEVANT_SCORE can change no outcome: they are neither offered nor
        close enough to the best to cut its margin (see :func:`_decide`)."""
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
            if discover:
                walked += len(postings)
                for doc_id, value in postings.items():
                    shared[doc_id] = shared.get(doc_id, 0.0) + weight * value
            elif len(postings) < len(shared):
                for doc_id, value in postings.items():
                    if doc_id in shared:
                        shared[doc_id] += weight * value
            else:
                for doc_id in shared:
                    found = postings.get(doc_id)
                    if found:
                        shared[doc_id] += weight * found
            unseen -= weight
        return [
            (value, doc_id)
            for doc_id, value in heapq.nlargest(PREFILTER, shared.items(), key=itemgetter(1))
        ]

    def _cover(self, doc: _Doc, doc_id: int, asked: _Query) -> tuple[list[float], float]:
        """How well the entry as a whole covers each query word (a word in one of its phrases
        at OTHER_PHRASE_FACTOR, in its context at CONTEXT_FACTOR; diacritics agreement
        counted), and an upper bound of its score: a phrase's coverage is at most the shares
        of the query's words in it plus the share of its non-informative words."""
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
                    shares = self._shares.get(vocabulary_word)
                    if shares is not None:
                        phrase += shares.get(doc_id, 0.0)
                else:
                    spellings = doc.context.get(vocabulary_word)
                    if spellings is None:
                        continue
                    factor = other = CONTEXT_FACTOR
                agreement = max(_agreement(word.token, spelled) for spelled in spellings)
                best = max(best, similarity * agreement * other)
                best_here = max(best_here, similarity * agreement * factor)
            elsewhere.append(best)
            if word.informative:
                covered += word.weight * best_here
                informative_hit = informative_hit or best_here >= MIN_COVERED
        if not informative_hit:
            return elsewhere, 0.0
        query_bound = min(1.0, covered / asked.total)
        return elsewhere, 100.0 * min(1.0, phrase) ** PHRASE_EXPONENT * query_bound

    def _score(self, doc: _Doc, asked: _Query, elsewhere: Sequence[float]) -> float:
        """``phrase coverage ** PHRASE_EXPONENT * query coverage``, for the entry's best phrase
        (keywords discounted by KEYWORD_FACTOR).

        Query coverage counts a query word fully when the phrase itself holds it, at
        OTHER_PHRASE_FACTOR when another phrase of the entry does, at CONTEXT_FACTOR when only
        the entry's context does (``elsewhere``, from :meth:`_cover`): words met together in
        one phrase are better evidence."""
        words = asked.words
        # Only phrases with an informative word of the query can reach MIN_COVERED.
        touched: set[int] = set()
        for vocabulary_word in asked.hits:
            touched.update(doc.phrases_with.get(vocabulary_word, ()))
        best_score = 0.0
        for phrase_id in sorted(touched):
            phrase = doc.phrases[phrase_id]
            coverage, within = _phrase_coverage(phrase, asked.hits)
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
            score = phrase.factor * coverage**PHRASE_EXPONENT * query_coverage**QUERY_EXPONENT
            best_score = max(best_score, score)
        return 100.0 * best_score

    def _word_postings(self, word: _QueryWord) -> Mapping[int, float]:
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


def _phrase_coverage(phrase: _Phrase, hits: _Hits) -> tuple[float, dict[int, float]]:
    """How much of the phrase the query holds (0..1, word order counted), and how well the
    phrase covers each query word it touches (by position)."""
    within: dict[int, float] = {}
    gathered = 0.0
    positions: list[int | None] = []
    informative_hit = False
    for term in phrase.terms:
        best, where = 0.0, None
        for position, similarity, token in hits.get(term.folded, ()):
            value = similarity * _agreement(token, term.canonical)
            if value > within.get(position, 0.0):
                within[position] = value
            if value > best:
                best, where = value, position
        gathered += term.weight * best
        positions.append(where)
        informative_hit = informative_hit or (term.informative and best >= MIN_COVERED)
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


def _frozen(spellings: Mapping[str, set[str]]) -> Mapping[str, frozenset[str]]:
    return MappingProxyType({word: frozenset(spelled) for word, spelled in spellings.items()})


def _decide(scored: list[Match], limit: int) -> SearchResult:
    """Answer a strong match that leads (CONFIDENT_SCORE, CONFIDENT_MARGIN) or a fair one far
    ahead of all others (CLEAR_SCORE, CLEAR_MARGIN); else offer what scores SUGGEST_SCORE or
    more, within SUGGEST_WINDOW of the best; below SUGGEST_SCORE, nothing."""
    if not scored or scored[0].score < SUGGEST_SCORE:
        return NO_MATCH
    best = scored[0]
    runner_up = scored[1].score if len(scored) > 1 else 0.0
    margin = best.score - runner_up
    floor = max(SUGGEST_SCORE, best.score - SUGGEST_WINDOW)
    near = tuple(match for match in scored if match.score >= floor)[:limit]
    if (best.score >= CONFIDENT_SCORE and margin >= CONFIDENT_MARGIN) or (
        best.score >= CLEAR_SCORE and margin >= CLEAR_MARGIN
    ):
        return SearchResult(Outcome.CONFIDENT, near)
    return SearchResult(Outcome.AMBIGUOUS, near)


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
