"""The ticket queue pages through the test client on the real database: filters, escaping,
actions, bulk moves, export, and who may see what."""

from __future__ import annotations

import csv
import io
import re

import pytest
from openpyxl import load_workbook

from bot.domain.statuses import TicketStatus
from bot.services.kernel.actor import Actor
from tests.tickets import POTHOLE, FeedbackChoices, file_ticket
from tests.web.conftest import Dashboard

LAN = Actor.resident(7001001, "vi", "Nguyễn Thị Lan")
MAI = Actor.resident(7001002, "vi", "Trần Văn Mai")
HOSTILE = (
    'Học phí tăng <script>alert("x")</script> "><img src=x onerror=alert(1)> '
    "' OR 1=1 -- đề nghị xem lại"
)
CLINIC = "Trạm y tế phường Đống Đa đóng cửa sớm, người già khám bệnh rất khó khăn"


async def status_of(dashboard: Dashboard, ticket_id: int) -> TicketStatus:
    async with dashboard.services.accounts._uow() as uow:
        ticket = await uow.tickets.get(ticket_id)
    assert ticket is not None
    return TicketStatus(ticket.status)


@pytest.mark.parametrize("signed_in", ["moderator"], indirect=True)
async def test_the_queue_filters_and_shows_residents_text_escaped(signed_in: Dashboard) -> None:
    hostile = await file_ticket(signed_in.services, LAN, HOSTILE)
    clinic = await file_ticket(
        signed_in.services, MAI, CLINIC, topic="y-te", choices=FeedbackChoices(anonymous=True)
    )
    page = await signed_in.page("/tickets")
    assert hostile.code in page
    assert clinic.code in page
    assert "<script>alert" not in page
    assert "<img src=x" not in page
    assert "&lt;script&gt;alert(&#34;x&#34;)&lt;/script&gt;" in page
    only_health = await signed_in.page("/tickets?topic=y-te")
    assert clinic.code in only_health
    assert hostile.code not in only_health
    folded = await signed_in.page("/tickets?q=hoc+phi")
    assert hostile.code in folded
    assert clinic.code not in folded
    sql = await signed_in.page("/tickets?q=%27%3B+DROP+TABLE+tickets%3B+--")
    assert "Không có phiếu nào khớp" in sql
    assert "DROP TABLE tickets" in sql  # echoed in the search box, as text
    assert hostile.code in await signed_in.page("/tickets")  # nothing was dropped
    junk = await signed_in.page("/tickets?status=nope&from=2026-99-99&page=-3&photo=%00")
    assert hostile.code in junk
    detail = await signed_in.page(f"/tickets/{hostile.id}")
    assert "<script>alert" not in detail
    assert "&lt;img src=x onerror=alert(1)&gt;" in detail


@pytest.mark.parametrize("signed_in", ["moderator"], indirect=True)
async def test_an_official_answers_and_moves_a_ticket(signed_in: Dashboard) -> None:
    ticket = await file_ticket(signed_in.services, LAN)
    form_page = f"/tickets/{ticket.id}"
    response = await signed_in.submit(f"/tickets/{ticket.id}/approve", {}, form_page=form_page)
    assert response.status == 303
    assert response.headers["Location"] == form_page
    page = await signed_in.page(form_page)
    assert f"Đã tiếp nhận phiếu {ticket.code}" in page
    again = await signed_in.submit(f"/tickets/{ticket.id}/approve", {}, form_page=form_page)
    assert again.status == 303
    assert "Không làm được việc này" in await signed_in.page(form_page)
    await signed_in.submit(
        f"/tickets/{ticket.id}/assign", {"department": "so-gddt"}, form_page=form_page
    )
    answer = "Sở GD&ĐT đã cử người kiểm tra <b>ngõ 12</b>; sẽ sửa trong tuần."
    await signed_in.submit(f"/tickets/{ticket.id}/answer", {"text": answer}, form_page=form_page)
    page = await signed_in.page(form_page)
    assert f"Đã gửi trả lời phiếu {ticket.code}" in page
    assert "&lt;b&gt;ngõ 12&lt;/b&gt;" in page
    assert await status_of(signed_in, ticket.id) is TicketStatus.ANSWERED
    assert "Cán bộ moderator · " in page  # who answered
    history = page[page.index("Lịch sử xử lý") :]
    for action in ("gửi phản ánh", "tiếp nhận", "chuyển đơn vị", "trả lời"):
        assert action in history
    await signed_in.submit(f"/tickets/{ticket.id}/publish", {}, form_page=form_page)
    assert "Đã công khai" in await signed_in.page(form_page)
    empty = await signed_in.submit(
        f"/tickets/{ticket.id}/answer", {"text": "  "}, form_page=form_page
    )
    assert empty.status == 303
    assert "Câu trả lời đang trống" in await signed_in.page(form_page)
    long = await signed_in.submit(
        f"/tickets/{ticket.id}/answer", {"text": "dài " * 2000}, form_page=form_page
    )
    assert long.status == 303
    assert "Câu trả lời quá dài" in await signed_in.page(form_page)


@pytest.mark.parametrize("signed_in", ["moderator"], indirect=True)
async def test_bulk_moves_say_what_could_not_be_done(signed_in: Dashboard) -> None:
    one = await file_ticket(signed_in.services, LAN)
    two = await file_ticket(signed_in.services, MAI, CLINIC, topic="y-te")
    await signed_in.submit(f"/tickets/{two.id}/close", {}, form_page=f"/tickets/{two.id}")
    response = await signed_in.submit(
        "/tickets/bulk",
        [
            ("ticket", str(one.id)),
            ("ticket", str(two.id)),
            ("move", "approve"),
            ("back", "/tickets?order=newest"),
        ],
        form_page="/tickets",
    )
    assert response.status == 303
    assert response.headers["Location"] == "/tickets?order=newest"
    page = await signed_in.page("/tickets?order=newest")
    assert (
        f"Đã xử lý 1 phiếu; 1 phiếu không làm được (trạng thái không phù hợp): {two.code}" in page
    )
    assert await status_of(signed_in, one.id) is TicketStatus.APPROVED
    assert await status_of(signed_in, two.id) is TicketStatus.CLOSED
    await signed_in.submit(
        "/tickets/bulk", [("ticket", str(one.id)), ("move", "reject:spam")], form_page="/tickets"
    )
    assert await status_of(signed_in, one.id) is TicketStatus.REJECTED
    nothing = await signed_in.submit("/tickets/bulk", [("move", "approve")], form_page="/tickets")
    assert nothing.status == 303
    assert "Chưa chọn phiếu nào" in await signed_in.page("/tickets")
    # Forged ids: no record has them (PostgreSQL would refuse them as INTEGER parameters).
    forged = [("ticket", value) for value in ("2147483648", "²²", "99999999999999999999")]
    nothing = await signed_in.submit(
        "/tickets/bulk", [*forged, ("move", "approve")], form_page="/tickets"
    )
    assert nothing.status == 303
    assert "Chưa chọn phiếu nào" in await signed_in.page("/tickets?page=²")


async def test_export_reads_back_and_is_audited(signed_in: Dashboard) -> None:
    named = await file_ticket(signed_in.services, LAN, "=1+1 " + POTHOLE)
    await file_ticket(
        signed_in.services, MAI, CLINIC, topic="y-te", choices=FeedbackChoices(anonymous=True)
    )
    response = await signed_in.submit(
        "/tickets/export", {"format": "csv", "topic": "giao-duc"}, form_page="/tickets"
    )
    assert response.status == 200
    assert response.headers["Content-Type"].startswith("text/csv")
    assert "attachment" in response.headers["Content-Disposition"]
    rows = list(csv.reader(io.StringIO((await response.read()).decode("utf-8-sig"))))
    assert rows[0][:3] == ["Mã phiếu", "Ngày gửi", "Trạng thái"]
    assert [row[0] for row in rows[1:]] == [named.code]
    assert rows[1][5] == "'=1+1 " + POTHOLE
    assert rows[1][-1] == str(LAN.user_id)  # an administrator, a named ticket
    xlsx = await signed_in.submit("/tickets/export", {"format": "xlsx"}, form_page="/tickets")
    sheet = load_workbook(io.BytesIO(await xlsx.read())).active
    assert sheet is not None
    assert sheet.max_row == 3
    async with signed_in.services.accounts._uow() as uow:
        exports = [e.detail for e in await uow.audit.recent(50) if e.action == "export"]
    assert exports == ["xlsx: 2 rows; all", "csv: 1 rows; topic=giao-duc"]


FORMULA = ("=", "+", "-", "@", "\t", "\r", "＝", "＋", "－", "＠")


def runnable_pieces(raw: str) -> list[str]:
    """Every piece of the CSV a spreadsheet could run: the parsed cells, and the pieces Excel
    in a decimal-comma locale gets by splitting each cell on ";" (or on "," and tabs)."""
    pieces = []
    for row in csv.reader(io.StringIO(raw)):
        for cell in row:
            for piece in [*re.split(r"[;,\t\r\n]", cell), cell]:
                if piece.lstrip(" \u00a0\u3000").startswith(FORMULA):
                    pieces.append(piece)
    return pieces


async def test_export_defuses_formulas_after_separators_and_fullwidth(
    signed_in: Dashboard,
) -> None:
    planted = [
        POTHOLE + ';=HYPERLINK("http://x")',
        "＝1+1 " + POTHOLE,
        "＋cmd " + POTHOLE,
        POTHOLE + ", +SUM(1;2)",
        POTHOLE + "; -2+3",
        POTHOLE + " ;@SUM(A1)",
        POTHOLE + ";　＠x",
        "@SUM(1) " + POTHOLE,
    ]
    for number, text in enumerate(planted):
        await file_ticket(signed_in.services, Actor.resident(7002000 + number, "vi", "Dân"), text)
    response = await signed_in.submit("/tickets/export", {"format": "csv"}, form_page="/tickets")
    raw = (await response.read()).decode("utf-8-sig")
    rows = list(csv.reader(io.StringIO(raw)))
    assert len(rows) == len(planted) + 1
    assert runnable_pieces(raw) == []
    # Read back, the text is the resident's own, an apostrophe before each defused piece.
    texts = {row[5].replace("'", "") for row in rows[1:]}
    assert texts == {text.replace("'", "") for text in planted}
    # Excel in a decimal-comma locale splits on ";" outside quotes: every field is quoted.
    for line in raw.splitlines():
        assert line.startswith('"')
        assert line.endswith('"')


async def test_resident_ids_only_for_administrators_and_never_for_anonymous_tickets(
    dashboard: Dashboard,
) -> None:
    named = await file_ticket(dashboard.services, LAN)
    anonymous = await file_ticket(
        dashboard.services, MAI, CLINIC, topic="y-te", choices=FeedbackChoices(anonymous=True)
    )
    await dashboard.sign_in("administrator")
    assert f"Telegram {LAN.user_id}" in await dashboard.page(f"/tickets/{named.id}")
    assert str(MAI.user_id) not in await dashboard.page(f"/tickets/{anonymous.id}")
    dashboard.client.session.cookie_jar.clear()
    await dashboard.sign_in("moderator")
    for ticket in (named, anonymous):
        page = await dashboard.page(f"/tickets/{ticket.id}")
        assert str(LAN.user_id) not in page
        assert str(MAI.user_id) not in page
    export = await dashboard.submit("/tickets/export", {"format": "csv"}, form_page="/tickets")
    text = (await export.read()).decode("utf-8-sig")
    assert str(LAN.user_id) not in text
    assert str(MAI.user_id) not in text


@pytest.mark.parametrize("signed_in", ["broadcaster"], indirect=True)
async def test_a_broadcaster_cannot_see_or_touch_tickets(signed_in: Dashboard) -> None:
    ticket = await file_ticket(signed_in.services, LAN)
    assert "Không có quyền" in await signed_in.page("/tickets", status=403)
    await signed_in.page(f"/tickets/{ticket.id}", status=403)
    for path, data in [
        (f"/tickets/{ticket.id}/approve", {}),
        (f"/tickets/{ticket.id}/answer", {"text": "xin chào"}),
        ("/tickets/bulk", {"ticket": str(ticket.id), "move": "close"}),
        ("/tickets/export", {"format": "csv"}),
    ]:
        assert (await signed_in.submit(path, data)).status == 403
    assert await status_of(signed_in, ticket.id) is TicketStatus.NEW


async def test_forged_or_missing_tokens_and_unknown_tickets(signed_in: Dashboard) -> None:
    ticket = await file_ticket(signed_in.services, LAN)
    forged = await signed_in.client.post(
        f"/tickets/{ticket.id}/approve", data={"csrf_token": "x"}, allow_redirects=False
    )
    assert forged.status == 403
    assert await status_of(signed_in, ticket.id) is TicketStatus.NEW
    await signed_in.page("/tickets/999999", status=404)
    await signed_in.page("/tickets/999999/photo", status=404)
    await signed_in.page(f"/tickets/{ticket.id}/photo", status=404)  # no photo was sent
    missing = await signed_in.submit("/tickets/999999/approve", {})
    assert missing.status == 404


async def test_a_field_removed_from_the_content_still_shows_everywhere(
    signed_in: Dashboard,
) -> None:
    ticket = await file_ticket(signed_in.services, LAN)
    async with signed_in.services.accounts._uow() as uow:
        await uow.tickets.change(ticket.id, topic="linh-vuc-da-bo")
        await uow.commit()
    stats = await signed_in.page("/stats")
    assert "linh-vuc-da-bo (không còn trong nội dung)" in stats
    assert ticket.code in await signed_in.page("/tickets")
    await signed_in.page(f"/tickets/{ticket.id}")
    # The topics' chart (inline SVG, drawn with the page) names it as the table does.
    charts = re.findall(r"<svg\b.*?</svg>", stats, re.DOTALL)
    assert any("linh-vuc-da-bo" in chart for chart in charts)


@pytest.mark.parametrize(
    ("start", "end"),
    [("0001-01-01", "9999-12-31"), ("9999-12-31", "0001-01-01"), ("0001-01-01", "0001-01-01")],
)
async def test_dates_at_the_calendars_ends_are_clamped_not_a_500(
    signed_in: Dashboard, start: str, end: str
) -> None:
    ticket = await file_ticket(signed_in.services, LAN)
    page = await signed_in.page(f"/tickets?from={start}&to={end}")
    assert (ticket.code in page) == (start < end)
    export = await signed_in.submit(
        "/tickets/export", {"format": "csv", "from": start, "to": end}, form_page="/tickets"
    )
    assert export.status == 200
    rows = list(csv.reader(io.StringIO((await export.read()).decode("utf-8-sig"))))
    assert [row[0] for row in rows[1:]] == ([ticket.code] if start < end else [])
