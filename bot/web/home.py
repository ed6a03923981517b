"""The start page: what this official can do, with the work waiting."""

from __future__ import annotations

from aiohttp import web

from bot.web import context
from bot.web.pages import render

routes = web.RouteTableDef()


@routes.get("/", name="home")
async def home(request: web.Request) -> web.StreamResponse:
    context.staff(request)
    return render(request, "home.html")
