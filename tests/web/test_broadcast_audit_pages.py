"""A broadcast's every step on the dashboard is audited. Preparing, whatever it is made of (a text,
a report, a correction): the row names the signed-in official's account, what the draft is made
from, where it goes and how many it would reach, and nothing of who the residents are; a refused
form prepares nothing and audits nothing. Then sending, scheduling, pausing, resuming and
cancelling, each once: a second press that changes nothing is not audited."""

from __future__ import annotations

import datetime as dt
import re

import pytest

from bot.domain.records import AuditRecord
from bot.domain.statuses import SendOutcome
from bot.services.broadcasts.model import SendResult
from bot.services.kernel.actor import Actor, Role
from tests.release_content import changed_document
from tests.web.conftest import Dashboard
from tests.web.test_broadcasting_pages import BROADCAST_LINK, subscribe

pytestmark = pytest.mark.parametrize("signed_in", ["broadcaster"], indirect=True)
RESIDENTS = (8701, 8702, 8703)


async def audited(dashboard: Dashboard, *actions: str) -> list[AuditRecord]:
    """The rows of those actions, oldest first."""
    async with dashboard.services.accounts._uow() as uow:
        rows = await uow.audit.recent(1000)
    return [row for row in reversed(rows) if row.action in actions]


async def prepared(dashboard: Dashboard) -> list[AuditRecord]:
    return await audited(dashboard, "broadcast_prepared")


async def drafted(dashboard: Dashboard, path: str, form: list[tuple[str, str]]) -> int:
    response = await dashboard.submit(path, form, form_page="/broadcasts")
    assert response.status == 303
    found = BROADCAST_LINK.fullmatch(response.headers["Location"])
    assert found, response.headers["Location"]
    return int(found.group(1))


async def test_each_draft_prepared_on_the_dashboard_is_audited_naming_the_official(
    signed_in: Dashboard,
) -> None:
    services = signed_in.services
    await subscribe(signed_in, *RESIDENTS[:2])
    await services.subscriptions.subscribe(Actor.resident(RESIDENTS[2], "en", "Ann"))
    await services.subscriptions.choose_district(Actor.resident(RESIDENTS[0], "vi"), "p-hoan-kiem")
    (account,) = [
        item
        for item in await services.accounts.accounts(Actor.system())
        if item.role is Role.BROADCASTER
    ]

    text_id = await drafted(
        signed_in, "/broadcasts/text", [("text", "Cắt nước sáng mai"), ("districts", "p-hoan-kiem")]
    )
    report_id = await drafted(signed_in, "/broadcasts/report", [("report", "report-2022-q1")])
    forged = await signed_in.submit(
        "/broadcasts/text",
        [("text", "Giả mạo"), ("districts", "p-khong-co")],
        form_page="/broadcasts",
    )
    assert forged.headers["Location"] == "/broadcasts"  # refused: no draft, no row
    empty = await signed_in.submit(
        "/broadcasts/report", [("report", "bao-cao-khong-co")], form_page="/broadcasts"
    )
    assert empty.headers["Location"] == "/broadcasts"

    rows = await prepared(signed_in)
    assert [row.detail for row in rows] == [
        f"broadcast {text_id}: text written in vi only; places p-hoan-kiem; "
        "recipients 1 (vi 1, en 0)",
        f"broadcast {report_id}: report report-2022-q1; places all; recipients 3 (vi 2, en 1)",
    ]
    for row in rows:
        assert (row.actor_kind, row.account_id, row.actor_name) == (
            "staff",
            account.id,
            "Cán bộ broadcaster",
        )
        assert (row.ticket_id, row.from_status, row.to_status) == (None, None, "draft")
        assert not any(str(resident) in (row.detail or "") for resident in RESIDENTS)
        assert "Cắt nước" not in (row.detail or "")  # the text stays with the broadcast


async def test_a_correction_prepared_on_the_dashboard_is_audited(signed_in: Dashboard) -> None:
    services = signed_in.services
    await subscribe(signed_in, *RESIDENTS)
    report = await services.broadcasts.prepare_report(
        Actor.system(), "report-2022-q1", chat_id=None
    )
    await services.broadcasts.confirm(Actor.system(), report.broadcast.id)
    jobs = await services.outbox.claim("web-test", 10, dt.timedelta(minutes=1))
    await services.outbox.record(
        "web-test",
        [
            SendResult(jobs[0], SendOutcome.SENT, 1),
            SendResult(jobs[1], SendOutcome.SENT, 2),
            SendResult(jobs[2], SendOutcome.BLOCKED),
        ],
    )
    served = services.knowledge.current  # shared by the session's tests: given back after
    try:
        await services.releases.publish(Actor.system(), changed_document())
        correction_id = await drafted(signed_in, f"/broadcasts/{report.broadcast.id}/correct", [])
    finally:
        services.knowledge.swap(served)
    *_, row = await prepared(signed_in)
    assert row.actor_name == "Cán bộ broadcaster"
    assert row.detail == (
        f"broadcast {correction_id}: correction of broadcast {report.broadcast.id}; "
        "recipients 2 (vi 2, en 0)"
    )


async def test_sending_pausing_resuming_cancelling_and_scheduling_are_audited_once(
    signed_in: Dashboard,
) -> None:
    await subscribe(signed_in, *RESIDENTS[:2])
    sent_id = await drafted(signed_in, "/broadcasts/text", [("text", "Lịch tiếp dân")])
    here = f"/broadcasts/{sent_id}"
    for move, form in [
        ("send", {"confirmed": "yes"}),
        ("send", {"confirmed": "yes"}),  # twice: nothing made twice, nothing audited twice
        ("pause", {}),
        ("pause", {}),
        ("resume", {}),
        ("cancel", {}),
        ("resume", {}),  # refused: it is over
    ]:
        response = await signed_in.submit(f"{here}/{move}", form, form_page=here)
        assert response.status == 303, move
    scheduled_id = await drafted(signed_in, "/broadcasts/text", [("text", "Hẹn giờ")])
    later = f"/broadcasts/{scheduled_id}"
    choice = re.search(r'name="send_at"><option value="([^"]+)"', await signed_in.page(later))
    assert choice, "no schedule choice offered"
    await signed_in.submit(f"{later}/send", {"send_at": choice.group(1)}, form_page=later)

    moves = await audited(
        signed_in,
        "broadcast_started",
        "broadcast_paused",
        "broadcast_resumed",
        "broadcast_cancelled",
        "broadcast_scheduled",
    )
    assert {row.actor_name for row in moves} == {"Cán bộ broadcaster"}
    assert [(row.action, row.to_status, row.detail) for row in moves[:-1]] == [
        ("broadcast_started", "sending", f"broadcast {sent_id}: 2 recipients, 0 sent"),
        ("broadcast_paused", "paused", f"broadcast {sent_id}: 2 recipients, 0 sent"),
        ("broadcast_resumed", "sending", f"broadcast {sent_id}: 2 recipients, 0 sent"),
        (
            "broadcast_cancelled",
            "cancelled",
            f"broadcast {sent_id}: 2 recipients, 0 sent, 2 unsent cancelled",
        ),
    ]
    schedule = moves[-1]
    assert (schedule.action, schedule.to_status) == ("broadcast_scheduled", "scheduled")
    assert schedule.detail is not None
    assert schedule.detail.startswith(f"broadcast {scheduled_id}: at ")
    at = dt.datetime.fromisoformat(schedule.detail.rsplit(" ", 1)[1])
    assert at == dt.datetime.fromisoformat(choice.group(1))
