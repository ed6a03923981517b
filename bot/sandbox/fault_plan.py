"""Faults the emulator injects into a share of Bot API calls, as a real network and Telegram do.

- ``rate_limit``: 429 with retry_after, nothing done;
- ``bad_gateway``: 502 from the proxy in front of the Bot API, nothing done;
- ``timeout``: no answer until the client gives up (held ``hold_seconds``, then dropped);
- ``drop_before``: the connection drops before the call is done;
- ``drop_after``: the call is done, then the connection drops before the answer: the client
  cannot tell this from ``drop_before``, and a retry does the call twice.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from enum import StrEnum


class FaultKind(StrEnum):
    RATE_LIMIT = "rate_limit"
    BAD_GATEWAY = "bad_gateway"
    TIMEOUT = "timeout"
    DROP_BEFORE = "drop_before"
    DROP_AFTER = "drop_after"


@dataclass(slots=True)
class FaultPlan:
    share: float  # of calls that fail, 0..1
    kinds: tuple[FaultKind, ...] = tuple(FaultKind)
    methods: frozenset[str] | None = None  # lower-case names; None: every method
    retry_after: int = 1
    hold_seconds: float = 3.0
    injected: Counter[FaultKind] = field(default_factory=Counter)
    calls: int = 0  # calls the plan was asked about

    def __post_init__(self) -> None:
        if not 0 <= self.share <= 1:
            raise ValueError("share must be between 0 and 1")
        if not self.kinds:
            raise ValueError("name at least one kind of fault")

    def draw(self, method: str) -> FaultKind | None:
        """The fault for this call, if any. Faults are spread evenly (with 0.08, the 13th,
        25th, 38th... call fails): after n calls exactly floor(n * share) have failed, so a
        test's run meets the share it asked for, whatever the timing of its calls."""
        if self.methods is not None and method.lower() not in self.methods:
            return None
        self.calls += 1
        if int(self.calls * self.share) == int((self.calls - 1) * self.share):
            return None
        # Kinds take turns, so even a short run meets every one of them.
        kind = self.kinds[self.total_injected % len(self.kinds)]
        self.injected[kind] += 1
        return kind

    @property
    def total_injected(self) -> int:
        return sum(self.injected.values())
