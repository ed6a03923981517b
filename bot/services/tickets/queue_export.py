"""The filtered ticket queue as a CSV or XLSX file, with an audit row saying who took what.

Each row has the resident's text and the officials' answers. In the XLSX file dates are date
cells (local time, sortable and filterable as dates), the header row stays frozen and bold,
and every column has a width that fits what it holds. A resident's text is written so that a
spreadsheet shows it and never runs it (kernel/spreadsheet_cells.py, the rule the open-data files
share).
"""

from __future__ import annotations

import asyncio
import csv
import datetime as dt
import enum
import io
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from bot.domain.deadlines import DeadlineRules
from bot.domain.records import TicketRecord
from bot.domain.statuses import TicketStatus
from bot.services.kernel.actor import Actor
from bot.services.kernel.audit import AuditNote, audit_entry
from bot.services.kernel.clock import LOCAL_TIME, Clock, utc_now
from bot.services.kernel.live_knowledge import LiveKnowledge
from bot.services.kernel.officials import Official, Officials, Permission
from bot.services.kernel.spreadsheet_cells import csv_defused
from bot.services.kernel.spreadsheet_cells import defused as defused  # tests use it here
from bot.services.tickets.deadlines import overdue_cutoffs
from bot.services.tickets.queue import TicketFilter
from storage.uow import UnitOfWorkFactory

MAX_EXPORT_ROWS = 50_000
# Column keys, in order; the caller gives each a header in the official's language.
COLUMNS = (
    "code",
    "created",
    "status",
    "topic",
    "department",
    "text",
    "answer",
    "photo",
    "latitude",
    "longitude",
    "first_answered",
    "rating",
    "author",
    "resident_id",
)
Cell = str | int | float | dt.datetime | None
# Character widths of the XLSX columns: room for a date, a code or a name, and a readable
# stretch of the resident's text and the answers.
COLUMN_WIDTHS = {
    "code": 10,
    "created": 17,
    "status": 16,
    "topic": 24,
    "department": 30,
    "text": 60,
    "answer": 60,
    "photo": 8,
    "latitude": 11,
    "longitude": 11,
    "first_answered": 17,
    "rating": 8,
    "author": 24,
    "resident_id": 14,
}
DATE_FORMAT = "yyyy-mm-dd hh:mm"
EXCEL_CELL_CHARS = 32_767  # Excel's limit for one cell
ANSWERS_APART = "\n\n"
REPLY_BATCH = 1000  # ticket ids per query: below every driver's limit of bound parameters


class ExportFormat(enum.StrEnum):
    CSV = "csv"
    XLSX = "xlsx"


CONTENT_TYPES = {
    ExportFormat.CSV: "text/csv; charset=utf-8",
    ExportFormat.XLSX: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}


@dataclass(frozen=True, slots=True)
class ExportLabels:
    """What the front end calls things, in the official's language."""

    language: str
    headers: Mapping[str, str]  # a header for each of COLUMNS
    statuses: Mapping[TicketStatus, str]
    yes: str
    no: str
    other_topic: str


@dataclass(frozen=True, slots=True)
class ExportFile:
    filename: str
    content_type: str
    data: bytes
    rows: int
    truncated: bool  # more tickets matched than MAX_EXPORT_ROWS


class TicketExport:
    def __init__(
        self,
        uow: UnitOfWorkFactory,
        knowledge: LiveKnowledge,
        officials: Officials,
        clock: Clock = utc_now,
        rules: DeadlineRules | None = None,
    ) -> None:
        self._rules = rules or DeadlineRules()
        self._uow = uow
        self._knowledge = knowledge
        self._officials = officials
        self._clock = clock

    async def export(
        self,
        actor: Actor,
        wanted: TicketFilter,
        fmt: ExportFormat,
        labels: ExportLabels,
        limit: int = MAX_EXPORT_ROWS,
    ) -> ExportFile:
        official = await self._officials.require(actor, Permission.EXPORT)
        now = self._clock()
        async with self._uow() as uow:
            cutoffs = await overdue_cutoffs(uow, self._rules, now) if wanted.overdue else ()
            areas = self._knowledge.current.kb.areas
            criteria = wanted.criteria(areas, cutoffs, actor.account_id)
            tickets = await uow.tickets.search(criteria, limit + 1, 0)
            truncated = len(tickets) > limit
            tickets = tickets[:limit]
            answers: dict[int, list[str]] = {}
            ids = [ticket.id for ticket in tickets]
            for start in range(0, len(ids), REPLY_BATCH):
                answers.update(await uow.replies.texts_for(ids[start : start + REPLY_BATCH]))
            detail = f"{fmt.value}: {len(tickets)} rows; {wanted.describe()}"
            await uow.audit.add(
                audit_entry(actor, official.label, "export", now, AuditNote(detail=detail[:1000]))
            )
            await uow.commit()
        table = [
            self._row(ticket, official, labels, answers.get(ticket.id, ())) for ticket in tickets
        ]
        header = [labels.headers[column] for column in COLUMNS]
        writer = _csv if fmt is ExportFormat.CSV else _xlsx
        data = await asyncio.to_thread(writer, header, table)
        stamp = now.astimezone(LOCAL_TIME).strftime("%Y%m%d-%H%M")
        return ExportFile(
            filename=f"danbiet-tickets-{stamp}.{fmt.value}",
            content_type=CONTENT_TYPES[fmt],
            data=data,
            rows=len(table),
            truncated=truncated,
        )

    def _row(
        self,
        ticket: TicketRecord,
        official: Official,
        labels: ExportLabels,
        answers: Sequence[str],
    ) -> list[Cell]:
        kb = self._knowledge.current.kb
        area = kb.areas.get(ticket.topic)
        department = kb.departments.get(ticket.department or "")
        named = not ticket.anonymous
        may_see_id = named and official.may(Permission.SEE_RESIDENT_IDS)
        return [
            ticket.code,
            _local(ticket.created_at),
            labels.statuses.get(ticket.status, ticket.status),
            area.name.get(labels.language) if area else labels.other_topic,
            department.name.get(labels.language) if department else "",
            ticket.text,
            ANSWERS_APART.join(answers)[:EXCEL_CELL_CHARS],
            labels.yes if ticket.photo_file_id else labels.no,
            ticket.latitude,
            ticket.longitude,
            _local(ticket.first_answered_at),
            ticket.rating,
            (ticket.author_name or "") if named else "",
            ticket.resident_id if may_see_id else None,
        ]


def _local(moment: dt.datetime | None) -> dt.datetime | None:
    """Local wall-clock time without a zone: what a spreadsheet's date cell holds."""
    return moment.astimezone(LOCAL_TIME).replace(tzinfo=None) if moment else None


def _csv_text(value: Cell) -> Cell:
    if isinstance(value, dt.datetime):
        return value.strftime("%Y-%m-%d %H:%M")
    return "" if value is None else csv_defused(value)


def _csv(header: Sequence[str], rows: Sequence[Sequence[Cell]]) -> bytes:
    buffer = io.StringIO()
    # Quoted fields: a reader splitting on ";" keeps a quoted field whole.
    writer = csv.writer(buffer, quoting=csv.QUOTE_ALL)
    writer.writerow([csv_defused(cell) for cell in header])
    for row in rows:
        writer.writerow([_csv_text(cell) for cell in row])
    # The byte-order mark makes Excel read the file as UTF-8 (Vietnamese letters intact).
    return buffer.getvalue().encode("utf-8-sig")


def _xlsx(header: Sequence[str], rows: Sequence[Sequence[Cell]]) -> bytes:
    # Imported on first export: a large package.
    from openpyxl import Workbook
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.styles import Font
    from openpyxl.utils import get_column_letter

    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet("tickets")
    # A write-only sheet takes its layout before its first row.
    sheet.freeze_panes = "A2"
    for number, column in enumerate(COLUMNS, start=1):
        sheet.column_dimensions[get_column_letter(number)].width = COLUMN_WIDTHS[column]
    bold = Font(bold=True)
    titles = []
    for title in header:
        cell = WriteOnlyCell(sheet, value=defused(title))
        cell.font = bold
        titles.append(cell)
    sheet.append(titles)
    for row in rows:
        cells: list[object] = []
        for value in row:
            if isinstance(value, dt.datetime):
                cell = WriteOnlyCell(sheet, value=value)
                cell.number_format = DATE_FORMAT
                cells.append(cell)
            else:
                cells.append(_xlsx_cell(value))
        sheet.append(cells)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def _xlsx_cell(value: Cell) -> Cell:
    if isinstance(value, dt.datetime):
        return value  # a date cell: nothing to run
    if isinstance(value, str):
        # XML cannot carry most control characters; openpyxl refuses them.
        value = "".join(ch for ch in value if ch in "\t\n" or ord(ch) >= 32)
    return defused(value)
