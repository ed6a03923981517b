"""What every dashboard request can reach: the services, the catalogs, the signed-in official."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from typing import Protocol

from aiohttp import web

from bot.i18n import DEFAULT_LANGUAGE, Language, Translator, as_language
from bot.metrics import Metrics
from bot.services.access.model import Flash, StaffSession
from bot.services.container import Services
from bot.services.kernel.officials import Permission

LANGUAGE_COOKIE = "danbiet_lang"


class PhotoSource(Protocol):
    """Fetches a resident's photo by its messenger file id: (bytes, content type)."""

    async def download(self, file_id: str) -> tuple[bytes, str]: ...


@dataclass(frozen=True, slots=True)
class DashboardConfig:
    behind_https_proxy: bool = False
    # The bot's public name, for "open in Telegram" hints; None in tests.
    bot_username: str | None = None


SERVICES = web.AppKey("services", Services)
TRANSLATOR = web.AppKey("translator", Translator)
CONFIG = web.AppKey("config", DashboardConfig)
PHOTOS = web.AppKey[PhotoSource | None]("photos")
METRICS = web.AppKey("metrics", Metrics)
WEBHOOK_PATH = web.AppKey[str | None]("webhook_path")
# How this instance gets updates: "webhook", "polling" (the leader) or "standby".
UPDATES_SOURCE = web.AppKey[Callable[[], str] | None]("updates_source")
BOT_PROBE = web.AppKey[Callable[[], Awaitable[bool]] | None]("bot_probe")

STAFF_SLOT = web.RequestKey("staff", StaffSession)
SESSION_COOKIE_SLOT = web.RequestKey("session_cookie", str)
LOGIN_CSRF_SLOT = web.RequestKey("login_csrf", str)


def services(request: web.Request) -> Services:
    return request.app[SERVICES]


def staff(request: web.Request) -> StaffSession:
    """The signed-in official; the session middleware has made sure there is one."""
    found: StaffSession | None = request.get(STAFF_SLOT)
    if found is None:
        raise web.HTTPUnauthorized()
    return found


def maybe_staff(request: web.Request) -> StaffSession | None:
    return request.get(STAFF_SLOT)


def session_token(request: web.Request) -> str:
    token: str | None = request.get(SESSION_COOKIE_SLOT)
    if token is None:
        raise web.HTTPUnauthorized()
    return token


def language(request: web.Request) -> Language:
    return as_language(request.cookies.get(LANGUAGE_COOKIE)) or DEFAULT_LANGUAGE


def may(request: web.Request, permission: Permission) -> bool:
    """Whether to offer a link or button; the services decide for real."""
    found = maybe_staff(request)
    return found is not None and permission in found.account.permissions


def pending_notice(request: web.Request) -> Flash | None:
    found = maybe_staff(request)
    return found.flash if found is not None else None
