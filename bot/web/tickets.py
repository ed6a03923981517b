"""The ticket queue: filter and search, a ticket's full record, the officials' actions on one
ticket or many, the photo, and the export. Every action is a ModerationService call."""

from __future__ import annotations

import logging
from urllib.parse import urlencode

from aiohttp import web
from multidict import MultiDictProxy
from telegram.error import TelegramError

from bot.domain.errors import (
    DomainError,
    TicketNotFound,
    TooManyForBulk,
)
from bot.domain.records import MAX_RECORD_ID
from bot.domain.statuses import RejectReason, TicketStatus
from bot.i18n import Language, Translator
from bot.services.kernel.plain_text import bounded_number
from bot.services.tickets.queue import BulkMove, TicketFilter
from bot.services.tickets.queue_export import COLUMNS, ExportFormat, ExportLabels
from bot.web import context
from bot.web.pages import local_path, refusal_notice, render, see_other, see_refusal

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
            "reasons": list(RejectReason),
            "back": request.path_qs,
            "page_link": lambda number: "/tickets?" + urlencode({**params, "page": number}),
        },
    )


@routes.get(TICKET, name="ticket")
async def ticket_page(request: web.Request) -> web.StreamResponse:
    services = context.services(request)
    detail = await services.ticket_search.detail(
        context.staff(request).actor, int(request.match_info["id"])
    )
    kb = services.knowledge.current.kb
    return render(
        request,
        "tickets/detail.html",
        {
            "detail": detail,
            "ticket": detail.ticket,
            "area_names": {key: area.name for key, area in kb.areas.items()},
            "department_names": {key: d.name for key, d in kb.departments.items()},
            "reasons": list(RejectReason),
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


@routes.post(TICKET + "/{move:approve|reject|assign|answer|close|publish|unpublish}")
async def ticket_move(request: web.Request) -> web.StreamResponse:
    ticket_id = int(request.match_info["id"])
    move = request.match_info["move"]
    form = await request.post()
    moderation = context.services(request).moderation
    actor = context.staff(request).actor
    here = f"/tickets/{ticket_id}"
    try:
        if move == "approve":
            view = await moderation.approve(actor, ticket_id)
        elif move == "close":
            view = await moderation.close(actor, ticket_id)
        elif move == "reject":
            reason = _field(form, "reason")
            if reason not in set(RejectReason):
                await see_other(request, here, "web-tickets-choose-reason")
            view = await moderation.reject(actor, ticket_id, RejectReason(reason))
        elif move == "assign":
            view = await moderation.assign(actor, ticket_id, _field(form, "department"))
        elif move == "answer":
            text = _field(form, "text", MAX_ANSWER_FORM_CHARS)
            view = await moderation.answer(actor, ticket_id, text)
        elif move == "publish":
            public_text = form.get("public_text")
            view = await moderation.set_published(
                actor,
                ticket_id,
                True,
                public_text[:MAX_ANSWER_FORM_CHARS] if isinstance(public_text, str) else None,
            )
        else:
            view = await moderation.set_published(actor, ticket_id, False)
    except TicketNotFound:
        raise
    except DomainError as error:
        key, args = _refusal(error, request)
        await see_other(request, here, key, **args)
    await see_other(request, here, f"web-tickets-done-{move}", code=view.code)


@routes.post("/tickets/bulk")
async def bulk(request: web.Request) -> web.StreamResponse:
    form = await request.post()
    back = local_path(_field(form, "back", 2000), "/tickets")
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


@routes.post("/tickets/export")
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


def _refusal(error: DomainError, request: web.Request) -> tuple[str, dict[str, str | int]]:
    """The notice explaining why a move was refused."""
    notice = refusal_notice(request, error)
    if notice is None:
        raise error
    return notice


def _field(form: Form, name: str, limit: int = 200) -> str:
    value = form.get(name)
    return value[:limit] if isinstance(value, str) else ""


def _int(value: str | None, default: int) -> int:
    number = bounded_number(value, 999_999) if value else None
    return default if number is None else number
