"""``bench/qa.py --sweep``: each tuning constant of content/index/thresholds.py varied around its
value on the real content, with first reply and invented figures on the TUNING set at each
value (the current value marked *). Never on the holdouts: they are for checking, not tuning.

A value is kept where the tuning set is best with no invented figure and its neighbours are no
worse (a plateau, not a spike). The bounds on work per query (PREFILTER, MAX_SCORED,
DISCOVERY_BUDGET) change nothing on the real content, which is searched exhaustively: they are
swept at 10,000 synthetic entries, with the p99 CPU time per query beside the accuracy.
"""

from __future__ import annotations

import sys
from collections.abc import Callable, Sequence
from typing import Any

from content.index import LinkedGroup, SearchEntry, thresholds

# Each decisive constant and the values tried around it. The module attribute is patched in
# every content.index module that imports it, and the index rebuilt for each value.
SWEEP: dict[str, tuple[float, ...]] = {
    "CONFIDENT_SCORE": (62.0, 67.0, 72.0, 77.0, 82.0),
    "CONFIDENT_MARGIN": (4.0, 6.0, 8.0, 10.0, 14.0),
    "CLEAR_MARGIN": (12.0, 15.0, 18.0, 20.0, 22.0, 25.0, 30.0),
    "SUGGEST_SCORE": (40.0, 45.0, 50.0, 55.0, 60.0),
    "SUGGEST_WINDOW": (10.0, 15.0, 20.0, 25.0, 30.0),
    "MIN_COVERED": (0.5, 0.6, 0.7, 0.8),
    "KEYWORD_FACTOR": (0.65, 0.75, 0.85, 0.95, 1.0),
    "FIGURE_FACTOR": (0.5, 0.65, 0.75, 0.85, 0.95, 1.0),
    "OTHER_PHRASE_FACTOR": (0.6, 0.7, 0.8, 0.9, 1.0),
    "CONTEXT_FACTOR": (0.5, 0.6, 0.7, 0.8, 0.9),
    "GENERIC_FACTOR": (0.1, 0.15, 0.2, 0.3, 0.4),
    "STOP_FACTOR": (0.0, 0.05, 0.1, 0.2),
    "AMBIGUOUS_FACTOR": (0.2, 0.35, 0.5),
    "NUMBER_FACTOR": (0.1, 0.3, 0.5, 0.8),
    "PHRASE_EXPONENT": (0.4, 0.6, 0.8, 1.0),
    "ADJACENCY_BONUS": (0.0, 0.06, 0.12, 0.18, 0.24),
    "AGREE_OMITTED": (0.85, 0.9, 0.93, 0.97, 1.0),
    "AGREE_CONFLICT": (0.3, 0.4, 0.5, 0.6, 0.7),
    "MAX_TYPOS": (1, 2, 3, 5, 8),
    "SHORT_WORD": (0, 4, 5, 6, 7),
    "UNKNOWN_FACTOR": (0.2, 0.3, 0.5, 0.6, 0.8, 1.0),
    "CONTEXT_CLAUSES": (0, 1, 2, 3, 5),
    "MIN_JOINED": (3, 4, 5, 6, 8),
    "MIN_RUN_ABBREVIATION": (2, 3, 4, 5),
}

# The bounds on work per query: accuracy and p99 CPU time at 10,000 synthetic entries.
SWEEP_WORK: dict[str, tuple[float, ...]] = {
    "PREFILTER": (64, 128, 256, 512),
    "MAX_SCORED": (16, 32, 48, 96),
    "DISCOVERY_BUDGET": (750, 1500, 3000, 6000, 12000),
}


def _patch(name: str, value: float) -> list[tuple[Any, str, Any]]:
    """Set ``name`` in every content.index module holding it; what to restore."""
    saved = []
    for module in list(sys.modules.values()):
        if getattr(module, "__name__", "").startswith("content.index") and hasattr(module, name):
            saved.append((module, name, getattr(module, name)))
            setattr(module, name, value)
    _clear_caches()
    return saved


def _clear_caches() -> None:
    """Functions of content.index cached on a constant's value (diacritics agreement)."""
    for module in list(sys.modules.values()):
        if getattr(module, "__name__", "").startswith("content.index"):
            for value in vars(module).values():
                clear = getattr(value, "cache_clear", None)
                if callable(clear):
                    clear()


def _restore(saved: list[tuple[Any, str, Any]]) -> None:
    for module, attribute, old in reversed(saved):
        setattr(module, attribute, old)
    _clear_caches()


def _line(
    name: str,
    values: Sequence[float],
    measure: Callable[[], str],
) -> str:
    cells = []
    for value in values:
        current = getattr(thresholds, name)
        saved = _patch(name, value)
        saved += _patch("IRRELEVANT_SCORE", thresholds.SUGGEST_SCORE - thresholds.CLEAR_MARGIN)
        try:
            cell = measure()
        finally:
            _restore(saved)
        mark = "*" if value == current else ""
        cells.append(f"{value:g}{mark} {cell}")
    return f"{name:<21} " + "  ".join(cells)


def sweep(
    entries: Sequence[SearchEntry],
    large: Sequence[SearchEntry],
    links: Sequence[LinkedGroup],
    sets: Any,
) -> str:
    from bench.qa import Sets, evaluate  # the runner; bench/qa.py imports this module lazily

    tuning_only = Sets(sets.tuning, [], [], [], [], [], [], [])

    def accuracy() -> str:
        row = evaluate("real", "ours", entries, tuning_only, links)
        return f"{row.tuning.first_reply:.3f}/{row.tuning.invented}"

    def at_scale() -> str:
        row = evaluate("synthetic", "ours", large, tuning_only, links, repeat=3)
        return f"{row.tuning.first_reply:.3f}/{row.tuning.invented}/{row.p99_cpu_us / 1e3:.1f}ms"

    lines = ["constant              value: first reply / invented (tuning set, real content)"]
    lines += [_line(name, values, accuracy) for name, values in SWEEP.items()]
    lines.append(
        f"constant              value: first reply / invented / p99 CPU per query "
        f"(tuning set, {len(large)} entries)"
    )
    lines += [_line(name, values, at_scale) for name, values in SWEEP_WORK.items()]
    return "\n".join(lines)
