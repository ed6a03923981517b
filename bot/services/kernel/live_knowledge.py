"""The live knowledge base and its search index, swapped whole when the live release changes."""

from __future__ import annotations

import asyncio
import dataclasses
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

from content import release_document
from content.index import EntryKind, Match, SearchIndex, SearchResult
from content.knowledge import KnowledgeBase
from content.loader import DEFAULT_CONTENT_DIR
from content.release_document import Document
from content.schema import Faq, Indicator, Policy


@dataclass(frozen=True, slots=True)
class Snapshot:
    kb: KnowledgeBase
    index: SearchIndex
    # The content release it was built from (None: files not yet stored as a release), and the
    # checksum of its content (None: unknown, e.g. a knowledge base built in a test).
    release_id: int | None = None
    checksum: str | None = None

    def stamped(self, release_id: int, checksum: str) -> Snapshot:
        """The same content, known to be the stored release `release_id`."""
        return dataclasses.replace(self, release_id=release_id, checksum=checksum)

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

    def __init__(self, snapshot: Snapshot, source: Document | None = None) -> None:
        self._snapshot = snapshot
        # The content as read from the files at start: stored as the first release when the
        # database has none (no second reading of the files).
        self.source = source
        self._executor = ThreadPoolExecutor(max_workers=1, thread_name_prefix="search")

    @classmethod
    def load(cls, directory: Path | None = None) -> LiveKnowledge:
        kb, document = release_document.read_directory(directory or DEFAULT_CONTENT_DIR)
        checksum = release_document.checksum(document)
        return cls(Snapshot(kb, SearchIndex.from_knowledge_base(kb), None, checksum), document)

    @property
    def current(self) -> Snapshot:
        return self._snapshot

    async def search(self, snapshot: Snapshot, text: str, limit: int = 4) -> SearchResult:
        loop = asyncio.get_running_loop()
        return await loop.run_in_executor(self._executor, snapshot.index.search, text, limit)

    def close(self) -> None:
        self._executor.shutdown(wait=False, cancel_futures=True)

    def reload(self, directory: Path | None = None) -> Snapshot:
        """Serve the files of `directory` (tests without a running bot). Load and validate first;
        the running snapshot stays if the new content is invalid. In a running bot the next
        look at the live content release replaces them: publish a release instead."""
        self._snapshot = LiveKnowledge.load(directory).current
        return self._snapshot

    def swap(self, snapshot: Snapshot) -> None:
        """Serve `snapshot` from now on: one assignment, so a reader sees the old or the new."""
        self._snapshot = snapshot

    async def build(self, document: Document, release_id: int, checksum: str) -> Snapshot:
        """A stored release's knowledge base and index, built on a worker thread (not the event
        loop, nor the search thread: answers go on meanwhile from the running snapshot)."""
        return await asyncio.to_thread(_snapshot_of, document, release_id, checksum)


def _snapshot_of(document: Document, release_id: int, checksum: str) -> Snapshot:
    kb = release_document.knowledge_base(document)
    return Snapshot(kb, SearchIndex.from_knowledge_base(kb), release_id, checksum)


Entry = Indicator | Policy | Faq


@dataclass(frozen=True, slots=True)
class FoundEntry:
    kind: EntryKind
    entry: Entry
    score: float
