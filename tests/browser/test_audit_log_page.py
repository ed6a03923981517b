"""The audit log in Chromium, against the sandbox's real bot, database and emulator: the
administrator opens it from the navigation, filters it with its form (an action picked from the
list, a name typed), follows a ticket's link, and the page fits a phone without sideways
scrolling, however long a detail is."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pytest

from bot.services.kernel.actor import Actor
from tests.browser.conftest import Sandbox
from tests.browser.test_dashboard import official, sign_in  # noqa: F401 - the fixture
from tests.browser.test_officials_pages import fits_a_phone
from tests.tickets import file_ticket

if TYPE_CHECKING:
    from playwright.sync_api import Page

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

# What a long detail looks like: an export's filters, one unbroken word.
UNBROKEN = "https://dichvucong.hanoi.gov.vn/thu-tuc/" + "tro-cap-xa-hoi-" * 8


def test_an_administrator_reads_and_filters_the_audit_log_on_a_phone(
    official: Page,  # noqa: F811
    sandbox: Sandbox,
) -> None:
    services = sandbox.services
    ticket = sandbox.run(file_ticket(services, Actor.resident(7004001, "vi", "Lê Thị Hoa")))
    system = Actor.system()
    sandbox.run(services.moderation.approve(system, ticket.id))
    sandbox.run(services.moderation.ban(system, ticket.code, UNBROKEN))

    official.set_viewport_size({"width": 390, "height": 800})
    official.goto(sandbox.dashboard_url)
    official.get_by_role("navigation").get_by_role("link", name="Nhật ký").click()
    expect(official.get_by_role("heading", name="Nhật ký thao tác")).to_be_visible()
    expect(official.get_by_text(UNBROKEN)).to_be_visible()  # the ban's reason, in its detail
    assert fits_a_phone(official)

    official.get_by_label("Thao tác").select_option("approve")
    official.get_by_label("Người thực hiện").fill("SYS")
    official.get_by_role("button", name="Lọc", exact=True).click()
    rows = official.locator("tbody tr")
    expect(rows).to_have_count(1)
    expect(rows.first).to_contain_text("tiếp nhận")
    assert "action=approve" in official.url
    assert fits_a_phone(official)

    rows.first.get_by_role("link", name=f"Phiếu #{ticket.id}").click()
    expect(official.get_by_text(ticket.code).first).to_be_visible()
