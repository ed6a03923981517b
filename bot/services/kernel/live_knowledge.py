"""The live knowledge base and its search index, swapped whole on reload."""

from __future__ import annotations

import asyncio
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

from content.index import EntryKind, Match, SearchIndex, SearchResult
from content.knowledge import KnowledgeBase
from content.loader import DEFAULT_CONTENT_DIR, load_knowledge_base
from content.schema import Faq, Indicator, Policy


@dataclass(frozen=True, slots=True)
class Snapshot:
    kb: KnowledgeBase
    index: SearchIndex

    def entry(self, kind: EntryKind, key: str) -> Entry | None:
        if kind is EntryKind.INDICATOR:
            return self.kb.indicators.get(key)
        if kind is EntryKind.POLICY:
            return self.kb.policies.get(key)
        return self.kb.faqs.get(key)

    def resolve(self, matches: tuple[Match, ...]) -> tuple[FoundEntry, ...]:
        found = []
        for match in matches:
            entry = self.entry(match.kind, match.key)
            if entry is not None:
                found.append(FoundEntry(match.kind, entry, match.score))
        return tuple(found)

    def related(self, result: SearchResult) -> tuple[FoundEntry, ...]:
        """The entries linked with the answer, to offer under it (no score: not matched)."""
        return self.resolve(tuple(Match(kind, key, 0.0) for kind, key in result.related))


class LiveKnowledge:
    """Readers take `current` once per call, so a reload never mixes two versions.

    Searches run on one dedicated thread: the matcher is pure Python and holds the GIL, so
    several searches at once on the shared default executor would only contend with the event
    loop (measured in bench/qa.py); one worker keeps the loop's waits short and bounded.
    """

    def __init__(self, snapshot: Snapshot) -> None:
        self._snapshot = snapshot
        self._executor = ThreadPoolExecutor(max_workers=1, thread_name_prefix="search")

    @classmethod
    def load(cls, directory: Path | None = None) -> LiveKnowledge:
        return cls(_build(directory))

    @property
    def current(self) -> Snapshot:
        return self._snapshot

    async def search(self, snapshot: Snapshot, text: str, limit: int = 4) -> SearchResult:
        loop = asyncio.get_running_loop()
        return await loop.run_in_executor(self._executor, snapshot.index.search, text, limit)

    def close(self) -> None:
        self._executor.shutdown(wait=False, cancel_futures=True)

    def reload(self, directory: Path | None = None) -> Snapshot:
        """Load and validate first; the running snapshot stays if the new content is invalid."""
        self._snapshot = _build(directory)
        return self._snapshot


def _build(directory: Path | None) -> Snapshot:
    kb = load_knowledge_base(directory or DEFAULT_CONTENT_DIR)
    return Snapshot(kb=kb, index=SearchIndex.from_knowledge_base(kb))


Entry = Indicator | Policy | Faq


@dataclass(frozen=True, slots=True)
class FoundEntry:
    kind: EntryKind
    entry: Entry
    score: float
