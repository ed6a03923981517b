"""Distinguishing terms: facets whose values exclude one another (the kind of insurance, the
group of households, a person or a body), from ``content/lexicon/facets.yaml``.

A question that names a value of a facet is not answered, nor offered, with an entry that
names only other values of it: "social insurance coverage" shares two words with the
health-insurance indicator's name ("Health-insurance coverage") and one with the social one's,
yet it is about social insurance; a scored tie or lead cannot substitute one kind for another.
Entries that name no value of a facet are not concerned by it.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path
from types import MappingProxyType

import yaml

from content.index.lexicon import same_word
from content.normalize import Token, analyze

FACETS_FILE = Path(__file__).parent.parent / "lexicon" / "facets.yaml"

# facet → its values named, for the facets named at all
Named = Mapping[str, frozenset[str]]
NOTHING: Named = MappingProxyType({})


def read_facets(path: Path = FACETS_FILE) -> dict[str, dict[str, tuple[str, ...]]]:
    raw = yaml.safe_load(path.read_text(encoding="utf-8"))
    if not isinstance(raw, dict):
        raise ValueError(f"{path.name}: a mapping of facets expected")
    table: dict[str, dict[str, tuple[str, ...]]] = {}
    for facet, values in raw.items():
        if not isinstance(values, dict) or len(values) < 2:
            raise ValueError(f"{path.name}: facet {facet!r} needs two values or more")
        table[str(facet)] = {
            str(value): tuple(map(str, phrases)) for value, phrases in values.items()
        }
    return table


class Facets:
    """The facets' phrases by folded first word, longest first; :meth:`named` is pure."""

    def __init__(self, table: Mapping[str, Mapping[str, Sequence[str]]]) -> None:
        by_first: dict[str, list[tuple[tuple[Token, ...], str, str]]] = defaultdict(list)
        for facet, values in table.items():
            for value, phrases in values.items():
                for phrase in phrases:
                    words = tuple(analyze(phrase))
                    if words:
                        by_first[words[0].folded].append((words, facet, value))
        self._by_first = {
            first: tuple(sorted(found, key=lambda item: -len(item[0])))
            for first, found in by_first.items()
        }

    def named(self, tokens: Sequence[Token]) -> Named:
        """The values each facet's phrases name in ``tokens`` (the longest phrase at each
        word, in every facet that lists it: "bảo hiểm thất nghiệp" is a kind of insurance and
        what of unemployment; a phrase's words are skipped once matched)."""
        found: dict[str, set[str]] = {}
        start = 0
        while start < len(tokens):
            step = 0
            for words, facet, value in self._by_first.get(tokens[start].folded, ()):
                if len(words) < step:
                    break  # longest first: the longest phrase found, in each facet
                end = start + len(words)
                if end <= len(tokens) and all(
                    same_word(tokens[start + offset], word) for offset, word in enumerate(words)
                ):
                    found.setdefault(facet, set()).add(value)
                    step = len(words)
            start += max(step, 1)
        if not found:
            return NOTHING
        return MappingProxyType({facet: frozenset(values) for facet, values in found.items()})

    def of_texts(self, texts: Iterable[str]) -> Named:
        """What an entry names, over its phrases (names, aliases, keywords)."""
        merged: dict[str, set[str]] = {}
        for text in texts:
            for facet, values in self.named(analyze(text)).items():
                merged.setdefault(facet, set()).update(values)
        if not merged:
            return NOTHING
        return MappingProxyType({facet: frozenset(values) for facet, values in merged.items()})


def conflicts(entry: Named, asked: Named) -> bool:
    """The entry names values of a facet the question names, none of them the question's."""
    for facet, values in asked.items():
        named = entry.get(facet)
        if named is not None and not named & values:
            return True
    return False


FACETS = Facets(read_facets())
