"""Fixtures the content-release tests share: a live knowledge base of their own and the release
service over it (started, so the shipped content is release 1)."""

from __future__ import annotations

from collections.abc import AsyncIterator

import pytest

from bot.services.kernel.live_knowledge import LiveKnowledge
from bot.services.kernel.officials import Officials
from bot.services.knowledge.releases import ContentReleases
from storage.uow import UnitOfWorkFactory


@pytest.fixture
async def knowledge() -> AsyncIterator[LiveKnowledge]:
    # One per test: publishing swaps it. A module that needs its own defines `knowledge` too.
    live = LiveKnowledge.load()
    yield live
    live.close()


@pytest.fixture
async def releases(uow_factory: UnitOfWorkFactory, knowledge: LiveKnowledge) -> ContentReleases:
    service = ContentReleases(uow_factory, knowledge, Officials(()))
    await service.start()
    return service
