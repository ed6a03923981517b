"""Middlewares: who is signed in, CSRF on every form, safe headers, polite error pages.

Order matters (outermost first): headers → errors → session → CSRF → the page.
"""

from __future__ import annotations

import hmac
import logging
import secrets
from collections.abc import Awaitable, Callable
from urllib.parse import quote, urlsplit

from aiohttp import web

from bot.domain.errors import DomainError, PermissionDenied
from bot.web import context
from bot.web.pages import is_not_found, render, route_url

logger = logging.getLogger(__name__)

Handler = Callable[[web.Request], Awaitable[web.StreamResponse]]

SESSION_COOKIE = "danbiet_session"
LOGIN_CSRF_COOKIE = "danbiet_login_csrf"
PUBLIC_PATHS = frozenset({"/login", "/favicon.ico", "/open"})
OPERATOR_PATHS = frozenset({"/healthz", "/metrics"})  # for machines: no session, no CSRF
# /open/: the open data (bot/web/open_data.py), public and read-only.
PUBLIC_PREFIXES = ("/static/", "/lang/", "/open/")
UNSAFE_METHODS = frozenset({"POST", "PUT", "PATCH", "DELETE"})

CONTENT_SECURITY_POLICY = (
    "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; "
    "object-src 'none'; frame-ancestors 'none'; form-action 'self'; base-uri 'none'"
)
SECURITY_HEADERS = {
    "Content-Security-Policy": CONTENT_SECURITY_POLICY,
    "X-Content-Type-Options": "nosniff",
    "X-Frame-Options": "DENY",
    "Referrer-Policy": "same-origin",
    "Cross-Origin-Opener-Policy": "same-origin",
}


def is_https(request: web.Request) -> bool:
    if request.secure:
        return True
    if request.app[context.CONFIG].behind_https_proxy:
        return request.headers.get("X-Forwarded-Proto", "").lower() == "https"
    return False


def client_address(request: web.Request) -> str:
    """Where a request came from: behind the reverse proxy, the address it appended last to
    X-Forwarded-For (earlier entries are the client's own claims)."""
    if request.app[context.CONFIG].behind_https_proxy:
        forwarded = request.headers.get("X-Forwarded-For", "").split(",")[-1].strip()
        if forwarded:
            return forwarded[:64]
    return request.remote or ""


def set_cookie(
    response: web.StreamResponse,
    request: web.Request,
    name: str,
    value: str,
    *,
    max_age: int | None = None,
) -> None:
    response.set_cookie(
        name,
        value,
        max_age=max_age,
        path="/",
        httponly=True,
        samesite="Lax",  # Strict would sign officials out when they follow a link from chat
        secure=is_https(request),
    )


@web.middleware
async def security_headers(request: web.Request, handler: Handler) -> web.StreamResponse:
    try:
        response = await handler(request)
    except web.HTTPException as error:
        _decorate(error, request)
        raise
    _decorate(response, request)
    return response


def _decorate(response: web.StreamResponse, request: web.Request) -> None:
    for name, value in SECURITY_HEADERS.items():
        response.headers.setdefault(name, value)
    if not request.path.startswith("/static/"):
        # Pages show residents' feedback: keep them out of shared caches and the back button.
        response.headers.setdefault("Cache-Control", "no-store")


@web.middleware
async def error_pages(request: web.Request, handler: Handler) -> web.StreamResponse:
    """The one place a refusal that is not a form's notice becomes a page: "not found" (an
    unknown address, or a domain error saying the ticket, broadcast, account or draft does not
    exist: `pages.is_not_found`), "not allowed", and anything unexpected, logged."""
    try:
        return await handler(request)
    except PermissionDenied:
        return render(request, "error.html", {"problem": "forbidden"}, status=403)
    except web.HTTPNotFound:
        return _not_found(request)
    except web.HTTPException:
        raise
    except Exception as error:
        if isinstance(error, DomainError) and is_not_found(error):
            return _not_found(request)
        logger.exception("dashboard page %s failed", request.path)
        return render(request, "error.html", {"problem": "server"}, status=500)


@web.middleware
async def signed_in(request: web.Request, handler: Handler) -> web.StreamResponse:
    """Every page but the sign-in page needs a live session; else back to /login."""
    if request.path.startswith("/static/") or _for_machines(request):
        return await handler(request)  # the stylesheet: public, and no session to read
    token = request.cookies.get(SESSION_COOKIE, "")
    found = await context.services(request).accounts.session(token) if token else None
    if found is not None:
        request[context.STAFF_SLOT] = found
        request[context.SESSION_COOKIE_SLOT] = token
        return await handler(request)
    if _is_public(request.path):
        return await handler(request)
    if request.method in UNSAFE_METHODS:
        raise web.HTTPForbidden(text="sign in first")
    next_page = quote(request.path_qs, safe="/?=&")
    response = web.HTTPSeeOther(location=f"{route_url(request, 'login')}?next={next_page}")
    if token:
        response.del_cookie(SESSION_COOKIE, path="/")
    raise response


def _for_machines(request: web.Request) -> bool:
    """Health, metrics and Telegram's webhook: no session; the webhook checks its own secret."""
    return request.path in OPERATOR_PATHS or request.path == request.app[context.WEBHOOK_PATH]


def _is_public(path: str) -> bool:
    return path in PUBLIC_PATHS or path.startswith(PUBLIC_PREFIXES)


@web.middleware
async def csrf_protection(request: web.Request, handler: Handler) -> web.StreamResponse:
    """A form must carry the session's token (or, signing in, the login cookie's), and come
    from this site."""
    if _for_machines(request):
        return await handler(request)
    if request.method not in UNSAFE_METHODS:
        if request.path == "/login" and context.maybe_staff(request) is None:
            return await _with_login_token(request, handler)
        return await handler(request)
    if not _same_origin(request):
        return _refused(request)
    form = await request.post()
    sent = form.get("csrf_token")
    found = context.maybe_staff(request)
    expected = found.csrf_token if found else request.cookies.get(LOGIN_CSRF_COOKIE, "")
    if not isinstance(sent, str) or not expected or not hmac.compare_digest(sent, expected):
        return _refused(request)
    if found is None:
        request[context.LOGIN_CSRF_SLOT] = expected
    return await handler(request)


async def _with_login_token(request: web.Request, handler: Handler) -> web.StreamResponse:
    """Before sign-in there is no session: a random cookie, echoed in the form, stands in."""
    token = request.cookies.get(LOGIN_CSRF_COOKIE) or secrets.token_urlsafe(32)
    request[context.LOGIN_CSRF_SLOT] = token
    response = await handler(request)
    set_cookie(response, request, LOGIN_CSRF_COOKIE, token)
    return response


def _same_origin(request: web.Request) -> bool:
    origin = request.headers.get("Origin")
    if origin is None or origin == "null":
        return origin is None  # a missing Origin is an older browser; "null" is an opaque one
    return urlsplit(origin).netloc == request.host


def _not_found(request: web.Request) -> web.Response:
    return render(request, "error.html", {"problem": "not-found"}, status=404)


def _refused(request: web.Request) -> web.Response:
    logger.warning("refused a form without a valid CSRF token on %s", request.path)
    return render(request, "error.html", {"problem": "csrf"}, status=403)
