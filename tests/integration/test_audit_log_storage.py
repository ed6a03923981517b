"""The audit log's page query on SQLite and PostgreSQL: newest first (by time, then as written),
each filter alone and together, LIKE's wildcards taken literally, offsets, the actions listed."""

from __future__ import annotations

import datetime as dt

from bot.domain.records import AuditCriteria, AuditRecord
from storage.uow import UnitOfWorkFactory

T0 = dt.datetime(2026, 3, 1, 8, 0, tzinfo=dt.UTC)


def _row(minutes: int, who: str, action: str, detail: str) -> AuditRecord:
    return AuditRecord(
        at=T0 + dt.timedelta(minutes=minutes),
        actor_kind="staff",
        actor_id=None,
        actor_name=who,
        action=action,
        ticket_id=None,
        detail=detail,
    )


ROWS = (
    _row(0, "Cán bộ Lan", "signed_in", "a"),
    _row(30, "Cán bộ Minh", "export", "b"),
    _row(30, "Cán bộ Lan", "export", "c"),  # same time as b, written after it
    _row(60 * 24, "50% Hùng", "account_added", "d"),
    _row(60 * 48, "system", "broadcast_started", "e"),
)


async def _written(uow_factory: UnitOfWorkFactory) -> None:
    async with uow_factory() as uow:
        for row in ROWS:
            await uow.audit.add(row)
        await uow.commit()


async def _details(
    uow_factory: UnitOfWorkFactory, criteria: AuditCriteria, offset: int = 0, limit: int = 50
) -> list[str | None]:
    async with uow_factory().reading() as uow:
        return [row.detail for row in await uow.audit.page(criteria, offset, limit)]


async def test_pages_of_the_audit_log_newest_first_and_filtered(
    uow_factory: UnitOfWorkFactory,
) -> None:
    await _written(uow_factory)
    assert await _details(uow_factory, AuditCriteria()) == ["e", "d", "c", "b", "a"]
    assert await _details(uow_factory, AuditCriteria(), offset=1, limit=2) == ["d", "c"]
    assert await _details(uow_factory, AuditCriteria(), offset=5) == []
    assert await _details(uow_factory, AuditCriteria(action="export")) == ["c", "b"]
    assert await _details(uow_factory, AuditCriteria(action="expor")) == []  # exact
    assert await _details(uow_factory, AuditCriteria(who="lan")) == ["c", "a"]  # case aside
    assert await _details(uow_factory, AuditCriteria(who="0% H")) == ["d"]
    assert await _details(uow_factory, AuditCriteria(who="%")) == ["d"]  # a percent sign, not all
    assert await _details(uow_factory, AuditCriteria(who="_")) == []
    day = AuditCriteria(at_from=T0 + dt.timedelta(minutes=30), at_before=T0 + dt.timedelta(days=1))
    assert await _details(uow_factory, day) == ["c", "b"]  # from inclusive, before exclusive
    both = AuditCriteria(action="export", who="Minh", at_from=T0)
    assert await _details(uow_factory, both) == ["b"]
    async with uow_factory().reading() as uow:
        assert await uow.audit.actions() == [
            "account_added",
            "broadcast_started",
            "export",
            "signed_in",
        ]
