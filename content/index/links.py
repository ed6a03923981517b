"""Linked entries in search: entries that speak of the same thing (content/data/links.yaml)
are one answer, not a choice.

A question on which the plain decision is a tie between members of one group is answered at
once: with the group's primary when it is the figure (an indicator, which every member quotes),
else with the member the question is most about (its best scored: a group of a policy and the
FAQs that each state one part of it answers "which fields" with the FAQ on fields, not with the
policy's summary of everything). Buttons to choose stay only for entries that are really
different (one button per group, its best member). An entry the question names outright
(answered CONFIDENT on its own) stays the answer. Either way the other members of its group
come with the result (:attr:`SearchResult.related`), for the reply to offer as buttons.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, replace
from types import MappingProxyType

from content.index.model import EntryKind, Match, Outcome, SearchResult
from content.index.scoring import decide
from content.knowledge import KnowledgeBase

Ref = tuple[EntryKind, str]
_KINDS = {kind.value: kind for kind in EntryKind}


@dataclass(frozen=True, slots=True)
class LinkedGroup:
    primary: Ref
    members: tuple[Ref, ...]  # the searchable ones, primary first (reports are not searched)


def _ref(text: str) -> Ref | None:
    kind, _, key = text.partition(":")
    found = _KINDS.get(kind)
    return None if found is None else (found, key)


def groups_of(kb: KnowledgeBase) -> list[LinkedGroup]:
    groups = []
    for link in kb.links.values():
        members = tuple(ref for text in link.members() if (ref := _ref(text)) is not None)
        primary = _ref(link.primary)
        if primary is not None and len(members) > 1:
            groups.append(LinkedGroup(primary, members))
    return groups


class Links:
    """Each searchable entry → the group it belongs to, if any."""

    def __init__(self, groups: Iterable[LinkedGroup] = ()) -> None:
        self._of: Mapping[Ref, LinkedGroup] = MappingProxyType(
            {member: group for group in groups for member in group.members}
        )

    def decide(self, scored: Sequence[Match], limit: int) -> SearchResult:
        """:func:`scoring.decide`, with each group counted once; see the module's docstring."""
        plain = decide(list(scored), limit)
        if not self._of or plain.outcome is Outcome.NONE:
            return plain
        if plain.outcome is Outcome.CONFIDENT:
            return self._with_related(plain)
        collapsed = decide(self._collapsed(scored), limit)
        if collapsed.outcome is not Outcome.CONFIDENT:
            return collapsed  # one button per group: its best member, what was asked of most
        best = collapsed.matches[0]
        group = self._of.get((best.kind, best.key))
        if group is not None and group.primary[0] is EntryKind.INDICATOR:
            kind, key = group.primary  # the group as a whole answers: with its figure
            primary = Match(kind, key, best.score)
            collapsed = replace(collapsed, matches=(primary, *collapsed.matches[1:]))
        return self._with_related(collapsed)

    def _collapsed(self, scored: Sequence[Match]) -> list[Match]:
        """One match per group (its best member, ``scored`` being best first); others as
        they are."""
        collapsed: list[Match] = []
        seen: set[LinkedGroup] = set()
        for match in scored:
            group = self._of.get((match.kind, match.key))
            if group is None:
                collapsed.append(match)
            elif group not in seen:
                seen.add(group)
                collapsed.append(match)
        return collapsed

    def _with_related(self, result: SearchResult) -> SearchResult:
        best = result.matches[0]
        group = self._of.get((best.kind, best.key))
        if group is None:
            return result
        related = tuple(ref for ref in group.members if ref != (best.kind, best.key))
        return replace(result, related=related)
