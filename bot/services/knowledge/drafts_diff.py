"""What a draft changes against the live release, entity by entity and figure by figure; and the
rules of `danbiet content check` a draft breaks, located at its file, entity and field.

Pure: works on two content documents (content/release_document.py), no database.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping, Sequence
from typing import Any

from bot.domain.content_drafts import (
    Change,
    DraftProblem,
    EntityChange,
    FigureChange,
    FigureSide,
)
from content.problems import ContentError
from content.release_document import Document

# The content's collections in the order a reviewer reads them: the figures first.
COLLECTIONS = (
    "indicators",
    "policies",
    "faqs",
    "reports",
    "areas",
    "departments",
    "links",
)
PROGRAMME = "programme"
_ENTITY_FIELD = re.compile(r"^(?P<section>\w+)\[(?P<index>\d+)\](?:\.(?P<rest>.+))?$")

Entities = dict[str, dict[str, dict[str, Any]]]


def _files(document: Document) -> Mapping[str, Any]:
    files = document.get("files")
    return files if isinstance(files, dict) else {}


def entities(document: Document) -> Entities:
    """Every keyed entity of the document by collection and key (the first one of a key: a
    repeated key is a problem of its own); the programme as collection "programme"."""
    found: Entities = {name: {} for name in (*COLLECTIONS, PROGRAMME)}
    for data in _files(document).values():
        if not isinstance(data, dict):
            continue
        if isinstance(data.get(PROGRAMME), dict):
            found[PROGRAMME].setdefault(PROGRAMME, data[PROGRAMME])
        for section in COLLECTIONS:
            items = data.get(section)
            for item in items if isinstance(items, list) else ():
                if isinstance(item, dict) and isinstance(item.get("key"), str):
                    found[section].setdefault(item["key"], item)
    return found


def entity_changes(old: Document, new: Document) -> tuple[EntityChange, ...]:
    before, after = entities(old), entities(new)
    changes: list[EntityChange] = []
    for section in (*COLLECTIONS, PROGRAMME):
        was, now = before[section], after[section]
        for key, item in now.items():
            if key not in was:
                changes.append(EntityChange(section, key, Change.ADDED, name=name_of(item)))
            elif was[key] != item:
                names = [*item, *(name for name in was[key] if name not in item)]
                differ = tuple(name for name in names if was[key].get(name) != item.get(name))
                changes.append(
                    EntityChange(section, key, Change.CHANGED, differ, name=name_of(item))
                )
        changes.extend(
            EntityChange(section, key, Change.REMOVED, name=name_of(item))
            for key, item in was.items()
            if key not in now
        )
    return tuple(changes)


def name_of(entity: Mapping[str, Any]) -> str | None:
    """What officials call an entity: its name, its question or its title (Vietnamese)."""
    for field in ("name", "question", "title"):
        text = _text(entity.get(field))
        if text:
            return text
    return None


def _text(value: Any) -> str | None:
    """A localized text's Vietnamese (the report's language), or the text itself."""
    if isinstance(value, dict):
        vi = value.get("vi")
        return vi if isinstance(vi, str) else None
    return value if isinstance(value, str) else None


def _number(value: Any) -> float | None:
    return float(value) if isinstance(value, int | float) and not isinstance(value, bool) else None


def _figures(item: Mapping[str, Any], source: Any) -> Iterator[tuple[str | None, FigureSide]]:
    """A statement's figures: its value (label None, when it has one) and its further figures."""
    quote = source.get("quote") if isinstance(source, dict) else None
    report = source.get("report") if isinstance(source, dict) else None
    quote = quote if isinstance(quote, str) else None
    report = report if isinstance(report, str) else None
    if "value" in item and item.get("value") is not None:
        yield None, FigureSide(_number(item["value"]), _text(item.get("unit")), quote, report)
    figures = item.get("figures")
    for figure in figures if isinstance(figures, list) else ():
        if isinstance(figure, dict):
            side = FigureSide(
                _number(figure.get("value")), _text(figure.get("unit")), quote, report
            )
            yield _text(figure.get("label")) or "?", side


def _statements(kind: str, entity: Mapping[str, Any]) -> dict[str, Mapping[str, Any]]:
    """An indicator's observations by period; a policy's notes by the report they cite (the
    second note citing one report as "report-2022-q1 #2", and so on)."""
    name, at = ("observations", "period_key") if kind == "indicators" else ("notes", None)
    items = entity.get(name)
    found: dict[str, Mapping[str, Any]] = {}
    for index, item in enumerate(items if isinstance(items, list) else ()):
        if not isinstance(item, dict):
            continue
        source = item.get("source")
        where = item.get(at) if at else (source.get("report") if isinstance(source, dict) else None)
        label = where if isinstance(where, str) else f"{name}[{index}]"
        if at is None:
            repeat = 1
            while (label if repeat == 1 else f"{label} #{repeat}") in found:
                repeat += 1
            label = label if repeat == 1 else f"{label} #{repeat}"
        found.setdefault(label, item)  # a repeated period is a problem of its own
    return found


def _statement_figures(item: Mapping[str, Any] | None) -> dict[str | None, FigureSide]:
    if item is None:
        return {}
    found: dict[str | None, FigureSide] = {}
    for label, side in _figures(item, item.get("source")):
        found.setdefault(label, side)
    return found


def figure_changes(old: Document, new: Document) -> tuple[FigureChange, ...]:
    """Figure by figure, old → new with both quotes: every figure added, removed or changed
    (its number, its unit or the quote it stands in)."""
    before, after = entities(old), entities(new)
    changes: list[FigureChange] = []
    for kind in ("indicators", "policies"):
        keys = [*after[kind], *(key for key in before[kind] if key not in after[kind])]
        for key in keys:
            was = _statements(kind, before[kind].get(key, {}))
            now = _statements(kind, after[kind].get(key, {}))
            for at in [*now, *(at for at in was if at not in now)]:
                old_figures = _statement_figures(was.get(at))
                new_figures = _statement_figures(now.get(at))
                labels = [
                    *new_figures,
                    *(label for label in old_figures if label not in new_figures),
                ]
                name = name_of(after[kind].get(key) or before[kind].get(key) or {})
                for label in labels:
                    old_side, new_side = old_figures.get(label), new_figures.get(label)
                    if old_side != new_side:
                        changes.append(
                            FigureChange(kind, key, at, label, old_side, new_side, name=name)
                        )
    return tuple(changes)


def located(document: Document, errors: Sequence[ContentError]) -> tuple[DraftProblem, ...]:
    """Each problem at its file, the key of the entity it lies in and the field within it."""
    files = _files(document)
    problems: list[DraftProblem] = []
    for error in errors:
        file = error.path.name
        entity, field = None, error.field
        match = _ENTITY_FIELD.match(error.field or "")
        if match is not None:
            data = files.get(file)
            items = data.get(match["section"]) if isinstance(data, dict) else None
            index = int(match["index"])
            if isinstance(items, list) and index < len(items) and isinstance(items[index], dict):
                key = items[index].get("key")
                if isinstance(key, str):
                    entity, field = key, match["rest"]
        elif error.field and error.field.split(".")[0] == PROGRAMME:
            entity, field = PROGRAMME, error.field.partition(".")[2] or None
        problem = DraftProblem(file, entity, field, error.message)
        if problem not in problems:
            problems.append(problem)
    return tuple(problems)
