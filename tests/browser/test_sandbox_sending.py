"""The sandbox chat page sends what a Telegram client sends besides text, against the real bot:
a photo from the file picker, a location from the picker, a card picked in inline mode; and a
restart of the sandbox keeps the chat."""

from __future__ import annotations

import asyncio
import re
import threading
from collections.abc import Callable, Coroutine
from pathlib import Path
from typing import Any, TypeVar

import pytest

from bot.launcher import running_sandbox
from bot.sandbox.emulator.records import TINY_PNG
from bot.settings import load_settings
from tests.browser.conftest import Sandbox

pytestmark = pytest.mark.browser

try:
    from playwright.sync_api import Browser, Page, expect
except ImportError:
    pytest.skip(
        "the playwright package is not installed (pip install -e '.[test]')",
        allow_module_level=True,
    )

OpenPage = Callable[..., "Page"]
T = TypeVar("T")


def send(page: Page, text: str) -> None:
    page.locator("#input").fill(text)
    page.locator("#input").press("Enter")


def incoming(page: Page, text: str) -> Any:
    return page.locator(".message.incoming").filter(has_text=re.compile(re.escape(text)))


def test_a_photo_from_the_file_picker_joins_the_feedback(
    sandbox: Sandbox, open_page: OpenPage, tmp_path: Path
) -> None:
    resident = sandbox.create_resident("Tâm")
    page = open_page(resident)
    send(page, "/feedback")
    topics = incoming(page, "Chọn lĩnh vực")
    expect(topics).to_have_count(1)
    topics.get_by_role("button").first.click()
    photo = tmp_path / "o-ga.png"
    photo.write_bytes(TINY_PNG)
    page.locator("#input").fill("Ổ gà trước ngõ 12")
    page.locator("#photo-file").set_input_files(str(photo))
    sent = page.locator(".message.outgoing figure.photo img")
    expect(sent).to_have_count(1)
    expect(page.locator(".message.outgoing").last).to_contain_text("Ổ gà trước ngõ 12")
    expect(incoming(page, "Đã nhận ảnh")).to_have_count(1)  # the bot took it for the feedback
    messages = sandbox.emulator.messages(resident.id)
    assert any(message.get("caption") == "Ổ gà trước ngõ 12" for message in messages)


def test_a_file_that_is_not_a_photo_is_refused_on_the_page(
    sandbox: Sandbox, open_page: OpenPage, tmp_path: Path
) -> None:
    resident = sandbox.create_resident("Vân")
    page = open_page(resident)
    document = tmp_path / "notes.png"
    document.write_text("not really a png", encoding="utf-8")
    page.locator("#photo-file").set_input_files(
        {"name": "notes.txt", "mimeType": "text/plain", "buffer": b"hello"}
    )
    expect(page.locator("#toast")).to_contain_text("PNG, JPEG")
    assert sandbox.emulator.messages(resident.id) == []


def test_a_location_from_the_picker(sandbox: Sandbox, open_page: OpenPage) -> None:
    resident = sandbox.create_resident("Hải")
    page = open_page(resident)
    page.locator("#send-location").click()
    dialog = page.locator("#location-dialog")
    expect(dialog).to_be_visible()
    page.locator("#location-latitude").fill("95")
    page.locator("#location-send").click()
    expect(page.locator("#location-error")).to_be_visible()
    page.locator("#location-place").select_option(index=1)
    page.locator("#location-send").click()
    expect(dialog).to_be_hidden()
    expect(page.locator(".message.outgoing .location")).to_contain_text("21.02636")
    located = [m["location"] for m in sandbox.emulator.messages(resident.id) if "location" in m]
    assert located == [{"latitude": 21.02636, "longitude": 105.85306}]


def test_inline_mode_from_the_compose_box(sandbox: Sandbox, open_page: OpenPage) -> None:
    resident = sandbox.create_resident("Khánh")
    page = open_page(resident)
    page.locator("#input").fill("@danbiet_bot ho ngheo")
    results = page.locator("#inline-list .inline-result")
    expect(results.first).to_contain_text("Hộ nghèo")
    results.first.click()
    card = page.locator(".message.outgoing").last
    expect(card).to_contain_text("3.612")
    expect(card.locator(".via-bot")).to_have_text("qua @danbiet_bot")
    expect(page.locator("#inline-results")).to_be_hidden()
    expect(page.locator("#input")).to_have_value("")
    # The card is not a question: the bot answers the next one, and nothing in between.
    send(page, "/help")
    expect(incoming(page, "Hướng dẫn sử dụng")).to_have_count(1)
    texts = [m.get("text", "") for m in sandbox.emulator.messages(resident.id)]
    assert not any(text.startswith("@danbiet_bot") for text in texts)
    assert len(sandbox.emulator.bot_messages(resident.id)) == 1


def test_the_share_button_opens_inline_results_instead_of_sending_text(
    sandbox: Sandbox, open_page: OpenPage
) -> None:
    resident = sandbox.create_resident("Lộc")
    page = open_page(resident)
    send(page, "ho can ngheo")
    card = incoming(page, "30.176")
    expect(card).to_have_count(1)
    card.get_by_role("button", name=re.compile("Chia sẻ")).click()
    expect(page.locator("#inline-list .inline-result").first).to_contain_text("Hộ cận nghèo")
    page.locator("#input").press("Enter")  # sends the first result, never "@bot query"
    expect(page.locator(".message.outgoing .via-bot")).to_have_count(1)
    texts = [m.get("text", "") for m in sandbox.emulator.messages(resident.id)]
    assert not any(text.startswith("@danbiet_bot") for text in texts)


def test_a_restart_keeps_the_chat_on_the_page(browser: Browser, tmp_path: Path) -> None:
    database = tmp_path / "sandbox.sqlite3"
    settings = load_settings(
        None,
        telegram_bot_token=None,
        admin_chat_id=None,
        sandbox_port=0,
        sandbox_database_url=f"sqlite+aiosqlite:///{database}",
    )
    loop = asyncio.new_event_loop()
    thread = threading.Thread(target=loop.run_forever, name="restart-loop", daemon=True)
    thread.start()

    def run(coroutine: Coroutine[Any, Any, T]) -> T:
        return asyncio.run_coroutine_threadsafe(coroutine, loop).result(60)

    context = browser.new_context(viewport={"width": 800, "height": 800})
    password = ""
    try:
        for run_number in (1, 2):
            started = running_sandbox(settings)
            sandbox = run(started.__aenter__())
            try:
                page = context.new_page()
                page.goto(sandbox.url)
                page.wait_for_function("() => window.danbietSandbox?.connected")
                if run_number == 1:
                    send(page, "ty le ho ngheo")
                    expect(incoming(page, "3.612")).to_have_count(1)
                    password = sandbox.dashboard_password
                else:
                    # The same tab's resident, the question and its answer, as they were.
                    expect(page.locator(".message.outgoing")).to_contain_text("ty le ho ngheo")
                    expect(incoming(page, "3.612")).to_have_count(1)
                    assert sandbox.dashboard_password == password
                page.close()
            finally:
                run(started.__aexit__(None, None, None))
    finally:
        context.close()
        loop.call_soon_threadsafe(loop.stop)
        thread.join(10)
        loop.close()
