"""The dashboard's ticket queue on SQLite and PostgreSQL: filters, folded search, roles,
bulk moves and exports (read back with csv and openpyxl)."""

from __future__ import annotations

import csv
import datetime as dt
import io
from collections.abc import Iterator

import pytest
from openpyxl import load_workbook

from bot.domain.errors import PermissionDenied
from bot.domain.statuses import TicketStatus
from bot.services.container import Services, ServiceSettings
from bot.services.kernel.actor import Actor, Role
from bot.services.kernel.live_knowledge import LiveKnowledge
from bot.services.tickets.queue import BulkMove, TicketFilter
from bot.services.tickets.queue_export import COLUMNS, ExportFormat, ExportLabels
from storage.uow import UnitOfWorkFactory
from tests.tickets import FeedbackChoices, file_ticket

OFFICIAL_ID = 900001
MODERATOR = Actor.staff(1, "Kiểm duyệt", Role.MODERATOR)
BROADCASTER = Actor.staff(2, "Biên tập", Role.BROADCASTER)
ADMINISTRATOR = Actor.staff(3, "Quản trị", Role.ADMINISTRATOR)
LAN = Actor.resident(1001, "vi", "Nguyễn Thị Lan")
MAI = Actor.resident(1002, "vi", "Trần Văn Mai")
BINH = Actor.resident(1003, "vi", "Lê Bình")
FEES = "Học phí năm nay tăng 50% mà chưa thấy thông báo miễn giảm cho hộ nghèo"
CLINIC = "Trạm y tế phường Đống Đa đóng cửa sớm, người già khám bệnh rất khó khăn"
FORMULA = '=HYPERLINK("http://evil.example","bấm vào đây") tiền hỗ trợ chưa về'
LABELS = ExportLabels(
    language="vi",
    headers={column: f"cột {column}" for column in COLUMNS},
    statuses={status: f"trạng thái {status.value}" for status in TicketStatus},
    yes="có",
    no="không",
    other_topic="khác",
)


@pytest.fixture(scope="module")
def knowledge() -> Iterator[LiveKnowledge]:
    live = LiveKnowledge.load(None)
    yield live
    live.close()


@pytest.fixture
def services(uow_factory: UnitOfWorkFactory, knowledge: LiveKnowledge) -> Services:
    return Services.build(
        uow_factory, knowledge, ServiceSettings(admin_user_ids=frozenset({OFFICIAL_ID}))
    )


async def codes(services: Services, wanted: TicketFilter, actor: Actor = MODERATOR) -> list[str]:
    page = await services.ticket_search.search(actor, wanted)
    return [row.code for row in page.items]


async def test_search_folds_vietnamese_and_matches_every_word(services: Services) -> None:
    fees = await file_ticket(services, LAN, FEES)
    clinic = await file_ticket(
        services, MAI, CLINIC, topic="y-te", choices=FeedbackChoices(anonymous=True)
    )
    assert await codes(services, TicketFilter(query="hoc phi")) == [fees.code]
    assert await codes(services, TicketFilter(query="ĐỐNG ĐA")) == [clinic.code]
    assert await codes(services, TicketFilter(query="dong da hoc phi")) == []
    assert await codes(services, TicketFilter(query=fees.code.lower())) == [fees.code]
    assert await codes(services, TicketFilter(query="nguyen thi lan")) == [fees.code]
    # An anonymous resident's name is never searchable (it is not even kept).
    assert await codes(services, TicketFilter(query="tran van mai")) == []
    assert await codes(services, TicketFilter()) == [fees.code, clinic.code]
    assert await codes(services, TicketFilter(order="newest")) == [clinic.code, fees.code]


@pytest.mark.parametrize(
    "query", ["%", "_", "50%", "\\", "'; DROP TABLE tickets; --", '" OR 1=1 --', "%' OR '1'='1"]
)
async def test_wildcards_and_sql_are_just_text(services: Services, query: str) -> None:
    await file_ticket(services, LAN, FEES)
    await file_ticket(services, MAI, CLINIC, topic="y-te")
    found = await codes(services, TicketFilter(query=query))
    if query == "50%":
        assert len(found) == 1  # "50" occurs in the fees ticket only
    elif not any(ch.isalnum() for ch in query):
        assert len(found) == 2  # nothing to search for: the whole queue, never an error
    else:
        assert found == []
    assert len(await codes(services, TicketFilter())) == 2  # the table is still there


async def test_each_filter_narrows_the_queue(services: Services) -> None:
    fees = await file_ticket(services, LAN, FEES, choices=FeedbackChoices(photo="photo-1"))
    clinic = await file_ticket(services, MAI, CLINIC, topic="y-te")
    await services.moderation.assign(MODERATOR, clinic.id, "so-y-te")
    today = dt.datetime.now(dt.UTC).date()
    assert await codes(services, TicketFilter(status=TicketStatus.NEW)) == [fees.code]
    assert await codes(services, TicketFilter(status=TicketStatus.ASSIGNED)) == [clinic.code]
    assert await codes(services, TicketFilter(topic="y-te")) == [clinic.code]
    assert await codes(services, TicketFilter(department="so-y-te")) == [clinic.code]
    assert await codes(services, TicketFilter(has_photo=True)) == [fees.code]
    assert await codes(services, TicketFilter(has_photo=False)) == [clinic.code]
    tomorrow = today + dt.timedelta(days=2)
    assert await codes(services, TicketFilter(date_from=tomorrow)) == []
    assert len(await codes(services, TicketFilter(date_to=tomorrow))) == 2


def test_a_filter_survives_the_address_bar_and_ignores_junk() -> None:
    wanted = TicketFilter(
        status=TicketStatus.NEW,
        topic="y-te",
        date_from=dt.date(2026, 1, 2),
        has_photo=False,
        query="học phí",
        order="newest",
    )
    assert TicketFilter.parse(wanted.to_params()) == wanted
    junk = TicketFilter.parse(
        {
            "status": "deleted",
            "from": "2026-13-40",
            "photo": "maybe",
            "order": "random",
            "q": "x" * 5000,
        }
    )
    assert junk.status is None
    assert junk.date_from is None
    assert junk.has_photo is None
    assert junk.order == "oldest"
    assert len(junk.query) == 200


async def test_paging(services: Services) -> None:
    for number in range(7):
        await file_ticket(services, Actor.resident(2000 + number, "vi", f"Dân {number}"), FEES)
    first = await services.ticket_search.search(MODERATOR, TicketFilter(), page=0, page_size=3)
    last = await services.ticket_search.search(MODERATOR, TicketFilter(), page=9, page_size=3)
    assert (first.total, first.pages, len(first.items)) == (7, 3, 3)
    assert (last.page, len(last.items)) == (2, 1)


async def test_roles_and_resident_ids(services: Services) -> None:
    named = await file_ticket(services, LAN, FEES)
    anonymous = await file_ticket(
        services, MAI, CLINIC, topic="y-te", choices=FeedbackChoices(anonymous=True)
    )
    with pytest.raises(PermissionDenied):
        await services.ticket_search.search(BROADCASTER, TicketFilter())
    with pytest.raises(PermissionDenied):
        await services.ticket_search.detail(BROADCASTER, named.id)
    moderator_view = await services.ticket_search.detail(MODERATOR, named.id)
    admin_view = await services.ticket_search.detail(ADMINISTRATOR, named.id)
    admin_anonymous = await services.ticket_search.detail(ADMINISTRATOR, anonymous.id)
    assert moderator_view.resident_id is None
    assert admin_view.resident_id == LAN.user_id
    assert admin_anonymous.resident_id is None
    assert moderator_view.history[0].actor_name == "Nguyễn Thị Lan"
    assert admin_anonymous.history[0].actor_name == ""
    for detail in (moderator_view, admin_view, admin_anonymous):
        assert not any(str(MAI.user_id) in entry.actor_name for entry in detail.history)


async def test_similar_tickets_are_shown_together(services: Services) -> None:
    first = await file_ticket(services, LAN, FEES)
    second = await file_ticket(services, MAI, FEES + " ạ")
    detail = await services.ticket_search.detail(MODERATOR, second.id)
    assert [row.code for row in detail.similar] == [first.code]
    page = await services.ticket_search.search(MODERATOR, TicketFilter())
    assert {row.code: row.group_size for row in page.items} == {first.code: 2, second.code: 2}


async def test_bulk_moves_report_each_ticket(services: Services) -> None:
    one = await file_ticket(services, LAN, FEES)
    two = await file_ticket(services, MAI, CLINIC, topic="y-te")
    await services.moderation.close(MODERATOR, two.id)
    outcome = await services.ticket_search.bulk(
        MODERATOR, [one.id, two.id, 999_999, one.id], BulkMove.APPROVE
    )
    assert outcome.done == (one.code,)
    assert outcome.refused == ((two.code, "InvalidTransition"), ("999999", "not_found"))
    assigned = await services.ticket_search.bulk(MODERATOR, [one.id], BulkMove.ASSIGN, "no-such")
    assert assigned.refused == ((one.code, "UnknownDepartment"),)
    detail = await services.ticket_search.detail(MODERATOR, one.id)
    assert detail.view.status is TicketStatus.APPROVED
    assert [entry.action for entry in detail.history][-1] == "approve"
    with pytest.raises(PermissionDenied):
        await services.ticket_search.bulk(BROADCASTER, [one.id], BulkMove.CLOSE)


async def test_export_csv_and_xlsx_read_back_defused_and_audited(
    services: Services, uow_factory: UnitOfWorkFactory
) -> None:
    named = await file_ticket(services, LAN, FORMULA)
    await file_ticket(services, MAI, CLINIC, topic="y-te", choices=FeedbackChoices(anonymous=True))
    csv_file = await services.ticket_export.export(
        ADMINISTRATOR, TicketFilter(), ExportFormat.CSV, LABELS
    )
    assert csv_file.data.startswith("\ufeff".encode())
    rows = list(csv.reader(io.StringIO(csv_file.data.decode("utf-8-sig"))))
    assert rows[0] == [f"cột {column}" for column in COLUMNS]
    by_code = {row[0]: dict(zip(COLUMNS, row, strict=True)) for row in rows[1:]}
    assert by_code[named.code]["text"] == "'" + FORMULA
    assert by_code[named.code]["author"] == "Nguyễn Thị Lan"
    assert by_code[named.code]["resident_id"] == str(LAN.user_id)
    assert by_code[named.code]["status"] == "trạng thái new"
    anonymous_row = next(row for code, row in by_code.items() if code != named.code)
    assert anonymous_row["author"] == ""
    assert anonymous_row["resident_id"] == ""

    xlsx_file = await services.ticket_export.export(
        MODERATOR, TicketFilter(query="hyperlink"), ExportFormat.XLSX, LABELS
    )
    sheet = load_workbook(io.BytesIO(xlsx_file.data)).active
    assert sheet is not None
    values = [[cell.value for cell in row] for row in sheet.iter_rows()]
    assert len(values) == 2
    row = dict(zip(COLUMNS, values[1], strict=True))
    assert row["text"] == "'" + FORMULA  # text, not a formula
    assert row["resident_id"] is None  # a moderator never gets ids
    async with uow_factory() as uow:
        exports = [entry for entry in await uow.audit.recent(20) if entry.action == "export"]
    assert [entry.detail for entry in exports] == ["xlsx: 1 rows; q=hyperlink", "csv: 2 rows; all"]
    assert [entry.account_id for entry in exports] == [
        MODERATOR.account_id,
        ADMINISTRATOR.account_id,
    ]
    with pytest.raises(PermissionDenied):
        await services.ticket_export.export(BROADCASTER, TicketFilter(), ExportFormat.CSV, LABELS)


async def test_reindex_fills_tickets_filed_before_search_existed(
    services: Services, uow_factory: UnitOfWorkFactory
) -> None:
    ticket = await file_ticket(services, LAN, FEES)
    async with uow_factory() as uow:
        await uow.tickets.change(ticket.id, search_text=None)
        await uow.commit()
    assert await codes(services, TicketFilter(query="hoc phi")) == []
    assert await services.ticket_search.reindex() == 1
    assert await services.ticket_search.reindex() == 0
    assert await codes(services, TicketFilter(query="hoc phi")) == [ticket.code]
