"""The published content as residents are told it: each area's indicators (value, period, plan,
status and the sentence of the report they come from) and policies, with the result of checking
the content files on disk (what `danbiet content check` says)."""

from __future__ import annotations

from aiohttp import web

from bot.web import context
from bot.web.pages import render

routes = web.RouteTableDef()


@routes.get("/content", name="content")
async def content_page(request: web.Request) -> web.StreamResponse:
    report = await context.services(request).content_review.review(context.staff(request).actor)
    return render(
        request,
        "content/overview.html",
        {
            "report": report,
            "indicator_count": sum(len(section.indicators) for section in report.areas),
            "policy_count": sum(len(section.policies) for section in report.areas),
        },
    )
