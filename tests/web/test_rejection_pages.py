"""Rejecting on the dashboard: the reason has no default, the official may add words and a
referral, and a confirm page shows what the resident will be told before anything changes."""

from __future__ import annotations

import datetime as dt
import json
import re

import pytest

from bot.domain.statuses import TicketStatus
from bot.services.kernel.actor import Actor
from tests.tickets import file_ticket
from tests.web.conftest import Dashboard
from tests.web.test_moves_and_errors import ticket_status

LAN = Actor.resident(7005001, "vi", "Nguyễn Thị Lan")
OFF_TOPIC = "Cho tôi hỏi thủ tục chốt sổ bảo hiểm xã hội khi nghỉ việc"
WORDS = "Chúng tôi không giải quyết việc này <script>alert(1)</script>\nxin bạn thông cảm."
REASON_SELECT = re.compile(r'<select name="reason" required>(.*?)</select>', re.S)


@pytest.mark.parametrize("signed_in", ["moderator"], indirect=True)
async def test_the_reason_has_no_default_and_the_fitting_office_is_marked(
    signed_in: Dashboard,
) -> None:
    ticket = await file_ticket(signed_in.services, LAN, OFF_TOPIC)
    page = await signed_in.page(f"/tickets/{ticket.id}")
    select = REASON_SELECT.search(page)
    assert select, page
    first = re.search(r"<option([^>]*)>", select.group(1))
    assert first is not None
    assert first.group(1) == ' value=""'  # a placeholder, and nothing selected
    assert "selected" not in select.group(1)
    assert "Bảo hiểm xã hội quận, huyện nơi bạn cư trú — phù hợp với nội dung phiếu" in page
    no_reason = await signed_in.submit(
        f"/tickets/{ticket.id}/reject/confirm", {"reason": ""}, form_page=f"/tickets/{ticket.id}"
    )
    assert no_reason.status == 303
    assert "Hãy chọn lý do không tiếp nhận" in await signed_in.page(f"/tickets/{ticket.id}")
    assert await ticket_status(signed_in, ticket.id) is TicketStatus.NEW


@pytest.mark.parametrize("signed_in", ["moderator"], indirect=True)
async def test_the_confirm_page_changes_nothing_then_the_rejection_tells_everything(
    signed_in: Dashboard,
) -> None:
    ticket = await file_ticket(signed_in.services, LAN, OFF_TOPIC)
    detail = f"/tickets/{ticket.id}"
    form = {"reason": "off_topic", "words": WORDS, "referral": "bhxh-quan-huyen"}
    response = await signed_in.submit(f"{detail}/reject/confirm", form, form_page=detail)
    assert response.status == 200
    body = await response.text()
    assert "<script>alert(1)</script>" not in body
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in body
    assert "Bảo hiểm xã hội quận, huyện nơi bạn cư trú" in body
    assert await ticket_status(signed_in, ticket.id) is TicketStatus.NEW  # nothing yet
    hidden = re.search(r'<textarea name="words" hidden readonly>(.*?)</textarea>', body, re.S)
    assert hidden is not None
    confirmed = await signed_in.submit(f"{detail}/reject", form, form_page=detail)
    assert confirmed.status == 303
    assert await ticket_status(signed_in, ticket.id) is TicketStatus.REJECTED
    page = await signed_in.page(detail)
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page  # the words sent, escaped
    assert "<script>alert(1)" not in page
    assert "Đã hướng dẫn tới" in page
    async with signed_in.services.accounts._uow() as uow:
        history = await uow.audit.for_ticket(ticket.id)
        later = dt.datetime.now(dt.UTC) + dt.timedelta(hours=1)
        claimed = await uow.notices.claim("test", 10, later, later)
    rejected = [entry for entry in history if entry.action == "reject"]
    assert len(rejected) == 1
    assert rejected[0].detail is not None
    assert rejected[0].detail == "off_topic → bhxh-quan-huyen +words"
    facts = [json.loads(n.detail or "{}") for n in claimed if n.event == "rejected"]
    assert facts == [{"reason": "off_topic", "words": WORDS, "referral": "bhxh-quan-huyen"}]


@pytest.mark.parametrize("signed_in", ["moderator"], indirect=True)
async def test_a_referral_that_does_not_fit_is_refused_politely(signed_in: Dashboard) -> None:
    ticket = await file_ticket(signed_in.services, LAN, OFF_TOPIC)
    detail = f"/tickets/{ticket.id}"
    for form in (
        {"reason": "spam", "referral": "bhxh-quan-huyen"},
        {"reason": "off_topic", "referral": "no-such-office"},
    ):
        for step in ("reject/confirm", "reject"):
            response = await signed_in.submit(f"{detail}/{step}", form, form_page=detail)
            assert response.status == 303
            assert "Chỉ hướng dẫn tới nơi khác" in await signed_in.page(detail)
    too_long = {"reason": "off_topic", "words": "chữ " * 400}
    response = await signed_in.submit(f"{detail}/reject", too_long, form_page=detail)
    assert response.status == 303
    assert await ticket_status(signed_in, ticket.id) is TicketStatus.NEW
