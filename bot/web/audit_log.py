"""The audit log page: every audited action, newest first, filtered by a GET form. Who may read
it (dashboard administrators) is the audit log service's to say."""

from __future__ import annotations

from aiohttp import web

from bot.services.access.audit_log import AuditLogFilter
from bot.web import context
from bot.web.pages import render, route_url

routes = web.RouteTableDef()


@routes.get("/audit", name="audit-log")
async def audit_log_page(request: web.Request) -> web.StreamResponse:
    wanted = AuditLogFilter.parse(request.query)
    page = await context.services(request).audit_log.page(context.staff(request).actor, wanted)
    return render(
        request,
        "audit/list.html",
        {
            "page": page,
            "wanted": wanted,
            "page_link": lambda number: route_url(
                request, "audit-log", wanted.to_params(page=number)
            ),
        },
    )
