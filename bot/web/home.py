"""The start page: what this official can do, with the work waiting: new, waiting and overdue
tickets by department (and those given to none yet), each count a link to the queue
filtered so."""

from __future__ import annotations

from aiohttp import web

from bot.services.tickets.queue import NO_DEPARTMENT
from bot.web import context
from bot.web.pages import render, route_url

routes = web.RouteTableDef()


@routes.get("/", name="home")
async def home(request: web.Request) -> web.StreamResponse:
    overview = await context.services(request).ticket_deadlines.overview(
        context.staff(request).actor
    )
    kb = context.services(request).knowledge.current.kb

    def queue_link(department: str | None, **query: str) -> str:
        where = {"department": department} if department else {}
        return route_url(request, "tickets", {**where, **query})

    return render(
        request,
        "home.html",
        {
            "overview": overview,
            "department_names": {key: d.name for key, d in kb.departments.items()},
            "queue_link": queue_link,
            "no_department": NO_DEPARTMENT,
        },
    )
