"""The officials' dashboard in Chromium, against the sandbox's real bot, database and emulator:
sign in, find a ticket, answer it (the resident receives it on "Telegram"), export the queue,
and broadcast with live progress."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

import pytest

from bot.launcher import SANDBOX_DASHBOARD_USERNAME
from tests.browser.conftest import Sandbox

if TYPE_CHECKING:
    from playwright.sync_api import Browser, Page

pytestmark = pytest.mark.browser

try:
    from playwright.sync_api import expect
except ImportError:
    pytest.skip(
        "the playwright package is not installed (pip install -e '.[test]')",
        allow_module_level=True,
    )


def sign_in(page: Page, sandbox: Sandbox, password: str | None = None) -> None:
    page.goto(sandbox.dashboard_url)
    page.get_by_label("Tên đăng nhập").fill(SANDBOX_DASHBOARD_USERNAME)
    page.get_by_label("Mật khẩu").fill(password or sandbox.dashboard_password)
    page.get_by_role("button", name="Đăng nhập").click()


@pytest.fixture
def official(browser: Browser, sandbox: Sandbox) -> Iterator[Page]:
    """A tablet-sized browser signed in as the sandbox's administrator."""
    context = browser.new_context(viewport={"width": 1024, "height": 768}, accept_downloads=True)
    page = context.new_page()
    sign_in(page, sandbox)
    expect(page.get_by_role("heading", name="Xin chào, Cán bộ")).to_be_visible()
    yield page
    context.close()


def test_sign_in_and_out(browser: Browser, sandbox: Sandbox) -> None:
    context = browser.new_context()
    page = context.new_page()
    sign_in(page, sandbox, password="not the password at all")
    expect(page.get_by_role("alert")).to_contain_text("không đúng")
    sign_in(page, sandbox)
    expect(page.get_by_role("heading", name="Xin chào, Cán bộ")).to_be_visible()
    page.get_by_role("button", name="Đăng xuất").click()
    expect(page.get_by_role("heading", name="Đăng nhập")).to_be_visible()
    page.goto(sandbox.dashboard_url + "accounts")
    expect(page).to_have_url(sandbox.dashboard_url + "login?next=/accounts")
    context.close()
