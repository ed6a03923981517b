"""The ticket queue: filter and search, a ticket's full record, the officials' actions on one
ticket or many, the photo, and the export. Every action is a ModerationService call."""

from __future__ import annotations

import logging
from collections.abc import Awaitable, Callable
from typing import NoReturn
from urllib.parse import urlencode

from aiohttp import web
from multidict import MultiDictProxy
from telegram.error import TelegramError

from bot.domain.errors import DomainError, TooManyForBulk
from bot.domain.records import MAX_RECORD_ID
from bot.domain.statuses import RejectReason, TicketStatus
from bot.i18n import Language, Translator
from bot.services.kernel.actor import Actor
from bot.services.kernel.plain_text import bounded_number
from bot.services.tickets.model import TicketView
from bot.services.tickets.moderation import ModerationService
from bot.services.tickets.queue import NO_DEPARTMENT, BulkMove, TicketFilter
from bot.services.tickets.queue_export import COLUMNS, ExportFormat, ExportLabels
from bot.web import context
from bot.web.pages import local_path, render, route_url, see_other, see_refusal

logger = logging.getLogger(__name__)
routes = web.RouteTableDef()
Form = MultiDictProxy[str | bytes | bytearray | web.FileField]

TICKET = r"/tickets/{id:\d{1,9}}"
MAX_ANSWER_FORM_CHARS = 20_000  # the service enforces the real limit and says so


@routes.get("/tickets", name="tickets")
async def queue(request: web.Request) -> web.StreamResponse:
    services = context.services(request)
    wanted = TicketFilter.parse(request.query)
    page_number = _int(request.query.get("page"), 0)
    page = await services.ticket_search.search(context.staff(request).actor, wanted, page_number)
    kb = services.knowledge.current.kb
    params = wanted.to_params()
    return render(
        request,
        "tickets/list.html",
        {
            "page": page,
            "wanted": wanted,
            "params": params,
            "query_string": urlencode(params),
            "statuses": list(TicketStatus),
            "areas": list(kb.areas.values()),
            "area_names": {key: area.name for key, area in kb.areas.items()},
            "departments": list(kb.departments.values()),
            "department_names": {key: d.name for key, d in kb.departments.items()},
            "no_department": NO_DEPARTMENT,
            "reasons": list(RejectReason),
            "back": request.path_qs,
            "page_link": lambda number: route_url(
                request, "tickets", {**params, "page": str(number)}
            ),
        },
    )


@routes.get(TICKET, name="ticket")
async def ticket_page(request: web.Request) -> web.StreamResponse:
    """The ticket's record, notes and saved answers (`?answer=ID` fills one in, ready to send)."""
    services = context.services(request)
    pick = bounded_number(request.query.get("answer", ""), MAX_RECORD_ID)
    translate = request.app[context.TRANSLATOR]
    desk = await services.ticket_desk.page(
        context.staff(request).actor,
        int(request.match_info["id"]),
        pick,
        neutral_name=lambda language: translate(language, "saved-answer-neutral-name"),
    )
    detail = desk.detail
    kb = services.knowledge.current.kb
    return render(
        request,
        "tickets/detail.html",
        {
            "desk": desk,
            "detail": detail,
            "ticket": detail.ticket,
            "area_names": {key: area.name for key, area in kb.areas.items()},
            "department_names": {key: d.name for key, d in kb.departments.items()},
            "reasons": list(RejectReason),
            "referrals": services.moderation.referrals.for_text(detail.ticket.text),
            "referred": services.moderation.referrals.office(detail.ticket.referral),
            "max_answer": services.moderation.reply_max_chars,
        },
    )


@routes.get(TICKET + "/photo", name="ticket-photo")
async def ticket_photo(request: web.Request) -> web.StreamResponse:
    file_id = await context.services(request).moderation.photo(
        context.staff(request).actor, int(request.match_info["id"])
    )
    source = request.app[context.PHOTOS]
    if file_id is None or source is None:
        raise web.HTTPNotFound()
    try:
        data, content_type = await source.download(file_id)
    except (TelegramError, ValueError):
        logger.warning("could not fetch the photo of ticket %s", request.match_info["id"])
        raise web.HTTPNotFound() from None
    return web.Response(
        body=data,
        content_type=content_type,
        headers={"Cache-Control": "private, max-age=300", "Content-Disposition": "inline"},
    )


# One view per move, each its own route and one ModerationService call. CSRF is checked by
# `security.csrf_protection` and the role by the service, for every move alike; a refusal
# comes back to the ticket as a notice, an unknown ticket is the one 404 page.


@routes.post(TICKET + "/approve", name="ticket-approve")
async def approve(request: web.Request) -> web.StreamResponse:
    await _move(
        request,
        "approve",
        lambda moderation, actor, ticket_id: moderation.approve(actor, ticket_id),
    )


@routes.post(TICKET + "/reject", name="ticket-reject")
async def reject(request: web.Request) -> web.StreamResponse:
    """The confirmed rejection (bot/web/rejection.py shows what the resident will be told)."""
    form = await request.post()
    reason = _field(form, "reason")
    if reason not in set(RejectReason):
        ticket_url = _ticket_url(request, _ticket_id(request))
        await see_other(request, ticket_url, "web-tickets-choose-reason")
    words = _field(form, "words", MAX_ANSWER_FORM_CHARS) or None
    referral = _field(form, "referral") or None
    await _move(
        request,
        "reject",
        lambda moderation, actor, ticket_id: moderation.reject(
            actor, ticket_id, RejectReason(reason), words=words, referral=referral
        ),
    )


@routes.post(TICKET + "/assign", name="ticket-assign")
async def assign(request: web.Request) -> web.StreamResponse:
    department = _field(await request.post(), "department")
    await _move(
        request,
        "assign",
        lambda moderation, actor, ticket_id: moderation.assign(actor, ticket_id, department),
    )


@routes.post(TICKET + "/answer", name="ticket-answer")
async def answer(request: web.Request) -> web.StreamResponse:
    text = _field(await request.post(), "text", MAX_ANSWER_FORM_CHARS)
    await _move(
        request,
        "answer",
        lambda moderation, actor, ticket_id: moderation.answer(actor, ticket_id, text),
    )


@routes.post(TICKET + "/close", name="ticket-close")
async def close(request: web.Request) -> web.StreamResponse:
    await _move(
        request, "close", lambda moderation, actor, ticket_id: moderation.close(actor, ticket_id)
    )


@routes.post(TICKET + "/publish", name="ticket-publish")
async def publish(request: web.Request) -> web.StreamResponse:
    public_text = (await request.post()).get("public_text")
    edited = public_text[:MAX_ANSWER_FORM_CHARS] if isinstance(public_text, str) else None
    await _move(
        request,
        "publish",
        lambda moderation, actor, ticket_id: moderation.set_published(
            actor, ticket_id, True, edited
        ),
    )


@routes.post(TICKET + "/unpublish", name="ticket-unpublish")
async def unpublish(request: web.Request) -> web.StreamResponse:
    await _move(
        request,
        "unpublish",
        lambda moderation, actor, ticket_id: moderation.set_published(actor, ticket_id, False),
    )


@routes.post(TICKET + "/note", name="ticket-note")
async def add_note(request: web.Request) -> web.StreamResponse:
    """An internal note, for officials only."""
    text = _field(await request.post(), "note", MAX_ANSWER_FORM_CHARS)
    ticket_id = _ticket_id(request)
    try:
        await context.services(request).ticket_notes.add(
            context.staff(request).actor, ticket_id, text
        )
    except DomainError as error:
        await see_refusal(request, _ticket_url(request, ticket_id), error)
    await see_other(request, _ticket_url(request, ticket_id) + "#notes", "ticket-note-done")


@routes.post(TICKET + "/assign-person", name="ticket-assign-person")
async def assign_person(request: web.Request) -> web.StreamResponse:
    """Give the ticket to an official's account (empty: to nobody)."""
    chosen = _field(await request.post(), "account")
    account_id = bounded_number(chosen, MAX_RECORD_ID) if chosen else None
    ticket_id = _ticket_id(request)
    if chosen and account_id is None:
        await see_other(request, _ticket_url(request, ticket_id), "ticket-assignee-refused")
    try:
        code = await context.services(request).ticket_assignment.assign_person(
            context.staff(request).actor, ticket_id, account_id
        )
    except DomainError as error:
        await see_refusal(request, _ticket_url(request, ticket_id), error)
    await see_other(request, _ticket_url(request, ticket_id), "ticket-assignee-done", code=code)


# What a move view hands `_move`: the one ModerationService call, given the acting official and
# the ticket of the address.
MoveCall = Callable[[ModerationService, Actor, int], Awaitable[TicketView]]


async def _move(request: web.Request, move: str, call: MoveCall) -> NoReturn:
    """Make the move; back to the ticket saying what was done, or why it was refused."""
    ticket_id = _ticket_id(request)
    try:
        view = await call(_moderation(request), context.staff(request).actor, ticket_id)
    except DomainError as error:
        await see_refusal(request, _ticket_url(request, ticket_id), error)
    await _done(request, move, view)


def _ticket_id(request: web.Request) -> int:
    return int(request.match_info["id"])


def _ticket_url(request: web.Request, ticket_id: int) -> str:
    return route_url(request, "ticket", id=ticket_id)


def _moderation(request: web.Request) -> ModerationService:
    return context.services(request).moderation


async def _done(request: web.Request, move: str, view: TicketView) -> NoReturn:
    """Back to the ticket, saying what was done."""
    location = _ticket_url(request, view.ticket.id)
    await see_other(request, location, f"web-tickets-done-{move}", code=view.code)


@routes.post("/tickets/bulk", name="tickets-bulk")
async def bulk(request: web.Request) -> web.StreamResponse:
    form = await request.post()
    back = local_path(_field(form, "back", 2000), route_url(request, "tickets"))
    chosen = (
        bounded_number(value, MAX_RECORD_ID) if isinstance(value, str) else None
        for value in form.getall("ticket", [])
    )
    ids = [ticket_id for ticket_id in chosen if ticket_id][:1000]
    choice = _field(form, "move")
    move_name, _, argument = choice.partition(":")
    if not ids:
        await see_other(request, back, "web-tickets-bulk-none")
    if move_name not in set(BulkMove):
        await see_other(request, back, "web-tickets-bulk-choose")
    try:
        outcome = await context.services(request).ticket_search.bulk(
            context.staff(request).actor, ids, BulkMove(move_name), argument
        )
    except TooManyForBulk as error:
        await see_refusal(request, back, error)
    refused = ", ".join(code for code, _ in outcome.refused)
    await see_other(
        request,
        back,
        "web-tickets-bulk-done" if not outcome.refused else "web-tickets-bulk-partly",
        done=len(outcome.done),
        refused=len(outcome.refused),
        codes=refused[:300],
    )


@routes.post("/tickets/export", name="tickets-export")
async def export(request: web.Request) -> web.StreamResponse:
    form = await request.post()
    wanted = TicketFilter.parse({key: str(value) for key, value in form.items()})
    chosen = _field(form, "format")
    fmt = ExportFormat(chosen) if chosen in set(ExportFormat) else ExportFormat.CSV
    language = context.language(request)
    translate = request.app[context.TRANSLATOR]
    exported = await context.services(request).ticket_export.export(
        context.staff(request).actor, wanted, fmt, export_labels(translate, language)
    )
    return web.Response(
        body=exported.data,
        headers={
            "Content-Type": exported.content_type,
            "Content-Disposition": f'attachment; filename="{exported.filename}"',
            "X-Export-Rows": str(exported.rows),
            "X-Export-Truncated": "yes" if exported.truncated else "no",
        },
    )


def export_labels(translate: Translator, language: Language) -> ExportLabels:
    return ExportLabels(
        language=language,
        headers={column: translate(language, f"web-tickets-column-{column}") for column in COLUMNS},
        statuses={s: translate(language, f"web-stats-status-{s.value}") for s in TicketStatus},
        yes=translate(language, "web-tickets-yes"),
        no=translate(language, "web-tickets-no"),
        other_topic=translate(language, "web-stats-topic-other"),
    )


def _field(form: Form, name: str, limit: int = 200) -> str:
    value = form.get(name)
    return value[:limit] if isinstance(value, str) else ""


def _int(value: str | None, default: int) -> int:
    number = bounded_number(value, 999_999) if value else None
    return default if number is None else number
