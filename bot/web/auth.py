"""Signing in and out, and choosing the dashboard's language."""

from __future__ import annotations

from aiohttp import web

from bot.domain.errors import AccountLocked, BadCredentials
from bot.i18n import as_language
from bot.web import context
from bot.web.pages import local_path, local_time, render, route_url
from bot.web.security import LOGIN_CSRF_COOKIE, SESSION_COOKIE, client_address, set_cookie

routes = web.RouteTableDef()

LANGUAGE_COOKIE_SECONDS = 365 * 24 * 3600
MAX_FIELD_CHARS = 256


@routes.get("/login", name="login")
async def login_page(request: web.Request) -> web.StreamResponse:
    if context.maybe_staff(request) is not None:
        raise web.HTTPSeeOther(location=_next_page(request, request.query.get("next")))
    values = {
        "next": _next_page(request, request.query.get("next")),
        "username": "",
        "problem": None,
    }
    return render(request, "login.html", values)


@routes.post("/login", name="login-submit")
async def login(request: web.Request) -> web.StreamResponse:
    form = await request.post()
    username = str(form.get("username", ""))[:MAX_FIELD_CHARS]
    password = str(form.get("password", ""))
    next_page = _next_page(request, str(form.get("next", "")))
    accounts = context.services(request).accounts
    try:
        signed_in = await accounts.sign_in(username, password, source=client_address(request))
    except AccountLocked as error:
        values = {"next": next_page, "username": username, "problem": "locked"}
        values["until"] = local_time(error.until, "%H:%M:%S")
        return render(request, "login.html", values, status=429)
    except BadCredentials:
        values = {"next": next_page, "username": username, "problem": "bad-credentials"}
        return render(request, "login.html", values, status=401)
    response = web.HTTPSeeOther(location=next_page)
    lifetime = int(accounts.policy.session_lifetime.total_seconds())
    set_cookie(response, request, SESSION_COOKIE, signed_in.token, max_age=lifetime)
    response.del_cookie(LOGIN_CSRF_COOKIE, path="/")
    raise response


@routes.post("/logout", name="logout")
async def logout(request: web.Request) -> web.StreamResponse:
    await context.services(request).accounts.sign_out(context.session_token(request))
    response = web.HTTPSeeOther(location=route_url(request, "login"))
    response.del_cookie(SESSION_COOKIE, path="/")
    raise response


@routes.get("/lang/{code}", name="language")
async def choose_language(request: web.Request) -> web.StreamResponse:
    chosen = as_language(request.match_info["code"])
    response = web.HTTPSeeOther(location=_next_page(request, request.query.get("next")))
    if chosen is not None:
        set_cookie(
            response, request, context.LANGUAGE_COOKIE, chosen, max_age=LANGUAGE_COOKIE_SECONDS
        )
    raise response


def _next_page(request: web.Request, target: str | None) -> str:
    """Where a sign-in or a change of language goes back to: a page of this site, else home."""
    return local_path(target, route_url(request, "home"))
