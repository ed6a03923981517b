"""The officials' dashboard in Chromium, against the sandbox's real bot, database and emulator:
sign in, find a ticket, answer it (the resident receives it on "Telegram"), export the queue,
and broadcast with live progress."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

from bot.domain.records import TicketRecord
from bot.launcher import SANDBOX_DASHBOARD_USERNAME
from bot.sandbox.chat import Resident
from bot.services.kernel.actor import Actor
from tests.browser.conftest import Sandbox
from tests.tickets import FeedbackChoices, file_ticket

if TYPE_CHECKING:
    from playwright.sync_api import Browser, Page

# The dashboard reads and writes the database: on both backends, one sandbox each.
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


def resident_with_ticket(sandbox: Sandbox, name: str, text: str) -> tuple[Resident, TicketRecord]:
    """A sandbox resident who sent a photo and filed feedback with it (real DB, real file)."""
    resident = sandbox.create_resident(name)
    photo_message = sandbox.run(sandbox.emulator.send_photo(resident.id))
    file_id = photo_message["message"]["photo"][-1]["file_id"]
    actor = Actor.resident(resident.id, "vi", name)
    ticket = sandbox.run(
        file_ticket(
            sandbox.services,
            actor,
            text,
            choices=FeedbackChoices(photo=file_id, location=(21.0285, 105.8542)),
        )
    )
    return resident, ticket


def test_find_a_ticket_answer_it_and_the_resident_receives_it(
    official: Page, sandbox: Sandbox
) -> None:
    resident, ticket = resident_with_ticket(
        sandbox, "Phạm Thu", "Cống thoát nước ở ngõ 45 Láng Hạ bị tắc <b>từ tuần trước</b>"
    )
    resident_with_ticket(sandbox, "Đỗ Minh", "Trạm y tế phường đóng cửa sớm, người già khó khám")
    official.get_by_role("link", name="Phản ánh").first.click()
    official.get_by_label("Tìm").fill("cong thoat nuoc lang ha")  # no diacritics
    official.get_by_role("button", name="Lọc").click()
    expect(official.get_by_text("1 phiếu phù hợp")).to_be_visible()
    expect(official.get_by_role("cell", name="Trạm y tế")).to_have_count(0)
    official.get_by_role("link", name=ticket.code).click()
    expect(official.locator("#ticket-text")).to_have_text(
        "Cống thoát nước ở ngõ 45 Láng Hạ bị tắc <b>từ tuần trước</b>"
    )
    photo = official.locator("img.photo")
    expect(photo).to_be_visible()
    official.wait_for_function(
        "() => document.querySelector('img.photo').naturalWidth > 0"
    )  # the resident's photo, fetched from the Bot API by file id
    expect(official.get_by_text("Vị trí: 21.0285, 105.8542")).to_be_visible()

    before = [m["message_id"] for m in sandbox.emulator.messages(resident.id)]
    answer = "Phường đã cử công nhân thông cống chiều nay. Cảm ơn bạn đã báo!"
    official.get_by_label("Trả lời người dân").fill(answer)
    official.get_by_role("button", name="Gửi trả lời cho người dân").click()
    expect(official.get_by_role("status")).to_contain_text(f"Đã gửi trả lời phiếu {ticket.code}")
    expect(official.locator(".badge").first).to_have_text("Đã trả lời")
    delivered = sandbox.run(
        sandbox.emulator.wait_for_bot_message(
            resident.id, lambda m: answer in m.get("text", ""), after=max(before), timeout=10
        )
    )
    assert ticket.code in delivered["text"]


def test_filter_and_export_the_queue_as_csv(official: Page, sandbox: Sandbox) -> None:
    _, ticket = resident_with_ticket(
        sandbox, "Vũ Lan", "Xin hỏi học phí năm học mới có được miễn giảm"
    )
    official.goto(sandbox.dashboard_url + "tickets")
    official.get_by_label("Tìm").fill("hoc phi mien giam")
    official.get_by_label("Ảnh").select_option("yes")
    official.get_by_role("button", name="Lọc").click()
    expect(official.get_by_role("link", name=ticket.code)).to_be_visible()
    with official.expect_download() as download_info:
        official.get_by_role("button", name="Xuất CSV").click()
    download = download_info.value
    assert download.suggested_filename.endswith(".csv")
    rows = list(csv.reader(io.StringIO(Path(download.path()).read_text(encoding="utf-8-sig"))))
    assert rows[0][0] == "Mã phiếu"
    assert [row[0] for row in rows[1:]] == [ticket.code]
    assert rows[1][5] == "Xin hỏi học phí năm học mới có được miễn giảm"


def test_the_dashboard_fits_a_tablet_and_a_laptop(official: Page, sandbox: Sandbox) -> None:
    for width in (768, 1280):
        official.set_viewport_size({"width": width, "height": 900})
        official.goto(sandbox.dashboard_url + "tickets")
        overflow = official.evaluate(
            "() => document.documentElement.scrollWidth - document.documentElement.clientWidth"
        )
        assert overflow <= 0, width


def test_start_a_broadcast_and_watch_it_finish(official: Page, sandbox: Sandbox) -> None:
    residents = [sandbox.create_resident(f"Người đăng ký {n}") for n in range(3)]
    for resident in residents:
        sandbox.run(
            sandbox.services.subscriptions.subscribe(
                Actor.resident(resident.id, "vi", resident.name)
            )
        )
    official.get_by_role("link", name="Gửi tin").first.click()
    text = "Lịch tiếp công dân tháng 12: sáng thứ Bảy tại UBND phường <mang theo CCCD>"
    official.get_by_label("Nội dung gửi người đăng ký").fill(text)
    official.get_by_role("button", name="Xem trước").first.click()
    expect(official.locator(".preview").first).to_contain_text(text)  # typed markup stays text
    expect(official.get_by_text("3 người nhận").first).to_be_visible()
    official.get_by_role("button", name="Gửi ngay").click()
    official.get_by_role("button", name="Xác nhận gửi tới 3 người").click()  # the count, asked
    expect(official.get_by_role("status")).to_contain_text("Đã bắt đầu gửi")
    # The page refreshes itself (no JavaScript) until the worker has sent every message.
    expect(official.locator("#broadcast-status")).to_have_text("Đã gửi xong", timeout=20_000)
    expect(official.locator("#count-sent")).to_have_text("3 / 3")
    for resident in residents:
        received = sandbox.emulator.messages(resident.id)
        assert any(text in message.get("text", "") for message in received)


def test_a_photo_telegram_no_longer_has_is_missing_not_an_error(
    official: Page, sandbox: Sandbox
) -> None:
    resident = sandbox.create_resident("Lý Hằng")
    actor = Actor.resident(resident.id, "vi", resident.name)
    ticket = sandbox.run(
        file_ticket(
            sandbox.services,
            actor,
            "Ảnh đã bị xoá khỏi Telegram",
            choices=FeedbackChoices(photo="AgACgone"),
        )
    )
    response = official.request.get(f"{sandbox.dashboard_url}tickets/{ticket.id}/photo")
    assert response.status == 404
    official.goto(f"{sandbox.dashboard_url}tickets/{ticket.id}")
    expect(official.locator("#ticket-text")).to_have_text("Ảnh đã bị xoá khỏi Telegram")
