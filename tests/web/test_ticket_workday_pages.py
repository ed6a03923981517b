"""An official's working day on the dashboard, through the test client on the real database:
the home page's counts and their links, overdue tickets in the queue and on the ticket, the
department's name in the history, internal notes and saved answers (escaped), assignment to a
person and "my tickets"."""

from __future__ import annotations

import datetime as dt
import re

import pytest

from bot.domain.records import TicketRecord
from bot.services.kernel.actor import Actor, Role
from tests.tickets import FeedbackChoices, file_ticket
from tests.web.conftest import Dashboard

LAN = Actor.resident(7002001, "vi", "Nguyễn Thị Lan")
MAI = Actor.resident(7002002, "vi", "Trần Văn Mai")
HOA = Actor.resident(7002003, "vi", "Lê Hoa")
HOSTILE = '<script>alert("x")</script><img src=x onerror=alert(1)>'


async def filed_days_ago(dashboard: Dashboard, ticket: TicketRecord, days: int) -> None:
    async with dashboard.services.accounts._uow() as uow:
        when = dt.datetime.now(dt.UTC) - dt.timedelta(days=days)
        await uow.tickets.change(ticket.id, created_at=when)
        await uow.commit()


async def account_id(dashboard: Dashboard, username: str) -> int:
    async with dashboard.services.accounts._uow() as uow:
        found = await uow.staff_accounts.by_username(username)
    assert found is not None
    return found.id


async def test_home_counts_link_to_the_queue_and_overdue_shows_everywhere(
    signed_in: Dashboard,
) -> None:
    services = signed_in.services
    late = await file_ticket(services, LAN, "Trường chưa trả lời đơn xin miễn học phí của con")
    fresh = await file_ticket(services, MAI, "Xin hỏi thủ tục học bổng cho học sinh nghèo")
    other = await file_ticket(services, HOA, "Trạm y tế đóng cửa sớm", topic="y-te")
    await filed_days_ago(signed_in, late, 30)
    official = Actor.staff(
        await account_id(signed_in, "administrator"), "Quản trị", Role.ADMINISTRATOR
    )
    await services.moderation.assign(official, late.id, "so-gddt")
    await services.moderation.assign(official, fresh.id, "so-gddt")
    await services.moderation.approve(official, other.id)

    home = await signed_in.page("/")
    work = home[home.index('id="work-today"') :]
    assert "Quá hạn: 1" in work
    assert "Sở Giáo dục và Đào tạo" in work
    link = re.search(r'href="(/tickets\?department=so-gddt&amp;late=yes)"', work)
    assert link is not None
    overdue_queue = await signed_in.page(link.group(1).replace("&amp;", "&"))
    assert late.code in overdue_queue
    assert fresh.code not in overdue_queue
    assert "badge overdue" in overdue_queue
    waiting = await signed_in.page("/tickets?department=so-gddt&status=waiting")
    assert late.code in waiting
    assert fresh.code in waiting

    page = await signed_in.page(f"/tickets/{late.id}")
    assert 'class="badge overdue"' in page
    history = page[page.index("Lịch sử xử lý") :]
    assert "(Sở Giáo dục và Đào tạo)" in history  # the department's name, not its key
    assert "(so-gddt)" not in history


async def test_the_no_department_line_links_to_the_tickets_given_to_none(
    signed_in: Dashboard,
) -> None:
    services = signed_in.services
    official = Actor.staff(
        await account_id(signed_in, "administrator"), "Quản trị", Role.ADMINISTRATOR
    )
    nowhere = await file_ticket(services, LAN, "Phường chưa trả lời về hộ cận nghèo")
    late = await file_ticket(services, MAI, "Chưa được xét hộ nghèo dù đã nộp hồ sơ")
    given = await file_ticket(services, HOA, "Trường chưa trả lời đơn xin học bổng")
    await services.moderation.approve(official, nowhere.id)
    await services.moderation.approve(official, late.id)
    await services.moderation.assign(official, given.id, "so-gddt")
    await filed_days_ago(signed_in, late, 30)

    home = await signed_in.page("/")
    work = home[home.index('id="work-today"') :]
    row = work[work.index("Chưa giao đơn vị") :].split("</tr>", 1)[0]
    links = re.findall(r'href="([^"]+)"', row)
    assert links == [
        "/tickets?department=-&amp;status=new",
        "/tickets?department=-&amp;status=waiting",
        "/tickets?department=-&amp;late=yes",
    ]
    waiting = await signed_in.page(links[1].replace("&amp;", "&"))
    assert nowhere.code in waiting
    assert late.code in waiting
    assert given.code not in waiting  # given to a department
    assert '<option value="-" selected>Chưa giao đơn vị</option>' in waiting  # the filter kept
    overdue = await signed_in.page(links[2].replace("&amp;", "&"))
    assert late.code in overdue
    assert nowhere.code not in overdue
    assert given.code not in overdue


@pytest.mark.parametrize("signed_in", ["broadcaster"], indirect=True)
async def test_a_broadcaster_home_has_no_queue(signed_in: Dashboard) -> None:
    await file_ticket(signed_in.services, LAN)
    home = await signed_in.page("/")
    assert 'id="work-today"' not in home
    await signed_in.page("/saved-answers", status=403)


@pytest.mark.parametrize("signed_in", ["moderator"], indirect=True)
async def test_notes_saved_answers_and_assignment(signed_in: Dashboard) -> None:
    services = signed_in.services
    named = await file_ticket(services, LAN, "Con tôi chưa được miễn học phí học kỳ này")
    anonymous = await file_ticket(
        services,
        MAI,
        "Trường thu thêm tiền ngoài quy định",
        choices=FeedbackChoices(anonymous=True),
    )
    form_page = f"/tickets/{named.id}"

    added = await signed_in.submit(f"{form_page}/note", {"note": HOSTILE}, form_page=form_page)
    assert added.status == 303
    page = await signed_in.page(form_page)
    assert "Đã lưu ghi chú" in page
    assert "<script>alert" not in page
    assert "&lt;script&gt;alert(&#34;x&#34;)&lt;/script&gt;" in page
    await signed_in.submit(f"{form_page}/note", {"note": "  "}, form_page=form_page)
    assert "Ghi chú trống hoặc quá dài" in await signed_in.page(form_page)
    missing = await signed_in.submit("/tickets/999999/note", {"note": "ghi chú"})
    assert missing.status == 404

    saved = await signed_in.submit(
        "/saved-answers",
        {
            "title": "Miễn học phí " + HOSTILE,
            "topic": "giao-duc",
            "text": "Chào {name}, " + HOSTILE,
        },
        form_page="/saved-answers",
    )
    assert saved.status == 303
    listing = await signed_in.page("/saved-answers")
    assert "<script>alert" not in listing
    assert "Đã lưu câu trả lời mẫu" in listing
    answer_id = int(re.findall(r'href="/saved-answers/(\d+)"', listing)[0])
    refused = await signed_in.submit(
        "/saved-answers",
        {"title": "Sai", "topic": "khong-co", "text": "x"},
        form_page="/saved-answers",
    )
    assert refused.status == 303
    assert "Lĩnh vực không có trong nội dung" in await signed_in.page("/saved-answers")
    await signed_in.page("/saved-answers/999999", status=404)

    picked = await signed_in.page(f"{form_page}?answer={answer_id}")
    draft = picked[picked.index('name="text"') :]
    draft = draft[: draft.index("</textarea>")]
    assert "Chào Nguyễn Thị Lan, &lt;script&gt;" in draft
    neutral = await signed_in.page(f"/tickets/{anonymous.id}?answer={answer_id}")
    assert "Chào anh/chị, &lt;script&gt;" in neutral
    assert "Trần Văn Mai" not in neutral
    await signed_in.page(f"{form_page}?answer=%00%27")  # junk is ignored, not a 500

    moderator = await account_id(signed_in, "moderator")
    given = await signed_in.submit(
        f"{form_page}/assign-person", {"account": str(moderator)}, form_page=form_page
    )
    assert given.status == 303
    page = await signed_in.page(form_page)
    assert f"Đã giao phiếu {named.code}" in page
    mine = await signed_in.page("/tickets?mine=yes")
    assert named.code in mine
    assert anonymous.code not in mine
    broadcaster = await account_id(signed_in, "broadcaster")
    for forged in (str(broadcaster), "abc", "99999999999"):
        await signed_in.submit(
            f"{form_page}/assign-person", {"account": forged}, form_page=form_page
        )
        assert "Không giao được" in await signed_in.page(form_page)
    deleted = await signed_in.submit(
        f"/saved-answers/{answer_id}/delete", {}, form_page="/saved-answers"
    )
    assert deleted.status == 303
    assert "Chưa có câu trả lời mẫu nào" in await signed_in.page("/saved-answers")
