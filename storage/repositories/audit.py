"""The audit trail of tickets and accounts."""

from __future__ import annotations

import dataclasses

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from bot.domain.records import (
    AuditRecord,
)
from storage.models import AuditEntry
from storage.repositories.common import row_record as _record


class AuditRepository:
    def __init__(self, session: AsyncSession) -> None:
        self._session = session

    async def add(self, entry: AuditRecord) -> None:
        self._session.add(AuditEntry(**dataclasses.asdict(entry)))
        await self._session.flush()

    async def for_ticket(self, ticket_id: int, limit: int = 50) -> list[AuditRecord]:
        statement = (
            select(AuditEntry)
            .where(AuditEntry.ticket_id == ticket_id)
            .order_by(AuditEntry.at.desc(), AuditEntry.id.desc())
            .limit(limit)
        )
        rows = list((await self._session.execute(statement)).scalars())
        return [_audit_record(row) for row in reversed(rows)]

    async def recent(self, limit: int = 100) -> list[AuditRecord]:
        statement = select(AuditEntry).order_by(AuditEntry.id.desc()).limit(limit)
        return [_audit_record(row) for row in (await self._session.execute(statement)).scalars()]


def _audit_record(row: AuditEntry) -> AuditRecord:
    return _record(AuditRecord, row)
