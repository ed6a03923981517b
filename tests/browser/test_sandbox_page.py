"""The sandbox chat page in Chromium, against the real bot: asking, buttons, residents, safety,
long messages, reconnection, keyboard use, deep links and the officials' group."""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

import pytest

from bot.launcher import SANDBOX_ADMIN_CHAT_TITLE
from bot.sandbox.chat import MAX_MESSAGE_LENGTH
from bot.sandbox.entities.text import utf16_len
from tests.browser.conftest import ADMIN_CHAT_ID, Sandbox

pytestmark = pytest.mark.browser

try:
    from playwright.sync_api import Page, expect
except ImportError:
    pytest.skip(
        "the playwright package is not installed (pip install -e '.[test]')",
        allow_module_level=True,
    )

OpenPage = Callable[..., "Page"]


def send(page: Page, text: str) -> None:
    page.locator("#input").fill(text)
    page.locator("#input").press("Enter")


def incoming(page: Page, text: str) -> Any:
    """The bot's messages containing ``text`` (case-sensitive, unlike has_text="...")."""
    return page.locator(".message.incoming").filter(has_text=re.compile(re.escape(text)))


def outgoing(page: Page) -> Any:
    return page.locator(".message.outgoing")


def test_asks_a_question_and_reads_the_answer(sandbox: Sandbox, open_page: OpenPage) -> None:
    page = open_page(sandbox.create_resident("Hoa"))
    expect(page.locator("#chat-title")).to_have_text("danbiet")
    send(page, "ty le ho ngheo")
    expect(outgoing(page)).to_have_count(1)
    expect(outgoing(page).first).to_contain_text("ty le ho ngheo")
    answer = incoming(page, "3.612")
    expect(answer).to_contain_text("Nguồn:")
    # The bot's bold text is rendered as bold, from its entities.
    assert answer.locator("strong").count() > 0
    expect(page.locator("#input")).to_have_value("")


def test_a_button_edits_the_same_message_in_place(sandbox: Sandbox, open_page: OpenPage) -> None:
    page = open_page(sandbox.create_resident("Bình"))
    send(page, "/indicators")
    areas = incoming(page, "Chỉ tiêu theo lĩnh vực")
    expect(areas).to_have_count(1)
    message_id = areas.get_attribute("data-message-id")
    areas.evaluate("node => { node.__original = true; }")
    areas.get_by_role("button", name=re.compile("Giảm nghèo")).click()
    same = page.locator(f"#msg-{message_id}")
    expect(same).to_contain_text("Hộ nghèo")
    expect(same).not_to_contain_text("Chỉ tiêu theo lĩnh vực")
    expect(same.locator(".edited")).to_be_visible()
    assert same.evaluate("node => node.__original === true")  # the very same DOM element
    expect(page.locator(".message.incoming")).to_have_count(1)


def test_callback_answers_show_as_a_notice(sandbox: Sandbox, open_page: OpenPage) -> None:
    page = open_page(sandbox.create_resident("Cúc"))
    send(page, "/language")
    menu = incoming(page, "Chọn ngôn ngữ")
    menu.get_by_role("button", name=re.compile("Tiếng Việt")).click()
    expect(page.locator("#toast")).to_contain_text("Đã chuyển sang tiếng Việt")


def test_residents_have_separate_histories(sandbox: Sandbox, open_page: OpenPage) -> None:
    page = open_page(sandbox.create_resident("Dũng"))
    send(page, "/help")
    expect(incoming(page, "/indicators")).to_have_count(1)
    first_user = page.evaluate("window.danbietSandbox.userId")

    page.locator("#new-resident").click()
    dialog = page.locator("#resident-dialog")
    expect(dialog).to_be_visible()
    dialog.get_by_label("Tên").fill("Emma")
    dialog.get_by_label("Ngôn ngữ").select_option("en")
    dialog.get_by_role("button", name="Tạo").click()
    expect(dialog).to_be_hidden()
    expect(page.locator("#resident option:checked")).to_have_text("Emma · EN")
    expect(page.locator("#empty")).to_be_visible()  # a new person: an empty chat
    expect(page.locator("#start-button")).to_have_text("Start")  # the page speaks English
    expect(page.locator("html")).to_have_attribute("lang", "en")
    send(page, "/help")
    expect(incoming(page, "/indicators")).to_have_count(1)
    expect(outgoing(page)).to_have_count(1)
    second_user = page.evaluate("window.danbietSandbox.userId")
    assert second_user != first_user
    assert sandbox.emulator.messages(second_user)[0]["text"] == "/help"

    page.locator("#resident").select_option(str(first_user))
    expect(page.locator("#start-button")).to_have_text("Bắt đầu")
    expect(outgoing(page)).to_have_count(1)
    expect(outgoing(page).first).to_have_text(re.compile("/help"))
    expect(page.locator(".message")).to_have_count(len(sandbox.emulator.messages(first_user)))
    assert page.evaluate("sessionStorage.getItem('danbiet.sandbox.resident')") == str(first_user)


def test_typed_html_is_shown_as_text_and_never_runs(sandbox: Sandbox, open_page: OpenPage) -> None:
    page = open_page(sandbox.create_resident("Giang"))
    script = "<script>window.__pwned=1</script>"
    image = '<img src=x onerror="window.__pwned=1">'
    send(page, script)
    send(page, image)
    expect(outgoing(page)).to_have_count(2)
    expect(outgoing(page).nth(0).locator(".text")).to_have_text(script)
    expect(outgoing(page).nth(1).locator(".text")).to_have_text(image)
    expect(page.locator(".message.incoming")).to_have_count(2)  # the bot answered both
    assert page.evaluate("window.__pwned") is None
    assert page.locator("#messages script, #messages img").count() == 0


def test_the_bots_formatting_is_rendered_safely(sandbox: Sandbox, open_page: OpenPage) -> None:
    resident = sandbox.create_resident("Tâm")
    page = open_page(resident)
    html = (
        '<b>Đậm</b> <i>nghiêng</i> <u>gạch</u> <s>xoá</s> <a href="https://example.org/a">web</a> '
        "<tg-spoiler>bí mật</tg-spoiler> "
        '<code>&lt;img src=x onerror="window.__pwned=1"&gt;</code>\n'
        '<pre><code class="language-python">print(1)</code></pre><blockquote>trích dẫn</blockquote>'
    )
    sent = sandbox.bot_call("sendMessage", chat_id=resident.id, text=html, parse_mode="HTML")
    shown = page.locator(f"#msg-{sent['message_id']}")
    expect(shown.locator("strong")).to_have_text("Đậm")
    expect(shown.locator("em")).to_have_text("nghiêng")
    expect(shown.locator("u")).to_have_text("gạch")
    expect(shown.locator("s")).to_have_text("xoá")
    link = shown.locator("a.text-link")
    expect(link).to_have_attribute("href", "https://example.org/a")
    expect(link).to_have_attribute("rel", re.compile("noopener"))
    spoiler = shown.locator(".spoiler")
    expect(spoiler).to_have_attribute("role", "button")
    spoiler.click()
    expect(spoiler).to_have_class(re.compile("revealed"))
    expect(shown.locator("code.inline-code")).to_have_text('<img src=x onerror="window.__pwned=1">')
    expect(shown.locator("pre")).to_have_attribute("data-language", "python")
    expect(shown.locator("pre")).to_have_text("print(1)")
    expect(shown.locator("blockquote")).to_have_text("trích dẫn")
    assert shown.locator("img, script").count() == 0

    # A link the page must not follow is shown as plain text.
    bad = sandbox.bot_call(
        "sendMessage",
        chat_id=resident.id,
        text="bấm đây",
        entities=[
            {"type": "text_link", "offset": 0, "length": 7, "url": "javascript:window.__pwned=1"}
        ],
    )
    bad_shown = page.locator(f"#msg-{bad['message_id']}")
    expect(bad_shown).to_contain_text("bấm đây")
    assert bad_shown.locator("a").count() == 0
    assert page.evaluate("window.__pwned") is None


def test_a_10000_character_message_is_split_and_answered(
    sandbox: Sandbox, open_page: OpenPage
) -> None:
    resident = sandbox.create_resident("Hải")
    page = open_page(resident)
    text = "hộ nghèo " * 1112
    send(page, text)
    expect(outgoing(page)).to_have_count(3)
    expect(page.locator("#toast")).to_contain_text("3 phần")
    shown = outgoing(page).locator(".text").all_inner_texts()
    assert all(utf16_len(part) <= MAX_MESSAGE_LENGTH for part in shown)
    assert " ".join(shown) == text.strip()
    expect(incoming(page, "dài quá")).to_have_count(3)  # one polite reply per part
    user_messages = [
        m for m in sandbox.emulator.messages(resident.id) if m["from"]["id"] == resident.id
    ]
    assert len(user_messages) == 3


def test_reconnection_loses_and_duplicates_nothing(sandbox: Sandbox, open_page: OpenPage) -> None:
    resident = sandbox.create_resident("Khánh")
    page = open_page(resident)
    send(page, "/help")
    expect(incoming(page, "/indicators")).to_have_count(1)

    # A dropped connection comes back by itself.
    page.evaluate("window.danbietSandbox.dropConnection()")
    expect(page.locator("#connection")).to_be_hidden()
    page.wait_for_function("() => window.danbietSandbox.connected")

    # Now stay away while the resident (from another device) asks and the bot answers.
    page.evaluate("window.danbietSandbox.dropConnection({hold: true})")
    expect(page.locator("#connection")).to_be_visible()
    update = sandbox.run(sandbox.emulator.send_text(resident.id, "ty le ho ngheo"))
    after = update["message"]["message_id"]
    reply = sandbox.run(
        sandbox.emulator.wait_for_bot_message(
            resident.id, lambda m: "3.612" in m["text"], after=after
        )
    )
    expect(incoming(page, "3.612")).to_have_count(0)

    page.evaluate("window.danbietSandbox.resumeConnection()")
    expect(page.locator(f"#msg-{reply['message_id']}")).to_contain_text("Nguồn:")
    expect(page.locator("#connection")).to_be_hidden()
    assert page.evaluate("window.danbietSandbox.readyMode") == "replay"
    expect(page.locator(".message")).to_have_count(len(sandbox.emulator.messages(resident.id)))
    ids = page.locator(".message").evaluate_all("nodes => nodes.map(n => n.id)")
    assert len(ids) == len(set(ids))
    # And the page still talks.
    send(page, "/faq")
    expect(incoming(page, "Câu hỏi thường gặp")).to_have_count(1)


def test_keyboard_only(sandbox: Sandbox, open_page: OpenPage) -> None:
    page = open_page(sandbox.create_resident("Lâm"))
    page.locator("body").focus()
    for _ in range(20):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.id") == "input":
            break
    else:
        pytest.fail("Tab never reached the message box")
    page.keyboard.type("/help")
    page.keyboard.press("Enter")
    expect(incoming(page, "/indicators")).to_have_count(1)

    # The "/" menu by keyboard: Shift+Tab to the menu button, open it, pick a command.
    page.locator("#input").focus()
    page.keyboard.press("Shift+Tab")
    assert page.evaluate("document.activeElement.id") == "menu-button"
    page.keyboard.press("Enter")
    expect(page.locator("#commands")).to_be_visible()
    expect(page.locator("#menu-button")).to_have_attribute("aria-expanded", "true")
    focused = page.locator("#command-list button:focus")
    expect(focused).to_have_attribute("data-command", "start")
    page.keyboard.press("ArrowDown")
    expect(focused).to_have_attribute("data-command", "indicators")
    page.keyboard.press("Escape")
    expect(page.locator("#commands")).to_be_hidden()
    assert page.evaluate("document.activeElement.id") == "menu-button"


def test_typing_a_slash_suggests_commands_in_the_residents_language(
    sandbox: Sandbox, open_page: OpenPage
) -> None:
    page = open_page(sandbox.create_resident("Olivia", "en"))
    page.locator("#input").press_sequentially("/ind")
    suggestions = page.locator("#command-list button")
    expect(suggestions).to_have_count(1)
    expect(suggestions.first).to_contain_text("/indicators")
    descriptions = {
        c["command"]: c["description"] for c in sandbox.emulator.commands_for(None, "en") or []
    }
    expect(suggestions.first).to_contain_text(descriptions["indicators"])
    suggestions.first.click()
    expect(incoming(page, "Indicators by area")).to_have_count(1)
    expect(page.locator("#commands")).to_be_hidden()


def test_a_deep_link_sends_start_with_its_payload_once(
    sandbox: Sandbox, open_page: OpenPage
) -> None:
    resident = sandbox.create_resident("Phương")
    page = open_page(resident, "?start=bao-phu-bhyt")
    expect(outgoing(page)).to_have_count(1)
    expect(outgoing(page).first).to_contain_text("/start bao-phu-bhyt")
    expect(incoming(page, "91,8")).to_contain_text("Nguồn:")
    assert "start=" not in page.url
    page.reload()
    page.wait_for_function("() => window.danbietSandbox && window.danbietSandbox.connected")
    expect(incoming(page, "91,8")).to_have_count(1)
    expect(outgoing(page)).to_have_count(1)


def test_the_officials_group(sandbox: Sandbox, open_page: OpenPage) -> None:
    page = open_page(sandbox.create_resident("Quang"))
    toggle = page.locator("#group-toggle")
    expect(toggle).to_have_attribute("aria-pressed", "false")
    toggle.click()
    expect(toggle).to_have_attribute("aria-pressed", "true")
    expect(page.locator("#chat-title")).to_have_text(SANDBOX_ADMIN_CHAT_TITLE)
    send(page, "Họp lúc 9 giờ")
    expect(outgoing(page).last).to_contain_text("Họp lúc 9 giờ")
    assert page.evaluate("window.danbietSandbox.chatId") == ADMIN_CHAT_ID
    texts = [m.get("text") for m in sandbox.emulator.messages(ADMIN_CHAT_ID)]
    assert "Họp lúc 9 giờ" in texts
    toggle.click()
    expect(page.locator("#chat-title")).to_have_text("danbiet")
    expect(page.locator("#empty")).to_be_visible()


def test_fits_a_phone_screen(sandbox: Sandbox, open_page: OpenPage) -> None:
    page = open_page(sandbox.create_resident("Sơn"), width=360)
    send(page, "/indicators")
    expect(incoming(page, "Chỉ tiêu theo lĩnh vực")).to_have_count(1)
    overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
    assert overflow <= 0
    for selector in (
        "#input",
        "#send",
        "#menu-button",
        "#attach-photo",
        "#send-location",
        "#resident",
        "#new-resident",
    ):
        box = page.locator(selector).bounding_box()
        assert box is not None
        assert box["x"] >= 0, selector
        assert box["x"] + box["width"] <= 360, selector
