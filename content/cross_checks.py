"""Checks that need every content file at once: one programme, unique keys, references that
resolve (areas, reports, indicators), period keys that do not repeat within an indicator.

They run on the plain data of each parsed file (:class:`content.problems.ParsedFile`), not on
the validated models, so an entry that fails validation still defines its key and no error
cascades from it. Each check is a small generator of :class:`ContentError`.
"""

from __future__ import annotations

import difflib
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any

from content.problems import ContentError, Loc, ParsedFile, format_field

# Sections holding entries with a ``key``, in the order of ContentFile, with a singular name
# used in messages ("duplicate indicator key ...").
ENTRY_SECTIONS: dict[str, str] = {
    "areas": "area",
    "departments": "department",
    "indicators": "indicator",
    "policies": "policy",
    "faqs": "faq",
    "reports": "report",
    "links": "link",
}
# The kind named in a link's entry reference ("policy:nq-68-cp") → its section.
REF_SECTIONS = {"indicator": "indicators", "policy": "policies", "faq": "faqs", "report": "reports"}

# Where each section's entries refer to keys of another section: (section, field, target).
KEY_LISTS: tuple[tuple[str, str, str], ...] = (
    ("departments", "areas", "areas"),
    ("policies", "related_indicators", "indicators"),
    ("reports", "indicators", "indicators"),
)
KEY_FIELDS: tuple[tuple[str, str, str], ...] = (
    ("indicators", "area", "areas"),
    ("policies", "area", "areas"),
)

# section → key → (file, line) where it is first defined
Defined = dict[str, dict[str, tuple[Path, int]]]


def _entries(parsed: ParsedFile, section: str) -> Iterator[tuple[int, dict[str, Any]]]:
    items = parsed.data.get(section)
    if isinstance(items, list):
        for index, item in enumerate(items):
            if isinstance(item, dict):
                yield index, item


def _items(value: Any, loc: Loc) -> Iterator[tuple[Loc, Any]]:
    """The items of a list field, each with its location; nothing if it is not a list."""
    if isinstance(value, list):
        for number, item in enumerate(value):
            yield (*loc, number), item


def _source_of(container: Any, loc: Loc) -> Iterator[tuple[Loc, Any]]:
    if isinstance(container, dict):
        source = container.get("source")
        if isinstance(source, dict) and "report" in source:
            yield (*loc, "source", "report"), source["report"]


def _sources(parsed: ParsedFile) -> Iterator[tuple[Loc, Any]]:
    """Every ``source.report`` in the file, with its location."""
    yield from _source_of(parsed.data.get("programme"), ("programme",))
    for section, field in (("indicators", "observations"), ("policies", "notes")):
        for index, item in _entries(parsed, section):
            for loc, nested in _items(item.get(field), (section, index, field)):
                yield from _source_of(nested, loc)
    for index, item in _entries(parsed, "faqs"):
        yield from _source_of(item, ("faqs", index))
        further = item.get("also")
        if isinstance(further, list):
            for number, source in enumerate(further):
                if isinstance(source, dict) and "report" in source:
                    yield ("faqs", index, "also", number, "report"), source["report"]


def _programmes(files: Sequence[ParsedFile], *, complete: bool) -> Iterator[ContentError]:
    """Exactly one ``programme:`` across all files (a missing one only when all were read)."""
    programmes = [parsed for parsed in files if parsed.data.get("programme") is not None]
    for parsed in programmes[1:]:
        first = programmes[0]
        yield ContentError(
            parsed.path,
            parsed.line_of(("programme",)),
            "programme",
            f"a second programme: there must be exactly one across all files "
            f"(first in {first.path.name} at line {first.line_of(('programme',))})",
        )
    if complete and not programmes and files:
        yield ContentError(
            files[0].path.parent,
            None,
            "programme",
            "no file defines the programme: exactly one `programme:` section is required",
        )


def _definitions(files: Sequence[ParsedFile], errors: list[ContentError]) -> Defined:
    """Every key of every section, where first defined; a repeated key is added to ``errors``."""
    defined: Defined = {section: {} for section in ENTRY_SECTIONS}
    for parsed in files:
        for section, singular in ENTRY_SECTIONS.items():
            for index, item in _entries(parsed, section):
                key = item.get("key")
                if not isinstance(key, str):
                    continue
                loc: Loc = (section, index, "key")
                line = parsed.line_of(loc)
                if key not in defined[section]:
                    defined[section][key] = (parsed.path, line)
                    continue
                first_path, first_line = defined[section][key]
                errors.append(
                    ContentError(
                        parsed.path,
                        line,
                        format_field(loc),
                        f"duplicate {singular} key {key!r} "
                        f"(first defined in {first_path.name} at line {first_line})",
                    )
                )
    return defined


def _repeated_periods(parsed: ParsedFile) -> Iterator[ContentError]:
    """An indicator states each period once."""
    for index, item in _entries(parsed, "indicators"):
        seen: dict[str, int] = {}
        base: Loc = ("indicators", index, "observations")
        for loc, observation in _items(item.get("observations"), base):
            period_key = observation.get("period_key") if isinstance(observation, dict) else None
            if not isinstance(period_key, str):
                continue
            if period_key not in seen:
                seen[period_key] = int(loc[-1])
                continue
            at = (*loc, "period_key")
            yield ContentError(
                parsed.path,
                parsed.line_of(at),
                format_field(at),
                f"period_key {period_key!r} repeats within indicator "
                f"{item.get('key')!r} (observations[{seen[period_key]}])",
            )


def _unknown(
    parsed: ParsedFile, loc: Loc, value: Any, section: str, defined: Defined
) -> ContentError | None:
    """A reference to a key ``section`` does not define, with the closest known key."""
    if not isinstance(value, str) or value in defined[section]:
        return None
    known = sorted(defined[section])
    close = difflib.get_close_matches(value, known, n=1)
    hint = f", did you mean {close[0]!r}?" if close else ""
    return ContentError(
        parsed.path,
        parsed.line_of(loc),
        format_field(loc),
        f"unknown {ENTRY_SECTIONS[section]} {value!r}{hint} (known: {', '.join(known) or 'none'})",
    )


def _references(parsed: ParsedFile) -> Iterator[tuple[Loc, Any, str]]:
    """Every reference in the file to another entry: (location, value, the section it names)."""
    for section, field, target in KEY_FIELDS:
        for index, item in _entries(parsed, section):
            yield (section, index, field), item.get(field), target
    for section, field, target in KEY_LISTS:
        for index, item in _entries(parsed, section):
            for loc, key in _items(item.get(field), (section, index, field)):
                yield loc, key, target
    for loc, report in _sources(parsed):
        yield loc, report, "reports"


def _unresolved(parsed: ParsedFile, defined: Defined) -> Iterator[ContentError]:
    for loc, value, section in _references(parsed):
        error = _unknown(parsed, loc, value, section, defined)
        if error is not None:
            yield error


def _link_members(parsed: ParsedFile) -> Iterator[tuple[Loc, str]]:
    """Every entry reference of every link in the file: (location, "kind:key")."""
    for index, item in _entries(parsed, "links"):
        primary = item.get("primary")
        if isinstance(primary, str):
            yield ("links", index, "primary"), primary
        for loc, member in _items(item.get("related"), ("links", index, "related")):
            if isinstance(member, str):
                yield loc, member


def _links(files: Sequence[ParsedFile], defined: Defined) -> Iterator[ContentError]:
    """A link names existing entries, each in one link only and once: a question cannot land
    on two groups at once."""
    seen: dict[str, str] = {}
    for parsed in files:
        for loc, member in _link_members(parsed):
            kind, _, key = member.partition(":")
            section = REF_SECTIONS.get(kind)
            if section is None:
                continue  # the schema names the pattern
            error = _unknown(parsed, loc, key, section, defined)
            if error is not None:
                yield error
            if member in seen:
                yield ContentError(
                    parsed.path,
                    parsed.line_of(loc),
                    format_field(loc),
                    f"{member} is already linked (at {seen[member]}): an entry belongs to one "
                    "group only, once",
                )
            else:
                seen[member] = f"{parsed.path.name}:{parsed.line_of(loc)}"


def cross_file_errors(files: Sequence[ParsedFile], *, complete: bool) -> list[ContentError]:
    """Checks that need all files: one programme, unique keys, references that resolve.

    When ``complete`` is false (a file could not be parsed at all), the checks that need every
    definition (missing programme, unknown references) are skipped.
    """
    errors = list(_programmes(files, complete=complete))
    defined = _definitions(files, errors)
    for parsed in files:
        errors.extend(_repeated_periods(parsed))
    if complete:
        for parsed in files:
            errors.extend(_unresolved(parsed, defined))
        errors.extend(_links(files, defined))
    return errors
