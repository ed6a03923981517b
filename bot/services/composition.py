"""The composition root: settings → engine → unit of work → content → services.

The bot (bot/app.py), the CLI, the benchmarks and the tests that run a whole bot process all
build their services here, so that they cannot drift apart (the CLI once built them without the
sign-in policy). Front ends never import `storage`: what they need of it (the engine for the
leader lock, schema migrations) comes through here.
"""

from __future__ import annotations

import dataclasses
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from dataclasses import dataclass

from argon2 import PasswordHasher

from bot.services.broadcasts.model import BroadcastComposer
from bot.services.container import Services, ServiceSettings
from bot.services.kernel.clock import Clock, utc_now
from bot.services.kernel.live_knowledge import LiveKnowledge
from bot.services.tickets.model import FeedbackLimits
from bot.settings import Settings
from storage import migrate
from storage.db import Engine, create_engine, create_session_factory
from storage.leader_lock import LeaderLock
from storage.uow import UnitOfWorkFactory, unit_of_work_factory


@dataclass(frozen=True, slots=True)
class Wiring:
    """Everything built from the settings; `close` releases the engine and the search thread."""

    engine: Engine
    uow: UnitOfWorkFactory
    knowledge: LiveKnowledge
    services: Services

    def leader_lock(self) -> LeaderLock:
        """The database lock that elects the one instance that polls Telegram."""
        return LeaderLock(self.engine)

    async def close(self) -> None:
        self.knowledge.close()
        await self.engine.dispose()


async def build_services(  # noqa: PLR0913 - keyword-only, every one defaulted
    settings: Settings,
    *,
    broadcast_composer: BroadcastComposer | None = None,
    knowledge: LiveKnowledge | None = None,
    upgrade_schema: bool = True,
    password_hasher: PasswordHasher | None = None,
    clock: Clock = utc_now,
) -> Wiring:
    """Migrate the schema (unless told not to), load the content and wire every service; serve
    the live content release (the first start stores the shipped content as release 1)."""
    engine = create_engine(settings.database_url)
    try:
        if upgrade_schema:
            await migrate.upgrade(engine)
        live = knowledge or LiveKnowledge.load(settings.content_dir)
    except BaseException:
        await engine.dispose()
        raise
    uow = unit_of_work_factory(
        create_session_factory(engine), outage_patience=settings.database_outage_seconds
    )
    services = Services.build(
        uow,
        live,
        dataclasses.replace(service_settings(settings), clock=clock),
        broadcast_composer=broadcast_composer,
        password_hasher=password_hasher,
    )
    try:
        await services.releases.start()
    except BaseException:
        live.close()
        await engine.dispose()
        raise
    return Wiring(engine, uow, live, services)


def service_settings(settings: Settings) -> ServiceSettings:
    """What the services are told of the deployment."""
    return ServiceSettings(
        admin_user_ids=settings.admin_user_ids,
        feedback_limits=FeedbackLimits(
            tickets_per_day=settings.feedback_tickets_per_day,
            max_chars=settings.feedback_max_chars,
        ),
        broadcast_max_attempts=settings.broadcast_max_attempts,
        admin_chat_id=settings.admin_chat_id,
        login_policy=settings.login_policy,
        content_dir=settings.content_dir,
        retention_months=settings.personal_data_retention_months,
        outage_patience=settings.database_outage_seconds,
        deadline_rules=settings.deadline_rules(),
        public_base_url=settings.public_base_url,
    )


@asynccontextmanager
async def wired(settings: Settings) -> AsyncIterator[Wiring]:
    """`build_services` for one block (a CLI command): closed on the way out."""
    wiring = await build_services(settings)
    try:
        yield wiring
    finally:
        await wiring.close()


async def upgrade_schema(database_url: str, revision: str = "head") -> str | None:
    """Upgrade the schema to `revision`; the revision the database is at afterwards."""
    engine = create_engine(database_url)
    try:
        await migrate.upgrade(engine, revision)
        return await migrate.current_revision(engine)
    finally:
        await engine.dispose()


async def downgrade_schema(database_url: str, revision: str) -> str | None:
    """Downgrade the schema to `revision` ("base" empties it)."""
    engine = create_engine(database_url)
    try:
        await migrate.downgrade(engine, revision)
        return await migrate.current_revision(engine)
    finally:
        await engine.dispose()


__all__ = ["Wiring", "build_services", "downgrade_schema", "upgrade_schema", "wired"]
