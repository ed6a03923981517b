"""Administrators manage dashboard accounts: list, add, disable, enable, a new password (made
and shown once, or typed), another role. The rules (not one's own account, not the last
administrator) are the accounts service's."""

from __future__ import annotations

from aiohttp import web

from bot.domain.errors import (
    InvalidUsername,
    LastAdministrator,
    OwnAccount,
    UsernameTaken,
    WeakPassword,
)
from bot.domain.records import MAX_TELEGRAM_ID
from bot.services.access.model import AccountProfile
from bot.services.kernel.actor import Role
from bot.services.kernel.plain_text import bounded_number
from bot.web import context
from bot.web.pages import render, route_url, see_other, see_refusal

routes = web.RouteTableDef()

MAX_FIELD_CHARS = 256


@routes.get("/accounts", name="accounts")
async def accounts_page(request: web.Request) -> web.StreamResponse:
    listed = await context.services(request).accounts.accounts(context.staff(request).actor)
    return render(request, "accounts/list.html", {"accounts": listed, "roles": list(Role)})


@routes.post("/accounts", name="account-add")
async def add_account(request: web.Request) -> web.StreamResponse:
    form = await request.post()
    username = str(form.get("username", ""))[:MAX_FIELD_CHARS]
    role_value = str(form.get("role", ""))
    telegram = str(form.get("telegram_user_id", "")).strip()
    role = Role(role_value) if role_value in {role.value for role in Role} else None
    telegram_user_id = bounded_number(telegram, MAX_TELEGRAM_ID) if telegram else None
    if role is None or (telegram and telegram_user_id is None):
        await see_other(request, _accounts_url(request), "web-accounts-invalid-form")
    try:
        added = await context.services(request).accounts.add(
            context.staff(request).actor,
            username,
            str(form.get("password", "")),
            role,
            profile=AccountProfile(
                str(form.get("display_name", ""))[:MAX_FIELD_CHARS] or None, telegram_user_id
            ),
        )
    except (InvalidUsername, UsernameTaken, WeakPassword) as error:
        await see_refusal(request, _accounts_url(request), error)
    await see_other(request, _accounts_url(request), "web-accounts-added", username=added.username)


@routes.post("/accounts/{username}/disable", name="account-disable")
async def disable_account(request: web.Request) -> web.StreamResponse:
    me = context.staff(request)
    try:
        changed = await context.services(request).accounts.disable(
            me.actor, request.match_info["username"]
        )
    except (OwnAccount, LastAdministrator) as error:
        await see_refusal(request, _accounts_url(request), error)
    await see_other(
        request, _accounts_url(request), "web-accounts-disabled", username=changed.username
    )


@routes.post("/accounts/{username}/enable", name="account-enable")
async def enable_account(request: web.Request) -> web.StreamResponse:
    changed = await context.services(request).accounts.enable(
        context.staff(request).actor, request.match_info["username"]
    )
    await see_other(
        request, _accounts_url(request), "web-accounts-enabled", username=changed.username
    )


@routes.post("/accounts/{username}/role", name="account-role")
async def change_role(request: web.Request) -> web.StreamResponse:
    role_value = str((await request.post()).get("role", ""))
    if role_value not in {role.value for role in Role}:
        await see_other(request, _accounts_url(request), "web-accounts-invalid-form")
    try:
        changed = await context.services(request).accounts.change_role(
            context.staff(request).actor, request.match_info["username"], Role(role_value)
        )
    except (OwnAccount, LastAdministrator) as error:
        await see_refusal(request, _accounts_url(request), error)
    translate = request.app[context.TRANSLATOR]
    role = translate(context.language(request), f"web-role-{changed.role.value}")
    await see_other(
        request,
        _accounts_url(request),
        "account-role-changed",
        username=changed.username,
        role=role,
    )


@routes.post("/accounts/{username}/password/new", name="account-password-new")
async def new_password(request: web.Request) -> web.StreamResponse:
    """A password made by the service, shown on this answer only (no redirect, not cached),
    never put in a notice or anywhere else."""
    try:
        changed, password = await context.services(request).accounts.reset_password(
            context.staff(request).actor, request.match_info["username"]
        )
    except OwnAccount as error:
        await see_refusal(request, _accounts_url(request), error)
    page = render(request, "accounts/password.html", {"account": changed, "password": password})
    page.headers["Cache-Control"] = "no-store"
    return page


@routes.post("/accounts/{username}/password", name="account-password")
async def set_password(request: web.Request) -> web.StreamResponse:
    typed = str((await request.post()).get("password", ""))[:MAX_FIELD_CHARS]
    try:
        changed = await context.services(request).accounts.set_password(
            context.staff(request).actor, request.match_info["username"], typed
        )
    except (OwnAccount, WeakPassword) as error:
        await see_refusal(request, _accounts_url(request), error)
    await see_other(
        request, _accounts_url(request), "account-password-set", username=changed.username
    )


def _accounts_url(request: web.Request) -> str:
    return route_url(request, "accounts")
