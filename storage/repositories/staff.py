"""Repositories of dashboard accounts and their sessions."""

from __future__ import annotations

import dataclasses
import datetime as dt
from typing import Any

from sqlalchemy import delete, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from bot.domain.staff_records import StaffAccountRecord, StaffSessionRecord
from storage.models import StaffAccount, StaffSession
from storage.repositories.common import row_record


class StaffAccountRepository:
    def __init__(self, session: AsyncSession) -> None:
        self._session = session

    async def add(self, account: StaffAccountRecord) -> StaffAccountRecord:
        values = {k: v for k, v in dataclasses.asdict(account).items() if k != "id"}
        row = StaffAccount(**values)
        self._session.add(row)
        await self._session.flush()
        return row_record(StaffAccountRecord, row)

    async def get(self, account_id: int, *, for_update: bool = False) -> StaffAccountRecord | None:
        statement = select(StaffAccount).where(StaffAccount.id == account_id)
        if for_update:
            statement = statement.with_for_update()
        row = (await self._session.execute(statement)).scalar_one_or_none()
        return None if row is None else row_record(StaffAccountRecord, row)

    async def by_username(
        self, username: str, *, for_update: bool = False
    ) -> StaffAccountRecord | None:
        statement = select(StaffAccount).where(StaffAccount.username == username)
        if for_update:
            statement = statement.with_for_update()
        row = (await self._session.execute(statement)).scalar_one_or_none()
        return None if row is None else row_record(StaffAccountRecord, row)

    async def all(self) -> list[StaffAccountRecord]:
        statement = select(StaffAccount).order_by(StaffAccount.username)
        rows = (await self._session.execute(statement)).scalars()
        return [row_record(StaffAccountRecord, row) for row in rows]

    async def active_ids_with_role(self, role: str) -> list[int]:
        """The active accounts of a role, locked until the commit: two administrators demoting
        each other at once cannot both pass a "not the last one" check."""
        statement = (
            select(StaffAccount.id)
            .where(StaffAccount.role == role, StaffAccount.disabled_at.is_(None))
            .order_by(StaffAccount.id)
            .with_for_update()
        )
        return list((await self._session.execute(statement)).scalars())

    async def change(self, account_id: int, **values: Any) -> None:
        await self._session.execute(
            update(StaffAccount).where(StaffAccount.id == account_id).values(**values)
        )


class StaffSessionRepository:
    def __init__(self, session: AsyncSession) -> None:
        self._session = session

    async def add(self, record: StaffSessionRecord) -> None:
        self._session.add(StaffSession(**dataclasses.asdict(record)))
        await self._session.flush()

    async def get(self, session_id: str) -> StaffSessionRecord | None:
        row = await self._session.get(StaffSession, session_id)
        return None if row is None else row_record(StaffSessionRecord, row)

    async def change(self, session_id: str, **values: Any) -> None:
        await self._session.execute(
            update(StaffSession).where(StaffSession.id == session_id).values(**values)
        )

    async def remove(self, session_id: str) -> None:
        await self._session.execute(delete(StaffSession).where(StaffSession.id == session_id))

    async def remove_for_account(self, account_id: int) -> int:
        result = await self._session.execute(
            delete(StaffSession).where(StaffSession.account_id == account_id)
        )
        return int(getattr(result, "rowcount", 0) or 0)

    async def remove_expired(self, now: dt.datetime) -> int:
        result = await self._session.execute(
            delete(StaffSession).where(StaffSession.expires_at <= now)
        )
        return int(getattr(result, "rowcount", 0) or 0)
