"""Near-duplicate feedback: the same resident sending the same thing, or many raising one issue."""

from __future__ import annotations

from collections.abc import Sequence

from rapidfuzz import fuzz, process, utils

from bot.domain.records import SimilarCandidate
from content.normalize import fold

# Token-sort ratio on folded text (no diacritics, case, punctuation). The same resident re-sending
# with small edits scores above 90; different residents describing one issue in their own words
# score lower, so linking them is looser.
SAME_RESIDENT_CUTOFF = 90.0
LINK_CUTOFF = 80.0
MIN_WORDS_TO_LINK = 4  # "đường hỏng" alone says too little to tie two residents together


def _prepared(text: str) -> str:
    return str(utils.default_process(fold(text)))


def most_similar(
    text: str, candidates: Sequence[SimilarCandidate], cutoff: float
) -> SimilarCandidate | None:
    if not candidates:
        return None
    query = _prepared(text)
    if not query:
        return None
    choices = [_prepared(candidate.text) for candidate in candidates]
    best = process.extractOne(query, choices, scorer=fuzz.token_sort_ratio, score_cutoff=cutoff)
    return None if best is None else candidates[best[2]]


def worth_linking(text: str) -> bool:
    return len(_prepared(text).split()) >= MIN_WORDS_TO_LINK
