"""In Chromium, at a phone's width: a broadcast written with formatting and aimed at one ward,
previewed formatted, "Send now" asks with the count, going back sends nothing, confirming sends
to that ward's subscriber only."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pytest

from bot.services.kernel.actor import Actor
from tests.browser.conftest import Sandbox
from tests.browser.test_dashboard import sign_in

if TYPE_CHECKING:
    from playwright.sync_api import Browser

pytestmark = [
    pytest.mark.browser,
    pytest.mark.parametrize("sandbox", ["sqlite"], indirect=True, scope="module"),
]

try:
    from playwright.sync_api import expect
except ImportError:
    pytest.skip(
        "the playwright package is not installed (pip install -e '.[test]')",
        allow_module_level=True,
    )

NO_OVERFLOW = "() => document.documentElement.scrollWidth - document.documentElement.clientWidth"


def test_send_now_asks_with_the_count_back_sends_nothing_confirm_sends(
    browser: Browser, sandbox: Sandbox
) -> None:
    residents = [sandbox.create_resident(f"Người ở phường {n}") for n in range(3)]
    for resident in residents:
        sandbox.run(
            sandbox.services.subscriptions.subscribe(
                Actor.resident(resident.id, "vi", resident.name)
            )
        )
    here = residents[0]
    sandbox.run(
        sandbox.services.subscriptions.choose_district(
            Actor.resident(here.id, "vi", here.name), "p-hoan-kiem"
        )
    )
    context = browser.new_context(viewport={"width": 390, "height": 844})
    page = context.new_page()
    sign_in(page, sandbox)
    page.goto(sandbox.dashboard_url.rstrip("/") + "/broadcasts")
    assert page.evaluate(NO_OVERFLOW) <= 0  # the 126 places' list fits a phone too
    page.get_by_label("Nội dung gửi người đăng ký (tiếng Việt)").fill(
        "**Cắt nước** sáng mai tại <b>tổ 5</b>"
    )
    page.locator("#text-districts").select_option(label="Phường Hoàn Kiếm")
    page.get_by_role("button", name="Xem trước").first.click()
    preview = page.locator(".preview").first
    expect(preview.locator("b", has_text="Cắt nước")).to_have_text("Cắt nước")
    expect(preview.locator("b", has_text="tổ 5")).to_have_text("tổ 5")
    expect(preview).not_to_contain_text("**")
    expect(preview).not_to_contain_text("<b>")
    expect(page.locator("#broadcast-places")).to_contain_text("Phường Hoàn Kiếm")
    assert page.evaluate(NO_OVERFLOW) <= 0

    page.get_by_role("button", name="Gửi ngay").click()
    expect(page.locator("#confirm-count")).to_have_text(
        "Gửi ngay tới 1 người (tiếng Việt 1, tiếng Anh 0)?"
    )
    assert page.evaluate(NO_OVERFLOW) <= 0
    page.get_by_role("link", name="Quay lại, chưa gửi").click()
    expect(page.locator("#broadcast-status")).to_have_text("Bản nháp")

    page.get_by_role("button", name="Gửi ngay").click()
    page.get_by_role("button", name="Xác nhận gửi tới 1 người").click()
    expect(page.get_by_role("status")).to_contain_text("Đã bắt đầu gửi")
    expect(page.locator("#broadcast-status")).to_have_text("Đã gửi xong", timeout=20_000)
    expect(page.locator("#count-sent")).to_have_text("1 / 1")
    received = {
        resident.id: [
            m for m in sandbox.emulator.messages(resident.id) if "Cắt nước" in m.get("text", "")
        ]
        for resident in residents
    }
    assert [len(received[resident.id]) for resident in residents] == [1, 0, 0]
    context.close()


def test_a_report_offered_after_a_publish_is_aimed_at_a_commune_and_asks_with_its_count(
    browser: Browser, sandbox: Sandbox
) -> None:
    there, elsewhere = (sandbox.create_resident(f"Người ở xã {n}") for n in range(2))
    for resident in (there, elsewhere):
        sandbox.run(
            sandbox.services.subscriptions.subscribe(
                Actor.resident(resident.id, "vi", resident.name)
            )
        )
    sandbox.run(
        sandbox.services.subscriptions.choose_district(
            Actor.resident(there.id, "vi", there.name), "x-soc-son"
        )
    )
    context = browser.new_context(viewport={"width": 390, "height": 844})
    page = context.new_page()
    sign_in(page, sandbox)
    page.goto(sandbox.dashboard_url.rstrip("/") + "/broadcasts")
    offer = page.locator("#offers form").first
    offer.get_by_text("Chỉ gửi tới một số phường, xã (không bắt buộc)").click()
    offer.locator("select[name=districts]").select_option(label="Xã Sóc Sơn")
    assert page.evaluate(NO_OVERFLOW) <= 0  # the picker opened in an offer fits a phone
    offer.get_by_role("button", name="Soạn tin kết quả kỳ này").click()
    expect(page.locator("#broadcast-places")).to_contain_text("Xã Sóc Sơn")
    page.get_by_role("button", name="Gửi ngay").click()
    expect(page.locator("#confirm-count")).to_have_text(
        "Gửi ngay tới 1 người (tiếng Việt 1, tiếng Anh 0)?"
    )
    page.get_by_role("link", name="Quay lại, chưa gửi").click()
    expect(page.locator("#broadcast-status")).to_have_text("Bản nháp")
    context.close()
