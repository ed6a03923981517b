"""Refuse YAML shapes that would crash or stall the loader, before PyYAML builds anything.

PyYAML composes nested collections recursively (some 500 levels exhaust Python's stack), lets an
anchor refer to itself (``a: &a [*a]``: a cycle every walk over the tree follows for ever), and
expands aliases of aliases exponentially ("billion laughs"). Content needs none of that. The
event stream is produced without recursion, so one pass over it finds all three, with a line.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Final

import yaml

MAX_DEPTH: Final = 40  # content nests some 6 levels deep
MAX_NODES: Final = (
    200_000  # values once every alias is expanded; the real files hold a few thousand
)


@dataclass(frozen=True, slots=True)
class ShapeProblem:
    line: int
    message: str


@dataclass(slots=True)
class _Open:
    anchor: str | None
    nodes: int = 1


@dataclass(slots=True)
class _Scan:
    open: list[_Open] = field(default_factory=list)
    sizes: dict[str, int] = field(default_factory=dict)  # anchor -> nodes once expanded
    nodes: int = 0

    def add(self, count: int) -> None:
        self.nodes += count
        if self.open:
            self.open[-1].nodes += count


def shape_problem(text: str) -> ShapeProblem | None:
    """The first thing in ``text`` that is too deep, self-referring or too large; else None.

    Raises yaml.MarkedYAMLError for a syntax error, as composing would."""
    scan = _Scan()
    for event in yaml.parse(text, Loader=yaml.SafeLoader):
        line = int(event.start_mark.line) + 1 if event.start_mark is not None else 0
        if isinstance(event, yaml.CollectionStartEvent):
            scan.add(1)
            scan.open.append(_Open(event.anchor))
            if len(scan.open) > MAX_DEPTH:
                return ShapeProblem(
                    line, f"nested more than {MAX_DEPTH} levels deep; content needs a few"
                )
        elif isinstance(event, yaml.CollectionEndEvent):
            closed = scan.open.pop()
            if closed.anchor is not None:
                scan.sizes[closed.anchor] = closed.nodes
            if scan.open:
                scan.open[-1].nodes += closed.nodes - 1  # its start was counted already
        elif isinstance(event, yaml.ScalarEvent):
            scan.add(1)
            if event.anchor is not None:
                scan.sizes[event.anchor] = 1
        elif isinstance(event, yaml.AliasEvent):
            if any(item.anchor == event.anchor for item in scan.open):
                return ShapeProblem(
                    line, f"the alias *{event.anchor} refers to its own anchor &{event.anchor}"
                )
            scan.add(scan.sizes.get(event.anchor or "", 1))
        else:
            continue
        if scan.nodes > MAX_NODES:
            return ShapeProblem(
                line, f"over {MAX_NODES:,} values once its aliases are expanded; write them out"
            )
    return None
