"""A saved answer and an internal note on the ticket page, in Chromium against the sandbox's
real bot, database and emulator: the saved answer is filled in with the resident's name and
sent as text; the note stays on the page and never reaches the resident."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

import pytest

from bot.services.kernel.actor import Actor
from tests.browser.conftest import Sandbox
from tests.browser.test_dashboard import sign_in
from tests.tickets import file_ticket

if TYPE_CHECKING:
    from playwright.sync_api import Browser, Page

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

SAVED = "Chào {name}, phường đã nhận <b>phản ánh</b> và sẽ trả lời trong tuần."
NOTE = "<i>Nội bộ</i>: gọi lại cho trường trước thứ Sáu"


@pytest.fixture
def official(browser: Browser, sandbox: Sandbox) -> Iterator[Page]:
    context = browser.new_context(viewport={"width": 1024, "height": 768})
    page = context.new_page()
    sign_in(page, sandbox)
    expect(page.get_by_role("heading", name="Xin chào, Cán bộ")).to_be_visible()
    yield page
    context.close()


def test_a_saved_answer_filled_in_and_a_note_kept_from_the_resident(
    official: Page, sandbox: Sandbox
) -> None:
    resident = sandbox.create_resident("Phạm Thu")
    ticket = sandbox.run(
        file_ticket(
            sandbox.services,
            Actor.resident(resident.id, "vi", "Phạm Thu"),
            "Trường thu thêm tiền học thêm ngoài quy định, xin phường xem lại",
        )
    )
    official.goto(sandbox.dashboard_url + "saved-answers")
    official.get_by_label("Tên mẫu").fill("Đã nhận phản ánh")
    official.get_by_label("Lĩnh vực").select_option("giao-duc")
    official.get_by_label("Nội dung").fill(SAVED)
    official.get_by_role("button", name="Lưu").click()
    expect(official.get_by_role("status")).to_contain_text("Đã lưu câu trả lời mẫu")
    expect(official.locator("#saved-answers")).to_contain_text("<b>phản ánh</b>")  # as text

    official.goto(sandbox.dashboard_url + f"tickets/{ticket.id}")
    official.get_by_label("Ghi chú mới").fill(NOTE)
    official.get_by_role("button", name="Lưu ghi chú").click()
    expect(official.get_by_role("status")).to_contain_text("Đã lưu ghi chú")
    expect(official.locator("#notes")).to_contain_text(NOTE)  # shown as text, not markup
    expect(official.locator("#notes i")).to_have_count(0)

    official.get_by_label("Câu trả lời mẫu").select_option(label="Đã nhận phản ánh")
    official.get_by_role("button", name="Dùng mẫu này").click()
    answer = SAVED.replace("{name}", "Phạm Thu")
    expect(official.get_by_label("Trả lời người dân")).to_have_value(answer)
    before = [m["message_id"] for m in sandbox.emulator.messages(resident.id)]
    official.get_by_role("button", name="Gửi trả lời cho người dân").click()
    expect(official.get_by_role("status")).to_contain_text(f"Đã gửi trả lời phiếu {ticket.code}")
    delivered = sandbox.run(
        sandbox.emulator.wait_for_bot_message(
            resident.id,
            lambda m: "Phạm Thu" in m.get("text", ""),
            after=max(before, default=0),
            timeout=10,
        )
    )
    assert answer in delivered["text"]  # the resident reads the tags as text, as typed
    everything = " ".join(str(m.get("text", "")) for m in sandbox.emulator.messages(resident.id))
    assert "gọi lại cho trường" not in everything
    assert "Nội bộ" not in everything
