"""Browsing published content: areas, indicators, policies, reports; inline search."""

from __future__ import annotations

from collections.abc import Mapping

from bot.i18n import Language
from bot.services.kernel.live_knowledge import FoundEntry, LiveKnowledge
from bot.services.knowledge.open_data import indicator_address
from content.index import Outcome
from content.schema import Area, Faq, Indicator, Policy, Programme, Report

INLINE_QUERY_CHARS = 200


class CatalogService:
    def __init__(self, knowledge: LiveKnowledge, public_base_url: str | None = None) -> None:
        self._knowledge = knowledge
        self._public_base_url = public_base_url  # PUBLIC_BASE_URL: the open-data pages

    def web_page(self, key: str, language: Language) -> str | None:
        """The indicator's public page (open data), for people without Telegram; None when
        PUBLIC_BASE_URL is not set."""
        return indicator_address(self._public_base_url, key, language)

    @property
    def release(self) -> object:
        """The live content's identity: another object once a new release goes live (what a
        cache of rendered cards is keyed on)."""
        return self._knowledge.current.kb

    @property
    def programme(self) -> Programme:
        return self._knowledge.current.kb.programme

    def areas(self) -> list[Area]:
        """Every field of the programme, in menu order (feedback topics)."""
        return list(self._knowledge.current.kb.areas.values())

    def indicator_areas(self) -> list[Area]:
        return self._knowledge.current.kb.areas_with_indicators()

    def policy_areas(self) -> list[Area]:
        return self._knowledge.current.kb.areas_with_policies()

    def area(self, key: str) -> Area | None:
        return self._knowledge.current.kb.areas.get(key)

    def indicators_in(self, area_key: str) -> list[Indicator]:
        return self._knowledge.current.kb.indicators_in(area_key)

    def policies_in(self, area_key: str) -> list[Policy]:
        return self._knowledge.current.kb.policies_in(area_key)

    def indicator(self, key: str) -> Indicator | None:
        return self._knowledge.current.kb.indicators.get(key)

    def policy(self, key: str) -> Policy | None:
        return self._knowledge.current.kb.policies.get(key)

    def faqs(self) -> list[Faq]:
        return list(self._knowledge.current.kb.faqs.values())

    def faq(self, key: str) -> Faq | None:
        return self._knowledge.current.kb.faqs.get(key)

    @property
    def reports(self) -> Mapping[str, Report]:
        """Every report, by key: the sources cards cite."""
        return self._knowledge.current.kb.reports

    async def search(self, query: str, limit: int = 10) -> tuple[FoundEntry, ...]:
        """Entries for inline mode: confident and ambiguous matches, never a guess."""
        snapshot = self._knowledge.current
        text = query[:INLINE_QUERY_CHARS]
        result = await self._knowledge.search(snapshot, text, limit)
        if result.outcome is Outcome.NONE:
            return ()
        return snapshot.resolve(result.matches)
