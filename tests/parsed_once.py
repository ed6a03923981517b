"""Parse the published content and the message catalogs once per test process.

Every bot a test starts (hundreds per run) would otherwise parse the same YAML files and
Fluent catalogs again, about a second each time: more than most of those tests take. Both
results are immutable and depend only on the files' text, so they are kept, keyed by that
text, and handed to every later bot. Different text (a test's own content directory, a
changed file) is parsed afresh, and failures are never kept: the tests of loading and
reloading content see exactly what the bot does. Processes the tests start (`danbiet run`)
parse for themselves.
"""

from __future__ import annotations

import copy
import functools
import hashlib
import threading
from pathlib import Path

from fluent.runtime import FluentResource

from bot import i18n
from bot.services.kernel import live_knowledge
from content.loader import DEFAULT_CONTENT_DIR
from content.release_document import Document

_loaded: dict[tuple[str, bytes], tuple[live_knowledge.Snapshot, Document | None]] = {}
_lock = threading.Lock()


def _directory_key(directory: Path) -> tuple[str, bytes] | None:
    """The directory and a digest of every file in it (the loader reads its ``*.yaml``)."""
    if not directory.is_dir():
        return None
    digest = hashlib.blake2b()
    for path in sorted(directory.iterdir()):
        if path.is_file():
            digest.update(path.name.encode() + b"\0")
            digest.update(path.read_bytes() + b"\0")
    return str(directory.resolve()), digest.digest()


def install() -> None:
    """Wrap the two parsers the bot calls on every start (idempotent)."""
    live = live_knowledge.LiveKnowledge
    load = live.load.__func__  # type: ignore[attr-defined]
    if getattr(load, "parsed_once", False):
        return

    @functools.wraps(load)
    def cached_load(
        cls: type[live_knowledge.LiveKnowledge], directory: Path | None = None
    ) -> live_knowledge.LiveKnowledge:
        key = _directory_key(directory or DEFAULT_CONTENT_DIR)
        if key is None:
            return load(cls, directory)  # type: ignore[no-any-return]
        with _lock:
            kept = _loaded.get(key)
        if kept is not None:
            # A LiveKnowledge of its own (its own search thread), over the same parsed content;
            # the source document is a copy, as a fresh read would give.
            snapshot, source = kept
            return cls(snapshot, copy.deepcopy(source))
        loaded: live_knowledge.LiveKnowledge = load(cls, directory)  # raises on invalid content
        with _lock:
            _loaded[key] = (loaded.current, copy.deepcopy(loaded.source))
        return loaded

    cached_load.parsed_once = True  # type: ignore[attr-defined]
    live.load = classmethod(cached_load)  # type: ignore[assignment,method-assign]
    # A Fluent resource is the parsed text: the bundles compile their own copies from it.
    i18n.FluentResource = functools.lru_cache(maxsize=None)(FluentResource)  # type: ignore[attr-defined]
