"""No page and no log line gives away a secret: passwords, their hashes, session cookies,
CSRF tokens of other sessions. Every GET page linked from the start page is visited."""

from __future__ import annotations

import logging
import re

import pytest

from bot.domain.errors import BadCredentials
from bot.services.kernel.actor import Actor
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
    signed_in: Dashboard, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.DEBUG)
    with pytest.raises(BadCredentials):
        await signed_in.services.accounts.sign_in("moderator", "a wrong password for the log")
    pages = await reachable_pages(signed_in)
    assert len(pages) >= 5
    async with signed_in.services.accounts._uow() as uow:
        accounts = await uow.staff_accounts.all()
    cookie = next(c for c in signed_in.client.session.cookie_jar if c.key == "danbiet_session")
    secrets = [PASSWORD, cookie.value, *(account.password_hash for account in accounts)]
    secrets.append("a wrong password for the log")
    for path, body in pages.items():
        for secret in secrets:
            assert secret not in body, path
    logged = "\n".join(record.getMessage() for record in caplog.records)
    for secret in secrets:
        assert secret not in logged
    assert await signed_in.services.accounts.accounts(Actor.system())
