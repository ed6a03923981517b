"""Rows of an entity's form, each an entry of a list in it: an observation's or a policy note's
further figures (``figures``: a label, a number, a unit, the word before it) and a FAQ's further
sources (``also``: a report and a verbatim quote of it). Each row is added, edited or removed
in the form: its fields are named ``figures-2-value``; one blank row is offered to add one (and
only one: a form sent back with its problems shows no row left blank), a row left blank is
none, a ticked ``figures-2-remove`` removes it. A form that does not carry its rows (no
``rows`` field) leaves the stored ones as they were.

A row's position in the form (2) may differ from its position in the entry (a row above it
removed or blank): problems are found at the entry's position and named at the form's.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from typing import Any

from content.editing.errors import FieldError
from content.editing.fields import Field
from content.editing.values import BadValue, get_at, read_field, set_at, shown

MARKER = "rows"  # the form carries its rows
REMOVE = "remove"
MOST = 100  # rows a form may carry (two digits)


@dataclass(frozen=True, slots=True)
class RowKind:
    name: str  # the entry's list, and the prefix of its fields' names
    fields: tuple[Field, ...]  # one row's fields, their paths within the row


FIGURES = RowKind(
    "figures",
    (
        Field("label_vi", ("label", "vi"), "line", True),
        Field("label_en", ("label", "en"), "line", True),
        Field("value", ("value",), "number", True),
        Field("unit_vi", ("unit", "vi"), "line", True),
        Field("unit_en", ("unit", "en"), "line", True),
        Field("qualifier", ("qualifier",), "qualifier"),
    ),
)
SOURCES = RowKind(
    "also",
    (
        Field("source_report", ("report",), "report", True),
        Field("quote", ("quote",), "text", True),
        Field("quote_en", ("quote_en",), "text"),
    ),
)
ROWS: dict[str, RowKind] = {"observation": FIGURES, "note": FIGURES, "faq": SOURCES}
_NAME = re.compile(r"^(?P<list>[a-z]+)-(?P<index>\d{1,2})-(?P<field>[a-z_]+)$")


def field_at(rows: RowKind, form_index: int, field: Field, entry_index: int | None = None) -> Field:
    """A row's field as the form names it; its path is the entry's (at ``entry_index``)."""
    at = form_index if entry_index is None else entry_index
    return Field(
        f"{rows.name}-{form_index}-{field.name}",
        (rows.name, at, *field.path),
        field.kind,
        field.required,
        field.label_key,
    )


def row_values(rows: RowKind, entry: Mapping[str, Any]) -> dict[str, str]:
    """The stored rows as form values."""
    values = {}
    items = entry.get(rows.name)
    for index, item in enumerate(items if isinstance(items, list) else []):
        for field in rows.fields:
            values[field_at(rows, index, field).name] = shown(field, get_at(item, field.path))
    return values


def _indexes(rows: RowKind, names: Iterable[str]) -> list[int]:
    """The rows a form carries, in order."""
    found = set()
    own = {field.name for field in rows.fields} | {REMOVE}
    for name in names:
        match = _NAME.match(name)
        if match and match["list"] == rows.name and match["field"] in own:
            found.add(int(match["index"]))
    return sorted(found)


def sent_names(rows: RowKind | None, names: Iterable[str]) -> list[str]:
    """Which of the names a form sent are its rows' fields (and the marker)."""
    if rows is None:
        return []
    listed = list(names)
    indexes = set(_indexes(rows, listed))
    kept = [MARKER] if MARKER in listed else []
    for name in listed:
        match = _NAME.match(name)
        if match and match["list"] == rows.name and int(match["index"]) in indexes:
            kept.append(name)
    return kept


def shown_rows(rows: RowKind, values: Mapping[str, str]) -> list[tuple[int, list[Field]]]:
    """The rows a form shows: those in ``values`` and one blank row to add one. A row left
    blank in ``values`` (the blank row of a form sent back with its problems) is none, as
    `read_rows` reads it: shown, it would be a second blank row, one more at every sending."""
    indexes = [
        index
        for index in _indexes(rows, values)
        if any(values.get(field_at(rows, index, field).name, "").strip() for field in rows.fields)
        or values.get(f"{rows.name}-{index}-{REMOVE}")
    ]
    blank = (indexes[-1] + 1) if indexes else 0
    shown_indexes = [*indexes, blank] if blank < MOST else indexes
    return [
        (index, [field_at(rows, index, field) for field in rows.fields]) for index in shown_indexes
    ]


@dataclass(frozen=True, slots=True)
class ReadRows:
    items: list[dict[str, Any]]
    positions: dict[int, int]  # entry position → form position
    errors: list[FieldError]  # at the form's names
    fields: list[Field]  # each row's fields: form names, entry paths


def read_rows(rows: RowKind, values: Mapping[str, str]) -> ReadRows:
    """The rows the form sent, blank and removed ones left out, each field read."""
    items: list[dict[str, Any]] = []
    positions: dict[int, int] = {}
    errors: list[FieldError] = []
    fields: list[Field] = []
    for index in _indexes(rows, values):
        named = [(field, field_at(rows, index, field, len(items))) for field in rows.fields]
        if values.get(f"{rows.name}-{index}-{REMOVE}"):
            continue
        if not any(values.get(form_field.name, "").strip() for _, form_field in named):
            continue
        item: dict[str, Any] = {}
        for field, form_field in named:
            try:
                set_at(item, field.path, read_field(field, values.get(form_field.name, "")))
            except BadValue as error:
                errors.append(FieldError(form_field.name, error.key))
        positions[len(items)] = index
        fields += (form_field for _, form_field in named)
        items.append(item)
    return ReadRows(items, positions, errors, fields)


def renamed(
    errors: Iterable[FieldError], rows: RowKind | None, positions: Mapping[int, int]
) -> Iterator[FieldError]:
    """Problems named at a row's entry position, named at its form position."""
    for error in errors:
        match = _NAME.match(error.field)
        if rows is None or match is None or match["list"] != rows.name:
            yield error
            continue
        at = positions.get(int(match["index"]), int(match["index"]))
        yield FieldError(f"{rows.name}-{at}-{match['field']}", error.key, error.args)
