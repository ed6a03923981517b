"""Problems found in the content, located at a file, a line and a field.

A content file is composed into a YAML node tree (see :mod:`content.loader`) so that every
error, from a YAML syntax error to a reference to an unknown key in another file, can name the
line an official has to edit. This module holds what both the per-file and the cross-file
checks (:mod:`content.cross_checks`) need: the error types and the node-tree locator.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

Loc = tuple[int | str, ...]


class ContentError(Exception):
    """One problem in the content, located at a file, a line (1-based) and a field."""

    path: Path
    line: int | None
    field: str | None
    message: str

    def __init__(self, path: Path, line: int | None, field: str | None, message: str) -> None:
        self.path = path
        self.line = line
        self.field = field
        self.message = message
        super().__init__(str(self))

    @property
    def display_path(self) -> str:
        """The path relative to the working directory when it lies below it, else as given."""
        try:
            return str(self.path.resolve().relative_to(Path.cwd().resolve()))
        except (ValueError, OSError):
            return str(self.path)

    def __str__(self) -> str:
        path = self.display_path
        location = path if self.line is None else f"{path}:{self.line}"
        if self.field:
            return f"{location}: {self.field}: {self.message}"
        return f"{location}: {self.message}"

    def __repr__(self) -> str:
        return (
            f"ContentError(path={str(self.path)!r}, line={self.line!r}, "
            f"field={self.field!r}, message={self.message!r})"
        )

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, ContentError):
            return NotImplemented
        return self._tuple() == other._tuple()

    def __hash__(self) -> int:
        return hash(self._tuple())

    def _tuple(self) -> tuple[str, int, str, str]:
        return (str(self.path), self.line or 0, self.field or "", self.message)

    def sort_key(self) -> tuple[str, int, str, str]:
        return self._tuple()


class ContentErrors(Exception):
    """Raised by :func:`load_knowledge_base` with every problem found."""

    errors: list[ContentError]

    def __init__(self, errors: Sequence[ContentError]) -> None:
        self.errors = list(errors)
        super().__init__(str(self))

    def __str__(self) -> str:
        count = len(self.errors)
        header = f"{count} problem{'s' if count != 1 else ''} in the content files:"
        return "\n".join([header, *(f"  {error}" for error in self.errors)])


def format_field(loc: Iterable[int | str]) -> str:
    """A pydantic ``loc`` as a path: ``("indicators", 3, "value")`` → ``indicators[3].value``."""
    text = ""
    for part in loc:
        if isinstance(part, int):
            text += f"[{part}]"
        else:
            text += f".{part}" if text else str(part)
    return text


@dataclass(frozen=True, slots=True)
class ParsedFile:
    """A file that was read and composed: its node tree and the plain data built from it."""

    path: Path
    root: yaml.MappingNode
    data: dict[str, Any]

    def line_of(self, loc: Loc) -> int:
        return line_of(self.root, loc)


def node_line(node: yaml.Node) -> int:
    return int(node.start_mark.line) + 1


def mapping_get(node: yaml.MappingNode, name: str) -> tuple[yaml.Node, yaml.Node] | None:
    for key_node, value_node in node.value:
        if isinstance(key_node, yaml.ScalarNode) and key_node.value == name:
            return key_node, value_node
    return None


def line_of(root: yaml.Node, loc: Loc) -> int:
    """The line of the node at ``loc``, or of the nearest existing parent.

    A field inside a mapping is located at its key (``value: abc`` → the line of ``value``);
    an item of a sequence at its first line (the ``-``).
    """
    node: yaml.Node = root
    line = node_line(root)
    for part in loc:
        if isinstance(node, yaml.MappingNode) and isinstance(part, str):
            found = mapping_get(node, part)
            if found is None:
                break
            key_node, node = found
            line = node_line(key_node)
        elif isinstance(node, yaml.SequenceNode) and isinstance(part, int):
            if not 0 <= part < len(node.value):
                break
            node = node.value[part]
            line = node_line(node)
        else:
            break
    return line
