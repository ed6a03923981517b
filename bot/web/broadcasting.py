"""Broadcasts from the dashboard: compose from a text (one per language) or a quarterly report,
aimed at some wards and communes or everywhere, preview what residents get, send now (after a
confirmation naming the recipients) or schedule, watch progress, pause, resume, cancel, the
history, and what a publish left to send: new reports and corrections.

The same BroadcastService as the admin chat's /broadcast; the delivery worker sends the rows.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Awaitable, Callable
from typing import Any, NoReturn

from aiohttp import web
from multidict import MultiDictProxy

from bot.domain.errors import BroadcastRefused
from bot.domain.statuses import BroadcastStatus
from bot.i18n import Language, as_language
from bot.services.broadcasts.lifecycle import BroadcastService
from bot.services.broadcasts.model import ConfirmOutcome, Draft, Progress
from bot.services.broadcasts.steps import schedule_choices
from bot.services.kernel.actor import Actor
from bot.services.kernel.clock import utc_now
from bot.web import context
from bot.web.pages import render, route_url, see_other, see_refusal
from bot.web.telegram_html import telegram_html
from content.hanoi_places import BY_KEY, Place, PlaceKind, places_of

routes = web.RouteTableDef()

BROADCAST = r"/broadcasts/{id:\d{1,9}}"
MAX_FORM_TEXT = 20_000  # the service enforces Telegram's limit and says so
REFRESH_SECONDS = 3
RUNNING = (BroadcastStatus.SENDING, BroadcastStatus.PAUSED)
# A sent time outside these years is a forged or garbled form, not a choice the page offered.
FIRST_YEAR, LAST_YEAR = 2000, 2999
CONFIRMED = {
    ConfirmOutcome.STARTED: "web-broadcast-started",
    ConfirmOutcome.SCHEDULED: "web-broadcast-scheduled",
    ConfirmOutcome.ALREADY: "web-broadcast-already",
}


@routes.get("/broadcasts", name="broadcasts")
async def broadcasts_page(request: web.Request) -> web.StreamResponse:
    services = context.services(request)
    actor = context.staff(request).actor
    history = await services.broadcasts.history(actor)
    offers = await services.broadcasts.offers(actor)
    reports = sorted(
        services.knowledge.current.kb.reports.values(), key=lambda report: report.published
    )
    return render(
        request,
        "broadcasting/list.html",
        {
            "history": history,
            "offers": offers,
            "reports": list(reversed(reports)),
            "places": {kind.value: places_of(kind) for kind in PlaceKind},
        },
    )


@routes.post("/broadcasts/text", name="broadcast-compose-text")
async def compose_text(request: web.Request) -> web.StreamResponse:
    form = await request.post()
    # What the official typed, in each language; the service renders their formatting and
    # escapes the rest (bot/services/broadcasts/markup.py).
    texts: dict[Language, str] = {"vi": _field(form.get("text")), "en": _field(form.get("text_en"))}
    try:
        draft = await context.services(request).broadcasts.prepare_text(
            context.staff(request).actor, texts, chat_id=None, districts=_districts(form)
        )
    except BroadcastRefused as refused:
        await see_refusal(request, route_url(request, "broadcasts"), refused)
    await see_other(request, _broadcast_url(request, draft.broadcast.id))


@routes.post("/broadcasts/report", name="broadcast-compose-report")
async def compose_report(request: web.Request) -> web.StreamResponse:
    form = await request.post()
    key = form.get("report")
    try:
        draft = await context.services(request).broadcasts.prepare_report(
            context.staff(request).actor,
            key[:64] if isinstance(key, str) else "",
            chat_id=None,
            districts=_districts(form),
        )
    except BroadcastRefused as refused:
        await see_refusal(request, route_url(request, "broadcasts"), refused)
    await see_other(request, _broadcast_url(request, draft.broadcast.id))


@routes.post(BROADCAST + "/correct", name="broadcast-correct")
async def correct(request: web.Request) -> web.StreamResponse:
    """A correction of that broadcast's figures the content now states differently."""
    broadcast_id = _broadcast_id(request)
    try:
        draft = await context.services(request).broadcasts.prepare_correction(
            context.staff(request).actor, broadcast_id, chat_id=None
        )
    except BroadcastRefused as refused:
        await see_refusal(request, route_url(request, "broadcasts"), refused)
    await see_other(request, _broadcast_url(request, draft.broadcast.id))


@routes.get(BROADCAST + "/confirm", name="broadcast-confirm")
async def confirm_page(request: web.Request) -> web.StreamResponse:
    """ "Send now" asks first: to how many residents, in which language, where."""
    broadcast_id = _broadcast_id(request)
    preview = await context.services(request).broadcasts.ask_to_send(
        context.staff(request).actor, broadcast_id
    )
    if not isinstance(preview, Draft):  # it went out already: nothing to ask
        await see_other(request, _broadcast_url(request, broadcast_id), "web-broadcast-already")
    return render(
        request,
        "broadcasting/confirm.html",
        {"preview": preview, "broadcast": preview.broadcast, "places": _places(preview)},
    )


@routes.get(BROADCAST, name="broadcast")
async def broadcast_page(request: web.Request) -> web.StreamResponse:
    return await _detail_page(request, _broadcast_id(request))


async def _detail_page(
    request: web.Request, broadcast_id: int, *, time_problem: str | None = None, status: int = 200
) -> web.Response:
    """The broadcast as residents will get it, its progress and controls; `time_problem` (a
    catalog key) is shown next to the schedule when the chosen time was refused."""
    service = context.services(request).broadcasts
    actor = context.staff(request).actor
    progress = await service.progress(actor, broadcast_id)
    preview = await service.preview(actor, broadcast_id)
    now = utc_now()
    rate, time_left = _pace(progress, now)
    return render(
        request,
        "broadcasting/detail.html",
        {
            "progress": progress,
            "broadcast": progress.broadcast,
            "status": progress.status.value,
            "preview": preview,
            "messages": {
                language: telegram_html(message.text)
                for language, message in preview.messages.items()
            },
            "charts": [language for language, m in preview.messages.items() if m.photo],
            "choices": schedule_choices(now) if progress.status is BroadcastStatus.DRAFT else [],
            "refresh": REFRESH_SECONDS if progress.status in RUNNING else None,
            "rate": rate,
            "minutes_left": None if time_left is None else max(1, round(time_left / 60)),
            "percent": round(100 * progress.done / progress.total) if progress.total else 0,
            "time_problem": time_problem,
            "places": _places(preview),
        },
        status=status,
    )


@routes.get(BROADCAST + "/chart-{language:vi|en}.png", name="broadcast-chart")
async def broadcast_chart(request: web.Request) -> web.StreamResponse:
    preview = await context.services(request).broadcasts.preview(
        context.staff(request).actor, _broadcast_id(request)
    )
    language = as_language(request.match_info["language"])
    message = preview.messages.get(language) if language else None
    if message is None or message.photo is None:
        raise web.HTTPNotFound()
    return web.Response(
        body=message.photo, content_type="image/png", headers={"Cache-Control": "private"}
    )


# One view per move, each its own route and one BroadcastService call. CSRF is checked by
# `security.csrf_protection` and the role by the service, for every move alike.


@routes.post(BROADCAST + "/send", name="broadcast-send")  # noqa: RET503 - see_other raises
async def send(request: web.Request) -> web.StreamResponse:
    broadcast_id = _broadcast_id(request)
    form = await request.post()
    try:
        send_at = _moment(form.get("send_at"))
    except ValueError:
        return await _detail_page(
            request, broadcast_id, time_problem="web-broadcast-bad-time", status=400
        )
    if send_at is None and form.get("confirmed") != "yes":
        # "Send now" is sent only from the confirmation, which names the recipients.
        return await confirm_page(request)
    try:
        confirmation = await context.services(request).broadcasts.confirm(
            context.staff(request).actor, broadcast_id, send_at=send_at
        )
    except BroadcastRefused as refused:
        await see_refusal(request, _broadcast_url(request, broadcast_id), refused)
    await _done(request, broadcast_id, CONFIRMED[confirmation.outcome])


@routes.post(BROADCAST + "/pause", name="broadcast-pause")
async def pause(request: web.Request) -> web.StreamResponse:
    await _step(request, "web-broadcast-paused", lambda broadcasts: broadcasts.pause)


@routes.post(BROADCAST + "/resume", name="broadcast-resume")
async def resume(request: web.Request) -> web.StreamResponse:
    await _step(request, "web-broadcast-resumed", lambda broadcasts: broadcasts.resume)


@routes.post(BROADCAST + "/cancel", name="broadcast-cancel")
async def cancel(request: web.Request) -> web.StreamResponse:
    await _step(request, "web-broadcast-cancelled", lambda broadcasts: broadcasts.cancel)


# Which BroadcastService move a view makes: pause, resume or cancel (the official, the broadcast).
Step = Callable[[BroadcastService], Callable[[Actor, int], Awaitable[object]]]


async def _step(request: web.Request, notice: str, step: Step) -> NoReturn:
    """Make the move; back to the broadcast saying it was done, or why it was refused."""
    broadcast_id = _broadcast_id(request)
    try:
        await step(context.services(request).broadcasts)(context.staff(request).actor, broadcast_id)
    except BroadcastRefused as refused:
        await see_refusal(request, _broadcast_url(request, broadcast_id), refused)
    await _done(request, broadcast_id, notice)


def _field(value: object) -> str:
    return value[:MAX_FORM_TEXT] if isinstance(value, str) else ""


def _districts(form: MultiDictProxy[Any]) -> list[str]:
    """The wards and communes chosen (the service refuses one Hanoi does not have)."""
    return [value[:64] for value in form.getall("districts", []) if isinstance(value, str)][:200]


def _places(draft: Draft) -> list[Place]:
    return [BY_KEY[key] for key in sorted(draft.broadcast.district_keys) if key in BY_KEY]


def _broadcast_id(request: web.Request) -> int:
    return int(request.match_info["id"])


def _broadcast_url(request: web.Request, broadcast_id: int) -> str:
    return route_url(request, "broadcast", id=broadcast_id)


async def _done(request: web.Request, broadcast_id: int, notice: str) -> NoReturn:
    await see_other(request, _broadcast_url(request, broadcast_id), notice)


def _moment(value: object) -> dt.datetime | None:
    """A schedule choice (an ISO time with its offset), in UTC; nothing chosen means "now".

    Raises ValueError for anything else: a garbled, offset-less or out-of-range time is refused
    rather than taken for "now" or left to overflow further on (year 1 at +07:00 has no UTC
    time; whether a time is too early or too late to schedule is the service's to say)."""
    if value is None or value == "":
        return None
    if not isinstance(value, str):
        raise ValueError("not a time")
    moment = dt.datetime.fromisoformat(value[:40])
    if moment.tzinfo is None:
        raise ValueError("a time without its offset")
    try:
        moment = moment.astimezone(dt.UTC)
    except OverflowError as error:
        raise ValueError("a time the calendar cannot hold in UTC") from error
    if not FIRST_YEAR <= moment.year <= LAST_YEAR:
        raise ValueError("a year no schedule choice has")
    return moment


def _pace(progress: Progress, now: dt.datetime) -> tuple[float | None, float | None]:
    """Messages a second since it started, and the seconds left at that pace."""
    started = progress.broadcast.started_at
    if progress.status is not BroadcastStatus.SENDING or started is None or not progress.done:
        return None, None
    elapsed = (now - started).total_seconds()
    if elapsed <= 0:
        return None, None
    rate = progress.done / elapsed
    return rate, progress.remaining / rate if rate > 0 else None
