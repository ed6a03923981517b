"""What a published release leaves to broadcast, told once to the officials' group: the row is
written with the publish and claimed by one instance (an UPDATE that only one caller wins, on
SQLite and PostgreSQL alike). It never commits."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import and_, or_, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from storage.models import ReleaseOffer
from storage.repositories.common import dialect_insert

PENDING, POSTING, POSTED, SUPERSEDED = "pending", "posting", "posted", "superseded"


class ReleaseOfferRepository:
    def __init__(self, session: AsyncSession) -> None:
        self._session = session

    async def add(self, release_id: int, now: dt.datetime) -> None:
        statement = (
            dialect_insert(self._session)(ReleaseOffer)
            .values(release_id=release_id, status=PENDING, created_at=now)
            .on_conflict_do_nothing()
        )
        await self._session.execute(statement)

    async def claim(self, release_id: int, now: dt.datetime, stale_before: dt.datetime) -> bool:
        """Whether this caller, and only it, posts `release_id`'s offer: a pending row, or one
        whose poster stopped before `stale_before` without saying it posted. Older releases'
        pending offers are superseded (the group hears of the live release only)."""
        claimable = and_(
            ReleaseOffer.release_id == release_id,
            or_(
                ReleaseOffer.status == PENDING,
                and_(ReleaseOffer.status == POSTING, ReleaseOffer.claimed_at < stale_before),
            ),
        )
        # Read first: every instance looks every few seconds, and on SQLite an UPDATE takes the
        # database's one write lock even when it changes nothing.
        if (await self._session.execute(select(ReleaseOffer.release_id).where(claimable))).first():
            await self._session.execute(
                update(ReleaseOffer)
                .where(ReleaseOffer.release_id < release_id, ReleaseOffer.status == PENDING)
                .values(status=SUPERSEDED)
            )
            result = await self._session.execute(
                update(ReleaseOffer).where(claimable).values(status=POSTING, claimed_at=now)
            )
            return bool(getattr(result, "rowcount", 0))
        return False

    async def superseded(self, release_id: int) -> bool:
        """Whether `release_id`'s offer was never posted: a newer release's took its place."""
        status = await self._session.scalar(
            select(ReleaseOffer.status).where(ReleaseOffer.release_id == release_id)
        )
        return status == SUPERSEDED

    async def posted(self, release_id: int, message_id: int | None) -> None:
        await self._session.execute(
            update(ReleaseOffer)
            .where(ReleaseOffer.release_id == release_id, ReleaseOffer.status == POSTING)
            .values(status=POSTED, message_id=message_id)
        )

    async def give_back(self, release_id: int) -> None:
        """The group could not be reached: the next run claims it again."""
        await self._session.execute(
            update(ReleaseOffer)
            .where(ReleaseOffer.release_id == release_id, ReleaseOffer.status == POSTING)
            .values(status=PENDING, claimed_at=None)
        )
