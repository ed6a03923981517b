"""The login throttle's counts (bot/services/access/login_throttle.py), one row per key.

Each change is one statement, so instances counting the same key at once never lose a count.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Collection

from sqlalchemy import and_, case, delete, or_, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from bot.domain.staff_records import SignInAttemptRecord
from storage.models import SignInAttempt
from storage.repositories.common import dialect_insert, row_record

SWEPT_AT_ONCE = 500


class SignInAttemptRepository:
    def __init__(self, session: AsyncSession) -> None:
        self._session = session

    async def find(self, keys: Collection[str]) -> dict[str, SignInAttemptRecord]:
        statement = select(SignInAttempt).where(SignInAttempt.key.in_(keys))
        rows = (await self._session.execute(statement)).scalars()
        return {row.key: row_record(SignInAttemptRecord, row) for row in rows}

    async def count_failure(
        self, key: str, kind: str, now: dt.datetime, *, fresh_before: dt.datetime
    ) -> int:
        """One more failure of ``key``; a key quiet since before ``fresh_before`` starts again
        from one, its pause forgotten. Returns the failures counted."""
        table = SignInAttempt.__table__
        stale = table.c.last_at < fresh_before
        statement = (
            dialect_insert(self._session)(SignInAttempt)
            .values(key=key, kind=kind, failures=1, last_at=now, wait_until=None)
            .on_conflict_do_update(
                index_elements=[SignInAttempt.key],
                set_={
                    "failures": case((stale, 1), else_=table.c.failures + 1),
                    "wait_until": case((stale, None), else_=table.c.wait_until),
                    "last_at": now,
                },
            )
            .returning(SignInAttempt.failures)
        )
        return int((await self._session.execute(statement)).scalar_one())

    async def hold_until(self, key: str, until: dt.datetime) -> None:
        """The key's next attempt waits until ``until`` (or longer, if another instance said
        so meanwhile)."""
        await self._session.execute(
            update(SignInAttempt)
            .where(
                SignInAttempt.key == key,
                or_(SignInAttempt.wait_until.is_(None), SignInAttempt.wait_until < until),
            )
            .values(wait_until=until)
        )

    async def trust(self, key: str, now: dt.datetime) -> None:
        statement = (
            dialect_insert(self._session)(SignInAttempt)
            .values(key=key, kind="trusted", failures=0, last_at=now, wait_until=None)
            .on_conflict_do_update(index_elements=[SignInAttempt.key], set_={"last_at": now})
        )
        await self._session.execute(statement)

    async def remove(self, keys: Collection[str]) -> None:
        await self._session.execute(delete(SignInAttempt).where(SignInAttempt.key.in_(keys)))

    async def sweep(self, *, counted_before: dt.datetime, trusted_before: dt.datetime) -> int:
        """Forget counts quiet since ``counted_before`` and trust older than ``trusted_before``.
        Rows another transaction holds are left for the next sweep (no waiting, no deadlock)."""
        old = (
            select(SignInAttempt.key)
            .where(
                or_(
                    and_(SignInAttempt.kind != "trusted", SignInAttempt.last_at < counted_before),
                    and_(SignInAttempt.kind == "trusted", SignInAttempt.last_at < trusted_before),
                )
            )
            .limit(SWEPT_AT_ONCE)
            .with_for_update(skip_locked=True)
        )
        result = await self._session.execute(
            delete(SignInAttempt).where(SignInAttempt.key.in_(old.scalar_subquery()))
        )
        return int(getattr(result, "rowcount", 0) or 0)
