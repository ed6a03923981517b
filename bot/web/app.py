"""The dashboard's aiohttp application, built once by the composition root."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from pathlib import Path

from aiohttp import web

from bot.i18n import Translator
from bot.metrics import Metrics
from bot.services.container import Services
from bot.web import (
    accounts,
    auth,
    broadcasting,
    content,
    context,
    faq,
    home,
    operations,
    security,
    stats,
    tickets,
)
from bot.web.pages import setup_templates

STATIC = Path(__file__).resolve().parent / "static"
MAX_FORM_BYTES = 256 * 1024  # a broadcast text is the longest thing anyone types here


def build_dashboard(  # noqa: PLR0913 - the dashboard's keyword-only, optional parts
    services: Services,
    translator: Translator,
    *,
    config: context.DashboardConfig | None = None,
    photos: context.PhotoSource | None = None,
    metrics: Metrics | None = None,
    bot_probe: Callable[[], Awaitable[bool]] | None = None,
    webhook: tuple[str, security.Handler] | None = None,
    updates_source: Callable[[], str] | None = None,
) -> web.Application:
    """The dashboard; with ``webhook`` (path, handler), also where Telegram posts updates."""
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
    app[context.CONFIG] = config or context.DashboardConfig()
    app[context.PHOTOS] = photos
    app[context.METRICS] = metrics or Metrics()
    app[context.BOT_PROBE] = bot_probe
    app[context.WEBHOOK_PATH] = webhook[0] if webhook else None
    app[context.UPDATES_SOURCE] = updates_source
    setup_templates(app)
    for section in (operations, auth, home, accounts, tickets, stats, faq, broadcasting, content):
        app.add_routes(section.routes)
    if webhook is not None:
        app.router.add_post(webhook[0], webhook[1], name="telegram-webhook")
    app.router.add_static("/static/", STATIC, name="static", append_version=True)
    return app
