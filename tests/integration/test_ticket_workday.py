"""An official's working day with tickets, on SQLite and PostgreSQL, with a controllable clock:
deadlines in working days (holidays too), the home page's counts, the overdue and "my tickets"
filters, the default queue, reminders claimed once a day whatever the instances, saved answers
with the resident's name, internal notes that never reach the resident, assignment to a person.
"""

from __future__ import annotations

import asyncio
import dataclasses
import datetime as dt
from collections.abc import Iterator

import pytest

from bot.domain.deadlines import DeadlineRules
from bot.domain.errors import (
    NoteInvalid,
    PermissionDenied,
    SavedAnswerInvalid,
    SavedAnswerNotFound,
    UnknownAssignee,
)
from bot.domain.records import TicketRecord
from bot.domain.statuses import TicketStatus
from bot.domain.ticket_work import SavedAnswerForm
from bot.services.access.model import AccountProfile
from bot.services.container import Services, ServiceSettings
from bot.services.kernel.actor import Actor, Role
from bot.services.kernel.clock import LOCAL_TIME, ManualClock
from bot.services.kernel.live_knowledge import LiveKnowledge
from bot.services.tickets.queue import TicketFilter
from storage.uow import UnitOfWorkFactory
from tests.tickets import FeedbackChoices, file_ticket

ADMINISTRATOR = Actor.staff(1, "Quản trị", Role.ADMINISTRATOR)
BROADCASTER = Actor.staff(2, "Phát tin", Role.BROADCASTER)
LAN = Actor.resident(7340001, "vi", "Nguyễn Thị Lan")
MAI = Actor.resident(7340002, "vi", "Trần Văn Mai")
HOA = Actor.resident(7340003, "vi", "Lê Hoa")
# Monday 2 March 2026, 09:00 in Hanoi; Wednesday 4 March is a holiday in these rules.
FILED = dt.datetime(2026, 3, 2, 9, 0, tzinfo=LOCAL_TIME).astimezone(dt.UTC)
RULES = DeadlineRules.parse(3, "department:so-y-te=1", "2026-03-04")


def hanoi(day: int, hour: int = 10) -> dt.datetime:
    return dt.datetime(2026, 3, day, hour, 0, tzinfo=LOCAL_TIME).astimezone(dt.UTC)


@pytest.fixture(scope="module")
def knowledge() -> Iterator[LiveKnowledge]:
    live = LiveKnowledge.load(None)
    yield live
    live.close()


@pytest.fixture
def clock() -> ManualClock:
    return ManualClock(FILED)


@pytest.fixture
def services(
    uow_factory: UnitOfWorkFactory, knowledge: LiveKnowledge, clock: ManualClock
) -> Services:
    return Services.build(
        uow_factory, knowledge, ServiceSettings(deadline_rules=RULES, clock=clock)
    )


async def filed_on_monday(services: Services, ticket: TicketRecord) -> None:
    async with services.accounts._uow() as uow:
        await uow.tickets.change(ticket.id, created_at=FILED)
        await uow.commit()


async def codes(
    services: Services, wanted: TicketFilter, actor: Actor = ADMINISTRATOR
) -> list[str]:
    page = await services.ticket_search.search(actor, wanted)
    return [row.code for row in page.items]


def test_working_days_skip_weekends_and_holidays() -> None:
    monday = FILED.astimezone(LOCAL_TIME).date()
    assert RULES.due_day(monday, 3) == dt.date(2026, 3, 6)  # Tue, Thu (Wed off), Fri
    assert RULES.due_day(dt.date(2026, 3, 6), 1) == dt.date(2026, 3, 9)  # Friday → Monday
    assert RULES.days_for("giao-duc", None) == 3
    assert RULES.days_for("y-te", "so-y-te") == 1
    pair = DeadlineRules.parse(
        5, "topic:y-te=4, topic:y-te@department:so-y-te=2; department:so-y-te=9"
    )
    assert pair.days_for("y-te", "so-y-te") == 2
    assert pair.days_for("y-te", None) == 4
    assert pair.days_for("giao-duc", "so-y-te") == 9
    # The cutoff the database filters with says exactly what is_overdue says, every day.
    for offset in range(40):
        now = FILED + dt.timedelta(days=offset, hours=offset % 7)
        for filed_offset in range(-12, 1):
            created = FILED + dt.timedelta(days=offset + filed_offset, hours=filed_offset % 5)
            for department in (None, "so-y-te"):
                cutoff = pair.cutoff("y-te", department, now)
                ticket = _ticket(created, department)
                assert pair.is_overdue(ticket, now) == (created < cutoff.filed_before)


@pytest.mark.parametrize(
    "overrides", ["topic=3", "topic:y-te=x", "department:so-y-te=99", "kind:y-te=1"]
)
def test_unreadable_deadline_settings_are_refused(overrides: str) -> None:
    from bot.domain.deadlines import DeadlineSettingError

    with pytest.raises(DeadlineSettingError):
        DeadlineRules.parse(5, overrides)
    with pytest.raises(DeadlineSettingError):
        DeadlineRules.parse(5, "", "2026-02-30")


async def test_counts_filters_and_the_default_queue(services: Services, clock: ManualClock) -> None:
    school = await file_ticket(services, LAN, "Trường chưa công bố danh sách miễn học phí")
    clinic = await file_ticket(services, MAI, "Trạm y tế phường đóng cửa buổi chiều", topic="y-te")
    done = await file_ticket(services, HOA, "Đã được trả lời về học bổng cho con")
    for ticket in (school, clinic, done):
        await filed_on_monday(services, ticket)
    await services.moderation.assign(ADMINISTRATOR, clinic.id, "so-y-te")
    await services.moderation.answer(ADMINISTRATOR, done.id, "Phường đã chuyển hồ sơ.")
    await services.moderation.close(ADMINISTRATOR, done.id)

    clock.advance(hanoi(3) - FILED)  # Tuesday: nothing late yet
    overview = await services.ticket_deadlines.overview(ADMINISTRATOR)
    assert overview is not None
    assert overview.total.overdue == 0
    assert {line.department: (line.new, line.waiting) for line in overview.lines} == {
        None: (1, 0),
        "so-y-te": (0, 1),
    }
    clock.advance(hanoi(5) - hanoi(3))  # Thursday: the health department's one day is past
    overview = await services.ticket_deadlines.overview(ADMINISTRATOR)
    assert overview is not None
    assert {line.department: line.overdue for line in overview.lines} == {None: 0, "so-y-te": 1}
    late = TicketFilter.parse({"late": "yes"})
    assert await codes(services, late) == [clinic.code]
    page = await services.ticket_search.search(ADMINISTRATOR, TicketFilter.parse({}))
    rows = {row.code: row for row in page.items}
    assert list(rows) == [school.code, clinic.code]  # open only, oldest first: not the closed
    assert rows[clinic.code].overdue
    assert not rows[school.code].overdue
    assert rows[school.code].due == dt.date(2026, 3, 6)
    clock.advance(hanoi(9) - hanoi(5))  # the next Monday: the school's three days are past
    assert await codes(services, late) == [school.code, clinic.code]
    view = await services.moderation.ticket(ADMINISTRATOR, school.id)
    assert view.overdue
    assert view.due == dt.date(2026, 3, 6)
    everything = await codes(services, TicketFilter.parse({"status": "all"}))
    assert done.code in everything
    waiting = await codes(services, TicketFilter.parse({"status": "waiting"}))
    assert waiting == [clinic.code]
    assert await services.ticket_deadlines.overview(BROADCASTER) is None


async def test_reminders_are_claimed_once_a_day_whatever_the_instances(
    services: Services,
    uow_factory: UnitOfWorkFactory,
    knowledge: LiveKnowledge,
    clock: ManualClock,
) -> None:
    other = Services.build(
        uow_factory, knowledge, ServiceSettings(deadline_rules=RULES, clock=clock)
    )
    tickets = [
        await file_ticket(services, resident, f"Chưa nhận được trợ cấp tháng này, lần {number}")
        for number, resident in enumerate((LAN, MAI, HOA))
    ]
    for ticket in tickets:
        await filed_on_monday(services, ticket)
    clock.advance(hanoi(10) - FILED)
    first, second = await asyncio.gather(
        services.ticket_deadlines.claim_reminders(), other.ticket_deadlines.claim_reminders()
    )
    claimed = [ticket.code for ticket in (*first.tickets, *second.tickets)]
    assert sorted(claimed) == sorted(ticket.code for ticket in tickets)  # each exactly once
    assert (await services.ticket_deadlines.claim_reminders()).tickets == ()
    # A reminder that could not be sent is given back for the next run.
    await services.ticket_deadlines.release_reminders(first)
    again = await other.ticket_deadlines.claim_reminders()
    assert sorted(ticket.code for ticket in again.tickets) == sorted(
        ticket.code for ticket in first.tickets
    )
    clock.advance(dt.timedelta(days=1))
    assert len((await services.ticket_deadlines.claim_reminders()).tickets) == 3
    await services.moderation.answer(ADMINISTRATOR, tickets[0].id, "Đã chuyển phòng Lao động.")
    clock.advance(dt.timedelta(days=1))
    assert len((await services.ticket_deadlines.claim_reminders()).tickets) == 2  # answered


async def test_saved_answers_fill_the_name_and_refuse_bad_input(services: Services) -> None:
    named = await file_ticket(services, LAN, "Con tôi chưa được miễn học phí học kỳ này")
    anonymous = await file_ticket(
        services,
        MAI,
        "Trường thu thêm tiền ngoài quy định",
        choices=FeedbackChoices(anonymous=True),
    )
    clinic = await file_ticket(services, HOA, "Trạm y tế không có thuốc", topic="y-te")
    saved = await services.saved_answers.save(
        ADMINISTRATOR,
        SavedAnswerForm("giao-duc", "Miễn học phí", "Chào {name}, <b>hồ sơ</b> nộp tại phường."),
    )
    general = await services.saved_answers.save(
        ADMINISTRATOR, SavedAnswerForm(None, "  Cảm ơn  ", "Cảm ơn {name} đã góp ý.")
    )
    assert general.title == "Cảm ơn"

    def neutral(language: str) -> str:
        return {"vi": "anh/chị", "en": "resident"}[language]

    page = await services.ticket_desk.page(ADMINISTRATOR, named.id, saved.id, neutral)
    assert page.draft == "Chào Nguyễn Thị Lan, <b>hồ sơ</b> nộp tại phường."
    assert [answer.id for answer in page.saved_answers] == [saved.id, general.id]
    page = await services.ticket_desk.page(ADMINISTRATOR, anonymous.id, saved.id, neutral)
    assert page.draft == "Chào anh/chị, <b>hồ sơ</b> nộp tại phường."
    assert "Trần Văn Mai" not in page.draft
    # Another topic's saved answer, or a forged id, fills nothing in.
    page = await services.ticket_desk.page(ADMINISTRATOR, clinic.id, saved.id, neutral)
    assert page.draft == ""
    assert [answer.id for answer in page.saved_answers] == [general.id]
    page = await services.ticket_desk.page(ADMINISTRATOR, clinic.id, 2**31 - 1, neutral)
    assert page.draft == ""

    for form, field in (
        (SavedAnswerForm(None, "", "Nội dung"), "title"),
        (SavedAnswerForm(None, "x" * 121, "Nội dung"), "title"),
        (SavedAnswerForm(None, "Tên", " \u200b "), "text"),
        (SavedAnswerForm("linh-vuc-khong-co", "Tên", "Nội dung"), "topic"),
    ):
        with pytest.raises(SavedAnswerInvalid) as refused:
            await services.saved_answers.save(ADMINISTRATOR, form)
        assert refused.value.field == field
    with pytest.raises(SavedAnswerNotFound):
        await services.saved_answers.save(ADMINISTRATOR, SavedAnswerForm(None, "a", "b"), 999)
    with pytest.raises(PermissionDenied):
        await services.saved_answers.listed(BROADCASTER)
    changed = await services.saved_answers.save(
        ADMINISTRATOR, SavedAnswerForm(None, "Cảm ơn", "Xin cảm ơn {name}."), general.id
    )
    assert changed.text == "Xin cảm ơn {name}."
    await services.saved_answers.remove(ADMINISTRATOR, general.id)
    assert [answer.id for answer in await services.saved_answers.listed(ADMINISTRATOR)] == [
        saved.id
    ]
    with pytest.raises(SavedAnswerNotFound):
        await services.saved_answers.remove(ADMINISTRATOR, general.id)


async def test_notes_and_people_stay_with_officials(
    services: Services, uow_factory: UnitOfWorkFactory
) -> None:
    ticket = await file_ticket(services, LAN, "Chưa nhận được tiền hỗ trợ hộ cận nghèo")
    note = "<script>alert(1)</script> Gọi lại cho chị Lan: số điện thoại 0912 345 678"
    await services.ticket_notes.add(ADMINISTRATOR, ticket.id, note)
    for bad in ("", " \u200b ", "x" * 2001):
        with pytest.raises(NoteInvalid):
            await services.ticket_notes.add(ADMINISTRATOR, ticket.id, bad)
    with pytest.raises(PermissionDenied):
        await services.ticket_notes.add(BROADCASTER, ticket.id, "Ghi chú")
    minh = await services.accounts.add(
        ADMINISTRATOR,
        "can-bo-minh",
        "mật khẩu đủ dài 2026",
        Role.MODERATOR,
        profile=AccountProfile("Trần Minh"),
    )
    sender = await services.accounts.add(
        ADMINISTRATOR, "phat-tin", "mật khẩu đủ dài 2026", Role.BROADCASTER
    )
    with pytest.raises(UnknownAssignee):
        await services.ticket_assignment.assign_person(ADMINISTRATOR, ticket.id, sender.id)
    with pytest.raises(UnknownAssignee):
        await services.ticket_assignment.assign_person(ADMINISTRATOR, ticket.id, 2**31 - 1)
    await services.ticket_assignment.assign_person(ADMINISTRATOR, ticket.id, minh.id)
    as_minh = Actor.staff(minh.id, "Trần Minh", Role.MODERATOR)
    assert await codes(services, TicketFilter.parse({"mine": "yes"}), as_minh) == [ticket.code]
    someone_else = Actor.staff(minh.id + 100, "Cán bộ khác", Role.MODERATOR)
    assert await codes(services, TicketFilter.parse({"mine": "yes"}), someone_else) == []
    page = await services.ticket_desk.page(ADMINISTRATOR, ticket.id)
    assert [n.text for n in page.notes] == [note]
    assert page.assignee is not None
    assert page.assignee.name == "Trần Minh"
    assert [person.name for person in page.assignees] == ["Trần Minh"]  # not the broadcaster

    # The resident's side: the answer is published; the note is nowhere they can read.
    await services.moderation.answer(ADMINISTRATOR, ticket.id, "Phường đã chuyển hồ sơ lên quận.")
    await services.moderation.set_published(ADMINISTRATOR, ticket.id, True)
    register = await services.feedback.public_register()
    assert register.items
    assert all("Gọi lại" not in entry.question + entry.answer for entry in register.items)
    own = await services.feedback.my_ticket(LAN, ticket.id)
    assert "Gọi lại" not in repr(own)
    async with uow_factory() as uow:
        history = await uow.audit.for_ticket(ticket.id, limit=50)
        notices = await uow.notices.claim(
            "test", 50, dt.datetime.now(dt.UTC), dt.datetime.now(dt.UTC) + dt.timedelta(minutes=1)
        )
    assert [entry.detail for entry in history if entry.action == "note"] == [None]
    # Forgetting the resident masks what a note says of them, as it masks the answers.
    await services.privacy.forget(LAN)
    page = await services.ticket_desk.page(ADMINISTRATOR, ticket.id)
    assert "0912 345 678" not in page.notes[0].text
    assert "Gọi lại" in page.notes[0].text
    assert [entry.detail for entry in history if entry.action == "assign_person"] == ["Trần Minh"]
    assert notices
    assert all("Gọi lại" not in (notice.detail or "") for notice in notices)


def _ticket(created: dt.datetime, department: str | None) -> TicketRecord:
    return dataclasses.replace(
        _TEMPLATE, created_at=created, department=department, status=TicketStatus.NEW
    )


_TEMPLATE = TicketRecord(
    resident_id=1,
    topic="y-te",
    text="x",
    photo_file_id=None,
    latitude=None,
    longitude=None,
    anonymous=True,
    author_name=None,
    language="vi",
    id=1,
    code="ABCDEF",
    status=TicketStatus.NEW,
    cluster_id=None,
    created_at=FILED,
    reject_reason=None,
    department=None,
    published=False,
    admin_chat_id=None,
    admin_message_id=None,
    rating=None,
    updated_at=FILED,
    first_answered_at=None,
)
