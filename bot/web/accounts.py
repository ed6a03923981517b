"""Administrators manage dashboard accounts: list, add, disable, enable (as the CLI does)."""

from __future__ import annotations

from aiohttp import web

from bot.domain.errors import InvalidUsername, OwnAccount, UsernameTaken, WeakPassword
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
    except OwnAccount as error:
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


def _accounts_url(request: web.Request) -> str:
    return route_url(request, "accounts")
