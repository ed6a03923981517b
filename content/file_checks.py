"""One content file: read, composed into YAML nodes (to name lines), checked for duplicate keys
and thousands separators, and validated by :class:`content.schema.ContentFile`.

The loader (:mod:`content.loader`) reads every file of a directory through here, then checks what
needs all of them at once.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import yaml
from pydantic import ValidationError

from content.problems import (
    ContentError,
    Loc,
    ParsedFile,
    format_field,
    node_line,
)
from content.schema import (
    KEY_PATTERN,
    ContentFile,
)
from content.yaml_shape import shape_problem

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
