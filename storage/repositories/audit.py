"""The audit trail of tickets and accounts."""

from __future__ import annotations

import dataclasses

from sqlalchemy import ColumnElement, select
from sqlalchemy.ext.asyncio import AsyncSession

from bot.domain.records import (
    AuditCriteria,
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

    async def page(self, criteria: AuditCriteria, offset: int, limit: int) -> list[AuditRecord]:
        """The rows `criteria` select, newest first (by time, then as written), from `offset`."""
        statement = (
            select(AuditEntry)
            .where(*_conditions(criteria))
            .order_by(AuditEntry.at.desc(), AuditEntry.id.desc())
            .offset(offset)
            .limit(limit)
        )
        return [_audit_record(row) for row in (await self._session.execute(statement)).scalars()]

    async def actions(self) -> list[str]:
        """Every action the log holds, in alphabetical order."""
        statement = select(AuditEntry.action).distinct().order_by(AuditEntry.action)
        return list((await self._session.execute(statement)).scalars())


def _conditions(criteria: AuditCriteria) -> list[ColumnElement[bool]]:
    conditions: list[ColumnElement[bool]] = []
    if criteria.action is not None:
        conditions.append(AuditEntry.action == criteria.action)
    if criteria.who:
        # Bound parameters, and LIKE's own wildcards escaped: "50%" means fifty percent.
        escaped = criteria.who.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
        conditions.append(AuditEntry.actor_name.ilike(f"%{escaped}%", escape="\\"))
    if criteria.at_from is not None:
        conditions.append(AuditEntry.at >= criteria.at_from)
    if criteria.at_before is not None:
        conditions.append(AuditEntry.at < criteria.at_before)
    return conditions


def _audit_record(row: AuditEntry) -> AuditRecord:
    return _record(AuditRecord, row)
