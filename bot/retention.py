"""The personal-data retention sweep: closed tickets past PERSONAL_DATA_RETENTION_MONTHS are
anonymised at start and every few hours while the bot runs (also: `danbiet privacy anonymise`).
Several instances may sweep at once: a ticket already anonymised is not picked again."""

from __future__ import annotations

import contextlib
from typing import Protocol

from bot.periodic import repeating

SWEEP_SECONDS = 6 * 3600.0


class Sweeper(Protocol):
    async def anonymise_expired(self) -> int: ...


def retention_sweeps(
    privacy: Sweeper, every: float = SWEEP_SECONDS
) -> contextlib.AbstractAsyncContextManager[None]:
    """The first sweep at once: a restart must not postpone what is already overdue."""
    return repeating(privacy.anonymise_expired, every, name="retention-sweep", at_once=True)
