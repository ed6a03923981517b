"""Sentences and clauses of a report, as spans of the original text (never rewritten).

A clause ends a sentence (". " before a capital or a line break, "…", "?", "!", a line break)
or is cut by ";" outside parentheses, so "(trong đó, ... 6.843 tỷ đồng; ... 309,7 tỷ đồng)"
stays whole. The quote of a proposal is its clause, trimmed of spaces; a clause longer than
``MAX_QUOTE`` is narrowed to the comma-separated pieces around the figure.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

MAX_QUOTE = 420
_COMMA = re.compile(r",\s")
# Press sites append unrelated news after the article: nothing after these lines is the report.
_TRAILER_RE = re.compile(
    r"^[ \t]*(?:tin cùng chuyên mục|tin liên quan|bài liên quan|tin khác|tin mới|xem thêm"
    r"|đọc thêm|các tin khác)\b",
    re.IGNORECASE | re.MULTILINE,
)
_SENTENCE_END = re.compile(r"\n|[.!?…]+(?=[\s”\"’)]*(?:\s+[^\W\d_a-zđ]|\s*\n|\s*$))")


@dataclass(frozen=True, slots=True)
class Span:
    start: int
    end: int


def body_end(text: str) -> int:
    """Where the report proper ends (before "Tin cùng chuyên mục" and the like)."""
    match = _TRAILER_RE.search(text)
    return match.start() if match else len(text)


def _trim(text: str, start: int, end: int) -> Span:
    while start < end and text[start] in " \t\r\n":
        start += 1
    while end > start and text[end - 1] in " \t\r\n":
        end -= 1
    return Span(start, end)


def sentences(text: str, end: int) -> list[Span]:
    spans: list[Span] = []
    start = 0
    for match in _SENTENCE_END.finditer(text, 0, end):
        spans.append(_trim(text, start, match.start()))
        start = match.end()
    spans.append(_trim(text, start, end))
    return [span for span in spans if span.end > span.start]


def clauses(text: str, sentence: Span) -> list[Span]:
    """The sentence cut at ";" outside parentheses."""
    spans: list[Span] = []
    depth = 0
    start = sentence.start
    for index in range(sentence.start, sentence.end):
        char = text[index]
        if char == "(":
            depth += 1
        elif char == ")":
            depth = max(0, depth - 1)
        elif char == ";" and depth == 0:
            spans.append(_trim(text, start, index))
            start = index + 1
    spans.append(_trim(text, start, sentence.end))
    return [span for span in spans if span.end > span.start]


def quote_span(text: str, clause: Span, figure_start: int, figure_end: int) -> Span:
    """The clause, or for a long one the comma pieces around the figure, up to MAX_QUOTE."""
    if clause.end - clause.start <= MAX_QUOTE:
        return clause
    # Only the commas within reach of the figure: a huge clause costs no more than a short one.
    low = max(clause.start, figure_start - MAX_QUOTE)
    high = min(clause.end, figure_end + MAX_QUOTE)
    cuts = [low, *(match.end() for match in _COMMA.finditer(text, low, high)), high]
    low_index = max(index for index, cut in enumerate(cuts) if cut <= figure_start)
    high_index = min(index for index, cut in enumerate(cuts) if cut >= figure_end)
    grown = True
    while grown:  # add the neighbouring pieces while the quote stays short enough
        grown = False
        if low_index > 0 and cuts[high_index] - cuts[low_index - 1] <= MAX_QUOTE:
            low_index, grown = low_index - 1, True
        if high_index + 1 < len(cuts) and cuts[high_index + 1] - cuts[low_index] <= MAX_QUOTE:
            high_index, grown = high_index + 1, True
    left, right = cuts[low_index], cuts[high_index]
    if right - left > MAX_QUOTE:  # one comma-free stretch: a window around the figure
        left = max(clause.start, figure_start - MAX_QUOTE // 2)
        right = min(clause.end, left + MAX_QUOTE)
    span = _trim(text, left, right)
    return Span(span.start, span.end - 1) if text[span.end - 1] == "," else span
