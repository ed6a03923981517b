"""No page and no log line gives away a secret: passwords, their hashes, session cookies,
CSRF tokens of other sessions. Every GET page linked from the start page is visited."""

from __future__ import annotations

import html
import logging
import re

import pytest
from sqlalchemy import text
from sqlalchemy.exc import DBAPIError
from sqlalchemy.ext.asyncio import AsyncEngine

from bot.domain.errors import BadCredentials
from bot.services.kernel.actor import Actor, Role
from tests.web.conftest import CSRF_FIELD as CSRF
from tests.web.conftest import PASSWORD, Dashboard

LINK = re.compile(r'href="(/[^"#?]*)"')


async def reachable_pages(dashboard: Dashboard) -> dict[str, str]:
    """Every local page reachable by links from the start page (breadth first)."""
    seen: dict[str, str] = {}
    queue = ["/"]
    while queue:
        path = queue.pop(0)
        if path in seen or path.startswith(("/static/", "/lang/")):
            continue
        response = await dashboard.client.get(path, allow_redirects=False)
        body = await response.text()
        seen[path] = body
        assert response.status in {200, 303, 404}, (path, response.status)
        if response.content_type == "text/html":
            queue.extend(link for link in LINK.findall(body) if link not in seen)
    return seen


async def test_no_page_or_log_line_reveals_a_secret(
    dashboard: Dashboard, engine: AsyncEngine, caplog: pytest.LogCaptureFixture
) -> None:
    # Everything at DEBUG from the start: the account's creation and its sign-in too, whose
    # statements carry the password hash, the session key and the CSRF token.
    caplog.set_level(logging.DEBUG)
    # SQLAlchemy's own statement log (with its parameters, unless hidden), as an operator
    # tracing a problem would turn it on (its DEBUG level adds result rows: never turned on).
    caplog.set_level(logging.INFO, logger="sqlalchemy.engine")
    new_password = "một mật khẩu mới cho nhật ký 2026"
    await dashboard.services.accounts.add(
        Actor.system(), "logged.admin", new_password, Role.ADMINISTRATOR
    )
    response = await dashboard.sign_in("logged.admin", new_password)
    assert response.status == 303, await response.text()
    signed_in = dashboard
    with pytest.raises(BadCredentials):
        await signed_in.services.accounts.sign_in("moderator", "a wrong password for the log")
    pages = await reachable_pages(signed_in)
    assert len(pages) >= 5
    async with signed_in.services.accounts._uow() as uow:
        accounts = await uow.staff_accounts.all()
    cookies = {c.key: c.value for c in signed_in.client.session.cookie_jar}
    assert "danbiet_session" in cookies
    secrets = [PASSWORD, new_password, *cookies.values()]
    secrets += [account.password_hash for account in accounts]
    secrets.append("a wrong password for the log")
    csrf_tokens = {html.unescape(token) for body in pages.values() for token in CSRF.findall(body)}
    assert csrf_tokens
    sessions = await session_rows(engine)
    assert sessions
    for path, body in pages.items():
        for secret in secrets:
            assert secret not in body, path
    logged = "\n".join(record.getMessage() for record in caplog.records)
    assert "staff_sessions" in logged  # the statements themselves were logged, not their values
    for secret in [*secrets, *csrf_tokens, *sessions]:
        assert secret not in logged
    assert await signed_in.services.accounts.accounts(Actor.system())


async def session_rows(engine: AsyncEngine) -> list[str]:
    """Every session's stored key and CSRF token, read straight from the database."""
    async with engine.connect() as connection:
        rows = await connection.execute(text("SELECT id, csrf_token FROM staff_sessions"))
        return [value for row in rows for value in row]


async def test_a_database_error_does_not_quote_its_parameters(engine: AsyncEngine) -> None:
    """At ERROR level a failed statement's message is logged: it must not carry the values
    (residents' names and texts)."""
    secret = "Nguyễn Văn Bí Mật 0912345678"
    async with engine.connect() as connection:
        with pytest.raises(DBAPIError) as raised:
            await connection.execute(
                text("SELECT * FROM no_such_table WHERE x = :x"), {"x": secret}
            )
    assert secret not in str(raised.value)
