"""What residents are told, laid out for officials to review, with the content releases.

The report shows the published knowledge base (the one the bot answers from) and the releases
(bot/services/knowledge/drafts.py `listing`): the live one with what `danbiet content check`
says of it today (a release checked when published may break a rule added since), the retired
ones, the open drafts.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass

from bot.domain.content_drafts import DraftProblem, ReleaseListing
from bot.services.kernel.actor import Actor
from bot.services.kernel.live_knowledge import LiveKnowledge
from bot.services.kernel.officials import Officials, Permission
from bot.services.knowledge.drafts import ContentDrafts
from content.schema import (
    Area,
    Indicator,
    Localized,
    Policy,
    Programme,
    Qualifier,
    Report,
    Source,
    Status,
)


@dataclass(frozen=True, slots=True)
class SourceRef:
    """Where a figure comes from: the report (its title is the document, `published` its date)
    and the sentence quoted from it."""

    report_key: str
    report: Report | None  # None only if the content lost the report (the check says so)
    quote: str
    quote_en: str | None


@dataclass(frozen=True, slots=True)
class IndicatorRow:
    """An indicator as residents' cards lead with it: its headline observation."""

    key: str
    name: Localized
    value: float | None
    qualifier: Qualifier | None  # "trên", as the report puts it before the value
    unit: Localized | None
    statement: Localized
    period: Localized
    period_key: str
    as_of: dt.date
    target: float | None
    target_label: Localized | None
    percent_of_plan: float | None  # as residents see it (Observation.percent_of_plan)
    percent_computed: bool  # from value and target; False: as the report states it
    status: Status
    source: SourceRef
    observations: int  # how many reported states the indicator has


@dataclass(frozen=True, slots=True)
class PolicyRow:
    key: str
    name: Localized
    document: str | None
    issuer: Localized | None
    summary: Localized
    sources: tuple[SourceRef, ...]  # one per note, in the order of the notes


@dataclass(frozen=True, slots=True)
class AreaSection:
    area: Area
    indicators: tuple[IndicatorRow, ...]
    policies: tuple[PolicyRow, ...]


@dataclass(frozen=True, slots=True)
class ContentReport:
    programme: Programme
    areas: tuple[AreaSection, ...]  # every area, in menu order
    faq_count: int
    report_count: int
    releases: ReleaseListing

    @property
    def problems(self) -> tuple[DraftProblem, ...]:
        """What `content check` says of the live release; empty = valid."""
        return self.releases.live_problems

    @property
    def valid(self) -> bool:
        return not self.problems


class ContentReview:
    def __init__(
        self, knowledge: LiveKnowledge, officials: Officials, drafts: ContentDrafts
    ) -> None:
        self._knowledge = knowledge
        self._officials = officials
        self._drafts = drafts

    async def review(self, actor: Actor) -> ContentReport:
        await self._officials.require(actor, Permission.VIEW_CONTENT)
        releases = await self._drafts.listing(actor)
        kb = self._knowledge.current.kb
        return ContentReport(
            programme=kb.programme,
            areas=tuple(
                AreaSection(
                    area=area,
                    indicators=tuple(
                        _indicator(item, kb.reports) for item in kb.indicators_in(area.key)
                    ),
                    policies=tuple(_policy(item, kb.reports) for item in kb.policies_in(area.key)),
                )
                for area in kb.areas.values()
            ),
            faq_count=len(kb.faqs),
            report_count=len(kb.reports),
            releases=releases,
        )


def _source(source: Source, reports: Mapping[str, Report]) -> SourceRef:
    return SourceRef(source.report, reports.get(source.report), source.quote, source.quote_en)


def _indicator(indicator: Indicator, reports: Mapping[str, Report]) -> IndicatorRow:
    headline = indicator.headline()
    return IndicatorRow(
        key=indicator.key,
        name=indicator.name,
        value=headline.value,
        qualifier=headline.qualifier,
        unit=headline.unit,
        statement=headline.statement,
        period=headline.period,
        period_key=headline.period_key,
        as_of=headline.as_of,
        target=headline.target,
        target_label=headline.target_label,
        percent_of_plan=headline.percent_of_plan(),
        percent_computed=headline.value is not None and headline.target is not None,
        status=headline.status,
        source=_source(headline.source, reports),
        observations=len(indicator.observations),
    )


def _policy(policy: Policy, reports: Mapping[str, Report]) -> PolicyRow:
    return PolicyRow(
        key=policy.key,
        name=policy.name,
        document=policy.document,
        issuer=policy.issuer,
        summary=policy.summary,
        sources=tuple(_source(note.source, reports) for note in policy.notes),
    )
