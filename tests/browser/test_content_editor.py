"""The content editor in Chromium at a phone's width (390 px), against the sandbox's real bot,
database and emulator: paste the next report into a draft, accept and edit its proposals (a
wrong number refused beside its field), another official reviews the diff and approves, the bot
answers the new figure at once without a restart, and a confirmed rollback brings the old one
back; further figures added and removed as rows of the form, and a report removed after a confirm
with the FAQs that still quote it listed at their field."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

import pytest

from bot.services.access.model import AccountProfile
from bot.services.kernel.actor import Actor, Role
from tests.browser.conftest import Sandbox
from tests.e2e.helpers import ask

if TYPE_CHECKING:
    from playwright.sync_api import Browser, Page, ViewportSize

# The editor reads and writes the database: on both backends, one sandbox each.
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

PASSWORD = "một câu mật khẩu dài của biên tập viên"
PHONE: ViewportSize = {"width": 390, "height": 844}
QUESTION = "ty le ho ngheo"
OLD_FIGURE = "3.612"
NEW_FIGURE = "2.981"
REPORT = (
    "Sáng 15/4/2024, Ban Chỉ đạo Chương trình số 08-CTr/TU của Thành ủy giao ban kết quả thực "
    "hiện quý I/2024.\n"
    "Báo cáo cho biết, đến nay, toàn thành phố có 2.981 hộ nghèo, chiếm 0,13% tổng số hộ dân "
    "toàn thành phố; 25.112 hộ cận nghèo, chiếm 1,02%.\n"
    "Giải quyết việc làm cho 52.310/165.000 lao động, đạt 31,7% kế hoạch năm, tăng 4,6% so với "
    "cùng kỳ năm 2023.\n"
    "Tin cùng chuyên mục\n"
    "Hà Nội có 1.000 điểm vui chơi mới."
)


def account(sandbox: Sandbox, username: str, role: Role, name: str) -> Actor:
    view = sandbox.run(
        sandbox.services.accounts.add(
            Actor.system(), username, PASSWORD, role, profile=AccountProfile(name)
        )
    )
    return Actor.staff(view.id, name, role)


def signed_in(browser: Browser, sandbox: Sandbox, username: str) -> Page:
    page = browser.new_context(viewport=PHONE).new_page()
    page.goto(sandbox.dashboard_url + "login")
    page.get_by_label("Tên đăng nhập").fill(username)
    page.get_by_label("Mật khẩu").fill(PASSWORD)
    page.get_by_role("button", name="Đăng nhập").click()
    expect(page.get_by_role("heading", name="Xin chào")).to_be_visible()
    return page


def fits(page: Page) -> None:
    """Nothing wider than the phone: no sideways scrolling."""
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]


@pytest.fixture
def editor(browser: Browser, sandbox: Sandbox) -> Iterator[Page]:
    account(sandbox, "bien-tap-lan", Role.CONTENT_EDITOR, "Biên tập Lan")
    page = signed_in(browser, sandbox, "bien-tap-lan")
    yield page
    page.context.close()


def answer(sandbox: Sandbox, resident_id: int) -> str:
    return str(sandbox.run(ask(sandbox.emulator, resident_id, QUESTION))["text"])


def test_paste_a_report_accept_its_figures_approve_and_the_bot_answers_them(
    editor: Page, browser: Browser, sandbox: Sandbox
) -> None:
    page = editor
    resident = sandbox.create_resident("Nguyễn Văn Hỏi")
    assert OLD_FIGURE in answer(sandbox, resident.id)
    page.goto(sandbox.dashboard_url + "content")
    page.get_by_label("Ghi chú cho bản nháp mới").fill("Quý I/2024")
    page.get_by_role("button", name="Tạo bản nháp từ bản đang dùng").click()
    expect(page.get_by_role("status")).to_contain_text("Đã tạo bản nháp")
    draft_id = int(page.url.rsplit("/", 1)[-1])
    page.get_by_role("link", name="Sửa chỉ tiêu, số liệu, chính sách, câu hỏi").click()
    fits(page)

    page.get_by_role("link", name="Dán báo cáo mới").click()
    page.locator("#field-key").fill("report-2024-q1")
    page.get_by_label("Tiêu đề (tiếng Việt)").fill(
        "Giao ban kết quả quý I/2024 <b>Chương trình 08</b>"
    )
    page.get_by_label("Tiêu đề (tiếng Anh)").fill("Results of Q1 2024")
    page.get_by_label("Ngày báo cáo").fill("2024-04-15")
    page.get_by_label("Cơ quan báo cáo (tiếng Việt)").fill("Sở Lao động - Thương binh và Xã hội")
    page.get_by_label("Cơ quan báo cáo (tiếng Anh)").fill("Hanoi DOLISA")
    page.get_by_label("Tóm tắt (tiếng Việt)").fill("Kết quả quý I/2024.")
    page.get_by_label("Tóm tắt (tiếng Anh)").fill("Results of Q1 2024.")
    page.get_by_label("Toàn văn báo cáo").fill(REPORT)
    page.get_by_role("button", name="Lưu vào bản nháp").click()
    expect(page.get_by_role("status")).to_have_text("Đã lưu vào bản nháp.")
    expect(page.get_by_label("Kỳ báo cáo (tiếng Việt)")).to_have_value("Quý I/2024")
    fits(page)

    page.get_by_role("link", name="Số liệu đề xuất từ báo cáo").click()
    poor = page.locator("li.proposal", has=page.locator("mark", has_text="2.981 hộ"))
    expect(poor).to_contain_text("ho-ngheo")
    fits(page)
    # The unrelated news after "Tin cùng chuyên mục" proposes nothing.
    expect(page.locator("mark", has_text="1.000")).to_have_count(0)
    share = page.locator("li.proposal", has=page.locator("mark", has_text="1,02%"))
    share.get_by_role("button", name="Bỏ qua").click()
    expect(page.get_by_role("status")).to_contain_text("Đã bỏ qua đề xuất")
    expect(page.locator("#proposals mark", has_text="1,02%")).to_have_count(0)
    expect(page.locator("#rejected-count")).to_be_visible()
    page.reload()  # kept with the draft, not in the page's address
    expect(page.locator("#proposals mark", has_text="1,02%")).to_have_count(0)
    expect(page.locator("#rejected", has_text="1,02%")).to_contain_text("Biên tập Lan")

    page.locator("li.proposal", has=page.locator("mark", has_text="2.981 hộ")).get_by_role(
        "link", name="Nhận / sửa"
    ).click()
    expect(page.get_by_label("Chỉ tiêu", exact=True)).to_have_value("ho-ngheo")
    value = page.get_by_label("Giá trị (viết kiểu Việt Nam: 2.981 hoặc 0,13)")
    expect(value).to_have_value(NEW_FIGURE)
    value.fill("2.891")  # a slip of the finger
    page.get_by_label("Diễn đạt số liệu (tiếng Anh)").fill(
        "The city has 2,981 poor households, 0.13% of all households."
    )
    page.get_by_role("button", name="Nhận vào bản nháp").click()
    expect(page.locator("#problem-value")).to_contain_text("Số 2.891 không có trong trích dẫn")
    expect(page.get_by_label("Diễn đạt số liệu (tiếng Anh)")).to_have_value(
        "The city has 2,981 poor households, 0.13% of all households."
    )  # what was typed is kept
    fits(page)
    page.get_by_label("Giá trị (viết kiểu Việt Nam: 2.981 hoặc 0,13)").fill(NEW_FIGURE)
    page.get_by_label("Diễn đạt số liệu (tiếng Việt)").fill(
        "Toàn thành phố có 2.981 hộ nghèo, chiếm 0,13% tổng số hộ dân."
    )
    page.get_by_role("button", name="Nhận vào bản nháp").click()
    expect(page.get_by_role("status")).to_have_text("Đã nhận số liệu vào bản nháp.")
    expect(poor).to_contain_text("đã nhận")

    # A second official reviews the diff, figure by figure with its quote, and approves.
    account(sandbox, "duyet-minh", Role.APPROVER, "Duyệt Minh")
    approver = signed_in(browser, sandbox, "duyet-minh")
    approver.goto(sandbox.dashboard_url + "content")
    approver.locator(f"#draft-{draft_id}").get_by_role("link", name="Xem thay đổi và duyệt").click()
    added = approver.locator("#figures tr.figure", has_text=NEW_FIGURE)
    expect(added).to_contain_text("có 2.981 hộ nghèo, chiếm 0,13%")
    approver.get_by_role("button", name="Duyệt và công bố").click()
    expect(approver.get_by_role("status")).to_contain_text(
        f"bản phát hành {draft_id} đang được dùng"
    )

    # The running bot answers the new figure at once, no restart.
    reply = answer(sandbox, resident.id)
    assert "Quý I/2024: Toàn thành phố có 2.981 hộ nghèo" in reply
    # The card leads with the new figure; the history keeps the earlier ones.
    assert reply.index(NEW_FIGURE) < reply.index(OLD_FIGURE)

    approver.get_by_role("link", name="Quay lại bản phát hành 1").click()
    approver.get_by_role("button", name="Xác nhận quay lại").click()
    expect(approver.get_by_role("status")).to_contain_text("bản phát hành 1 đang được dùng")
    after = answer(sandbox, resident.id)
    assert OLD_FIGURE in after
    assert NEW_FIGURE not in after
    approver.context.close()

    # The published release is read only in the editor.
    page.goto(f"{sandbox.dashboard_url}content/drafts/{draft_id}/edit/indicator/ho-ngheo")
    expect(page.locator("#read-only")).to_be_visible()
    expect(page.get_by_role("button", name="Lưu vào bản nháp")).to_have_count(0)


def test_further_figures_as_rows_and_a_report_removed_with_what_quotes_it_shown(
    browser: Browser, sandbox: Sandbox
) -> None:
    account(sandbox, "bien-tap-hoa", Role.CONTENT_EDITOR, "Biên tập Hoa")
    page = signed_in(browser, sandbox, "bien-tap-hoa")
    page.goto(sandbox.dashboard_url + "content")
    page.get_by_label("Ghi chú cho bản nháp mới").fill("Số liệu kèm theo")
    page.get_by_role("button", name="Tạo bản nháp từ bản đang dùng").click()
    draft_id = int(page.url.rsplit("/", 1)[-1])
    edit = f"{sandbox.dashboard_url}content/drafts/{draft_id}/edit"

    page.goto(f"{edit}/indicator/ho-ngheo/observations/0")
    expect(page.locator("#field-figures-0-value")).to_have_value("0,16")
    new_row = page.locator("#row-figures-1")
    expect(new_row).to_contain_text("Dòng mới")
    page.locator("#field-figures-1-label_vi").fill("Số hộ nghèo")
    page.locator("#field-figures-1-label_en").fill("Poor households")
    page.locator("#field-figures-1-value").fill("3.613")  # not what the quote says
    page.locator("#field-figures-1-unit_vi").fill("hộ")
    page.locator("#field-figures-1-unit_en").fill("households")
    page.get_by_role("button", name="Lưu vào bản nháp").click()
    expect(page.locator("#problem-figures-1-value")).to_contain_text(
        "Số 3.613 không có trong trích dẫn"
    )
    expect(page.locator("#field-figures-1-label_vi")).to_have_value("Số hộ nghèo")  # kept
    fits(page)
    page.locator("#field-figures-1-value").fill("3.612")
    page.get_by_role("button", name="Lưu vào bản nháp").click()
    expect(page.get_by_role("status")).to_have_text("Đã lưu vào bản nháp.")
    expect(page.locator("#field-figures-1-value")).to_have_value("3.612")
    page.locator("#field-figures-0-remove").check()
    page.get_by_role("button", name="Lưu vào bản nháp").click()
    expect(page.get_by_role("status")).to_have_text("Đã lưu vào bản nháp.")
    expect(page.locator("#field-figures-0-value")).to_have_value("3.612")
    expect(page.locator("#field-figures-1-value")).to_have_value("")  # the blank row

    page.goto(f"{edit}/report/report-2022-q1")
    page.get_by_role("link", name="Xoá khỏi bản nháp…").click()
    expect(page.locator("#remove-confirm")).to_contain_text("report-2022-q1")
    fits(page)
    page.get_by_role("button", name="Xoá", exact=True).click()
    expect(page.get_by_role("status")).to_contain_text("Đã xoá khỏi bản nháp")
    quoting = page.locator("#problems-table tr", has_text="thoi-gian-chuong-trinh")
    expect(quoting).to_contain_text("source.report")
    expect(page.locator("#report-report-2022-q1")).to_have_count(0)
    fits(page)
    page.context.close()


def rows_of(page: Page, name: str) -> list[str]:
    """The ids of the rows a form shows (the blank one to add a row is the last)."""
    return [
        str(row.get_attribute("id")) for row in page.locator(f"#rows-{name} > fieldset.row").all()
    ]


def test_a_saved_form_shows_its_rows_and_one_blank_row_however_often_it_is_sent(
    browser: Browser, sandbox: Sandbox
) -> None:
    account(sandbox, "bien-tap-mai", Role.CONTENT_EDITOR, "Biên tập Mai")
    page = signed_in(browser, sandbox, "bien-tap-mai")
    page.goto(sandbox.dashboard_url + "content")
    page.get_by_label("Ghi chú cho bản nháp mới").fill("Lưu nhiều lần")
    page.get_by_role("button", name="Tạo bản nháp từ bản đang dùng").click()
    draft_id = int(page.url.rsplit("/", 1)[-1])
    edit = f"{sandbox.dashboard_url}content/drafts/{draft_id}/edit"

    def save() -> None:
        """Send the form and wait for the page it leads to (the same ids are on both)."""
        with page.expect_navigation(wait_until="load"):
            page.get_by_role("button", name="Lưu vào bản nháp").click()

    # Further figures: the stored one and the blank row, after every save, refused or not.
    page.goto(f"{edit}/indicator/ho-ngheo/observations/0")
    assert rows_of(page, "figures") == ["row-figures-0", "row-figures-1"]
    for _ in range(2):
        save()
        expect(page.get_by_role("status")).to_have_text("Đã lưu vào bản nháp.")
        assert rows_of(page, "figures") == ["row-figures-0", "row-figures-1"]
    page.locator("#field-figures-1-label_vi").fill("Số hộ nghèo")
    page.locator("#field-figures-1-value").fill("3.613")  # not what the quote says
    for _ in range(3):  # sent again as it came back: the blank row it showed comes back once
        save()
        expect(page.locator("#problem-figures-1-value")).to_contain_text("3.613")
        expect(page.locator("#field-figures-1-label_vi")).to_have_value("Số hộ nghèo")
        assert rows_of(page, "figures") == ["row-figures-0", "row-figures-1", "row-figures-2"]
        expect(page.locator("#field-figures-2-value")).to_have_value("")
    page.locator("#field-figures-1-label_en").fill("Poor households")
    page.locator("#field-figures-1-value").fill("3.612")
    page.locator("#field-figures-1-unit_vi").fill("hộ")
    page.locator("#field-figures-1-unit_en").fill("households")
    for _ in range(2):
        save()
        expect(page.get_by_role("status")).to_have_text("Đã lưu vào bản nháp.")
        assert rows_of(page, "figures") == ["row-figures-0", "row-figures-1", "row-figures-2"]
    expect(page.locator("#field-figures-1-value")).to_have_value("3.612")

    # Further sources of a FAQ: the same.
    page.goto(f"{edit}/faq/kho-khan")
    assert rows_of(page, "also") == ["row-also-0", "row-also-1", "row-also-2"]
    for _ in range(2):
        save()
        expect(page.get_by_role("status")).to_have_text("Đã lưu vào bản nháp.")
        assert rows_of(page, "also") == ["row-also-0", "row-also-1", "row-also-2"]
    page.locator("#field-also-2-source_report").select_option("report-2023-h1")
    page.locator("#field-also-2-quote").fill("một câu không có trong báo cáo")  # not a quote
    for _ in range(2):
        save()
        expect(page.locator("#field-also-2-quote")).to_have_attribute("aria-invalid", "true")
        expect(page.locator("#field-also-2-quote")).to_have_value("một câu không có trong báo cáo")
        assert rows_of(page, "also") == ["row-also-0", "row-also-1", "row-also-2", "row-also-3"]
    page.context.close()
