"""The rules of ``danbiet content check`` that an editor's form is checked against before the
draft is saved, each located at the form's field: a key used once in its section, references
that resolve, a quote that is a verbatim span of its report's text, every number of a figure in
its quote (the schema's own rule, ``content.schema.stated_qualifier``), a period stated once per
indicator."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from pathlib import Path
from typing import Any

from content.editing import sections
from content.editing.errors import FieldError
from content.editing.fields import NUMBER_FIELDS
from content.guidance_checks import squash
from content.release_document import Document
from content.schema import stated_qualifier, vi_number


def duplicate_key(
    document: Document, section: str, key: object, own: sections.Place | None
) -> Iterator[FieldError]:
    """A key another entry of the section already has (``own``: the entry being edited)."""
    if not isinstance(key, str):
        return
    for place, item in sections.entries(document, section):
        if item.get("key") == key and place != own:
            yield FieldError("key", "content-editor-error-duplicate-key", {"name": key})
            return


def unknown_keys(
    document: Document, section: str, field: str, wanted: object
) -> Iterator[FieldError]:
    """Keys ``wanted`` (one, or a list) that the section of the document does not define."""
    known = set(sections.keys(document, section))
    for key in wanted if isinstance(wanted, list) else [wanted]:
        if isinstance(key, str) and key and key not in known:
            yield FieldError(field, f"content-editor-error-unknown-{section}", {"name": key})


def quote_in_report(
    document: Document, source: object, seeds: Path = sections.SEEDS, field: str = "quote"
) -> Iterator[FieldError]:
    """The quote is a verbatim span of its report's text (spaces aside: the shipped seeds run
    words together, as ``content check`` and the where-to-go check compare them)."""
    if not isinstance(source, Mapping):
        return
    report, quote = source.get("report"), source.get("quote")
    if not isinstance(report, str) or not isinstance(quote, str) or not quote.strip():
        return
    if sections.find(document, "reports", report) is None:
        return  # named by unknown_keys
    text = sections.report_text(document, report, seeds)
    if text is None:
        yield FieldError(field, "content-editor-error-report-has-no-text", {"report": report})
    elif squash(quote) not in squash(text):
        yield FieldError(field, "content-editor-error-quote-not-in-report", {"report": report})


def further_sources(document: Document, sources: object) -> Iterator[FieldError]:
    """A FAQ's further sources (``also``), each as its own source: a known report, quoted
    verbatim; named at the row (``also-1-quote``)."""
    for index, source in enumerate(sources if isinstance(sources, list) else []):
        report = source.get("report") if isinstance(source, Mapping) else None
        yield from unknown_keys(document, "reports", f"also-{index}-source_report", report)
        yield from quote_in_report(document, source, field=f"also-{index}-quote")


def _numbers(observation: Mapping[str, Any]) -> Iterator[tuple[str, float]]:
    for name in NUMBER_FIELDS:
        value = observation.get(name)
        if isinstance(value, int | float) and not isinstance(value, bool):
            # A change is signed; the report words its sign ("giảm 31,2%").
            yield name, abs(float(value)) if name == "change_on_previous_year" else float(value)
    for index, figure in enumerate(observation.get("figures") or ()):
        value = figure.get("value") if isinstance(figure, Mapping) else None
        if isinstance(value, int | float) and not isinstance(value, bool):
            yield f"figures-{index}-value", float(value)  # the row's field (content/editing/rows)


def numbers_in_quote(observation: Mapping[str, Any]) -> Iterator[FieldError]:
    """Every number of the observation stands in its quote, written as the report writes it."""
    source = observation.get("source")
    quote = source.get("quote") if isinstance(source, Mapping) else None
    if not isinstance(quote, str) or not quote.strip():
        return
    for field, value in _numbers(observation):
        try:
            stated_qualifier(quote, value)
        except LookupError:
            yield FieldError(
                field, "content-editor-error-number-not-in-quote", {"number": vi_number(value)}
            )


def period_repeated(
    observations: list[Any], observation: Mapping[str, Any], own: int | None
) -> Iterator[FieldError]:
    """An indicator states each period once."""
    period_key = observation.get("period_key")
    for index, other in enumerate(observations):
        if index != own and isinstance(other, Mapping) and other.get("period_key") == period_key:
            yield FieldError(
                "period_key", "content-editor-error-period-repeats", {"period": str(period_key)}
            )
            return
