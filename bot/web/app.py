"""The dashboard's aiohttp application, built once by the composition root."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from pathlib import Path

from aiohttp import web

from bot.i18n import Translator
from bot.metrics import Metrics
from bot.services.container import Services
from bot.web import (
    accounts,
    audit_log,
    auth,
    broadcasting,
    content,
    content_editor,
    content_editor_removal,
    context,
    faq,
    home,
    open_data,
    operations,
    rejection,
    saved_answers,
    security,
    stats,
    tickets,
)
from bot.web.pages import setup_templates
from content.proposals import MAX_REPORT_BYTES

STATIC = Path(__file__).resolve().parent / "static"
# The longest thing anyone sends here is a report pasted into the content editor (at most
# MAX_REPORT_BYTES, sent as multipart: its bytes as they are), with the report's other fields.
MAX_FORM_BYTES = MAX_REPORT_BYTES + 256 * 1024


@dataclass(frozen=True, slots=True)
class DashboardParts:
    """What the running bot plugs into the dashboard; tests and benchmarks leave it out."""

    config: context.DashboardConfig = field(default_factory=context.DashboardConfig)
    photos: context.PhotoSource | None = None  # residents' photos, from the Bot API
    metrics: Metrics | None = None  # the bot's own counters, shown at /metrics
    bot_probe: Callable[[], Awaitable[bool]] | None = None  # /healthz: is the Bot API there?
    # Where Telegram posts updates (path, handler), when the bot runs by webhook.
    webhook: tuple[str, security.Handler] | None = None
    updates_source: Callable[[], str] | None = None  # "webhook", "polling" or "standby"


def build_dashboard(
    services: Services, translator: Translator, parts: DashboardParts | None = None
) -> web.Application:
    """The dashboard; with a webhook among its `parts`, also where Telegram posts updates."""
    parts = parts or DashboardParts()
    webhook = parts.webhook
    app = web.Application(
        middlewares=[
            security.security_headers,
            security.error_pages,
            security.signed_in,
            security.csrf_protection,
        ],
        client_max_size=MAX_FORM_BYTES,
    )
    app[context.SERVICES] = services
    app[context.TRANSLATOR] = translator
    app[context.CONFIG] = parts.config
    app[context.PHOTOS] = parts.photos
    app[context.METRICS] = parts.metrics or Metrics()
    app[context.BOT_PROBE] = parts.bot_probe
    app[context.WEBHOOK_PATH] = webhook[0] if webhook else None
    app[context.UPDATES_SOURCE] = parts.updates_source
    setup_templates(app)
    sections = (operations, auth, home, accounts, tickets, stats, faq, broadcasting, content)
    for section in (
        *sections,
        content_editor,
        content_editor_removal,
        saved_answers,
        rejection,
        open_data,
        audit_log,
    ):
        app.add_routes(section.routes)
    app.cleanup_ctx.append(stats.warmed_statistics)
    if webhook is not None:
        app.router.add_post(webhook[0], webhook[1], name="telegram-webhook")
    app.router.add_static("/static/", STATIC, name="static", append_version=True)
    return app
