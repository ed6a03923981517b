"""From a report's text to proposed observations: each figure with its clause, unit, indicator
and period. Pure: no I/O, no database; the editor (dashboard or shell) accepts, edits or rejects.

A figure's plan ("50.019/160.000"), its share of the plan ("đạt 31,3% kế hoạch") and its change
("tăng 29,2% so với cùng kỳ") stand beside it in the same clause and join its proposal, as one
observation of content/data holds value, target, reported_percent_of_plan and
change_on_previous_year. A change or share of plan with no figure before it is a proposal of its
own (kind "change" / "percent_of_plan", value the signed percentage).
"""

from __future__ import annotations

import bisect
import datetime as dt
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from content.proposals.clauses import Span, body_end, clauses, quote_span, sentences
from content.proposals.matching import THRESHOLD, IndicatorMatcher, Words, best_of
from content.proposals.numbers import NumberToken, find_numbers
from content.proposals.periods import Period, report_period
from content.proposals.units import UNIT_RE, Unit, read_unit
from content.schema import Indicator

_PLAN_AFTER = re.compile(r"[ \t]*(?:kế hoạch|KH\b)", re.IGNORECASE)
_CHANGE_BEFORE = re.compile(r"\b(tăng|giảm)(?:\s+(?:thêm|khoảng|gần|hơn|trên))?\s*$", re.IGNORECASE)
_TARGET_BEFORE = re.compile(r"\b(?:mục tiêu|phấn đấu|chỉ tiêu đề ra)\b", re.IGNORECASE)
_QUALIFIER_BEFORE = re.compile(
    r"\b(trên|hơn|gần|khoảng|xấp xỉ|ước đạt|ước|dưới|tối thiểu|ít nhất|cơ bản)"
    r"(?:\s+(?:đạt|có|là|được))?\s*$",
    re.IGNORECASE,
)


@dataclass(slots=True)
class Proposal:
    indicator: str | None
    value: float
    unit: str | None
    quote: str
    quote_start: int
    quote_end: int
    number: str  # the figure as written: "50.019/160.000"
    kind: str  # value | target | change | percent_of_plan
    period: Period
    confidence: float
    plan: float | None = None
    percent_of_plan: float | None = None
    change: float | None = None
    qualifier: str | None = None
    start: int = field(default=0, repr=False)
    end: int = field(default=0, repr=False)

    def as_dict(self) -> dict[str, Any]:
        return {
            "indicator": self.indicator,
            "value": _plain(self.value),
            "unit": self.unit,
            "quote": self.quote,
            "quote_start": self.quote_start,
            "quote_end": self.quote_end,
            "number": self.number,
            "kind": self.kind,
            "plan": _plain(self.plan),
            "percent_of_plan": _plain(self.percent_of_plan),
            "change": _plain(self.change),
            "qualifier": self.qualifier,
            "period": self.period.as_dict(),
            "confidence": round(self.confidence, 2),
        }


def _plain(value: float | None) -> float | int | None:
    """3612.0 → 3612 in the JSON; decimals stay."""
    if value is None:
        return None
    return int(value) if value.is_integer() and abs(value) < 2**53 else value


@dataclass(slots=True)
class _Figure:
    token: NumberToken
    unit: Unit | None
    kind: str
    sign: float
    qualifier: str | None
    indicator: str | None = None
    score: float = 0.0

    @property
    def end(self) -> int:
        return self.unit.end if self.unit else self.token.end


def _classify(text: str, clause: Span, token: NumberToken, unit: Unit | None) -> _Figure:
    before = text[max(clause.start, token.start - 40) : token.start]
    kind, sign = "value", 1.0
    after = unit.end if unit else token.end
    change = _CHANGE_BEFORE.search(before)
    if unit and unit.percent and _PLAN_AFTER.match(text, after):
        kind = "percent_of_plan"
    elif change:
        kind, sign = "change", -1.0 if change.group(1).lower() == "giảm" else 1.0
    else:
        # Target words count from the last "(" or closing quote on: the "Phấn đấu" of a quoted
        # title before the figure ("Đề án “Phấn đấu 100% …” … tại 30 quận") is not about it.
        floor = max(clause.start, token.start - 90)
        opening = max(text.rfind(mark, floor, token.start) for mark in '(”"')
        window = text[max(floor, opening + 1) : token.start]
        if _TARGET_BEFORE.search(window):
            kind = "target"
    qualifier = _QUALIFIER_BEFORE.search(before)
    return _Figure(token, unit, kind, sign, qualifier.group(1).lower() if qualifier else None)


def propose(
    text: str, report_date: dt.date, indicators: Iterable[Indicator] = ()
) -> list[Proposal]:
    """Proposals for every figure of ``text``, in the order they appear."""
    matcher = IndicatorMatcher(indicators)
    end = body_end(text)
    body = text[:end]
    period = report_period(body, report_date)
    tokens = find_numbers(body, UNIT_RE)
    starts = [token.start for token in tokens]
    proposals: list[Proposal] = []
    for sentence in sentences(body, end):
        previous: str | None = None
        previous_score = 0.0
        for clause in clauses(body, sentence):
            first = bisect.bisect_left(starts, clause.start)
            last = bisect.bisect_left(starts, clause.end)
            figures = [
                _classify(body, clause, token, read_unit(body, token.end))
                for token in tokens[first:last]
            ]
            if not figures:
                continue
            # Words are folded only where figures stand: a long report costs little more.
            text_words = Words(body, clause.start, clause.end)
            for index, figure in enumerate(figures):
                seg_start = figures[index - 1].end if index else clause.start
                seg_end = figures[index + 1].token.start if index + 1 < len(figures) else clause.end
                target = (figure.token.start, figure.end)
                key, score = best_of(matcher.scores(text_words, seg_start, seg_end, target))
                if score < THRESHOLD and previous is not None and _continues(body, figures, index):
                    key, score = previous, previous_score * 0.8  # "…, chiếm 0,16%": same one
                elif score < THRESHOLD and len(figures) == 1:  # alone: its whole clause
                    key, score = best_of(
                        matcher.scores(text_words, clause.start, clause.end, target)
                    )
                if score < THRESHOLD:
                    key = None
                figure.indicator, figure.score = key, score
                if key is not None:
                    previous, previous_score = key, score
            proposals.extend(_merge(body, clause, figures, period))
    return proposals


_LISTING = re.compile(r"[\s,]*(?:và|cùng|,)?[\s,]*")


def _continues(text: str, figures: list[_Figure], index: int) -> bool:
    """Whether a figure with no indicator words of its own belongs to the previous one: a share
    ("…, chiếm 0,16%"), or a figure about it ("… với kinh phí 7.152,8 tỷ đồng"); not the next
    item of a list of other things ("13,1 bác sỹ/vạn dân và 30,5 giường bệnh/vạn dân")."""
    figure = figures[index]
    if index == 0 or figure.unit is None or figure.unit.percent:
        return True
    previous = figures[index - 1]
    if previous.unit is None or previous.unit.label == figure.unit.label:
        return True
    between = text[previous.end : figure.token.start]
    return _LISTING.fullmatch(between) is None


def _merge(text: str, clause: Span, figures: list[_Figure], period: Period) -> list[Proposal]:
    result: list[Proposal] = []
    main: Proposal | None = None
    for figure in figures:
        signed = figure.sign * figure.token.value
        if main is not None and figure.kind == "percent_of_plan" and main.percent_of_plan is None:
            main.percent_of_plan = signed
            continue
        if main is not None and figure.kind == "change" and main.change is None:
            main.change = signed
            continue
        proposal = _proposal(text, clause, figure, period, signed)
        result.append(proposal)
        if figure.kind in {"value", "target"}:
            main = proposal
    return result


def _proposal(text: str, clause: Span, figure: _Figure, period: Period, signed: float) -> Proposal:
    quote = quote_span(text, clause, figure.token.start, figure.end)
    confidence = min(1.0, figure.score / 3) if figure.indicator else 0.0
    if figure.unit is None:
        confidence *= 0.5
    return Proposal(
        indicator=figure.indicator,
        value=signed,
        unit=figure.unit.label if figure.unit else None,
        quote=text[quote.start : quote.end],
        quote_start=quote.start,
        quote_end=quote.end,
        number=text[figure.token.start : figure.token.end],
        kind=figure.kind,
        period=period,
        confidence=confidence,
        plan=figure.token.total,
        percent_of_plan=signed if figure.kind == "percent_of_plan" else None,
        change=signed if figure.kind == "change" else None,
        qualifier=figure.qualifier,
        start=figure.token.start,
        end=figure.end,
    )
