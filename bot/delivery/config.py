"""A delivery worker's settings, shared by its broadcast loop and its notice loop."""

from __future__ import annotations

import datetime as dt
import math
import os
import secrets
import socket
from dataclasses import dataclass, field

LEASE_MARGIN_SECONDS = 10.0  # stop sending a batch this long before its lease ends


def worker_name() -> str:
    """Unique among workers sharing a database: host, process, and a random part."""
    return f"{socket.gethostname()[:32]}:{os.getpid()}:{secrets.token_hex(4)}"


@dataclass(frozen=True, slots=True)
class WorkerConfig:
    rate: float  # messages per second
    batch: int  # rows claimed at once: the bound on duplicates after a crash
    concurrency: int  # requests in flight at once
    lease: dt.timedelta
    poll_seconds: float = 1.0  # looking for work from elsewhere (scheduled, other processes)
    progress_seconds: float = 5.0  # admin-chat edits; a group allows ~20 messages a minute
    record_rows: int = 50
    record_seconds: float = 0.5
    # Names the worker's claims; unique among the workers sharing a database.
    worker_id: str = field(default_factory=worker_name)

    @classmethod
    def for_rate(cls, rate: float, batch: int, shortest_lease: float = 60.0) -> WorkerConfig:
        # Enough requests in flight to keep the rate while Telegram takes up to ~0.3 s to
        # answer; past 64 the client's own bookkeeping costs more than it brings (bench).
        concurrency = max(8, min(64, math.ceil(rate / 4)))
        lease = max(shortest_lease, 4 * batch / rate + LEASE_MARGIN_SECONDS)
        return cls(rate, batch, concurrency, dt.timedelta(seconds=lease))
