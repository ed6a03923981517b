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
   (``phrase``), and how much of the query's weight the entry explains
   (``query``; words in another phrase or in the entry's description count less); words the
   index has never seen count against every entry, so "giá vàng" or "thời tiết" find nothing.
   Gathering walks posting lists heaviest word first and stops discovering entries once none
   not met yet could matter; candidates are then scored best upper bound first, stopping when
   no bound can enter the top (:meth:`search.SearchIndex._candidates`). Small indexes (the real
   content) are searched exhaustively; very large ones within fixed budgets;
4. the outcome decided on the best score and its margin over the next entry
   (:func:`scoring.decide`).

A wrong figure is worse than no answer: the thresholds lean to AMBIGUOUS (offer buttons) and
NONE. :meth:`SearchIndex.search` is pure and touches only immutable data, so any number of
threads may call it at once. It holds the GIL (pure Python), so running it in a thread keeps
the event loop free only to the extent the interpreter switches threads: see bench/qa.py.

Modules: :mod:`.model` (entries given, results returned), :mod:`.lexicon` (word classes, from
``content/lexicon/words.yaml``), :mod:`.thresholds` (every tuning constant with its reason),
:mod:`.query` (query analysis), :mod:`.build` (the index built once), :mod:`.scoring` (one
entry's score and the outcome), :mod:`.search` (candidates and the search loop), :mod:`.links`
(linked entries answered as one).
"""

from content.index.links import LinkedGroup, groups_of
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
from content.index.search import SearchIndex
from content.index.thresholds import MAX_QUERY_CHARS, MAX_QUERY_TOKENS

__all__ = [
    "KIND_ORDER",
    "MAX_QUERY_CHARS",
    "MAX_QUERY_TOKENS",
    "NO_MATCH",
    "EntryKind",
    "LinkedGroup",
    "Match",
    "Outcome",
    "SearchEntry",
    "SearchIndex",
    "SearchResult",
    "entries_of",
    "groups_of",
]
