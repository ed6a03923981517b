"""Every instance looks at which content release is live every CONTENT_REFRESH_SECONDS and serves
it (bot.services.knowledge.releases): a publish or rollback on any instance, or from the shell,
reaches residents within seconds, with no restart."""

from __future__ import annotations

import contextlib
from collections.abc import Awaitable, Callable
from typing import Protocol

from bot.periodic import repeating


class Refresher(Protocol):
    async def refresh(self) -> bool: ...


def content_refreshes(
    releases: Refresher, every: float, then: Callable[[], Awaitable[object]] | None = None
) -> contextlib.AbstractAsyncContextManager[None]:
    """The first look waits `every` seconds: the start has just served the live release.
    `then` runs after each look (the officials' group told what a new release leaves to
    broadcast, handlers/release_offers.py)."""

    async def look() -> None:
        await releases.refresh()
        if then is not None:
            await then()

    return repeating(look, every, name="content-refresh", at_once=False)
