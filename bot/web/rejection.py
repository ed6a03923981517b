"""The confirm step of a rejection on the dashboard: the official chose a reason (no default),
perhaps words to the resident and an office to refer them to; this page shows what the resident
will be told, and its button makes the move (`ticket-reject` in bot/web/tickets.py)."""

from __future__ import annotations

from aiohttp import web
from multidict import MultiDictProxy

from bot.domain.errors import DomainError
from bot.domain.statuses import RejectReason
from bot.services.tickets.rejection import REJECT_WORDS_MAX
from bot.web import context
from bot.web.pages import render, route_url, see_other, see_refusal

routes = web.RouteTableDef()
Form = MultiDictProxy[str | bytes | bytearray | web.FileField]

TICKET = r"/tickets/{id:\d{1,9}}"
MAX_WORDS_FORM_CHARS = 20_000  # the service enforces the real limit and says so


@routes.post(TICKET + "/reject/confirm", name="ticket-reject-confirm")
async def confirm(request: web.Request) -> web.StreamResponse:
    form = await request.post()
    ticket_id = int(request.match_info["id"])
    back = route_url(request, "ticket", id=ticket_id)
    reason = _field(form, "reason", 32)
    if reason not in set(RejectReason):
        await see_other(request, back, "web-tickets-choose-reason")
    try:
        preview = await context.services(request).moderation.preview_rejection(
            context.staff(request).actor,
            ticket_id,
            RejectReason(reason),
            words=_field(form, "words", MAX_WORDS_FORM_CHARS) or None,
            referral=_field(form, "referral", 64) or None,
        )
    except DomainError as error:
        await see_refusal(request, back, error)
    return render(
        request,
        "tickets/reject_confirm.html",
        {"preview": preview, "ticket": preview.view.ticket, "max_words": REJECT_WORDS_MAX},
    )


def _field(form: Form, name: str, limit: int) -> str:
    value = form.get(name)
    return value[:limit] if isinstance(value, str) else ""
