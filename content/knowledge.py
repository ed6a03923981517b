"""The knowledge base: all published content, immutable once loaded (a reload swaps it whole)."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from types import MappingProxyType

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
    def build(cls, programme: Programme, sections: ContentFile) -> KnowledgeBase:
        """Index the entries of every file, merged into `sections`, by key, keeping the order
        of the files (it is the browsing order)."""
        return cls(
            programme=programme,
            areas=MappingProxyType({area.key: area for area in sections.areas}),
            departments=MappingProxyType({item.key: item for item in sections.departments}),
            indicators=MappingProxyType({item.key: item for item in sections.indicators}),
            policies=MappingProxyType({item.key: item for item in sections.policies}),
            faqs=MappingProxyType({item.key: item for item in sections.faqs}),
            reports=MappingProxyType({item.key: item for item in sections.reports}),
            links=MappingProxyType({item.key: item for item in sections.links}),
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
