"""The audit log page, through the real dashboard over HTTP on a real database: administrators
read every audited action newest first, filter it by action, by who and by Hanoi's days, and
page through it; anyone else is refused and not shown the link; what an official does on the
dashboard (approving a ticket) is there, linked to its ticket."""

from __future__ import annotations

import datetime as dt
import re

import pytest

from bot.domain.errors import PermissionDenied
from bot.domain.records import AuditRecord
from bot.services.access.audit_log import AuditLogFilter
from bot.services.container import Services
from bot.services.kernel.actor import Actor, Role
from storage.uow import UnitOfWorkFactory
from tests.tickets import file_ticket
from tests.web.conftest import TELEGRAM_OFFICIAL_ID, Dashboard, SignIn

# 17:30 UTC on 1 March is half past midnight on 2 March in Hanoi (UTC+7).
LATE = dt.datetime(2026, 3, 1, 17, 30, tzinfo=dt.UTC)
BODY = re.compile(r"<tbody>(.*?)</tbody>", re.S)
ROW = re.compile(r"<tr>(.*?)</tr>", re.S)
TAG = re.compile(r"<[^>]+>")


def _entry(at: dt.datetime, who: str, action: str, detail: str) -> AuditRecord:
    return AuditRecord(
        at=at,
        actor_kind="staff",
        actor_id=None,
        actor_name=who,
        action=action,
        ticket_id=None,
        detail=detail,
    )


async def _write(uow_factory: UnitOfWorkFactory, *entries: AuditRecord) -> None:
    async with uow_factory() as uow:
        for entry in entries:
            await uow.audit.add(entry)
        await uow.commit()


def _rows(page: str) -> list[str]:
    """The table's rows as text, top to bottom, one space between words."""
    body = BODY.search(page)
    rows = ROW.findall(body.group(1)) if body else []
    return [" ".join(TAG.sub(" ", row).split()) for row in rows]


def _details(page: str, marker: str) -> list[str]:
    """The rows holding `marker`, each given by its last word (the detail)."""
    return [row.split()[-1] for row in _rows(page) if marker in row]


async def test_an_administrator_reads_the_log_newest_first_and_filters_it(
    sign_in_as: SignIn, uow_factory: UnitOfWorkFactory
) -> None:
    await _write(
        uow_factory,
        _entry(LATE - dt.timedelta(hours=2), "Cán bộ Lan", "export", "mốc-1"),
        _entry(LATE, "Cán bộ Minh", "export", "mốc-2"),
        _entry(LATE + dt.timedelta(days=1), "Cán bộ Lan", "banned", "mốc-3"),
        _entry(LATE + dt.timedelta(days=3), "50% Hùng", "signed_in", "mốc-4"),
    )
    async with sign_in_as(Role.ADMINISTRATOR) as admin:
        home = await admin.page("/")
        assert 'href="/audit"' in home  # in the navigation
        everything = await admin.page("/audit")
        assert _details(everything, "mốc-") == ["mốc-4", "mốc-3", "mốc-2", "mốc-1"]
        shown = _rows(everything)
        # In Hanoi's time, the action by its readable name.
        assert "05/03/2026 00:30 50% Hùng đăng nhập mốc-4" in shown, shown
        # The actions the log holds, named and keyed.
        assert '<option value="banned">chặn người dân (banned)</option>' in everything

        exported = await admin.page("/audit?action=export")
        assert _details(exported, "mốc-") == ["mốc-2", "mốc-1"]
        assert '<option value="export" selected>' in exported
        assert _details(await admin.page("/audit?action=expor"), "mốc-") == []  # exact
        assert _details(await admin.page("/audit?who=LAN"), "mốc-") == ["mốc-3", "mốc-1"]
        assert _details(await admin.page("/audit?who=%25"), "mốc-") == ["mốc-4"]
        # A NUL (PostgreSQL refuses it) or any control character is dropped, not sent.
        assert _details(await admin.page("/audit?who=%00LAN"), "mốc-") == ["mốc-3", "mốc-1"]
        # Hanoi's 2 March began at 17:00 UTC on 1 March.
        second = await admin.page("/audit?from=2026-03-02&to=2026-03-02")
        assert _details(second, "mốc-") == ["mốc-2"]
        assert _details(await admin.page("/audit?from=2026-03-02"), "mốc-") == [
            "mốc-4",
            "mốc-3",
            "mốc-2",
        ]
        assert _details(await admin.page("/audit?to=2026-03-01"), "mốc-") == ["mốc-1"]
        both = await admin.page("/audit?action=export&who=minh&from=2026-03-01&to=2026-03-05")
        assert _details(both, "mốc-") == ["mốc-2"]
        junk = await admin.page("/audit?from=2026-99-99&page=-3&action=%00&who=" + "x" * 500)
        assert "Không có mục nào khớp." in junk  # junk ignored or matching nothing, never a 500


async def test_the_log_pages_fifty_at_a_time(
    sign_in_as: SignIn, uow_factory: UnitOfWorkFactory
) -> None:
    start = dt.datetime(2026, 5, 1, 1, 0, tzinfo=dt.UTC)
    await _write(
        uow_factory,
        *(
            _entry(start + dt.timedelta(minutes=n), "Cán bộ Lan", "paged", f"số-{n:02d}")
            for n in range(60)
        ),
    )
    async with sign_in_as(Role.ADMINISTRATOR) as admin:
        first = await admin.page("/audit?action=paged")
        assert _details(first, "số-") == [f"số-{n:02d}" for n in range(59, 9, -1)]
        assert "01/05/2026 08:59 Cán bộ Lan paged số-59" in _rows(first)  # no name: as stored
        assert '<option value="paged" selected>paged</option>' in first
        assert 'rel="prev"' not in first
        older = re.search(r'<a href="([^"]+)" rel="next">', first)
        assert older, "no link to the older entries"
        assert older.group(1) == "/audit?action=paged&amp;page=1"  # the filter kept
        second = await admin.page("/audit?action=paged&page=1")
        assert _details(second, "số-") == [f"số-{n:02d}" for n in range(9, -1, -1)]
        assert 'rel="next"' not in second
        assert '<a href="/audit?action=paged" rel="prev">' in second
        assert _details(await admin.page("/audit?action=paged&page=2"), "số-") == []


async def test_only_administrators_may_read_the_log(sign_in_as: SignIn) -> None:
    for role in Role:
        if role is Role.ADMINISTRATOR:
            continue
        async with sign_in_as(role) as official:
            assert 'href="/audit"' not in await official.page("/")
            assert "Không có quyền" in await official.page("/audit", status=403)
            assert "Không có quyền" in await official.page("/audit?page=1", status=403)


async def test_the_service_refuses_officials_of_the_telegram_chat_and_residents(
    services: Services,
) -> None:
    """The rule is the service's: the dashboard is only one way in."""
    for actor in (Actor.official(TELEGRAM_OFFICIAL_ID, "Cán bộ nhóm"), Actor.resident(7003002)):
        with pytest.raises(PermissionDenied):
            await services.audit_log.page(actor, AuditLogFilter())
    allowed = await services.audit_log.page(Actor.system(), AuditLogFilter())
    assert [entry.action for entry in allowed.entries][:1] == ["account_added"]


async def test_a_signed_out_visitor_is_sent_to_sign_in(dashboard: Dashboard) -> None:
    response = await dashboard.client.get("/audit", allow_redirects=False)
    assert response.status in (302, 303)
    assert response.headers["Location"].startswith("/login")


async def test_an_approval_on_the_dashboard_is_in_the_log_with_its_ticket(
    sign_in_as: SignIn,
) -> None:
    async with sign_in_as(Role.MODERATOR) as moderator:
        services = moderator.services
        ticket = await file_ticket(services, Actor.resident(7003001, "vi", "Trần Văn Bình"))
        approved = await moderator.submit(
            f"/tickets/{ticket.id}/approve", {}, form_page=f"/tickets/{ticket.id}"
        )
        assert approved.status == 303
    async with sign_in_as(Role.ADMINISTRATOR) as admin:
        page = await admin.page("/audit?action=approve")
        (row,) = _rows(page)
        assert f"Cán bộ {Role.MODERATOR.value}" in row
        assert "tiếp nhận" in row  # the action's readable name
        assert f"Phiếu #{ticket.id}" in row
        assert f'<a href="/tickets/{ticket.id}">Phiếu #{ticket.id}</a>' in page
        newest = _rows(await admin.page("/audit"))
        # The administrator's own sign-in came last; the approval just before it.
        assert "tiếp nhận" in newest[1], newest[:3]
