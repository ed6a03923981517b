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

Besides the links the content declares, an indicator and an FAQ or a policy that quote the
same sentence of the same report (one quote holding the other) speak of the same thing: they
are a pair of their own (:func:`groups_of`). An entry may so belong to several groups (the
difficulties FAQ states the social- and the health-insurance indicators' sentence): a match is
collapsed into the best one it shares a group with, and a question landing on an entry of
several groups is answered with that entry itself unless only one group was collapsed into it.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, replace
from types import MappingProxyType

from content.index.model import EntryKind, Match, Outcome, SearchResult
from content.index.scoring import decide
from content.index.thresholds import (
    CONFIDENT_MARGIN,
    IRRELEVANT_SCORE,
)
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
    """The content's links, then the pairs quoting one sentence (:func:`_same_sentence`)."""
    groups = []
    for link in kb.links.values():
        members = tuple(ref for text in link.members() if (ref := _ref(text)) is not None)
        primary = _ref(link.primary)
        if primary is not None and len(members) > 1:
            groups.append(LinkedGroup(primary, members))
    linked = {frozenset(pair) for group in groups for pair in _pairs(group.members)}
    for indicator, other in _same_sentence(kb):
        if frozenset((indicator, other)) not in linked:
            groups.append(LinkedGroup(indicator, (indicator, other)))
    return groups


def _pairs(members: Sequence[Ref]) -> Iterator[tuple[Ref, Ref]]:
    for index, first in enumerate(members):
        for second in members[index + 1 :]:
            yield first, second


def _folded(quote: str) -> str:
    return re.sub(r"\s+", " ", quote).strip().casefold()


def _same_sentence(kb: KnowledgeBase) -> Iterator[tuple[Ref, Ref]]:
    """(indicator, FAQ or policy) quoting the same sentence of the same report: one quote
    holds the other (the FAQ on difficulties quotes the slow growth of social and health
    insurance that both indicators state); a policy only with the indicators it names."""
    stated = [
        ((EntryKind.INDICATOR, indicator.key), item.source.report, _folded(item.source.quote))
        for indicator in kb.indicators.values()
        for item in indicator.observations
    ]
    quoting = [
        ((EntryKind.FAQ, faq.key), source.report, _folded(source.quote))
        for faq in kb.faqs.values()
        for source in (faq.source, *faq.also)
    ] + [
        ((EntryKind.POLICY, policy.key), note.source.report, _folded(note.source.quote))
        for policy in kb.policies.values()
        for note in policy.notes
    ]
    # A policy is about an indicator only where it says so (``related_indicators``): its notes
    # may quote a sentence listing several results ("giảm nghèo, hộ cận nghèo, chính sách cho
    # đồng bào miền núi ...") that says nothing of one being the other.
    related = {
        ((EntryKind.POLICY, policy.key), (EntryKind.INDICATOR, key))
        for policy in kb.policies.values()
        for key in policy.related_indicators
    }
    found: list[tuple[Ref, Ref]] = []
    for other, report, quote in quoting:
        for indicator, stated_in, statement in stated:
            pair = (indicator, other)
            if other[0] is EntryKind.POLICY and (other, indicator) not in related:
                continue
            same = stated_in == report and (quote in statement or statement in quote)
            if same and pair not in found:
                found.append(pair)
    yield from found


class Links:
    """Each searchable entry → the groups it belongs to, if any."""

    def __init__(self, groups: Iterable[LinkedGroup] = ()) -> None:
        of: dict[Ref, list[LinkedGroup]] = {}
        for group in groups:
            for member in group.members:
                of.setdefault(member, []).append(group)
        self._of: Mapping[Ref, tuple[LinkedGroup, ...]] = MappingProxyType(
            {member: tuple(found) for member, found in of.items()}
        )

    def decide(self, scored: Sequence[Match], limit: int) -> SearchResult:
        """:func:`scoring.decide`, with each group counted once; see the module's docstring."""
        plain = decide(list(scored), limit)
        if not self._of or plain.outcome is Outcome.NONE:
            return plain
        if plain.outcome is Outcome.CONFIDENT:
            return self._with_related(self._figure_first(plain, scored))
        kept, dropped = self._collapsed(scored)
        collapsed = decide(kept, limit)
        if collapsed.outcome is not Outcome.CONFIDENT:
            return collapsed  # one button per group: its best member, what was asked of most
        best = collapsed.matches[0]
        # The group collapsed into the answer: the one whose dropped member scored best, by
        # CONFIDENT_MARGIN over the others' (else which group was meant is unclear).
        ranked = sorted(
            (
                (max(dropped[member] for member in group.members if member in dropped), group)
                for group in self._of.get((best.kind, best.key), ())
                if any(member in dropped for member in group.members)
            ),
            key=lambda item: -item[0],
        )
        clear = len(ranked) == 1 or (
            len(ranked) > 1 and ranked[0][0] - ranked[1][0] >= CONFIDENT_MARGIN
        )
        if clear and ranked[0][1].primary[0] is EntryKind.INDICATOR:
            kind, key = ranked[0][1].primary  # the group as a whole answers: with its figure
            primary = Match(kind, key, best.score)
            collapsed = replace(collapsed, matches=(primary, *collapsed.matches[1:]))
        return self._with_related(collapsed)

    def _figure_first(self, result: SearchResult, scored: Sequence[Match]) -> SearchResult:
        """An FAQ answered at once though found only by a keyword (the topic of an indicator
        it quotes), one of whose groups' figures (an indicator primary) is relevant at all
        (IRRELEVANT_SCORE): the figure answers, the FAQ comes under it ("bảo hiểm y tế học
        sinh" lands on the difficulties FAQ by its keyword "BHYT" and on the health-insurance
        indicator). The figure must lead the FAQ's other figures by CONFIDENT_MARGIN, else
        which one is meant is unclear and the FAQ stays. An FAQ found by its question or an
        alias ("khó khăn về bảo hiểm y tế") is named outright: it stays."""
        best = result.matches[0]
        if best.kind is not EntryKind.FAQ or not best.by_keyword:
            return result  # named outright (a policy, an FAQ by its question or alias): it stays
        figures = {
            group.primary
            for group in self._of.get((best.kind, best.key), ())
            if group.primary[0] is EntryKind.INDICATOR and group.primary != (best.kind, best.key)
        }
        bar = IRRELEVANT_SCORE
        found = [
            match
            for match in scored
            if match.offered and (match.kind, match.key) in figures and match.score >= bar
        ]
        if not found or (len(found) > 1 and found[0].score - found[1].score < CONFIDENT_MARGIN):
            return result
        figure = found[0]
        rest = tuple(
            match
            for match in result.matches[1:]
            if (match.kind, match.key) != (figure.kind, figure.key)
        )
        return replace(result, matches=(Match(figure.kind, figure.key, best.score), best, *rest))

    def _collapsed(self, scored: Sequence[Match]) -> tuple[list[Match], dict[Ref, float]]:
        """One match per group (``scored`` being best first, a match sharing a group with one
        kept is dropped); others as they are. And what was dropped, with its score."""
        kept: list[Match] = []
        dropped: dict[Ref, float] = {}
        taken: set[LinkedGroup] = set()
        for match in scored:
            groups = self._of.get((match.kind, match.key), ())
            if any(group in taken for group in groups):
                dropped[(match.kind, match.key)] = match.score
                continue
            taken.update(groups)
            kept.append(match)
        return kept, dropped

    def _with_related(self, result: SearchResult) -> SearchResult:
        best = result.matches[0]
        ref = (best.kind, best.key)
        related: list[Ref] = []
        for group in self._of.get(ref, ()):
            related += (
                member for member in group.members if member != ref and member not in related
            )
        if not related:
            return result
        return replace(result, related=tuple(related))
