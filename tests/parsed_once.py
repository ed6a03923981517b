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

import functools
import hashlib
import threading
from pathlib import Path

from fluent.runtime import FluentResource

from bot import i18n
from bot.services.kernel import live_knowledge
from content.loader import DEFAULT_CONTENT_DIR

_snapshots: dict[tuple[str, bytes], live_knowledge.Snapshot] = {}
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
    build = live_knowledge._build
    if getattr(build, "parsed_once", False):
        return

    @functools.wraps(build)
    def cached_build(directory: Path | None) -> live_knowledge.Snapshot:
        key = _directory_key(directory or DEFAULT_CONTENT_DIR)
        if key is None:
            return build(directory)
        with _lock:
            kept = _snapshots.get(key)
        if kept is not None:
            return kept
        snapshot = build(directory)  # raises on invalid content: nothing is kept then
        with _lock:
            _snapshots[key] = snapshot
        return snapshot

    cached_build.parsed_once = True  # type: ignore[attr-defined]
    live_knowledge._build = cached_build
    # A Fluent resource is the parsed text: the bundles compile their own copies from it.
    i18n.FluentResource = functools.lru_cache(maxsize=None)(FluentResource)  # type: ignore[attr-defined]
