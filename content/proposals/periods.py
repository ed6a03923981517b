"""The period a report covers, from its date and its own words ("Quý I/2022", "3 tháng đầu năm
2022", "6 tháng đầu năm 2023").

Of the periods the text names, the latest one that has ended by the report's date (with a month
of grace: a half-year is often reported in late June) is the report's period; a period still to
come ("nhiệm vụ quý II") is a plan, not a result. With no such phrase the period is "as of" the
date.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from dataclasses import dataclass

_ROMAN = {"i": 1, "ii": 2, "iii": 3, "iv": 4, "1": 1, "2": 2, "3": 3, "4": 4}
_QUARTER_RE = re.compile(
    r"\bquý\s+(iv|i{1,3}|[1-4])\s*(?:/|-|–|năm)\s*(\d{4})(?!\d)", re.IGNORECASE
)
_MONTHS_RE = re.compile(r"\b(3|6|9)\s+tháng\s+đầu\s+năm\s+(\d{4})(?!\d)", re.IGNORECASE)
_GRACE = dt.timedelta(days=31)


@dataclass(frozen=True, slots=True)
class Period:
    key: str | None  # as content/data writes it: "2022-Q1", "2023-H1"; None if it has none
    vi: str
    en: str
    as_of: dt.date

    def as_dict(self) -> dict[str, str | None]:
        return {"key": self.key, "vi": self.vi, "en": self.en, "as_of": self.as_of.isoformat()}


def _end_of(year: int, month: int) -> dt.date:
    return dt.date(year, month, calendar.monthrange(year, month)[1])


def _candidates(text: str) -> list[tuple[int, dt.date, str | None, str, str]]:
    found: list[tuple[int, dt.date, str | None, str, str]] = []
    for match in _QUARTER_RE.finditer(text):
        quarter, year = _ROMAN[match.group(1).lower()], int(match.group(2))
        roman = ["I", "II", "III", "IV"][quarter - 1]
        found.append(
            (
                match.start(),
                _end_of(year, 3 * quarter),
                f"{year}-Q{quarter}",
                f"Quý {roman}/{year}",
                f"Q{quarter} {year}",
            )
        )
    for match in _MONTHS_RE.finditer(text):
        months, year = int(match.group(1)), int(match.group(2))
        key = {3: f"{year}-Q1", 6: f"{year}-H1", 9: None}[months]
        english = {3: f"Q1 {year}", 6: f"H1 {year}", 9: f"first nine months of {year}"}[months]
        found.append(
            (match.start(), _end_of(year, months), key, f"{months} tháng đầu năm {year}", english)
        )
    return found


def report_period(text: str, date: dt.date) -> Period:
    ended = [item for item in _candidates(text) if item[1] <= date + _GRACE]
    if not ended:
        return Period(None, f"Đến ngày {date:%d/%m/%Y}", f"As of {date.isoformat()}", date)
    latest = max(item[1] for item in ended)
    _, _, key, vi, en = min(item for item in ended if item[1] == latest)
    return Period(key, vi, en, date)
