"""Rendering a page and answering a form: templates get the catalog, the official and the CSRF
token; a form is answered with a redirect that carries a one-time notice (post/redirect/get)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from pathlib import Path
from typing import Any, NoReturn
from urllib.parse import urlsplit

import aiohttp_jinja2
import jinja2
from aiohttp import web
from markupsafe import Markup

from bot.domain.errors import (
    AccountNotFound,
    BroadcastRefused,
    DomainError,
    DraftNotFound,
    ReleaseNotFound,
    SavedAnswerNotFound,
    TicketNotFound,
)
from bot.domain.statuses import BroadcastRefusal
from bot.error_text import Term, dashboard_message
from bot.i18n import LANGUAGES, format_number, format_quantity
from bot.services.kernel.clock import LOCAL_TIME
from bot.services.kernel.officials import Permission
from bot.web import context

# Domain errors that mean "no such thing" (with BroadcastRefused for an unknown broadcast).
NOT_FOUND = (TicketNotFound, AccountNotFound, DraftNotFound, ReleaseNotFound, SavedAnswerNotFound)
TEMPLATES = Path(__file__).resolve().parent / "templates"
# The sections, in menu order: the route's name, its catalog key, and who is offered it.
NAVIGATION: tuple[tuple[str, str, Permission], ...] = (
    ("tickets", "web-nav-tickets", Permission.MODERATE),
    ("stats", "web-nav-stats", Permission.VIEW_STATS),
    ("faq-drafts", "web-nav-faq", Permission.DRAFT_CONTENT),
    ("broadcasts", "web-nav-broadcasts", Permission.BROADCAST),
    ("content", "web-nav-content", Permission.VIEW_CONTENT),
    ("accounts", "web-nav-accounts", Permission.MANAGE_ACCOUNTS),
    ("audit-log", "audit-log-nav", Permission.VIEW_AUDIT),
)


def setup_templates(app: web.Application) -> None:
    environment = aiohttp_jinja2.setup(
        app,
        loader=jinja2.FileSystemLoader(TEMPLATES),
        autoescape=True,  # every value is escaped unless a template says otherwise
        undefined=jinja2.StrictUndefined,
    )
    environment.filters["local_time"] = local_time
    environment.filters["local_date"] = local_date
    environment.globals["LANGUAGES"] = LANGUAGES
    environment.globals["Permission"] = Permission
    environment.globals["NAV"] = NAVIGATION
    app[aiohttp_jinja2.static_root_key] = "/static"


def _page_context(request: web.Request) -> dict[str, Any]:
    """What every template may use. Built here rather than by aiohttp_jinja2's context
    processors, which run inside our middlewares and so miss the pages they render."""
    language = context.language(request)
    translator = request.app[context.TRANSLATOR]
    found = context.maybe_staff(request)

    def t(key: str, **args: str | int | float) -> str:
        return translator(language, key, **args)

    def t_or(key: str, fallback: str, **args: str | int | float) -> str:
        """A catalog text where the key is built from stored data that may be newer than the
        catalog (an audit action, say): the raw value rather than a broken page."""
        if key in translator.keys(language):
            return translator(language, key, **args)
        return fallback

    def number(value: float, digits: int = 2) -> str:
        return format_number(language, value, digits=digits)

    def quantity(value: float, unit: str | None) -> str:
        return format_quantity(language, value, unit)

    def csrf_field() -> Markup:
        token = found.csrf_token if found else request.get(context.LOGIN_CSRF_SLOT, "")
        return Markup('<input type="hidden" name="csrf_token" value="{}">').format(token)

    return {
        "t": t,
        "t_or": t_or,
        "number": number,
        "quantity": quantity,
        "lang": language,
        "staff": found,
        "may": lambda permission: context.may(request, permission),
        "csrf_field": csrf_field,
        "notice": context.pending_notice(request),
        "path": request.path,
        "here": request.path_qs,
    }


def render(
    request: web.Request, template: str, values: Mapping[str, Any] | None = None, status: int = 200
) -> web.Response:
    page = {**_page_context(request), **(values or {})}
    return aiohttp_jinja2.render_template(template, request, page, status=status)


def route_url(
    request: web.Request, name: str, query: Mapping[str, str] | None = None, **parts: str | int
) -> str:
    """The path of the route named `name` (every route is added with a name), so a page's
    address is written once, where its route is added."""
    url = request.app.router[name].url_for(**{key: str(value) for key, value in parts.items()})
    return str(url.with_query(query) if query else url)


async def see_other(
    request: web.Request, location: str, notice: str | None = None, **args: str | int
) -> NoReturn:
    """Redirect after a form to `location` (from `route_url`, or a page the form came back
    from); `notice` (a catalog key) shows once on the next page."""
    if notice is not None:
        await context.services(request).accounts.leave_notice(
            context.session_token(request), notice, **args
        )
    raise web.HTTPSeeOther(location=local_path(location))


def refusal_notice(
    request: web.Request, error: DomainError
) -> tuple[str, dict[str, str | int]] | None:
    """The notice explaining a refusal (worded by bot/error_text.py); None when there is none."""
    message = dashboard_message(error)
    if message is None:
        return None
    translate = request.app[context.TRANSLATOR]
    language = context.language(request)
    args: dict[str, str | int] = {}
    for name, value in message.args.items():
        if isinstance(value, Term):
            args[name] = translate(language, value.key)
        elif isinstance(value, str | int):
            args[name] = value
        else:
            args[name] = str(value)
    return message.key, args


async def see_refusal(request: web.Request, location: str, error: DomainError) -> NoReturn:
    """Redirect after a refused form, with the notice that explains the refusal. A refusal
    without a notice (something that is not there, a role that may not) goes on to the error
    pages (`security.error_pages`), which answer each kind one way."""
    notice = None if is_not_found(error) else refusal_notice(request, error)
    if notice is None:
        raise error
    key, args = notice
    await see_other(request, location, key, **args)


def is_not_found(error: BaseException) -> bool:
    """Whether `error` says that what was asked for does not exist: one 404 page for all."""
    if isinstance(error, BroadcastRefused):
        return error.reason is BroadcastRefusal.UNKNOWN_BROADCAST
    return isinstance(error, NOT_FOUND)


def local_path(target: str | None, default: str = "/") -> str:
    """`target` if it is a path on this site, else `default`: no open redirects."""
    if not target:
        return default
    parts = urlsplit(target)
    if parts.scheme or parts.netloc or not target.startswith("/") or target.startswith("//"):
        return default
    if "\\" in target or any(ord(ch) < 32 for ch in target):
        return default
    return target


def local_time(value: dt.datetime | None, pattern: str = "%d/%m/%Y %H:%M") -> str:
    return value.astimezone(LOCAL_TIME).strftime(pattern) if value else "—"


def local_date(value: dt.datetime | None) -> str:
    return local_time(value, "%d/%m/%Y")
