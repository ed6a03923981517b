"""Load the published content from ``content/data/*.yaml``, naming file, line and field on error.

Every YAML file is a mapping validated by :class:`content.schema.ContentFile`; the loader merges
all files into one :class:`content.knowledge.KnowledgeBase`. Errors are collected, never raised
one at a time, so an official editing the files sees every problem in one run::

    content/data/indicators.yaml:42: indicators[3].observations[0].value: Input should be ...

The YAML is composed into a node tree first (``yaml.compose`` with ``SafeLoader``: the same
safe semantics as ``yaml.safe_load``) so that each error can be mapped back to a line.

The checks that need every file at once (one programme, unique keys, references that resolve)
are in :mod:`content.cross_checks`; the error types in :mod:`content.problems`.

This module is pure: it imports neither the bot nor Telegram nor the database.
"""

from __future__ import annotations

import re
import sys
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any

import yaml
from pydantic import ValidationError

from content.cross_checks import cross_file_errors
from content.guidance_checks import guide_beside, where_to_go_errors
from content.knowledge import KnowledgeBase
from content.problems import (
    ContentError,
    ContentErrors,
    Loc,
    ParsedFile,
    format_field,
    line_of,
    node_line,
)
from content.schema import (
    KEY_PATTERN,
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
from content.yaml_shape import shape_problem

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

NULL_TAG = "tag:yaml.org,2002:null"
# Number fields, and what a number written with Vietnamese thousands separators looks like.
NUMBER_FIELDS = frozenset(
    {"value", "target", "reported_percent_of_plan", "change_on_previous_year"}
)
THOUSANDS = re.compile(r"[-+]?\d{1,3}(\.\d{3})+")
# What a reader calls the kinds of value YAML reads by their look or by an explicit tag.
TAG_NAMES = {"timestamp": "date", "int": "whole number", "float": "number", "bool": "true/false"}
EMPTY_FILE_MESSAGE = "the file is empty: expected a mapping of sections"

# --------------------------------------------------------------------------------------------
# One file: bytes → text → node tree → plain data → ContentFile
# --------------------------------------------------------------------------------------------


def _duplicate_keys(path: Path, node: yaml.Node, loc: Loc = ()) -> Iterator[ContentError]:
    """PyYAML keeps the last of two equal keys silently: report the second one instead."""
    if isinstance(node, yaml.MappingNode):
        seen: dict[str, int] = {}
        for key_node, value_node in node.value:
            if isinstance(key_node, yaml.ScalarNode):
                name = str(key_node.value)
                line = node_line(key_node)
                if name in seen:
                    yield ContentError(
                        path,
                        line,
                        format_field((*loc, name)),
                        f"duplicate key {name!r} in this mapping (first at line {seen[name]})",
                    )
                else:
                    seen[name] = line
                yield from _duplicate_keys(path, value_node, (*loc, name))
            else:
                yield from _duplicate_keys(path, value_node, loc)
    elif isinstance(node, yaml.SequenceNode):
        for index, item in enumerate(node.value):
            yield from _duplicate_keys(path, item, (*loc, index))


def _read_text(path: Path) -> tuple[str | None, list[ContentError]]:
    try:
        raw = path.read_bytes()
    except OSError as exc:
        return None, [ContentError(path, None, None, f"cannot read the file: {exc.strerror}")]
    try:
        return raw.decode("utf-8-sig"), []
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        return None, [
            ContentError(
                path,
                line,
                None,
                f"the file is not valid UTF-8 (byte 0x{raw[exc.start]:02x}); "
                "save it as UTF-8 in your editor",
            )
        ]


def _syntax_error(path: Path, exc: yaml.MarkedYAMLError) -> ContentError:
    mark = exc.problem_mark or exc.context_mark
    line = int(mark.line) + 1 if mark is not None else None
    message = f"YAML syntax error: {exc.problem or 'invalid YAML'}"
    if exc.context:
        message += f" ({exc.context}"
        if exc.context_mark is not None and int(exc.context_mark.line) + 1 != line:
            message += f" that starts at line {int(exc.context_mark.line) + 1}"
        message += ")"
    if exc.problem and "'\\t'" in exc.problem:
        message += "; indent with spaces, not tabs"
    return ContentError(path, line, None, message)


def parse_file(path: Path) -> tuple[ParsedFile | None, list[ContentError]]:
    """Read and compose one file; ``None`` when it cannot be used at all."""
    text, errors = _read_text(path)
    if text is None:
        return None, errors
    try:
        problem = shape_problem(text)
        if problem is not None:
            return None, [ContentError(path, problem.line, None, problem.message)]
        root = yaml.compose(text, Loader=yaml.SafeLoader)
    except yaml.MarkedYAMLError as exc:
        return None, [_syntax_error(path, exc)]
    except yaml.YAMLError as exc:
        return None, [ContentError(path, None, None, f"YAML error: {exc}")]
    if root is None or (isinstance(root, yaml.ScalarNode) and root.tag == NULL_TAG):
        return None, [ContentError(path, 1, None, EMPTY_FILE_MESSAGE)]
    if not isinstance(root, yaml.MappingNode):
        kind = "a list" if isinstance(root, yaml.SequenceNode) else "a single value"
        return None, [
            ContentError(
                path,
                node_line(root),
                None,
                f"the file must be a mapping of sections (programme, areas, indicators, "
                f"policies, faqs, reports), not {kind}",
            )
        ]
    duplicates = [*_duplicate_keys(path, root), *_thousands_separators(path, root)]
    try:
        data = yaml.constructor.SafeConstructor().construct_document(root)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = int(mark.line) + 1 if mark is not None else None
        return None, [*duplicates, ContentError(path, line, None, f"YAML error: {exc.problem}")]
    except (ValueError, TypeError, KeyError, AttributeError, OverflowError):
        # PyYAML's constructors raise these unmarked for a value its tag cannot read:
        # "2024-13-01", "!!int abc", "!!bool maybe". Find the value to name its line.
        return None, [*duplicates, _unreadable_value(path, root)]
    if not isinstance(data, dict) or not all(isinstance(key, str) for key in data):
        return None, [
            *duplicates,
            ContentError(path, node_line(root), None, "section names must be text"),
        ]
    return ParsedFile(path, root, data), duplicates


def _unreadable_value(path: Path, root: yaml.Node) -> ContentError:
    for node in _scalars(root):
        try:
            yaml.constructor.SafeConstructor().construct_object(node)
        except (ValueError, TypeError, KeyError, AttributeError, OverflowError, yaml.YAMLError):
            tag = node.tag.rsplit(":", 1)[-1]
            kind = TAG_NAMES.get(tag, tag)
            return ContentError(
                path, node_line(node), None, f"YAML error: {node.value!r} is not a valid {kind}"
            )
    return ContentError(path, None, None, "YAML error: a value cannot be read")


def _scalars(node: yaml.Node) -> Iterator[yaml.ScalarNode]:
    if isinstance(node, yaml.ScalarNode):
        yield node
    elif isinstance(node, yaml.MappingNode):
        for key_node, value_node in node.value:
            yield from _scalars(key_node)
            yield from _scalars(value_node)
    elif isinstance(node, yaml.SequenceNode):
        for item in node.value:
            yield from _scalars(item)


def _drop_consequential(errors: list[Any]) -> list[Any]:
    """Pydantic adds "at least 1 item ... not 0" to a list whose only item is invalid: drop it."""
    kept = []
    for error in errors:
        loc = tuple(error["loc"])
        if error["type"] == "too_short" and any(
            tuple(other["loc"])[: len(loc)] == loc and len(other["loc"]) > len(loc)
            for other in errors
        ):
            continue
        kept.append(error)
    return kept


def _describe(error: Any) -> str:
    message = str(error["msg"])
    kind = error["type"]
    if kind == "extra_forbidden":
        return "unknown field (check its spelling; see docs/content.md for the fields allowed)"
    if kind == "missing":
        return "required field is missing"
    if kind == "string_pattern_mismatch" and error.get("ctx", {}).get("pattern") == KEY_PATTERN:
        return (
            f"not a valid key {error['input']!r}: use lowercase ASCII letters, digits and '-', "
            "at most 32 characters, e.g. 'ho-ngheo'"
        )
    if kind in ("float_parsing", "float_type", "int_parsing", "int_type"):
        return (
            f"{message} (write numbers like 3612 or 0.16: no thousands separator, a decimal point)"
        )
    return message


def _thousands_separators(path: Path, node: yaml.Node, loc: Loc = ()) -> Iterator[ContentError]:
    """``value: 3.612`` is 3.612 to YAML, but 3612 to a Vietnamese reader: refuse it."""
    if isinstance(node, yaml.MappingNode):
        for key_node, value_node in node.value:
            name = str(key_node.value) if isinstance(key_node, yaml.ScalarNode) else "?"
            if (
                name in NUMBER_FIELDS
                and isinstance(value_node, yaml.ScalarNode)
                and THOUSANDS.fullmatch(str(value_node.value).strip())
            ):
                yield ContentError(
                    path,
                    node_line(value_node),
                    format_field((*loc, name)),
                    f"{value_node.value} looks like a number with a thousands separator: write "
                    f"{str(value_node.value).replace('.', '')} (if you mean a decimal, add a "
                    "trailing zero, e.g. 1.2500)",
                )
            else:
                yield from _thousands_separators(path, value_node, (*loc, name))
    elif isinstance(node, yaml.SequenceNode):
        for index, item in enumerate(node.value):
            yield from _thousands_separators(path, item, (*loc, index))


def validate_file(parsed: ParsedFile) -> tuple[ContentFile | None, list[ContentError]]:
    try:
        return ContentFile.model_validate(parsed.data), []
    except ValidationError as exc:
        errors = []
        for error in _drop_consequential(list(exc.errors())):
            loc: Loc = tuple(error["loc"])
            errors.append(
                ContentError(parsed.path, parsed.line_of(loc), format_field(loc), _describe(error))
            )
        return None, errors


# --------------------------------------------------------------------------------------------
# Public API
# --------------------------------------------------------------------------------------------


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
