"""Account management and the rejection's confirm step in Chromium, against the sandbox's real
bot, database and emulator: an administrator changes a role, hands over a new password (which
signs the official in) and disables the account (which signs it out); an official rejects a
ticket with words and a referral after a confirm page, and the resident receives all of it."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pytest

from bot.services.access.model import AccountProfile
from bot.services.kernel.actor import Actor, Role
from tests.browser.conftest import Sandbox
from tests.browser.test_dashboard import official, sign_in  # noqa: F401 - the fixture
from tests.tickets import file_ticket

if TYPE_CHECKING:
    from playwright.sync_api import Browser, Page

# Both backends, one sandbox each (module-scoped), as the dashboard's own browser tests.
pytestmark = [
    pytest.mark.browser,
    pytest.mark.parametrize("sandbox", ["sqlite", "postgresql"], indirect=True, scope="module"),
]

try:
    from playwright.sync_api import expect
except ImportError:
    pytest.skip(
        "the playwright package is not installed (pip install -e '.[test]')",
        allow_module_level=True,
    )

PASSWORD = "một câu mật khẩu dài 2025"
OVERFLOW = "() => document.documentElement.scrollWidth - document.documentElement.clientWidth"


def fits_a_phone(page: Page) -> bool:
    """No sideways scrolling of the page at 390 px (a wide table scrolls within itself)."""
    size = page.viewport_size
    page.set_viewport_size({"width": 390, "height": 800})
    overflow = page.evaluate(OVERFLOW)
    if size is not None:
        page.set_viewport_size(size)
    return bool(overflow <= 0)


def test_an_administrator_manages_an_account(
    official: Page,  # noqa: F811
    browser: Browser,
    sandbox: Sandbox,
) -> None:
    sandbox.run(
        sandbox.services.accounts.add(
            Actor.system(), "lan.tran", PASSWORD, Role.MODERATOR, profile=AccountProfile("Lan")
        )
    )
    official.goto(sandbox.dashboard_url + "accounts")
    mine = official.locator("tr", has_text="Cán bộ").filter(has_not_text="lan.tran")
    expect(mine.get_by_text("Quản lý")).to_have_count(0)  # nothing to do to one's own account
    row = official.locator("tr", has_text="lan.tran")
    row.get_by_text("Quản lý lan.tran").click()
    row.get_by_label("Vai trò mới").select_option("broadcaster")
    row.get_by_role("button", name="Đổi vai trò").click()
    expect(official.get_by_role("status")).to_contain_text(
        "Tài khoản lan.tran nay có vai trò Biên tập gửi tin"
    )

    row = official.locator("tr", has_text="lan.tran")
    row.get_by_text("Quản lý lan.tran").click()
    assert fits_a_phone(official)
    row.get_by_role("button", name="Tạo mật khẩu mới").click()
    expect(official.get_by_role("heading", name="Mật khẩu mới cho lan.tran")).to_be_visible()
    assert fits_a_phone(official)
    password = official.locator("#new-password").inner_text()
    assert len(password) >= 12

    lan = browser.new_context(viewport={"width": 390, "height": 800})
    lan_page = lan.new_page()
    lan_page.goto(sandbox.dashboard_url)
    lan_page.get_by_label("Tên đăng nhập").fill("lan.tran")
    lan_page.get_by_label("Mật khẩu").fill(PASSWORD)  # the old password no longer works
    lan_page.get_by_role("button", name="Đăng nhập").click()
    expect(lan_page.get_by_role("alert")).to_contain_text("không đúng")
    lan_page.get_by_label("Tên đăng nhập").fill("lan.tran")
    lan_page.get_by_label("Mật khẩu").fill(password)
    lan_page.get_by_role("button", name="Đăng nhập").click()
    expect(lan_page.get_by_role("link", name="Gửi tin").first).to_be_visible()

    official.get_by_role("link", name="Tài khoản").first.click()
    row = official.locator("tr", has_text="lan.tran")
    row.get_by_text("Quản lý lan.tran").click()
    row.get_by_role("button", name="Khóa tài khoản").click()
    expect(official.get_by_role("status")).to_contain_text("Đã khóa tài khoản lan.tran")
    lan_page.reload()
    expect(lan_page.get_by_role("heading", name="Đăng nhập")).to_be_visible()
    hint = lan_page.locator(".hint").inner_text()
    assert "danbiet" not in hint
    assert "quản trị viên" in hint
    lan.close()


def test_a_rejection_is_confirmed_before_the_resident_is_told(
    official: Page,  # noqa: F811
    sandbox: Sandbox,
) -> None:
    resident = sandbox.create_resident("Hà Thu")
    actor = Actor.resident(resident.id, "vi", resident.name)
    text = "Cho tôi hỏi thủ tục chốt sổ bảo hiểm xã hội khi nghỉ việc"
    ticket = sandbox.run(file_ticket(sandbox.services, actor, text))
    official.goto(f"{sandbox.dashboard_url}tickets/{ticket.id}")
    form = official.locator("#reject-form")
    form.get_by_role("button", name="Xem lại trước khi không tiếp nhận").click()
    # No reason chosen: the browser asks for one, nothing is sent.
    expect(official).to_have_url(f"{sandbox.dashboard_url}tickets/{ticket.id}")
    form.get_by_label("Lý do").select_option("off_topic")
    form.get_by_label("Hướng dẫn tới").select_option("bhxh-quan-huyen")
    words = "Việc chốt sổ do cơ quan bảo hiểm giải quyết <b>trực tiếp</b>."
    form.get_by_label("Lời nhắn tới người dân").fill(words)
    form.get_by_role("button", name="Xem lại trước khi không tiếp nhận").click()
    heading = f"Xác nhận không tiếp nhận phiếu {ticket.code}"
    expect(official.get_by_role("heading", name=heading)).to_be_visible()
    expect(official.locator("#reject-words")).to_have_text(words)
    expect(official.locator("#reject-referral")).to_contain_text("Bảo hiểm xã hội quận, huyện")
    assert fits_a_phone(official)
    assert not [m for m in sandbox.emulator.messages(resident.id) if "🚫" in m.get("text", "")]
    official.get_by_role("button", name="Xác nhận không tiếp nhận").click()
    expect(official.get_by_role("status")).to_contain_text(ticket.code)
    expect(official.locator(".badge").first).to_have_text("Không tiếp nhận")
    notice = sandbox.run(
        sandbox.emulator.wait_for_bot_message(
            resident.id,
            lambda m: "không được tiếp nhận" in m.get("text", ""),
            after=0,
            timeout=10,
        )
    )
    assert words in notice["text"]
    assert "Bảo hiểm xã hội quận, huyện nơi bạn cư trú" in notice["text"]
