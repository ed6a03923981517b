"""Form text to content values and back: numbers as Vietnamese write them ("2.981" is 2981,
"0,13" is 0.13, "7.152,8" is 7152.8: read by the proposer's own parser), dates as the browser's
date field sends them (2022-04-13) or as officials write them (13/4/2022), one term a line."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping
from typing import Any

from content.editing.fields import Field
from content.proposals.numbers import parse_number
from content.schema import vi_number

_DAY_FIRST = re.compile(r"^(\d{1,2})/(\d{1,2})/(\d{4})$")
_WRITTEN_NUMBER = re.compile(r"\d+(?:[.,]\d+)*")  # what the proposer reads as one number


class BadValue(ValueError):
    """The text cannot be read as the field's kind; ``key`` is the catalog message."""

    def __init__(self, key: str) -> None:
        super().__init__(key)
        self.key = key


def read_number(text: str) -> float | None:
    """A number typed the Vietnamese way (or plainly); None for an empty field."""
    raw = text.strip().replace(" ", "").replace("\u00a0", "")
    if not raw:
        return None
    sign = -1.0 if raw.startswith("-") else 1.0
    digits = raw.lstrip("+-")
    value = parse_number(digits) if _WRITTEN_NUMBER.fullmatch(digits) else None
    if value is None:
        raise BadValue("content-editor-error-number")
    return sign * value


def show_number(value: object) -> str:
    """A stored number as the form shows it: Vietnamese, as the reports write it."""
    if isinstance(value, bool) or not isinstance(value, int | float):
        return "" if value is None else str(value)
    return ("-" if value < 0 else "") + vi_number(abs(float(value)))


def plain_number(value: float) -> float | int:
    """3612.0 is stored as 3612, as an official would write it in the YAML."""
    return int(value) if value.is_integer() and abs(value) < 2**53 else value


def read_date(text: str) -> str | None:
    """ISO text of a date typed as 2022-04-13 or 13/4/2022; None for an empty field."""
    raw = text.strip()
    if not raw:
        return None
    day_first = _DAY_FIRST.match(raw)
    try:
        if day_first:
            day, month, year = (int(part) for part in day_first.groups())
            return dt.date(year, month, day).isoformat()
        return dt.date.fromisoformat(raw).isoformat()
    except ValueError:
        raise BadValue("content-editor-error-date") from None


def read_terms(text: str) -> list[str]:
    """One term a line; blank lines dropped, each term trimmed."""
    return [line.strip() for line in text.splitlines() if line.strip()]


def read_flag(text: str) -> bool:
    return text.strip().lower() in {"1", "on", "true", "yes"}


# ------------------------------------------------------------------------------ one field

_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f]")


def get_at(entry: Mapping[str, Any], path: tuple[str | int, ...]) -> Any:
    """The value at ``path`` in an entry (None where there is none)."""
    value: Any = entry
    for part in path:
        if not isinstance(value, Mapping):
            return None
        value = value.get(part)
    return value


def shown(field: Field, value: Any) -> str:
    if value is None:
        return ""
    if field.kind == "number":
        return show_number(value)
    if field.kind == "flag":
        return "1" if value else ""
    if field.kind in ("terms", "indicators"):
        return "\n".join(str(item) for item in value) if isinstance(value, list) else str(value)
    return str(value)


def read_field(field: Field, raw: str) -> Any:
    """The stored value of a field's text; None leaves the field out of the entry. Control
    characters other than tab and line break are dropped (a NUL has no place in the content,
    nor in PostgreSQL's text)."""
    text = _CONTROL.sub("", raw.replace("\r\n", "\n").replace("\r", "\n"))
    if field.kind == "long":
        return text if text.strip() else None
    if field.kind == "number":
        value = read_number(text)
        return None if value is None else plain_number(value)
    if field.kind == "date":
        return read_date(text)
    if field.kind == "flag":
        return True if read_flag(text) else None
    if field.kind in ("terms", "indicators"):
        return read_terms(text) or None
    return text.strip() or None


def set_at(entry: dict[str, Any], path: tuple[str | int, ...], value: Any) -> None:
    """Set (None: drop) the value at ``path`` of an entry's own fields (names, not rows)."""
    *parents, leaf = (str(part) for part in path)
    node = entry
    for part in parents:
        if not isinstance(node.get(part), dict):
            if value is None:
                return
            node[part] = {}
        node = node[part]
    if value is None:
        node.pop(leaf, None)
    else:
        node[leaf] = value
