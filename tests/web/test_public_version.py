"""The public version of a ticket on the dashboard: the masked text as an editable preview,
masked again when published; no publishing without the resident's consent."""

from __future__ import annotations

import html
import re

import pytest

from bot.services.kernel.actor import Actor
from tests.tickets import FeedbackChoices, file_ticket
from tests.web.conftest import Dashboard

LAN = Actor.resident(7002001, "vi", "Nguyễn Thị Lan", ("Lan", "Nguyễn Thị", "lan_hn92"))
MAI = Actor.resident(7002002, "vi", "Trần Văn Mai")
PLANTED = (
    "Tôi là Nguyễn Thị Lan, số nhà 12 ngõ 34 phố Huế, gọi 0912 345 678 hoặc lan_hn92: "
    "học phí trường tiểu học tăng quá cao"
)


def public_version(page: str) -> str:
    match = re.search(r'<textarea name="public_text"[^>]*>(.*?)</textarea>', page, re.S)
    assert match, "no public version on the page"
    return html.unescape(match.group(1))


async def answer(signed_in: Dashboard, ticket_id: int) -> None:
    await signed_in.submit(
        f"/tickets/{ticket_id}/answer",
        {"text": "Sở GD&ĐT đang rà soát mức học phí."},
        form_page=f"/tickets/{ticket_id}",
    )


@pytest.mark.parametrize("signed_in", ["moderator"], indirect=True)
async def test_the_public_version_is_masked_editable_and_masked_again(
    signed_in: Dashboard,
) -> None:
    ticket = await file_ticket(
        signed_in.services, LAN, PLANTED, choices=FeedbackChoices(anonymous=True)
    )
    await answer(signed_in, ticket.id)
    form_page = f"/tickets/{ticket.id}"
    preview = public_version(await signed_in.page(form_page))
    assert "học phí trường tiểu học tăng quá cao" in preview
    for secret in ("Lan", "0912", "345 678", "lan_hn92", "12 ngõ 34", "ngõ 34"):
        assert secret not in preview, preview

    # The official edits the public version, and slips a phone number back in by mistake.
    edited = "Học phí trường tiểu học tăng quá cao, đề nghị xem lại (chị Lan, 0987 654 321)."
    response = await signed_in.submit(
        f"/tickets/{ticket.id}/publish", {"public_text": edited}, form_page=form_page
    )
    assert response.status == 303
    assert "Đã công khai" in await signed_in.page(form_page)
    register = await signed_in.services.feedback.public_register()
    [entry] = [entry for entry in register.items if entry.code == ticket.code]
    assert entry.question.startswith("Học phí trường tiểu học tăng quá cao, đề nghị xem lại")
    assert "0987" not in entry.question
    assert "Lan" not in entry.question
    # The original stays private, unchanged.
    async with signed_in.services.accounts._uow() as uow:
        stored = await uow.tickets.get(ticket.id)
    assert stored is not None
    assert stored.text == PLANTED
    assert stored.public_text == edited


@pytest.mark.parametrize("signed_in", ["moderator"], indirect=True)
async def test_without_consent_the_dashboard_cannot_publish(signed_in: Dashboard) -> None:
    ticket = await file_ticket(
        signed_in.services,
        MAI,
        "Đề nghị sửa đèn đường ở phố Huế",
        choices=FeedbackChoices(consent=False),
    )
    await answer(signed_in, ticket.id)
    form_page = f"/tickets/{ticket.id}"
    page = await signed_in.page(form_page)
    assert 'name="public_text"' not in page
    assert "Người dân không đồng ý công khai phiếu này." in page
    response = await signed_in.submit(
        f"/tickets/{ticket.id}/publish", {"public_text": "Sửa đèn đường"}, form_page=form_page
    )
    assert response.status == 303
    assert "Người dân không đồng ý công khai phiếu này." in await signed_in.page(form_page)
    register = await signed_in.services.feedback.public_register()
    assert ticket.code not in [entry.code for entry in register.items]
