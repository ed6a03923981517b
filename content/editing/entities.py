"""One entity of a release document as form values, written back from them, checked field by
field: a report (with its full text), an indicator (with its aliases and keywords), one
observation of an indicator, a policy, a FAQ.

``edit_entity`` returns the changed document only when no field has a problem; otherwise the
document as it was and every problem, each at its field, so the form can show them beside the
fields with what the editor typed.
"""

from __future__ import annotations

import copy
import datetime as dt
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from typing import Any, Literal

from pydantic import BaseModel

from content import schema
from content.editing import rules, sections
from content.editing.errors import FieldError
from content.editing.fields import (
    FAQ,
    INDICATOR,
    NOTE,
    OBSERVATION,
    OPTIONAL_PAIRS,
    POLICY,
    REPORT,
    Field,
)
from content.editing.model_errors import model_errors
from content.editing.rows import MARKER, ROWS, read_rows, renamed, row_values, sent_names
from content.editing.values import BadValue, get_at, read_field, set_at, shown
from content.proposals import MAX_REPORT_BYTES
from content.proposals.periods import report_period
from content.release_document import Document

EntityKind = Literal["report", "indicator", "observation", "policy", "note", "faq"]


@dataclass(frozen=True, slots=True)
class Kind:
    section: str  # the document's section; an observation lives in its indicator's
    fields: tuple[Field, ...]
    model: type[BaseModel]
    # Where a nested entity lives in its container: an indicator's observations, a policy's
    # notes (what one report says of it, quoted). None: an entry of the section itself.
    nested: str | None = None
    defaults: tuple[tuple[str, str], ...] = ()  # a new entity's form values


KINDS: dict[EntityKind, Kind] = {
    "report": Kind("reports", REPORT, schema.Report),
    "indicator": Kind("indicators", INDICATOR, schema.Indicator),
    "observation": Kind(
        "indicators", OBSERVATION, schema.Observation, "observations", (("status", "reported"),)
    ),
    "policy": Kind("policies", POLICY, schema.Policy),
    "note": Kind("policies", NOTE, schema.PolicyNote, "notes"),
    "faq": Kind("faqs", FAQ, schema.Faq),
}


@dataclass(frozen=True, slots=True)
class Edit:
    document: Document  # changed only when errors is empty
    errors: tuple[FieldError, ...]
    key: str | None = None  # the entity's key (an observation's: its indicator's)
    index: int | None = None  # an observation's position in its indicator

    @property
    def ok(self) -> bool:
        return not self.errors


@dataclass(frozen=True, slots=True)
class Address:
    """Which entity a form edits: ``key`` None is a new one; an observation's ``key`` is its
    indicator's and ``index`` its position (None: a new observation)."""

    kind: EntityKind
    key: str | None = None
    index: int | None = None


class UnknownEntity(LookupError):
    """No such entity in the document (a forged or stale address)."""


# ------------------------------------------------------------------------------ reading


def _located(
    document: Document, kind: EntityKind, key: str | None, index: int | None
) -> tuple[sections.Place | None, dict[str, Any]]:
    """The entry edited (the indicator, for an observation) and where it is; a new entry has
    no place. Raises UnknownEntity for a key or position the document does not have."""
    nested = KINDS[kind].nested
    if key is None:
        if nested:
            raise UnknownEntity(f"a {kind} belongs to an entry")
        return None, {}
    found = sections.find(document, KINDS[kind].section, key)
    if found is None:
        raise UnknownEntity(key)
    if nested and index is not None:
        items = found[1].get(nested)
        if not isinstance(items, list) or not 0 <= index < len(items):
            raise UnknownEntity(f"{key}[{index}]")
    return found


def field_names(kind: EntityKind, sent: Iterable[str]) -> list[str]:
    """The names of a form's fields: its kind's own, and the rows it sent (content/editing/rows)."""
    return [field.name for field in KINDS[kind].fields] + sent_names(ROWS.get(kind), sent)


def form_values(
    document: Document, kind: EntityKind, key: str | None = None, index: int | None = None
) -> dict[str, str]:
    """What each field of the form shows: the stored entity, or a new one's defaults."""
    _, entry = _located(document, kind, key, index)
    nested = KINDS[kind].nested
    if nested:
        items = entry.get(nested) or []
        entry = items[index] if index is not None else dict(KINDS[kind].defaults)
    values = {field.name: shown(field, get_at(entry, field.path)) for field in KINDS[kind].fields}
    if kind in ROWS:
        values |= row_values(ROWS[kind], entry)
    if kind == "report" and key is not None and not values["text"]:
        values["text"] = sections.report_text(document, key) or ""
    return values


# ------------------------------------------------------------------------------ writing


def _drop_empty(entry: dict[str, Any]) -> None:
    """An optional text left empty in both languages, or terms in neither, is no field."""
    for name in (*OPTIONAL_PAIRS, "aliases", "keywords"):
        if entry.get(name) == {}:
            del entry[name]


def _written(
    fields: tuple[Field, ...], values: Mapping[str, str], base: Mapping[str, Any]
) -> tuple[dict[str, Any], list[FieldError]]:
    entry = copy.deepcopy(dict(base))
    errors = []
    for field in fields:
        if field.kind == "key" and "key" in base:
            continue  # a stored entry keeps its key: others refer to it
        try:
            set_at(entry, field.path, read_field(field, values.get(field.name, "")))
        except BadValue as error:
            errors.append(FieldError(field.name, error.key))
    _drop_empty(entry)
    return entry, errors


# ------------------------------------------------------------------------------ checking


@dataclass(frozen=True, slots=True)
class _Target:
    """Where the edited entry goes: its place (None: new), the entry holding it (its indicator,
    for an observation) and an observation's position (None: new)."""

    place: sections.Place | None
    container: dict[str, Any]
    index: int | None


def _rules(
    document: Document, kind: EntityKind, entry: dict[str, Any], target: _Target
) -> Iterator[FieldError]:
    place, container, index = target.place, target.container, target.index
    if not KINDS[kind].nested and place is None:
        yield from rules.duplicate_key(document, KINDS[kind].section, entry.get("key"), None)
    if kind in ("indicator", "policy"):
        yield from rules.unknown_keys(document, "areas", "area", entry.get("area"))
    if kind == "policy":
        wanted = entry.get("related_indicators")
        yield from rules.unknown_keys(document, "indicators", "related_indicators", wanted)
    if kind in ("observation", "note", "faq"):
        source = entry.get("source")
        report = source.get("report") if isinstance(source, dict) else None
        yield from rules.unknown_keys(document, "reports", "source_report", report)
        yield from rules.quote_in_report(document, source)
    if kind == "faq":
        yield from rules.further_sources(document, entry.get("also"))
    if kind in ("observation", "note"):
        yield from rules.numbers_in_quote(entry)
    if kind == "observation":
        yield from rules.period_repeated(container.get("observations") or [], entry, index)
    if kind == "report":
        text = entry.get("text")
        if place is None and not text:
            yield FieldError("text", "content-editor-error-required")
        if isinstance(text, str) and len(text.encode("utf-8")) > MAX_REPORT_BYTES:
            yield FieldError(
                "text", "content-editor-error-report-too-long", {"limit": str(MAX_REPORT_BYTES)}
            )


def _with_period(entry: dict[str, Any]) -> None:
    """A report's period, when left empty, is the one its text reports on (the proposer's
    reading: "Quý I/2022", "6 tháng đầu năm 2023")."""
    text, published = entry.get("text"), entry.get("published")
    if entry.get("period_key") or not isinstance(text, str) or not isinstance(published, str):
        return
    period = report_period(text, dt.date.fromisoformat(published))
    if period.key is None:
        return
    entry["period_key"] = period.key
    if not entry.get("period"):
        entry["period"] = {"vi": period.vi, "en": period.en}


def edit_entity(
    document: Document,
    kind: EntityKind,
    values: Mapping[str, str],
    *,
    key: str | None = None,
    index: int | None = None,
) -> Edit:
    """The document with the entity written from ``values`` (``key`` None: a new entity; for
    an observation, ``key`` is its indicator's and ``index`` None adds one), or the problems.
    Raises UnknownEntity for an entity the document does not have."""
    place, container = _located(document, kind, key, index)
    nested = KINDS[kind].nested
    if nested:
        items = list(container.get(nested) or [])
        base = items[index] if index is not None else {}
    else:
        base = container
    entry, errors = _written(KINDS[kind].fields, values, base)
    sent = read_rows(ROWS[kind], values) if kind in ROWS and values.get(MARKER) else None
    if sent is not None:  # the form's rows replace the stored ones
        entry[ROWS[kind].name] = sent.items
        if not sent.items:
            del entry[ROWS[kind].name]
        errors += sent.errors
    if kind == "report" and not errors:
        _with_period(entry)
    unreadable = {error.field for error in errors}  # said once: not also "required"
    fields = KINDS[kind].fields + tuple(sent.fields if sent else ())
    found = model_errors(KINDS[kind].model, fields, entry, new_indicator=kind == "indicator")
    errors += (error for error in found if error.field not in unreadable)
    checked = _rules(document, kind, entry, _Target(place, container, index))
    errors += renamed(checked, ROWS.get(kind), sent.positions if sent else {})
    if errors:
        return Edit(document, tuple(_unique(errors)), key, index)
    if not nested:
        return Edit(sections.put(document, KINDS[kind].section, entry, place), (), entry["key"])
    if kind == "note":
        notes = list(container.get("notes") or [])
        index = _put_at(notes, entry, index)
        changed = {**container, "notes": notes}
        return Edit(sections.put(document, "policies", changed, place), (), key, index)
    return add_observation(document, container, place, entry, index)


def remove_entity(
    document: Document, kind: EntityKind, key: str, index: int | None = None
) -> Document:
    """The document without the entity (an observation or note: ``index`` of its entry's).
    What still refers to it is left as it is: ``content check`` names each such field.
    Raises UnknownEntity for an entity the document does not have."""
    nested = KINDS[kind].nested
    if nested and index is None:
        raise UnknownEntity(f"{key}[?]")
    place, entry = _located(document, kind, key, index)
    if place is None:  # pragma: no cover - a key always has a place
        raise UnknownEntity(key)
    if not nested:
        return sections.remove(document, KINDS[kind].section, place)
    items = list(entry.get(nested) or [])
    del items[index or 0]
    return sections.put(document, KINDS[kind].section, {**entry, nested: items}, place)


def _put_at(items: list[Any], item: Any, index: int | None) -> int:
    """``item`` at ``index`` in ``items`` (None: added at the end); its position."""
    if index is None:
        items.append(item)
        return len(items) - 1
    items[index] = item
    return index


def add_observation(
    document: Document,
    indicator: dict[str, Any],
    place: sections.Place | None,
    observation: dict[str, Any],
    index: int | None,
) -> Edit:
    """The indicator with the observation put at ``index`` (None: added), and its report
    naming the indicator among those it gives figures for."""
    changed = copy.deepcopy(indicator)
    observations = list(changed.get("observations") or [])
    index = _put_at(observations, observation, index)
    changed["observations"] = observations
    result = sections.put(document, "indicators", changed, place)
    report_key = observation.get("source", {}).get("report")
    found = sections.find(result, "reports", report_key) if report_key else None
    if found is not None:
        report_place, report = found
        named = list(report.get("indicators") or [])
        if changed["key"] not in named:
            result = sections.put(
                result,
                "reports",
                {**report, "indicators": [*named, changed["key"]]},
                report_place,
            )
    return Edit(result, (), changed["key"], index)


def _unique(errors: list[FieldError]) -> Iterator[FieldError]:
    seen = set()
    for error in errors:
        token = (error.field, error.key, tuple(sorted(error.args.items())))
        if token not in seen:
            seen.add(token)
            yield error
