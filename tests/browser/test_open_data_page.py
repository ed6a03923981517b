"""The public indicator page in Chromium on a phone (390 px wide), signed out, against the
sandbox's real bot and database: readable without sideways scrolling, its chart drawn, and the
release downloaded as a CSV that opens with its Vietnamese intact."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

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

PHONE_WIDTH = 390
OVERFLOW = "() => document.documentElement.scrollWidth - window.innerWidth"


def site(sandbox: Sandbox) -> str:
    return sandbox.dashboard_url.rstrip("/")


@pytest.fixture
def phone(browser: Browser) -> Iterator[Page]:
    context = browser.new_context(
        viewport={"width": PHONE_WIDTH, "height": 844}, accept_downloads=True, locale="vi-VN"
    )
    yield context.new_page()
    context.close()


def test_the_indicator_page_reads_on_a_phone_and_downloads_its_release(
    phone: Page, sandbox: Sandbox, tmp_path: Path
) -> None:
    phone.goto(f"{site(sandbox)}/open/indicators/ho-ngheo")
    expect(phone.get_by_role("heading", level=1, name="Hộ nghèo")).to_be_visible()
    expect(phone.locator("#observation-2022-Q1")).to_contain_text("3.612 hộ")
    expect(phone.locator("#observation-2022-Q1 blockquote")).to_contain_text(
        "toàn thành phố có 3.612 hộ nghèo"
    )
    chart = phone.locator("img#chart")
    expect(chart).to_be_visible()
    phone.wait_for_function("() => document.querySelector('img#chart').naturalWidth > 0")
    assert chart.bounding_box()["width"] <= PHONE_WIDTH  # type: ignore[index]
    assert phone.evaluate(OVERFLOW) <= 0, "the page scrolls sideways at 390 px"

    with phone.expect_download() as started:
        phone.get_by_role("link", name="Tải CSV").click()
    download = started.value
    assert download.suggested_filename.startswith("danbiet-release-")
    saved = tmp_path / download.suggested_filename
    download.save_as(saved)
    data = saved.read_bytes()
    assert data.startswith(b"\xef\xbb\xbf")
    rows = list(csv.DictReader(io.StringIO(data.decode("utf-8-sig"))))
    poor = [row for row in rows if row["indicator"] == "ho-ngheo"]
    assert [row["period_key"] for row in poor] == ["2022-Q1", "2023-H1"]
    assert poor[0]["name_vi"] == "Hộ nghèo"


def test_the_index_reads_on_a_phone_in_english(phone: Page, sandbox: Sandbox) -> None:
    phone.goto(f"{site(sandbox)}/open/?lang=en")
    expect(phone.get_by_role("heading", level=1)).to_have_text("The programme's open data")
    assert phone.evaluate(OVERFLOW) <= 0, "the page scrolls sideways at 390 px"
    phone.get_by_role("link", name="Poor households", exact=True).click()
    expect(phone.get_by_role("heading", level=1, name="Poor households")).to_be_visible()
    assert phone.url.endswith("/open/indicators/ho-ngheo?lang=en")
    assert phone.evaluate(OVERFLOW) <= 0
