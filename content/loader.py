"""Load the published content from ``content/data/*.yaml``, naming file, line and field on error.

Every YAML file is a mapping validated by :class:`content.schema.ContentFile`; the loader merges
all files into one :class:`content.knowledge.KnowledgeBase`. Errors are collected, never raised
one at a time, so an official editing the files sees every problem in one run::

    content/data/indicators.yaml:42: indicators[3].observations[0].value: Input should be ...

The YAML is composed into a node tree first (``yaml.compose`` with ``SafeLoader``: the same
safe semantics as ``yaml.safe_load``) so that each error can be mapped back to a line.

The checks that need every file at once (one programme, unique keys, references that resolve)
are in :mod:`content.cross_checks`; one file's reading and validation in :mod:`content.file_checks`;
the error types in :mod:`content.problems`.

This module is pure: it imports neither the bot nor Telegram nor the database.
"""

from __future__ import annotations

import sys
from collections.abc import Sequence
from pathlib import Path

from content.cross_checks import cross_file_errors
from content.file_checks import EMPTY_FILE_MESSAGE, parse_file, validate_file
from content.guidance_checks import guide_beside, where_to_go_errors
from content.knowledge import KnowledgeBase
from content.problems import (
    ContentError,
    ContentErrors,
    ParsedFile,
    format_field,
    line_of,
)
from content.schema import (
    Area,
    ContentFile,
    Department,
    Faq,
    Indicator,
    Link,
    Policy,
    Programme,
    Report,
)

__all__ = [
    "DEFAULT_CONTENT_DIR",
    "ContentError",
    "ContentErrors",
    "ParsedFile",
    "check_content",
    "format_field",
    "line_of",
    "load_knowledge_base",
    "load_with_files",
    "merge_files",
    "parse_file",
    "validate_file",
]

DEFAULT_CONTENT_DIR: Path = Path(__file__).parent / "data"


def _content_files(directory: Path) -> list[Path]:
    return sorted(path for path in directory.glob("*.yaml") if path.is_file())


def _load(directory: Path) -> tuple[list[ContentError], list[ContentFile], list[ParsedFile]]:
    if not directory.is_dir():
        return [ContentError(directory, None, None, "the content directory does not exist")], [], []
    paths = _content_files(directory)
    if not paths:
        return (
            [ContentError(directory, None, None, "no *.yaml content file in the directory")],
            [],
            [],
        )

    errors: list[ContentError] = []
    parsed_files: list[ParsedFile] = []
    models: list[ContentFile] = []
    for path in paths:
        parsed, problems = parse_file(path)
        errors.extend(problems)
        if parsed is None:
            continue
        parsed_files.append(parsed)
        model, problems = validate_file(parsed)
        # A field already reported while reading (a thousands separator) is not reported twice.
        located = {(error.line, error.field) for error in errors if error.path == path}
        errors.extend(error for error in problems if (error.line, error.field) not in located)
        if model is not None:
            models.append(model)
    # A file that could not be parsed may hold the definitions others refer to; an empty one
    # holds nothing.
    unreadable = {error.path for error in errors if error.message != EMPTY_FILE_MESSAGE}
    complete = all(
        path in {parsed.path for parsed in parsed_files} or path not in unreadable for path in paths
    )
    errors.extend(cross_file_errors(parsed_files, complete=complete))
    unique = sorted(set(errors), key=ContentError.sort_key)
    return unique, models, parsed_files


def check_content(
    directory: Path = DEFAULT_CONTENT_DIR, where_to_go: Path | None = None
) -> list[ContentError]:
    """Everything wrong with the content in ``directory`` and the where-to-go file
    (``where_to_go``, else the one beside it: content/guidance), sorted by file and line;
    [] if valid."""
    errors, models, _ = _load(directory)
    guide = where_to_go or guide_beside(directory)
    if guide is not None:
        reports = {report.key: report for model in models for report in model.reports}
        errors += where_to_go_errors(guide, reports, directory.parent / "seeds")
    return sorted(set(errors), key=ContentError.sort_key)


def load_knowledge_base(directory: Path = DEFAULT_CONTENT_DIR) -> KnowledgeBase:
    """Load and merge every ``*.yaml`` in ``directory``; raises :class:`ContentErrors`."""
    return load_with_files(directory)[0]


def load_with_files(directory: Path) -> tuple[KnowledgeBase, list[ParsedFile]]:
    """`load_knowledge_base`, with each file's plain data (what a content release stores)."""
    errors, models, parsed_files = _load(directory)
    if errors:
        raise ContentErrors(errors)
    return merge_files(models, directory), parsed_files


def merge_files(models: Sequence[ContentFile], origin: Path) -> KnowledgeBase:
    """One knowledge base from valid files, in their order (the browsing order)."""
    programme: Programme | None = None
    areas: list[Area] = []
    departments: list[Department] = []
    indicators: list[Indicator] = []
    policies: list[Policy] = []
    faqs: list[Faq] = []
    reports: list[Report] = []
    links: list[Link] = []
    for model in models:
        programme = model.programme or programme
        areas.extend(model.areas)
        departments.extend(model.departments)
        indicators.extend(model.indicators)
        policies.extend(model.policies)
        faqs.extend(model.faqs)
        reports.extend(model.reports)
        links.extend(model.links)
    if programme is None:  # pragma: no cover - reported by cross_file_errors
        raise ContentErrors([ContentError(origin, None, "programme", "no programme")])
    merged = ContentFile(
        areas=tuple(areas),
        departments=tuple(departments),
        indicators=tuple(indicators),
        policies=tuple(policies),
        faqs=tuple(faqs),
        reports=tuple(reports),
        links=tuple(links),
    )
    return KnowledgeBase.build(programme, merged)


def _say(line: str) -> None:
    """The checker's report goes to stdout, one line at a time."""
    sys.stdout.write(line + "\n")


def main(argv: Sequence[str] | None = None) -> int:
    """``python -m content.loader [DIRECTORY]``: print every problem; exit 1 if any."""
    args = list(sys.argv[1:] if argv is None else argv)
    directory = Path(args[0]) if args else DEFAULT_CONTENT_DIR
    errors = check_content(directory)
    for error in errors:
        _say(str(error))
    if errors:
        _say(f"{len(errors)} problem{'s' if len(errors) != 1 else ''} found.")
        return 1
    _say(f"Content in {directory} is valid.")
    return 0


if __name__ == "__main__":  # pragma: no cover
    raise SystemExit(main())
