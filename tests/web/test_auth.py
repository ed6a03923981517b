"""Signing in and out of the dashboard: sessions, cookies, CSRF, lock-out, redirects."""

from __future__ import annotations

import re
from http.cookies import SimpleCookie

import pytest
from aiohttp import ClientResponse
from aiohttp.web import RouteDef

from bot.services.kernel.actor import Actor
from bot.web import auth, home
from bot.web.context import DashboardConfig
from bot.web.security import LOGIN_CSRF_COOKIE, SESSION_COOKIE
from tests.web.conftest import PASSWORD, Dashboard

PUBLIC = {"/login", "/lang/{code}", "/healthz", "/metrics"}  # the last two: for machines
# The open data, public by design (tests/web/test_open_data_pages.py reads them signed out).
OPEN_DATA = {
    "/open",
    "/open/",
    "/open/indicators/{key}",
    "/open/charts/{release}/{key}.png",
    "/open/releases/{release}.{format}",
}
PLACEHOLDER = re.compile(r"\{(\w+)\}")
SAMPLES = {"move": "approve", "username": "moderator", "name": "status"}


def session_cookie(response: ClientResponse) -> SimpleCookie:
    cookie = SimpleCookie()
    for header in response.headers.getall("Set-Cookie", []):
        if header.startswith(SESSION_COOKIE + "="):
            cookie.load(header)
    assert SESSION_COOKIE in cookie, response.headers.getall("Set-Cookie", [])
    return cookie


async def test_every_page_but_sign_in_asks_to_sign_in_first(dashboard: Dashboard) -> None:
    app = dashboard.client.app
    assert app is not None
    checked: list[str] = []
    for resource in app.router.resources():
        info = resource.get_info()
        path = info.get("path") or info.get("formatter")
        if not path or path in PUBLIC | OPEN_DATA or "directory" in info:
            continue
        concrete = PLACEHOLDER.sub(lambda found: SAMPLES.get(found.group(1), "1"), path)
        for route in resource:
            if route.method == "GET":
                response = await dashboard.client.get(concrete, allow_redirects=False)
                assert response.status == 303, concrete
                assert response.headers["Location"].startswith("/login?next="), concrete
            elif route.method == "POST":
                response = await dashboard.client.post(concrete, allow_redirects=False)
                assert response.status == 403, concrete
            checked.append(f"{route.method} {concrete}")
    # Every section is covered, whatever routes it adds later.
    for expected in (
        "GET /tickets/1",
        "POST /tickets/1/approve",
        "POST /tickets/export",
        "GET /stats",
        "GET /content",
        "POST /faq/drafts",
        "POST /accounts",
    ):
        assert expected in checked


async def test_sign_in_sets_a_safe_cookie_and_shows_the_start_page(dashboard: Dashboard) -> None:
    response = await dashboard.sign_in("moderator")
    assert response.status == 303
    assert response.headers["Location"] == "/"
    cookie = session_cookie(response)[SESSION_COOKIE]
    assert cookie["httponly"]
    assert cookie["samesite"] == "Lax"
    assert not cookie["secure"]  # plain HTTP on loopback: a Secure cookie would never return
    page = await dashboard.page("/")
    assert "Cán bộ moderator" in page
    assert "/tickets" in page
    assert "/stats" in page
    assert "/broadcasts" not in page  # not offered to a moderator
    assert "/accounts" not in page


@pytest.mark.parametrize("config", [DashboardConfig(behind_https_proxy=True)])
async def test_behind_an_https_proxy_the_cookie_is_secure(dashboard: Dashboard) -> None:
    token = await dashboard.csrf("/login")
    response = await dashboard.client.post(
        "/login",
        data={"username": "moderator", "password": PASSWORD, "csrf_token": token},
        headers={"X-Forwarded-Proto": "https"},
        allow_redirects=False,
    )
    assert response.status == 303
    assert session_cookie(response)[SESSION_COOKIE]["secure"]


async def test_wrong_password_is_refused_without_saying_which_part_was_wrong(
    dashboard: Dashboard,
) -> None:
    wrong = await dashboard.sign_in("moderator", "not the password at all")
    unknown = await dashboard.sign_in("nobody-here", PASSWORD)
    assert wrong.status == unknown.status == 401
    assert "Tên đăng nhập hoặc mật khẩu không đúng" in await wrong.text()
    assert "Tên đăng nhập hoặc mật khẩu không đúng" in await unknown.text()
    assert (await dashboard.client.get("/", allow_redirects=False)).status == 303


async def test_repeated_failures_make_the_address_wait_even_for_the_right_password(
    dashboard: Dashboard,
) -> None:
    limit = dashboard.services.accounts.policy.max_failures
    statuses = [
        (await dashboard.sign_in("moderator", f"wrong password {n}")).status for n in range(limit)
    ]
    assert statuses == [401] * (limit - 1) + [429]
    paused = await dashboard.sign_in("moderator", PASSWORD)
    assert paused.status == 429
    assert "vui lòng chờ đến" in await paused.text()
    # A name no account has gets the very same answers (from another address).
    stranger = await dashboard.sign_in("nobody-here", "wrong password")
    assert stranger.status == 429  # the same address: it waits whatever the name
    async with dashboard.services.accounts._uow() as uow:
        actions = [entry.action for entry in await uow.audit.recent(50)]
    assert actions.count("sign_in_failed") == limit - 1
    assert "account_locked" in actions


async def test_sign_in_form_without_its_token_is_refused(dashboard: Dashboard) -> None:
    await dashboard.page("/login")  # gets the login cookie, but the form below omits the token
    response = await dashboard.client.post(
        "/login", data={"username": "moderator", "password": PASSWORD}, allow_redirects=False
    )
    assert response.status == 403
    assert "hết hạn" in await response.text()
    assert SESSION_COOKIE not in {c.key for c in dashboard.client.session.cookie_jar}


async def test_a_form_with_a_wrong_or_foreign_token_changes_nothing(
    signed_in: Dashboard,
) -> None:
    wrong = await signed_in.client.post(
        "/logout", data={"csrf_token": "forged"}, allow_redirects=False
    )
    assert wrong.status == 403
    missing = await signed_in.client.post("/logout", allow_redirects=False)
    assert missing.status == 403
    token = await signed_in.csrf()
    cross_site = await signed_in.client.post(
        "/logout",
        data={"csrf_token": token},
        headers={"Origin": "https://evil.example"},
        allow_redirects=False,
    )
    assert cross_site.status == 403
    assert (await signed_in.client.get("/", allow_redirects=False)).status == 200  # still in


async def test_sign_out_ends_the_session_for_good(signed_in: Dashboard) -> None:
    cookie = next(c for c in signed_in.client.session.cookie_jar if c.key == SESSION_COOKIE)
    stolen = cookie.value
    response = await signed_in.submit("/logout", {})
    assert response.status == 303
    assert response.headers["Location"] == "/login"
    assert (await signed_in.client.get("/", allow_redirects=False)).status == 303
    replayed = await signed_in.client.get(
        "/", cookies={SESSION_COOKIE: stolen}, allow_redirects=False
    )
    assert replayed.status == 303


async def test_a_disabled_account_is_signed_out_at_its_next_request(signed_in: Dashboard) -> None:
    await signed_in.services.accounts.disable(Actor.system(), "administrator")
    response = await signed_in.client.get("/", allow_redirects=False)
    assert response.status == 303
    assert (await signed_in.sign_in("administrator")).status == 401


@pytest.mark.parametrize(
    "target",
    ["https://evil.example/", "//evil.example/x", "/\\evil.example", "javascript:alert(1)"],
)
async def test_sign_in_never_redirects_off_site(dashboard: Dashboard, target: str) -> None:
    token = await dashboard.csrf(f"/login?next={target}")
    response = await dashboard.client.post(
        "/login",
        data={"username": "moderator", "password": PASSWORD, "csrf_token": token, "next": target},
        allow_redirects=False,
    )
    assert response.status == 303
    assert response.headers["Location"] == "/"


async def test_after_sign_in_the_official_lands_where_they_were_going(
    dashboard: Dashboard,
) -> None:
    first = await dashboard.client.get("/?from=link", allow_redirects=False)
    assert first.headers["Location"] == "/login?next=/?from=link"
    token = await dashboard.csrf(first.headers["Location"])
    response = await dashboard.client.post(
        "/login",
        data={
            "username": "moderator",
            "password": PASSWORD,
            "csrf_token": token,
            "next": "/?from=link",
        },
        allow_redirects=False,
    )
    assert response.headers["Location"] == "/?from=link"


async def test_pages_carry_protective_headers(signed_in: Dashboard) -> None:
    response = await signed_in.client.get("/")
    assert "default-src 'self'" in response.headers["Content-Security-Policy"]
    assert "frame-ancestors 'none'" in response.headers["Content-Security-Policy"]
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    assert response.headers["Cache-Control"] == "no-store"


async def test_language_switch_keeps_the_page_and_translates_it(signed_in: Dashboard) -> None:
    response = await signed_in.client.get("/lang/en?next=/", allow_redirects=False)
    assert response.status == 303
    assert response.headers["Location"] == "/"
    page = await signed_in.page("/")
    assert "Hello, Cán bộ administrator" in page
    assert '<html lang="en">' in page


def test_the_sections_declare_their_routes() -> None:
    paths = {route.path for route in [*auth.routes, *home.routes] if isinstance(route, RouteDef)}
    assert {"/login", "/logout", "/", "/lang/{code}"} <= paths
    assert LOGIN_CSRF_COOKIE != SESSION_COOKIE
