"""The dashboard's ticket queue beyond test_ticket_search.py, on SQLite and PostgreSQL: residents'
ids never leave the service to those who may not see them (never an anonymous one), the whole
history, topics and replies in the search, LIKE's wildcards as literal text in storage, Hanoi's
calendar days, bulk refusals and spreadsheet formulas in residents' names."""

from __future__ import annotations

import csv
import datetime as dt
import io
from collections.abc import Iterator

import pytest
from openpyxl import load_workbook

from bot.domain.errors import TooManyForBulk
from bot.domain.records import SearchWord, TicketCriteria
from bot.domain.statuses import TicketStatus
from bot.services.container import Services, ServiceSettings
from bot.services.kernel.actor import Actor, ActorKind, Role
from bot.services.kernel.live_knowledge import LiveKnowledge
from bot.services.tickets.queue import MAX_BULK, BulkMove, TicketDetail, TicketFilter
from bot.services.tickets.queue_export import COLUMNS, ExportFormat, ExportLabels, defused
from storage.uow import UnitOfWorkFactory
from tests.tickets import FeedbackChoices, file_ticket

OFFICIAL_ID = 900001
MODERATOR = Actor.staff(1, "Kiểm duyệt", Role.MODERATOR)
ADMINISTRATOR = Actor.staff(3, "Quản trị", Role.ADMINISTRATOR)
TELEGRAM_OFFICIAL = Actor.official(OFFICIAL_ID, "Cán bộ phường")
# Ids long enough that finding one in a printed object is no coincidence.
LAN = Actor.resident(7340001, "vi", "Nguyễn Thị Lan")
MAI = Actor.resident(7340002, "vi", "Trần Văn Mai")
NAMELESS = Actor.resident(7340003, "vi")  # Telegram gave no name: the audit falls back to the id
FEES = "Học phí năm nay tăng 50% mà chưa thấy thông báo miễn giảm cho hộ nghèo"
HOSPITAL = "Bệnh viện quận quá đông, người già phải chờ từ sáng tới trưa mới được khám"
HANOI_MIDNIGHT = dt.datetime(2026, 3, 1, 17, 0, tzinfo=dt.UTC)  # 2 March 00:00 in Hanoi
LABELS = ExportLabels(
    language="vi",
    headers={column: column for column in COLUMNS},
    statuses={status: status.value for status in TicketStatus},
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


async def codes(services: Services, wanted: TicketFilter) -> list[str]:
    page = await services.ticket_search.search(MODERATOR, wanted, page_size=100)
    return [row.code for row in page.items]


async def answered_and_rated(services: Services, resident: Actor, ticket_id: int) -> None:
    """Officials answer, the resident reopens, officials answer again and the resident rates:
    residents' own actions in the audit log, besides filing."""
    await services.moderation.answer(TELEGRAM_OFFICIAL, ticket_id, "Phường đang xử lý")
    await services.feedback.reopen(resident, ticket_id)
    await services.moderation.answer(TELEGRAM_OFFICIAL, ticket_id, "Đã xử lý xong")
    await services.feedback.rate(resident, ticket_id, 4)


def resident_entries(detail: TicketDetail) -> list[tuple[int | None, str]]:
    return [
        (entry.actor_id, entry.actor_name)
        for entry in detail.history
        if entry.actor_kind == ActorKind.RESIDENT
    ]


async def test_an_anonymous_residents_id_reaches_nobody(services: Services) -> None:
    ticket = await file_ticket(
        services, MAI, HOSPITAL, topic="y-te", choices=FeedbackChoices(anonymous=True)
    )
    await answered_and_rated(services, MAI, ticket.id)
    for official in (MODERATOR, ADMINISTRATOR, TELEGRAM_OFFICIAL):
        detail = await services.ticket_search.detail(official, ticket.id)
        assert detail.resident_id is None
        assert detail.ticket.resident_id == 0
        assert resident_entries(detail) == [(None, "")] * 3  # filed, reopened, rated
        assert all(entry.actor_id != MAI.user_id for entry in detail.view.history)
        # Nowhere at all: not in the view, its records, the history or the group.
        assert str(MAI.user_id) not in repr(detail)


async def test_a_named_residents_id_only_to_those_who_may_see_ids(services: Services) -> None:
    named = await file_ticket(services, LAN, FEES)
    await answered_and_rated(services, LAN, named.id)
    nameless = await file_ticket(services, NAMELESS, HOSPITAL, topic="y-te")

    for official in (MODERATOR, TELEGRAM_OFFICIAL):
        detail = await services.ticket_search.detail(official, named.id)
        assert detail.resident_id is None
        assert resident_entries(detail) == [(None, "Nguyễn Thị Lan")] * 3
        assert str(LAN.user_id) not in repr(detail)
        hidden = await services.ticket_search.detail(official, nameless.id)
        assert resident_entries(hidden) == [(None, "")]  # the id it fell back to, removed
        assert str(NAMELESS.user_id) not in repr(hidden)

    admin_view = await services.ticket_search.detail(ADMINISTRATOR, named.id)
    assert admin_view.resident_id == LAN.user_id
    assert {actor_id for actor_id, _ in resident_entries(admin_view)} == {LAN.user_id}
    assert admin_view.ticket.resident_id == 0  # `resident_id` is the one place it is given
    admin_nameless = await services.ticket_search.detail(ADMINISTRATOR, nameless.id)
    assert resident_entries(admin_nameless) == [(NAMELESS.user_id, str(NAMELESS.user_id))]


async def test_the_whole_history_oldest_first(services: Services) -> None:
    ticket = await file_ticket(services, LAN, FEES)
    await services.moderation.approve(MODERATOR, ticket.id)
    await services.moderation.assign(MODERATOR, ticket.id, "so-gddt")
    for number in range(9):  # follow-up answers: more rows than an admin-group card shows
        await services.moderation.answer(MODERATOR, ticket.id, f"Trả lời lần {number + 1}")
    await services.moderation.close(MODERATOR, ticket.id)
    detail = await services.ticket_search.detail(MODERATOR, ticket.id)
    actions = [entry.action for entry in detail.history]
    assert actions == ["filed", "approve", "assign", *["answer"] * 9, "close"]
    assert [entry.action for entry in detail.view.history] == actions
    assert [entry.at for entry in detail.history] == sorted(entry.at for entry in detail.history)
    assert [entry.detail for entry in detail.history][2] == "so-gddt"
    assert detail.moves == frozenset()  # nothing an official can do to a closed ticket
    assert len(detail.view.replies) == 9


async def test_a_word_of_a_topics_title_finds_its_tickets(services: Services) -> None:
    hospital = await file_ticket(services, LAN, HOSPITAL, topic="y-te")
    fees = await file_ticket(services, MAI, FEES, topic="giao-duc")
    assert await codes(services, TicketFilter(query="Y TẾ")) == [hospital.code]
    assert await codes(services, TicketFilter(query="health")) == [hospital.code]
    assert await codes(services, TicketFilter(query="giáo dục")) == [fees.code]
    # Every word must match somewhere: the text, the code or the topic's title.
    assert await codes(services, TicketFilter(query="benh vien health")) == [hospital.code]
    assert await codes(services, TicketFilter(query="hoc phi health")) == []
    # A whole word of a title, not a piece of one: "ealt" is in "health" but finds nothing.
    assert await codes(services, TicketFilter(query="ealt")) == []


async def test_officials_replies_are_searchable_and_reindexed(
    services: Services, uow_factory: UnitOfWorkFactory
) -> None:
    ticket = await file_ticket(services, LAN, FEES)
    await file_ticket(services, MAI, HOSPITAL, topic="y-te")
    assert await codes(services, TicketFilter(query="so xay dung")) == []
    await services.moderation.answer(MODERATOR, ticket.id, "Đã chuyển Sở Xây dựng xử lý")
    assert await codes(services, TicketFilter(query="so xay dung")) == [ticket.code]
    assert await codes(services, TicketFilter(query="nguyen thi lan hoc phi")) == [ticket.code]

    async with uow_factory() as uow:
        await uow.tickets.change(ticket.id, search_text=None)
        await uow.commit()
    # Not indexed yet: an answer does not half-fill it, the backfill does it all.
    await services.moderation.answer(MODERATOR, ticket.id, "Đường dây nóng 1900 đã ghi nhận")
    assert await codes(services, TicketFilter(query="hoc phi")) == []
    assert await services.ticket_search.reindex() == 1
    for query in ("so xay dung", "duong day nong", "nguyen thi lan", "hoc phi"):
        assert await codes(services, TicketFilter(query=query)) == [ticket.code], query


async def test_reindex_goes_through_every_batch(
    services: Services, uow_factory: UnitOfWorkFactory, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("bot.services.tickets.queue.REINDEX_BATCH", 2)
    filed = [
        await file_ticket(services, Actor.resident(7350000 + n, "vi", f"Dân {n}"), f"{FEES} {n}")
        for n in range(5)
    ]
    async with uow_factory() as uow:
        for ticket in filed:
            await uow.tickets.change(ticket.id, search_text=None)
        await uow.commit()
    assert await services.ticket_search.reindex() == 5
    assert await services.ticket_search.reindex() == 0
    assert await codes(services, TicketFilter(query="hoc phi")) == [t.code for t in filed]


@pytest.mark.parametrize(
    ("word", "found"),
    [
        ("50%", ["percent"]),
        ("0%", ["percent"]),
        ("_", ["underscore"]),
        ("a_b", ["underscore"]),
        ("\\", ["backslash"]),
        ("%", ["percent"]),
        ("'; drop table tickets; --", []),
        ("' or '1'='1", []),
    ],
)
async def test_like_wildcards_are_literal_in_storage(
    services: Services, uow_factory: UnitOfWorkFactory, word: str, found: list[str]
) -> None:
    """Folding already turns punctuation into spaces; storage must not rely on it."""
    texts = {
        "percent": "tang 50% hoc phi",
        "hundreds": "tang 500 hoc phi",
        "underscore": "ma a_b hoc phi",
        "backslash": "duong\\ke hoc phi",
        "plain": "axb hoc phi",
    }
    ids = {}
    for number, (name, text) in enumerate(texts.items()):
        resident = Actor.resident(7360000 + number, "vi", f"Dân {number}")
        ids[name] = (await file_ticket(services, resident, f"{FEES} {number}")).id
        async with uow_factory() as uow:
            await uow.tickets.change(ids[name], search_text=text)
            await uow.commit()
    async with uow_factory() as uow:
        matched = await uow.tickets.search(TicketCriteria(words=(SearchWord(word),)), 100, 0)
        everything = await uow.tickets.count_matching(TicketCriteria())
    by_id = {ticket_id: name for name, ticket_id in ids.items()}
    assert [by_id[ticket.id] for ticket in matched] == found
    assert everything == len(texts)  # the table is still there


async def test_dates_are_hanoi_calendar_days(
    services: Services, uow_factory: UnitOfWorkFactory
) -> None:
    late = await file_ticket(services, LAN, FEES)
    early = await file_ticket(services, MAI, HOSPITAL, topic="y-te")
    async with uow_factory() as uow:
        # 1 March 23:59 and 2 March 00:00 in Hanoi, though both 1 March in UTC.
        await uow.tickets.change(late.id, created_at=HANOI_MIDNIGHT - dt.timedelta(minutes=1))
        await uow.tickets.change(early.id, created_at=HANOI_MIDNIGHT)
        await uow.commit()
    first, second = dt.date(2026, 3, 1), dt.date(2026, 3, 2)
    assert await codes(services, TicketFilter(date_to=first)) == [late.code]
    assert await codes(services, TicketFilter(date_from=second)) == [early.code]
    assert await codes(services, TicketFilter(date_from=second, date_to=second)) == [early.code]
    assert await codes(services, TicketFilter(date_from=first, date_to=second)) == [
        late.code,
        early.code,
    ]
    assert await codes(services, TicketFilter(date_from=second, date_to=first)) == []


async def test_rows_describe_their_tickets(services: Services) -> None:
    ticket = await file_ticket(
        services,
        LAN,
        FEES,
        choices=FeedbackChoices(photo="photo-1", location=(21.0285, 105.8542), anonymous=True),
    )
    await services.moderation.assign(MODERATOR, ticket.id, "so-gddt")
    page = await services.ticket_search.search(MODERATOR, TicketFilter(), page_size=0)
    assert (page.total, page.pages) == (1, 1)  # a page size below one is one, never an error
    (row,) = page.items
    assert (row.id, row.code, row.status, row.topic, row.department) == (
        ticket.id,
        ticket.code,
        TicketStatus.ASSIGNED,
        "giao-duc",
        "so-gddt",
    )
    assert (row.has_photo, row.has_location, row.anonymous, row.group_size) == (
        True,
        True,
        True,
        1,
    )
    assert row.excerpt == FEES


async def test_bulk_refusals_are_per_ticket(
    services: Services, uow_factory: UnitOfWorkFactory
) -> None:
    one = await file_ticket(services, LAN, FEES)
    two = await file_ticket(services, MAI, HOSPITAL, topic="y-te")
    bad_reason = await services.ticket_search.bulk(
        MODERATOR, [one.id, two.id], BulkMove.REJECT, "because"
    )
    assert bad_reason.done == ()
    assert bad_reason.refused == (
        (one.code, "UnknownRejectReason"),
        (two.code, "UnknownRejectReason"),
    )
    async with uow_factory() as uow:
        assert [entry.action for entry in await uow.audit.recent(10)] == ["filed", "filed"]

    rejected = await services.ticket_search.bulk(
        MODERATOR, [two.id, 123_456], BulkMove.REJECT, "off_topic"
    )
    assigned = await services.ticket_search.bulk(
        MODERATOR, [one.id, two.id], BulkMove.ASSIGN, "so-gddt"
    )
    assert (rejected.done, rejected.refused) == ((two.code,), (("123456", "not_found"),))
    assert (assigned.done, assigned.refused) == ((one.code,), ((two.code, "InvalidTransition"),))
    detail = await services.ticket_search.detail(MODERATOR, two.id)
    assert (detail.ticket.status, detail.ticket.reject_reason) == ("rejected", "off_topic")
    with pytest.raises(TooManyForBulk):
        await services.ticket_search.bulk(MODERATOR, list(range(1, MAX_BULK + 2)), BulkMove.CLOSE)
    closed = await services.ticket_search.bulk(MODERATOR, [one.id] * (MAX_BULK + 5), BulkMove.CLOSE)
    assert closed.done == (one.code,)  # the same ticket twice is one ticket


@pytest.mark.parametrize("start", ["=", "+", "-", "@", "\t", "\r"])
def test_every_formula_start_is_defused(start: str) -> None:
    assert defused(f"{start}1+2") == f"'{start}1+2"
    assert defused(f"a{start}1") == f"a{start}1"
    assert defused(-105.85) == -105.85  # numbers stay numbers


async def test_formulas_in_names_are_defused_in_both_formats(services: Services) -> None:
    schemer = Actor.resident(7370001, "vi", "@SUM(1+1)*cmd|' /C calc'!A0")
    ticket = await file_ticket(
        services,
        schemer,
        "-2 độ mà trường vẫn bắt học sinh đi học",
        choices=FeedbackChoices(location=(21.03, -0.5)),
    )
    csv_file = await services.ticket_export.export(
        ADMINISTRATOR, TicketFilter(), ExportFormat.CSV, LABELS
    )
    rows = list(csv.DictReader(io.StringIO(csv_file.data.decode("utf-8-sig"))))
    assert len(rows) == 1
    assert rows[0]["author"] == "'@SUM(1+1)*cmd|' /C calc'!A0"
    assert rows[0]["text"].startswith("'-2 độ")
    assert rows[0]["longitude"] == "-0.5"
    assert rows[0]["resident_id"] == str(schemer.user_id)

    xlsx_file = await services.ticket_export.export(
        ADMINISTRATOR, TicketFilter(query=ticket.code), ExportFormat.XLSX, LABELS
    )
    sheet = load_workbook(io.BytesIO(xlsx_file.data)).active
    assert sheet is not None
    header, values = (list(row) for row in sheet.iter_rows())
    by_column = {str(title.value): cell for title, cell in zip(header, values, strict=True)}
    assert by_column["author"].value == "'@SUM(1+1)*cmd|' /C calc'!A0"
    assert by_column["author"].data_type == "s"  # a string, not a formula
    assert by_column["longitude"].value == -0.5
    assert (xlsx_file.rows, xlsx_file.truncated) == (1, False)


async def test_export_says_when_it_was_cut_short(services: Services) -> None:
    for number in range(3):
        resident = Actor.resident(7380000 + number, "vi", f"Dân {number}")
        await file_ticket(services, resident, f"{FEES} {number}")
    exported = await services.ticket_export.export(
        MODERATOR, TicketFilter(order="newest"), ExportFormat.CSV, LABELS, limit=2
    )
    rows = list(csv.DictReader(io.StringIO(exported.data.decode("utf-8-sig"))))
    assert (exported.rows, exported.truncated, len(rows)) == (2, True, 2)
    assert [row["text"] for row in rows] == [f"{FEES} 2", f"{FEES} 1"]
    assert exported.filename.endswith(".csv")
