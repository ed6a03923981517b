"""Every instance looks at which content release is live every CONTENT_REFRESH_SECONDS and serves
it (bot.services.knowledge.releases): a publish or rollback on any instance, or from the shell,
reaches residents within seconds, with no restart."""

from __future__ import annotations

import contextlib
from typing import Protocol

from bot.periodic import repeating


class Refresher(Protocol):
    async def refresh(self) -> bool: ...


def content_refreshes(
    releases: Refresher, every: float
) -> contextlib.AbstractAsyncContextManager[None]:
    """The first look waits `every` seconds: the start has just served the live release."""
    return repeating(releases.refresh, every, name="content-refresh", at_once=False)
