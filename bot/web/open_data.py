"""Open data, public and read-only (no sign-in: `security.PUBLIC_PREFIXES`): the index of areas,
indicators and published releases, each indicator's page with its chart, and every published
release as CSV and JSON. In Vietnamese or English: `?lang=`, else the language cookie, else the
browser's Accept-Language. Every view calls one `services.open_data` method and renders."""

from __future__ import annotations

import datetime as dt
from typing import Any

from aiohttp import web
from yarl import URL

from bot.i18n import (
    DEFAULT_LANGUAGE,
    LANGUAGES,
    Language,
    as_language,
    format_number,
    format_quantity,
)
from bot.services.kernel.clock import LOCAL_TIME
from bot.services.knowledge.open_data_model import FileFormat
from bot.web import context
from bot.web.pages import render, route_url

routes = web.RouteTableDef()
# A numbered release never changes: its files and charts may be kept by any cache.
IMMUTABLE = "public, max-age=86400, immutable"


def accepted_language(header: str) -> Language | None:
    """The first of our languages in an Accept-Language header, by the browser's preference."""
    ranked: list[tuple[float, int, Language]] = []
    for position, part in enumerate(header.split(",")[:20]):
        tag, _, params = part.strip().partition(";")
        language = as_language(tag.strip().split("-")[0].lower())
        if language is None:
            continue
        weight = 1.0
        if params.strip().startswith("q="):
            try:
                weight = float(params.strip()[2:])
            except ValueError:
                continue
        if weight > 0:
            ranked.append((-weight, position, language))
    return min(ranked)[2] if ranked else None


def open_language(request: web.Request) -> Language:
    return (
        as_language(request.query.get("lang"))
        or as_language(request.cookies.get(context.LANGUAGE_COOKIE))
        or accepted_language(request.headers.get("Accept-Language", ""))
        or DEFAULT_LANGUAGE
    )


def _page(request: web.Request, template: str, values: dict[str, Any]) -> web.Response:
    """`pages.render` in the page's own language, with the open-data site's name and links."""
    language = open_language(request)
    translator = request.app[context.TRANSLATOR]

    def t(key: str, **args: str | int | float) -> str:
        return translator(language, key, **args)

    def number(value: float, digits: int = 2) -> str:
        return format_number(language, value, digits=digits)

    def quantity(value: float, unit: str | None) -> str:
        return format_quantity(language, value, unit)

    def day(value: dt.date | dt.datetime) -> str:
        if isinstance(value, dt.datetime):
            value = value.astimezone(LOCAL_TIME).date()
        return value.strftime("%d/%m/%Y")

    # A language chosen in the address is kept by the links; else the cookie or browser decide.
    chosen = {"lang": language} if "lang" in request.query else {}
    return render(
        request,
        template,
        {
            **values,
            "lang": language,
            "t": t,
            "number": number,
            "quantity": quantity,
            "day": day,
            "query": chosen,
            "other_languages": [code for code in LANGUAGES if code != language],
            "here": request.path,  # the header's language links come back here
            "site_title": t("open-site-name"),
            "site_home": route_url(request, "open-index"),
        },
    )


@routes.get("/open", name="open")
async def without_slash(request: web.Request) -> web.StreamResponse:
    raise web.HTTPMovedPermanently(route_url(request, "open-index"))


@routes.get("/open/", name="open-index")
async def index(request: web.Request) -> web.StreamResponse:
    found = await context.services(request).open_data.index()
    if found is None:
        raise web.HTTPNotFound()
    return _page(request, "open/index.html", {"index": found})


@routes.get("/open/indicators/{key}", name="open-indicator")
async def indicator(request: web.Request) -> web.StreamResponse:
    found = await context.services(request).open_data.indicator(request.match_info["key"])
    if found is None:
        raise web.HTTPNotFound()
    # The same indicator in the bot: its deep link (`/start <key>`), while the bot has it.
    username = request.app[context.CONFIG].bot_username
    telegram = None
    if username and found.release.live:
        telegram = URL.build(
            scheme="https", host="t.me", path=f"/{username}", query={"start": found.indicator.key}
        )
    return _page(request, "open/indicator.html", {"page": found, "telegram": telegram})


@routes.get("/open/charts/{release:[0-9]{1,10}}/{key}.png", name="open-chart")
async def chart(request: web.Request) -> web.StreamResponse:
    language = open_language(request)
    translator = request.app[context.TRANSLATOR]
    drawn = await context.services(request).open_data.chart(
        int(request.match_info["release"]),
        request.match_info["key"],
        language,
        lambda name: translator(language, "open-chart-title", name=name),
        translator(language, "open-chart-plan"),
    )
    if drawn is None:
        raise web.HTTPNotFound()
    return web.Response(body=drawn, content_type="image/png", headers={"Cache-Control": IMMUTABLE})


@routes.get("/open/releases/{release:live|[0-9]{1,10}}.{format:csv|json}", name="open-release")
async def release_file(request: web.Request) -> web.StreamResponse:
    wanted = request.match_info["release"]
    fmt = FileFormat(request.match_info["format"])
    found = await context.services(request).open_data.release_file(
        None if wanted == "live" else int(wanted), fmt
    )
    if found is None:
        raise web.HTTPNotFound()
    return web.Response(
        body=found.data,
        headers={
            "Content-Type": found.content_type,
            "Content-Disposition": f'attachment; filename="{found.filename}"',
            # The live release's file changes with the next publish; a numbered one never.
            "Cache-Control": "no-cache" if wanted == "live" else IMMUTABLE,
            # Open data: any site's script may read it (no cookie is sent or needed).
            "Access-Control-Allow-Origin": "*",
        },
    )
