"""Residents' subscriptions to quarterly results and the topics they chose."""

from __future__ import annotations

import datetime as dt
from collections.abc import Collection
from typing import Any

from sqlalchemy import (
    delete,
    func,
    select,
    update,
)
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.ext.asyncio import AsyncSession

from bot.domain.records import (
    RecipientFilter,
    SubscriptionRecord,
)
from storage.models import (
    Subscription,
    SubscriptionTopic,
)
from storage.repositories.broadcast_sql import ACTIVE, BLOCKED, DISTRICT, TOPIC_KINDS, _recipients
from storage.repositories.common import one_of


def _upsert(session: AsyncSession) -> Any:
    return postgresql.insert if session.get_bind().dialect.name == "postgresql" else sqlite.insert


class SubscriptionRepository:
    def __init__(self, session: AsyncSession) -> None:
        self._session = session

    async def get(self, resident_id: int) -> SubscriptionRecord | None:
        row = await self._session.get(Subscription, resident_id)
        if row is None:
            return None
        topics = await self._session.execute(
            select(SubscriptionTopic.kind, SubscriptionTopic.key).where(
                SubscriptionTopic.resident_id == resident_id
            )
        )
        return SubscriptionRecord(
            resident_id=row.resident_id,
            status=row.status,
            topics=frozenset((kind, key) for kind, key in topics.all()),
        )

    async def set_status(self, resident_id: int, status: str, now: dt.datetime) -> None:
        """Create or change the subscription; the resident row must exist."""
        statement = (
            _upsert(self._session)(Subscription)
            .values(resident_id=resident_id, status=status, created_at=now, updated_at=now)
            .on_conflict_do_update(
                index_elements=[Subscription.resident_id],
                set_={"status": status, "updated_at": now},
            )
        )
        await self._session.execute(statement)

    async def reactivate_blocked(self, resident_id: int, now: dt.datetime) -> bool:
        """A resident who had blocked the bot wrote again: they receive broadcasts again."""
        result = await self._session.execute(
            update(Subscription)
            .where(Subscription.resident_id == resident_id, Subscription.status == BLOCKED)
            .values(status=ACTIVE, updated_at=now)
        )
        return bool(result.rowcount)  # type: ignore[attr-defined]

    async def reactivate_blocked_many(
        self, resident_ids: Collection[int], now: dt.datetime
    ) -> None:
        """reactivate_blocked for a batch of residents (the contacts' write-behind)."""
        if resident_ids:
            await self._session.execute(
                update(Subscription)
                .where(
                    one_of(self._session, Subscription.resident_id, resident_ids),
                    Subscription.status == BLOCKED,
                )
                .values(status=ACTIVE, updated_at=now)
            )

    async def mark_blocked(self, resident_ids: Collection[int], now: dt.datetime) -> None:
        if resident_ids:
            await self._session.execute(
                update(Subscription)
                .where(Subscription.resident_id.in_(resident_ids), Subscription.status == ACTIVE)
                .values(status=BLOCKED, updated_at=now)
            )

    async def active_among(self, resident_ids: Collection[int]) -> set[int]:
        if not resident_ids:
            return set()
        rows = await self._session.execute(
            select(Subscription.resident_id).where(
                Subscription.resident_id.in_(resident_ids), Subscription.status == ACTIVE
            )
        )
        return set(rows.scalars())

    async def add_topic(self, resident_id: int, kind: str, key: str) -> None:
        statement = (
            _upsert(self._session)(SubscriptionTopic)
            .values(resident_id=resident_id, kind=kind, key=key)
            .on_conflict_do_nothing()
        )
        await self._session.execute(statement)

    async def remove_topic(self, resident_id: int, kind: str, key: str) -> None:
        await self._session.execute(
            delete(SubscriptionTopic).where(
                SubscriptionTopic.resident_id == resident_id,
                SubscriptionTopic.kind == kind,
                SubscriptionTopic.key == key,
            )
        )

    async def clear_topics(self, resident_id: int) -> None:
        """Every area and indicator topic goes; the place they live in stays."""
        await self._session.execute(
            delete(SubscriptionTopic).where(
                SubscriptionTopic.resident_id == resident_id,
                SubscriptionTopic.kind.in_(TOPIC_KINDS),
            )
        )

    async def set_district(self, resident_id: int, key: str | None) -> None:
        """The one place a subscriber lives in (None: not said)."""
        await self._session.execute(
            delete(SubscriptionTopic).where(
                SubscriptionTopic.resident_id == resident_id, SubscriptionTopic.kind == DISTRICT
            )
        )
        if key is not None:
            await self.add_topic(resident_id, DISTRICT, key)

    async def count_recipients(self, recipients: RecipientFilter) -> dict[str, int]:
        """How many residents a broadcast would reach now, by language."""
        chosen = _recipients(recipients).subquery()
        rows = await self._session.execute(
            select(chosen.c.language, func.count()).group_by(chosen.c.language)
        )
        return {language: count for language, count in rows.all()}
