"""Entries of a release document: where each is (file, position), put back, added, removed.

The document keeps the files of content/data (content/release_document.py); an entry is edited
in the file that holds it, and a new one is added to the file that already holds its section
(or the file content/data names after it). Every change returns a new document.
"""

from __future__ import annotations

import copy
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from content.release_document import Document

SEEDS = Path(__file__).resolve().parent.parent / "seeds"
# Where a new entry goes when no file holds its section yet: content/data's own file names.
DEFAULT_FILES = {
    "indicators": "indicators.yaml",
    "policies": "policies.yaml",
    "faqs": "faq.yaml",
    "reports": "reports.yaml",
    "areas": "programme.yaml",
}


@dataclass(frozen=True, slots=True)
class Place:
    """An entry's file and position in its section."""

    file: str
    index: int


def _files(document: Document) -> dict[str, Any]:
    files = document.get("files")
    return files if isinstance(files, dict) else {}


def entries(document: Document, section: str) -> Iterator[tuple[Place, dict[str, Any]]]:
    """Every entry of ``section`` in the document, in file order."""
    for name, data in _files(document).items():
        items = data.get(section) if isinstance(data, dict) else None
        if isinstance(items, list):
            for index, item in enumerate(items):
                if isinstance(item, dict):
                    yield Place(name, index), item


def find(document: Document, section: str, key: str) -> tuple[Place, dict[str, Any]] | None:
    for place, item in entries(document, section):
        if item.get("key") == key:
            return place, item
    return None


def keys(document: Document, section: str) -> list[str]:
    return [str(item["key"]) for _, item in entries(document, section) if "key" in item]


def put(document: Document, section: str, entry: dict[str, Any], place: Place | None) -> Document:
    """A copy of the document with ``entry`` at ``place`` (replacing what was there), or added
    at the end of the section when ``place`` is None."""
    changed = copy.deepcopy(document)
    files = changed.setdefault("files", {})
    if place is None:
        name = next(
            (name for name, data in files.items() if isinstance(data, dict) and section in data),
            DEFAULT_FILES.get(section, f"{section}.yaml"),
        )
        data = files.setdefault(name, {})
        if not isinstance(data.get(section), list):
            data[section] = []
        data[section].append(entry)
    else:
        files[place.file][section][place.index] = entry
    return changed


def remove(document: Document, section: str, place: Place) -> Document:
    changed = copy.deepcopy(document)
    del changed["files"][place.file][section][place.index]
    return changed


def report_text(document: Document, report_key: str, seeds: Path = SEEDS) -> str | None:
    """A report's full text: pasted into the document, or the shipped report's seed file."""
    found = find(document, "reports", report_key)
    if found is None:
        return None
    report = found[1]
    text = report.get("text")
    if isinstance(text, str) and text.strip():
        return text
    seed = report.get("seed_file")
    if isinstance(seed, str) and seed and Path(seed).name == seed:
        path = seeds / seed
        if path.is_file():
            return path.read_text(encoding="utf-8")
    return None
