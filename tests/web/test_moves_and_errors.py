"""Each move on a ticket or a broadcast is its own named route: after it, back to the named
page; it refuses a GET, a form without the session's CSRF token and a role that may not do it.
Whatever is missing (a ticket, a broadcast, an account, a FAQ draft, an address) gets one and
the same 404 page, with no trace of the error behind it. A forged schedule time is refused next
to its field."""

from __future__ import annotations

import logging
import re

import pytest
from aiohttp import web
from markupsafe import escape

from bot.domain.statuses import BroadcastStatus, TicketStatus
from bot.i18n import Translator
from bot.services.kernel.actor import Actor
from tests.tickets import file_ticket
from tests.web.conftest import PASSWORD, Dashboard

LAN = Actor.resident(7003001, "vi", "Nguyễn Thị Lan")
MAI = Actor.resident(7003002, "vi", "Trần Văn Mai")
SAY = Translator()
# Each ticket move's route name and a form it accepts, in an order one ticket can go through.
TICKET_MOVES: tuple[tuple[str, dict[str, str]], ...] = (
    ("approve", {}),
    ("assign", {"department": "so-gddt"}),
    ("answer", {"text": "Sở GD&ĐT đã cử người kiểm tra; sẽ sửa trong tuần."}),
    ("publish", {}),
    ("unpublish", {}),
    ("close", {}),
)
ALL_TICKET_MOVES = (*TICKET_MOVES, ("reject", {"reason": "spam"}))
BROADCAST_MOVES = ("send", "pause", "resume", "cancel")
MAIN = re.compile(r"<main>.*</main>", re.S)


def app_of(dashboard: Dashboard) -> web.Application:
    app = dashboard.client.app
    assert app is not None
    return app


def named(dashboard: Dashboard, name: str, **parts: int) -> str:
    """The path of the route named `name`, as the dashboard builds it."""
    url = app_of(dashboard).router[name].url_for(**{k: str(v) for k, v in parts.items()})
    return str(url)


async def ticket_status(dashboard: Dashboard, ticket_id: int) -> TicketStatus:
    async with dashboard.services.accounts._uow() as uow:
        ticket = await uow.tickets.get(ticket_id)
    assert ticket is not None
    return TicketStatus(ticket.status)


async def broadcast_status(dashboard: Dashboard, broadcast_id: int) -> BroadcastStatus:
    async with dashboard.services.accounts._uow() as uow:
        record = await uow.broadcasts.get(broadcast_id)
    assert record is not None
    return BroadcastStatus(record.status)


async def new_broadcast(dashboard: Dashboard) -> int:
    for resident_id in (8101, 8102):
        await dashboard.services.subscriptions.subscribe(
            Actor.resident(resident_id, "vi", f"Dân {resident_id}")
        )
    draft = await dashboard.services.broadcasts.prepare_text(
        Actor.system(), "Thông báo lịch tiếp dân", chat_id=None
    )
    return draft.broadcast.id


@pytest.mark.parametrize("signed_in", ["moderator"], indirect=True)
async def test_after_each_ticket_move_back_to_the_named_ticket_page(signed_in: Dashboard) -> None:
    one = await file_ticket(signed_in.services, LAN)
    two = await file_ticket(signed_in.services, MAI, "Trạm y tế đóng cửa sớm quá", topic="y-te")
    for ticket, moves in ((one, TICKET_MOVES), (two, (("reject", {"reason": "spam"}),))):
        page = named(signed_in, "ticket", id=ticket.id)
        for move, form in moves:
            path = named(signed_in, f"ticket-{move}", id=ticket.id)
            assert path == f"/tickets/{ticket.id}/{move}"  # the address users rely on
            response = await signed_in.submit(path, form, form_page=page)
            assert response.status == 303, move
            assert response.headers["Location"] == page, move
            done = SAY("vi", f"web-tickets-done-{move}", code=ticket.code)
            assert str(escape(done)) in await signed_in.page(page), move
    assert await ticket_status(signed_in, one.id) is TicketStatus.CLOSED
    assert await ticket_status(signed_in, two.id) is TicketStatus.REJECTED


@pytest.mark.parametrize("signed_in", ["moderator"], indirect=True)
async def test_a_refused_ticket_move_comes_back_to_the_named_page(signed_in: Dashboard) -> None:
    ticket = await file_ticket(signed_in.services, LAN)
    page = named(signed_in, "ticket", id=ticket.id)
    no_reason = await signed_in.submit(
        named(signed_in, "ticket-reject", id=ticket.id), {"reason": "nope"}, form_page=page
    )
    assert no_reason.headers["Location"] == page
    assert SAY("vi", "web-tickets-choose-reason") in await signed_in.page(page)
    approve = named(signed_in, "ticket-approve", id=ticket.id)
    await signed_in.submit(approve, {}, form_page=page)
    again = await signed_in.submit(approve, {}, form_page=page)
    assert again.status == 303
    assert again.headers["Location"] == page
    refused = SAY("vi", "web-tickets-refused-transition", status="x").split("x")[0]
    assert refused in await signed_in.page(page)
    assert await ticket_status(signed_in, ticket.id) is TicketStatus.APPROVED


@pytest.mark.parametrize("signed_in", ["broadcaster"], indirect=True)
async def test_after_each_broadcast_move_back_to_the_named_broadcast_page(
    signed_in: Dashboard,
) -> None:
    broadcast_id = await new_broadcast(signed_in)
    page = named(signed_in, "broadcast", id=broadcast_id)
    for move, status in zip(
        BROADCAST_MOVES,
        (
            BroadcastStatus.SENDING,
            BroadcastStatus.PAUSED,
            BroadcastStatus.SENDING,
            BroadcastStatus.CANCELLED,
        ),
        strict=True,
    ):
        path = named(signed_in, f"broadcast-{move}", id=broadcast_id)
        assert path == f"/broadcasts/{broadcast_id}/{move}"
        form = {"confirmed": "yes"} if move == "send" else {}  # sent from the confirmation
        response = await signed_in.submit(path, form, form_page=page)
        assert response.status == 303, move
        assert response.headers["Location"] == page, move
        assert await broadcast_status(signed_in, broadcast_id) is status, move


async def test_each_move_refuses_a_get_and_a_form_without_its_token(signed_in: Dashboard) -> None:
    ticket = await file_ticket(signed_in.services, LAN)
    broadcast_id = await new_broadcast(signed_in)
    paths = [named(signed_in, f"ticket-{move}", id=ticket.id) for move, _ in ALL_TICKET_MOVES]
    paths += [named(signed_in, f"broadcast-{move}", id=broadcast_id) for move in BROADCAST_MOVES]
    token = await signed_in.csrf()
    for path in paths:
        got = await signed_in.client.get(path, allow_redirects=False)
        assert got.status == 405, path
        for sent in ({}, {"csrf_token": ""}, {"csrf_token": token + "x"}):
            refused = await signed_in.client.post(
                path, data={"reason": "spam", **sent}, allow_redirects=False
            )
            assert refused.status == 403, (path, sent)
            assert SAY("vi", "web-error-csrf-title") in await refused.text()
    assert await ticket_status(signed_in, ticket.id) is TicketStatus.NEW
    assert await broadcast_status(signed_in, broadcast_id) is BroadcastStatus.DRAFT


@pytest.mark.parametrize("signed_in", ["broadcaster"], indirect=True)
async def test_a_broadcaster_may_make_no_ticket_move(signed_in: Dashboard) -> None:
    ticket = await file_ticket(signed_in.services, LAN)
    for move, form in ALL_TICKET_MOVES:
        response = await signed_in.submit(named(signed_in, f"ticket-{move}", id=ticket.id), form)
        assert response.status == 403, move
        assert SAY("vi", "web-error-forbidden-title") in await response.text()
    assert await ticket_status(signed_in, ticket.id) is TicketStatus.NEW


@pytest.mark.parametrize("signed_in", ["moderator"], indirect=True)
async def test_a_moderator_may_make_no_broadcast_move(signed_in: Dashboard) -> None:
    broadcast_id = await new_broadcast(signed_in)
    for move in BROADCAST_MOVES:
        response = await signed_in.submit(
            named(signed_in, f"broadcast-{move}", id=broadcast_id), {}
        )
        assert response.status == 403, move
    assert await broadcast_status(signed_in, broadcast_id) is BroadcastStatus.DRAFT


async def test_whatever_is_missing_gets_the_same_404_page(
    signed_in: Dashboard, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.ERROR)
    gets = [
        "/tickets/999999",
        "/broadcasts/999999",
        "/broadcasts/999999/chart-vi.png",
        "/faq/drafts/999999",
        "/no/such/page",
        "/tickets/abc",
    ]
    posts = [
        ("/tickets/999999/close", {}),
        ("/broadcasts/999999/pause", {}),
        ("/broadcasts/999999/send", {"send_at": ""}),
        ("/accounts/no.such.official/disable", {}),
        ("/accounts/no.such.official/enable", {}),
        ("/faq/drafts/999999/discard", {}),
    ]
    bodies: dict[str, str] = {}
    for path in gets:
        bodies[path] = await signed_in.page(path, status=404)
    for path, form in posts:
        response = await signed_in.submit(path, form)
        assert response.status == 404, path
        bodies[f"POST {path}"] = await response.text()
    cookies = [cookie.value for cookie in signed_in.client.session.cookie_jar]
    async with signed_in.services.accounts._uow() as uow:
        hashes = [account.password_hash for account in await uow.staff_accounts.all()]
    shown = set()
    for path, body in bodies.items():
        assert str(escape(SAY("vi", "web-error-not-found"))) in body, path
        for leak in ("Traceback", "NotFound", "Refused", "unknown_broadcast", "no FAQ draft"):
            assert leak not in body, (path, leak)
        for secret in (PASSWORD, *cookies, *hashes):
            assert secret not in body, path
        main = MAIN.search(body)
        assert main, path
        shown.add(main.group(0))
    assert len(shown) == 1  # one page, whatever was missing
    assert not caplog.records  # nothing went wrong: nothing to log as an error


@pytest.mark.parametrize(
    "send_at",
    [
        "0001-01-01T00:00:00+07:00",
        "0001-01-01T00:00:00+00:00",
        "9999-12-31T23:59:59-07:00",
        "9999-12-31T23:59:59+00:00",
        "2026-12-01T08:00:00",  # no offset: whose 08:00?
        "ngày mai",
    ],
)
@pytest.mark.parametrize("signed_in", ["broadcaster"], indirect=True)
async def test_a_forged_schedule_time_is_refused_next_to_its_field(
    signed_in: Dashboard, send_at: str
) -> None:
    broadcast_id = await new_broadcast(signed_in)
    page = named(signed_in, "broadcast", id=broadcast_id)
    response = await signed_in.submit(
        named(signed_in, "broadcast-send", id=broadcast_id), {"send_at": send_at}, form_page=page
    )
    body = await response.text()
    assert response.status == 400, body[:500]
    problem = re.search(r'<p class="error" role="alert" id="send-at-problem">([^<]*)</p>', body)
    assert problem, "no problem next to the schedule"
    assert problem.group(1) == str(escape(SAY("vi", "web-broadcast-bad-time")))
    assert 'aria-describedby="send-at-problem"' in body
    assert await broadcast_status(signed_in, broadcast_id) is BroadcastStatus.DRAFT
    async with signed_in.services.accounts._uow() as uow:
        assert (await uow.deliveries.counts([broadcast_id]))[broadcast_id] == {}
