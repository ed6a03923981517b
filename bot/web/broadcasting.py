"""Broadcasts from the dashboard: compose from a text or a quarterly report, preview what
residents get, send now or schedule, watch progress, pause, resume, cancel, and the history.

The same BroadcastService as the admin chat's /broadcast; the delivery worker sends the rows.
"""

from __future__ import annotations

import datetime as dt
import html

from aiohttp import web

from bot.domain.errors import BroadcastRefused
from bot.domain.statuses import BroadcastStatus, Refusal
from bot.i18n import as_language
from bot.services.broadcasts.lifecycle import schedule_choices
from bot.services.broadcasts.model import ConfirmOutcome, Progress
from bot.services.kernel.clock import utc_now
from bot.web import context
from bot.web.pages import render, see_other, see_refusal
from bot.web.telegram_html import telegram_html

routes = web.RouteTableDef()

BROADCAST = r"/broadcasts/{id:\d{1,9}}"
MAX_FORM_TEXT = 20_000  # the service enforces Telegram's limit and says so
REFRESH_SECONDS = 3
RUNNING = (BroadcastStatus.SENDING, BroadcastStatus.PAUSED)


@routes.get("/broadcasts", name="broadcasts")
async def broadcasts_page(request: web.Request) -> web.StreamResponse:
    services = context.services(request)
    history = await services.broadcasts.history(context.staff(request).actor)
    reports = sorted(
        services.knowledge.current.kb.reports.values(), key=lambda report: report.published
    )
    return render(
        request,
        "broadcasting/list.html",
        {"history": history, "reports": list(reversed(reports)), "text": ""},
    )


@routes.post("/broadcasts/text")
async def compose_text(request: web.Request) -> web.StreamResponse:
    form = await request.post()
    written = form.get("text")
    # Officials type plain text here: it reaches residents exactly as typed, never as markup.
    text = html.escape(written[:MAX_FORM_TEXT], quote=False) if isinstance(written, str) else ""
    try:
        draft = await context.services(request).broadcasts.prepare_text(
            context.staff(request).actor, text, chat_id=None
        )
    except BroadcastRefused as refused:
        await see_refusal(request, "/broadcasts", refused)
    await see_other(request, f"/broadcasts/{draft.broadcast.id}")


@routes.post("/broadcasts/report")
async def compose_report(request: web.Request) -> web.StreamResponse:
    form = await request.post()
    key = form.get("report")
    try:
        draft = await context.services(request).broadcasts.prepare_report(
            context.staff(request).actor, key[:64] if isinstance(key, str) else "", chat_id=None
        )
    except BroadcastRefused as refused:
        await see_refusal(request, "/broadcasts", refused)
    await see_other(request, f"/broadcasts/{draft.broadcast.id}")


@routes.get(BROADCAST, name="broadcast")
async def broadcast_page(request: web.Request) -> web.StreamResponse:
    broadcast_id = int(request.match_info["id"])
    service = context.services(request).broadcasts
    actor = context.staff(request).actor
    try:
        progress = await service.progress(actor, broadcast_id)
        preview = await service.preview(actor, broadcast_id)
    except BroadcastRefused:
        raise web.HTTPNotFound() from None
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
        },
    )


@routes.get(BROADCAST + "/chart-{language:vi|en}.png")
async def broadcast_chart(request: web.Request) -> web.StreamResponse:
    try:
        preview = await context.services(request).broadcasts.preview(
            context.staff(request).actor, int(request.match_info["id"])
        )
    except BroadcastRefused:
        raise web.HTTPNotFound() from None
    language = as_language(request.match_info["language"])
    message = preview.messages.get(language) if language else None
    if message is None or message.photo is None:
        raise web.HTTPNotFound()
    return web.Response(
        body=message.photo, content_type="image/png", headers={"Cache-Control": "private"}
    )


@routes.post(BROADCAST + "/{move:send|pause|resume|cancel}")
async def broadcast_move(request: web.Request) -> web.StreamResponse:
    broadcast_id = int(request.match_info["id"])
    move = request.match_info["move"]
    service = context.services(request).broadcasts
    actor = context.staff(request).actor
    here = f"/broadcasts/{broadcast_id}"
    form = await request.post()
    try:
        if move == "send":
            send_at = _moment(form.get("send_at"))
            confirmation = await service.confirm(actor, broadcast_id, send_at=send_at)
            notice = {
                ConfirmOutcome.STARTED: "web-broadcast-started",
                ConfirmOutcome.SCHEDULED: "web-broadcast-scheduled",
                ConfirmOutcome.ALREADY: "web-broadcast-already",
            }[confirmation.outcome]
        elif move == "pause":
            await service.pause(actor, broadcast_id)
            notice = "web-broadcast-paused"
        elif move == "resume":
            await service.resume(actor, broadcast_id)
            notice = "web-broadcast-resumed"
        else:
            await service.cancel(actor, broadcast_id)
            notice = "web-broadcast-cancelled"
    except BroadcastRefused as refused:
        if refused.reason is Refusal.UNKNOWN_BROADCAST:
            raise web.HTTPNotFound() from None
        await see_refusal(request, here, refused)
    await see_other(request, here, notice)


def _moment(value: object) -> dt.datetime | None:
    """A schedule choice (ISO time with its offset); anything else means "now"."""
    if not isinstance(value, str) or not value:
        return None
    try:
        moment = dt.datetime.fromisoformat(value[:40])
    except ValueError:
        return None
    return moment if moment.tzinfo is not None else None


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
