"""The knowledge base: all published content, immutable once loaded (a reload swaps it whole)."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from types import MappingProxyType

from content.schema import (
    Area,
    Department,
    Faq,
    Indicator,
    Link,
    Policy,
    Programme,
    Report,
)


@dataclass(frozen=True, slots=True)
class KnowledgeBase:
    programme: Programme
    areas: Mapping[str, Area]
    departments: Mapping[str, Department]
    indicators: Mapping[str, Indicator]
    policies: Mapping[str, Policy]
    faqs: Mapping[str, Faq]
    reports: Mapping[str, Report]
    # Groups of entries about the same thing (content/data/links.yaml), by key.
    links: Mapping[str, Link] = field(default_factory=lambda: MappingProxyType({}))

    @classmethod
    def build(  # noqa: PLR0913 - keyword-only, one per content file
        cls,
        *,
        programme: Programme,
        areas: list[Area],
        departments: list[Department] | None = None,
        indicators: list[Indicator],
        policies: list[Policy],
        faqs: list[Faq],
        reports: list[Report],
        links: list[Link] | None = None,
    ) -> KnowledgeBase:
        """Index entries by key, keeping the order of the files (it is the browsing order)."""
        return cls(
            programme=programme,
            areas=MappingProxyType({area.key: area for area in areas}),
            departments=MappingProxyType({item.key: item for item in departments or []}),
            indicators=MappingProxyType({item.key: item for item in indicators}),
            policies=MappingProxyType({item.key: item for item in policies}),
            faqs=MappingProxyType({item.key: item for item in faqs}),
            reports=MappingProxyType({item.key: item for item in reports}),
            links=MappingProxyType({item.key: item for item in links or []}),
        )

    def indicators_in(self, area_key: str) -> list[Indicator]:
        return [item for item in self.indicators.values() if item.area == area_key]

    def policies_in(self, area_key: str) -> list[Policy]:
        return [item for item in self.policies.values() if item.area == area_key]

    def areas_with_indicators(self) -> list[Area]:
        used = {item.area for item in self.indicators.values()}
        return [area for area in self.areas.values() if area.key in used]

    def areas_with_policies(self) -> list[Area]:
        used = {item.area for item in self.policies.values()}
        return [area for area in self.areas.values() if area.key in used]
