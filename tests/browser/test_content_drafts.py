"""Four eyes in Chromium, against the sandbox's real bot, database and emulator: a content editor
starts a draft, the new figure is saved into it, a second official (an approver) reviews the
diff figure by figure and approves it; the bot answers the new figure at once, without a
restart; a rollback, confirmed, brings the old figure back."""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import TYPE_CHECKING

import pytest

from bot.services.access.model import AccountProfile
from bot.services.kernel.actor import Actor, Role
from tests.browser.conftest import Sandbox
from tests.e2e.helpers import ask
from tests.release_content import NEW_FIGURE, OLD_FIGURE, changed_document

if TYPE_CHECKING:
    from playwright.sync_api import Browser, Page

# Drafts, versions and the live release are rows in the database: on both backends.
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
QUESTION = "ty le ho ngheo"


def official(browser: Browser, sandbox: Sandbox, username: str) -> Page:
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.goto(sandbox.dashboard_url)
    page.get_by_label("Tên đăng nhập").fill(username)
    page.get_by_label("Mật khẩu").fill(PASSWORD)
    page.get_by_role("button", name="Đăng nhập").click()
    expect(page.get_by_role("heading", name="Xin chào")).to_be_visible()
    return page


@pytest.fixture(scope="module")
def accounts(sandbox: Sandbox) -> dict[Role, Actor]:
    """An editor and an approver, each their own dashboard account."""
    found: dict[Role, Actor] = {}
    for role, username, name in (
        (Role.CONTENT_EDITOR, "bientap", "Biên tập Lan"),
        (Role.APPROVER, "duyet", "Duyệt Minh"),
    ):
        view = sandbox.run(
            sandbox.services.accounts.add(
                Actor.system(), username, PASSWORD, role, profile=AccountProfile(name)
            )
        )
        found[role] = Actor.staff(view.id, view.display_name, role)
    return found


@pytest.fixture
def pages(
    browser: Browser, sandbox: Sandbox, accounts: dict[Role, Actor]
) -> Iterator[tuple[Page, Page]]:
    editor = official(browser, sandbox, "bientap")
    approver = official(browser, sandbox, "duyet")
    yield editor, approver
    editor.context.close()
    approver.context.close()


def answer(sandbox: Sandbox, resident_id: int) -> str:
    reply = sandbox.run(ask(sandbox.emulator, resident_id, QUESTION))
    return str(reply["text"])


def test_start_a_draft_a_second_official_approves_the_diff_then_rolls_back(
    sandbox: Sandbox, accounts: dict[Role, Actor], pages: tuple[Page, Page]
) -> None:
    editor, approver = pages
    resident = sandbox.create_resident("Cư dân Hoa")
    before = answer(sandbox, resident.id)
    assert OLD_FIGURE in before
    assert NEW_FIGURE not in before

    # The editor starts a draft from the live release.
    editor.get_by_role("link", name="Nội dung").first.click()
    editor.get_by_label("Ghi chú cho bản nháp mới").fill("Quý II/2022 <b>mới</b>")
    editor.get_by_role("button", name="Tạo bản nháp từ bản đang dùng").click()
    expect(editor.get_by_role("status")).to_contain_text("Đã tạo bản nháp")
    draft_id = int(re.search(r"/content/drafts/(\d+)$", editor.url).group(1))  # type: ignore[union-attr]
    expect(editor.locator("#version")).to_have_text("1")
    # The new figure saved into it (the editing forms are another page's; the service saves).
    draft = sandbox.run(sandbox.services.content_drafts.get(Actor.system(), draft_id))
    sandbox.run(
        sandbox.services.content_drafts.save(
            accounts[Role.CONTENT_EDITOR], draft_id, 1, changed_document(draft.document), "3.498"
        )
    )
    editor.reload()
    expect(editor.locator("#editors")).to_have_text("Biên tập Lan")
    editor.get_by_role("link", name="Xem thay đổi và duyệt").click()
    expect(editor.locator("#approve-refused")).to_contain_text("không thể tự duyệt")
    expect(editor.get_by_role("button", name="Duyệt và công bố")).to_have_count(0)

    # The approver, who did not edit it, reviews the diff and approves.
    approver.get_by_role("link", name="Nội dung").first.click()
    expect(approver.locator(f"#draft-{draft_id}")).to_contain_text("Biên tập Lan")
    expect(approver.locator(f"#draft-{draft_id}")).to_contain_text("Quý II/2022 <b>mới</b>")
    approver.locator(f"#draft-{draft_id}").get_by_role("link", name="Xem thay đổi và duyệt").click()
    main_figure = approver.locator("#figures tr.figure").first
    expect(main_figure.locator("td.old")).to_contain_text("3.612")
    expect(main_figure.locator("td.old")).to_contain_text("có 3.612 hộ nghèo")
    expect(main_figure.locator("td.new")).to_contain_text("3.498")
    expect(main_figure.locator("td.new")).to_contain_text("có 3.498 hộ nghèo")
    approver.get_by_role("button", name="Duyệt và công bố").click()
    expect(approver.get_by_role("status")).to_contain_text(
        f"bản phát hành {draft_id} đang được dùng"
    )

    # Residents are told the new figure at once, no restart.
    after = answer(sandbox, resident.id)
    assert NEW_FIGURE in after
    assert OLD_FIGURE not in after

    # Rollback, with a confirm step.
    approver.get_by_role("link", name="Quay lại bản phát hành 1").click()
    expect(approver.locator("#rollback-what")).to_contain_text(
        f"Bản phát hành {draft_id} đang dùng sẽ thôi dùng"
    )
    assert NEW_FIGURE in answer(sandbox, resident.id)  # asking changed nothing
    approver.get_by_role("button", name="Xác nhận quay lại").click()
    expect(approver.get_by_role("status")).to_contain_text("bản phát hành 1 đang được dùng")
    rolled_back = answer(sandbox, resident.id)
    assert OLD_FIGURE in rolled_back
    assert NEW_FIGURE not in rolled_back
