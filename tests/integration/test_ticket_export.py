"""The queue's export (SQLite and PostgreSQL): the officials' answers in each row; in XLSX,
real date cells, a frozen bold header and column widths; in CSV, no formula anywhere."""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
from collections.abc import Iterator

import pytest
from openpyxl import load_workbook
from openpyxl.utils import get_column_letter

from bot.services.container import Services, ServiceSettings
from bot.services.kernel.actor import Actor
from bot.services.kernel.clock import LOCAL_TIME
from bot.services.kernel.live_knowledge import LiveKnowledge
from bot.services.tickets.queue import TicketFilter
from bot.services.tickets.queue_export import COLUMN_WIDTHS, COLUMNS, DATE_FORMAT, ExportFormat
from storage.uow import UnitOfWorkFactory
from tests.integration.test_ticket_search import (
    ADMINISTRATOR,
    LABELS,
    LAN,
    MAI,
    OFFICIAL_ID,
)
from tests.tickets import file_ticket

FIRST = "Sở GD&ĐT đã kiểm tra; học phí được hoàn trong tháng 12."
SECOND = "=SUM(A1:A9) bổ sung;=cmd|' /C calc'!A0 nữa"


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


async def answered(services: Services) -> tuple[str, str]:
    official = Actor.official(OFFICIAL_ID, "Cán bộ")
    ticket = await file_ticket(services, LAN, "Học phí kỳ này thu hai lần, xin kiểm tra giúp")
    await services.moderation.answer(official, ticket.id, FIRST)
    await services.moderation.answer(official, ticket.id, SECOND)
    quiet = await file_ticket(services, MAI, "Trạm y tế đóng cửa sớm", topic="y-te")
    return ticket.code, quiet.code


async def test_csv_rows_carry_the_answers_and_no_formula(services: Services) -> None:
    code, quiet = await answered(services)
    exported = await services.ticket_export.export(
        ADMINISTRATOR, TicketFilter(), ExportFormat.CSV, LABELS
    )
    rows = list(csv.reader(io.StringIO(exported.data.decode("utf-8-sig"))))
    by_code = {row[0]: dict(zip(COLUMNS, row, strict=True)) for row in rows[1:]}
    answer = by_code[code]["answer"]
    assert answer.startswith(FIRST + "\n\n")
    # The second answer starts a line and hides a formula after a ";": both defused.
    assert "\n\n'=SUM(A1:A9) bổ sung;'=cmd" in answer
    assert by_code[quiet]["answer"] == ""
    assert re.fullmatch(r"\d{4}-\d\d-\d\d \d\d:\d\d", by_code[code]["created"])


async def test_xlsx_has_date_cells_a_frozen_header_and_widths(
    services: Services,
    uow_factory: UnitOfWorkFactory,
) -> None:
    code, quiet = await answered(services)
    exported = await services.ticket_export.export(
        ADMINISTRATOR, TicketFilter(), ExportFormat.XLSX, LABELS
    )
    sheet = load_workbook(io.BytesIO(exported.data)).active
    assert sheet is not None
    assert sheet.freeze_panes == "A2"
    header = next(sheet.iter_rows(max_row=1))
    assert [cell.value for cell in header] == [LABELS.headers[column] for column in COLUMNS]
    assert all(cell.font.b for cell in header)
    letters = [get_column_letter(number) for number in range(1, len(COLUMNS) + 1)]
    widths = [sheet.column_dimensions[letter].width for letter in letters]
    assert widths == [COLUMN_WIDTHS[column] for column in COLUMNS]
    rows = {
        row[0].value: dict(zip(COLUMNS, row, strict=True)) for row in sheet.iter_rows(min_row=2)
    }
    created = rows[code]["created"]
    assert isinstance(created.value, dt.datetime)
    assert created.number_format == DATE_FORMAT
    async with uow_factory() as uow:
        ticket = await uow.tickets.get_by_code(code)
    assert ticket is not None
    local = ticket.created_at.astimezone(LOCAL_TIME).replace(tzinfo=None)
    assert abs(created.value - local) < dt.timedelta(seconds=1)
    assert isinstance(rows[code]["first_answered"].value, dt.datetime)
    assert rows[quiet]["first_answered"].value is None
    answer = rows[code]["answer"].value
    assert answer == FIRST + "\n\n" + SECOND  # a whole cell: text, never run (see next)
    assert rows[code]["answer"].data_type == "s"
