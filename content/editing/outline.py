"""What a draft holds, as the editor's pages list it: each entity with its key and name, each
indicator's observations, and the choices the forms offer (areas, reports, indicators)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from content.editing import sections
from content.release_document import Document
from content.schema import Qualifier, Status


@dataclass(frozen=True, slots=True)
class Item:
    key: str
    name: str  # in the page's language where the entry has it, else Vietnamese, else the key
    extra: str = ""  # a report's date, an observation's period and value


@dataclass(frozen=True, slots=True)
class IndicatorItem:
    """An indicator with its observations, or a policy with its notes."""

    item: Item
    observations: tuple[Item, ...]  # key: the observation's (the note's) position


@dataclass(frozen=True, slots=True)
class Outline:
    reports: tuple[Item, ...]
    indicators: tuple[IndicatorItem, ...]
    policies: tuple[IndicatorItem, ...]
    faqs: tuple[Item, ...]
    areas: tuple[Item, ...]


STATUSES = tuple(status.value for status in Status)
QUALIFIERS = tuple(qualifier.value for qualifier in Qualifier)


def _name(entry: dict[str, Any], field: str, language: str) -> str:
    text = entry.get(field)
    if isinstance(text, dict):
        return str(text.get(language) or text.get("vi") or entry.get("key", ""))
    return str(entry.get("key", ""))


def _items(document: Document, section: str, field: str, language: str) -> tuple[Item, ...]:
    return tuple(
        Item(str(entry.get("key", "")), _name(entry, field, language))
        for _, entry in sections.entries(document, section)
    )


def _observations(indicator: dict[str, Any], language: str) -> tuple[Item, ...]:
    found = []
    for index, observation in enumerate(indicator.get("observations") or []):
        if not isinstance(observation, dict):
            continue
        value = observation.get("value")
        shown = "" if value is None else str(value)
        found.append(Item(str(index), _name(observation, "period", language), shown))
    return tuple(found)


def _notes(policy: dict[str, Any], language: str) -> tuple[Item, ...]:
    """A policy's notes, each named by its report and the start of its text."""
    found = []
    for index, note in enumerate(policy.get("notes") or []):
        if isinstance(note, dict):
            source = note.get("source")
            report = str(source.get("report", "")) if isinstance(source, dict) else ""
            text = _name(note, "text", language)
            found.append(Item(str(index), f"{report}: {text[:80]}"))
    return tuple(found)


def outline(document: Document, language: str = "vi") -> Outline:
    reports = tuple(
        Item(
            str(entry.get("key", "")),
            _name(entry, "title", language),
            str(entry.get("published", "")),
        )
        for _, entry in sections.entries(document, "reports")
    )
    indicators = tuple(
        IndicatorItem(
            Item(str(entry.get("key", "")), _name(entry, "name", language)),
            _observations(entry, language),
        )
        for _, entry in sections.entries(document, "indicators")
    )
    return Outline(
        reports,
        indicators,
        tuple(
            IndicatorItem(
                Item(str(entry.get("key", "")), _name(entry, "name", language)),
                _notes(entry, language),
            )
            for _, entry in sections.entries(document, "policies")
        ),
        _items(document, "faqs", "question", language),
        _items(document, "areas", "name", language),
    )
