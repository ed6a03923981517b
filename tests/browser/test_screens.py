"""Every page of the dashboard on a phone (390 px), a tablet (768 px) and a laptop (1366 px), in
Chromium, against the sandbox's real bot and database: nothing wider than the screen, no table
that must be scrolled sideways, and on a phone a content column wide enough to read, no sentence
squeezed into a narrow cell, and tables read as cards whose every cell names its column.

The pages are the dashboard's named GET routes, read off the application itself, so a page added
later is visited without anyone listing it here; a route with parameters is visited with a real
object of its kind (a ticket, a broadcast, an FAQ draft), and one whose parameters nobody has
given yet fails the test, naming itself. Routes that answer something other than a page (a
chart, a photo, YAML, metrics) are told apart by their Content-Type.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

import pytest

from bot.domain.records import TicketRecord
from bot.domain.ticket_work import SavedAnswerForm
from bot.i18n import Translator
from bot.launcher import SANDBOX_DASHBOARD_USERNAME
from bot.services.kernel.actor import Actor, Role
from bot.web.app import build_dashboard
from content import charts as broadcast_charts
from content.editing import Address
from content.loader import DEFAULT_CONTENT_DIR
from tests.browser.conftest import Sandbox
from tests.tickets import FeedbackChoices, file_ticket

if TYPE_CHECKING:
    from playwright.sync_api import Browser, Page

pytestmark = pytest.mark.browser

WIDTHS = (390, 768, 1366)
PHONE = 390
MIN_COLUMN = 300  # px: the content column on a phone
MIN_TEXT_CELL = 200  # px: a table cell holding a sentence, on a phone
LONG_TEXT = 40  # characters that make a cell's text a sentence
VIEWER = "xem-so-lieu"  # a broadcaster: not allowed the accounts page
VIEWER_PASSWORD = "một câu mật khẩu đủ dài cho người xem"  # a test account
# Routes that are not a page of their own: /lang/{code} switches the language and goes back.
NOT_PAGES = {"language", "open-release"}  # a redirect; a CSV or JSON download
CHART_REPORT = "report-2022-q1"
POLICY_WITH_NOTES = "nq-68-cp"
PASTED_REPORT = "report-2024-h1"
NEXT_REPORT = (
    (DEFAULT_CONTENT_DIR.parent / "seeds" / "report-2023-h1.txt")
    .read_text(encoding="utf-8")
    .replace("2023", "2024")
)
MIN_CHART_TEXT = 11  # px: the smallest words on a chart, as a phone shows the image
UNANSWERABLE = "Câu lạc bộ hưu trí tổ dân phố số 7 được hỗ trợ kinh phí sinh hoạt bao nhiêu"
# What a long word or an address typed by a resident does to a page that does not wrap it.
UNBROKEN = "https://dichvucong.hanoi.gov.vn/thu-tuc/" + "tro-cap-xa-hoi-" * 8

MEASURE = """(longText) => {
  const doc = document.documentElement;
  const main = document.querySelector('main');
  const style = main ? getComputedStyle(main) : null;
  const column = main
    ? main.clientWidth - parseFloat(style.paddingLeft) - parseFloat(style.paddingRight)
    : 0;
  const scrolled = [...document.querySelectorAll('.table-wrap')]
    .filter((box) => box.scrollWidth > box.clientWidth + 1)
    .map((box) => (box.querySelector('table[id]') || box).id || box.className);
  const squeezed = [...document.querySelectorAll('main td, main dd')]
    .filter((cell) => cell.innerText.trim().length >= longText && cell.getClientRects().length)
    .map((cell) => [cell.innerText.trim().slice(0, 30), cell.getBoundingClientRect().width]);
  // A table shown as cards: each cell under a heading says which (its data-label).
  const unlabelled = [];
  for (const table of document.querySelectorAll('main table')) {
    const head = table.tHead && table.tHead.rows[0];
    if (!head || getComputedStyle(table).display !== 'block') continue;
    const names = [...head.cells].map((cell) => cell.textContent.trim());
    for (const body of table.tBodies) {
      for (const row of body.rows) {
        if (row.cells.length !== names.length) continue;  // a note spanning the row
        [...row.cells].forEach((cell, index) => {
          if (cell.tagName === 'TD' && names[index] && cell.textContent.trim()
              && !cell.hasAttribute('data-label')) {
            unlabelled.push(names[index]);
          }
        });
      }
    }
  }
  const charts = [...document.querySelectorAll('main img.chart')]
    .map((image) => [image.getAttribute('src'), image.clientWidth, image.naturalWidth]);
  // The statistics' inline SVG charts: the words as the screen shows them, and every pair of
  // words that would overlap or spill out of the chart (real glyphs, not estimates).
  const drawn = [...document.querySelectorAll('main svg.chart')].map((chart) => {
    const frame = chart.getBoundingClientRect();
    const texts = [...chart.querySelectorAll('text')];
    const boxes = texts.map((text) => text.getBoundingClientRect());
    const sizes = texts.map((text) => parseFloat(getComputedStyle(text).fontSize)
      * chart.getScreenCTM().a);
    const clashes = [];
    boxes.forEach((box, i) => {
      if (box.left < frame.left - 1 || box.right > frame.right + 1) {
        clashes.push(`${texts[i].textContent} spills out`);
      }
      for (let j = i + 1; j < boxes.length; j++) {
        const other = boxes[j];
        if (box.left < other.right - 0.5 && other.left < box.right - 0.5
            && box.top < other.bottom - 0.5 && other.top < box.bottom - 0.5) {
          clashes.push(`${texts[i].textContent} / ${texts[j].textContent}`);
        }
      }
    });
    return [chart.id, sizes.length ? Math.min(...sizes) : 0, clashes];
  });
  return {
    charts,
    drawn,
    unlabelled: [...new Set(unlabelled)],
    overflow: doc.scrollWidth - window.innerWidth,
    column: Math.round(column),
    scrolled,
    squeezed,
  };
}"""


@dataclass(frozen=True)
class Objects:
    """One real thing of each kind a page with parameters shows."""

    ticket: TicketRecord
    broadcast_id: int
    draft_id: int
    content_draft_id: int
    saved_answer_id: int
    release_id: int

    def parameters(self) -> dict[str, dict[str, str | int]]:
        """Each parametrised route's parameters, by route name."""
        ticket: dict[str, str | int] = {"id": self.ticket.id}
        broadcast: dict[str, str | int] = {"id": self.broadcast_id}
        draft: dict[str, str | int] = {"draft_id": self.draft_id}
        content: dict[str, str | int] = {"draft_id": self.content_draft_id}
        indicator = {**content, "key": "ho-ngheo"}
        policy = {**content, "key": POLICY_WITH_NOTES}
        report = {**content, "key": PASTED_REPORT}
        return {
            "ticket": ticket,
            "ticket-photo": ticket,
            "broadcast": broadcast,
            "broadcast-confirm": broadcast,
            "broadcast-chart": {**broadcast, "language": "vi"},
            "faq-draft": draft,
            "faq-draft-yaml": draft,
            "language": {"code": "en"},
            "content-draft": content,
            "content-draft-review": content,
            "content-draft-edit": content,
            "content-draft-edit-new": {**content, "kind": "indicator"},
            "content-draft-edit-entity": {**indicator, "kind": "indicator"},
            "content-draft-edit-observation-new": indicator,
            "content-draft-edit-observation": {**indicator, "index": 0},
            "content-draft-edit-note-new": policy,
            "content-draft-edit-note": {**policy, "index": 0},
            "content-draft-edit-remove": {**indicator, "kind": "indicator"},
            "content-draft-edit-observation-remove": {**indicator, "index": 0},
            "content-draft-edit-note-remove": {**policy, "index": 0},
            "content-draft-edit-proposals": report,
            "content-draft-edit-proposal": {**report, "number": 0},
            "saved-answer": {"id": self.saved_answer_id},
            "open-indicator": {"key": "ho-ngheo"},
            "open-chart": {"release": self.release_id, "key": "ho-ngheo"},
        }


@pytest.fixture(scope="module")
def objects(sandbox: Sandbox) -> Objects:
    services = sandbox.services
    resident = sandbox.create_resident("Nguyễn Thị Phương Thảo")
    photo = sandbox.run(sandbox.emulator.send_photo(resident.id))["message"]["photo"][-1]
    ticket = sandbox.run(
        file_ticket(
            services,
            Actor.resident(resident.id, "vi", resident.name),
            "Đề nghị phường xem xét hỗ trợ học phí cho con hộ cận nghèo ở tổ dân phố số 7, "
            f"hồ sơ đã nộp từ tháng trước theo hướng dẫn tại {UNBROKEN} nhưng chưa có trả lời",
            choices=FeedbackChoices(photo=photo["file_id"], location=(21.0285, 105.8542)),
        )
    )
    for n in range(3):  # a queue with several rows, and the statistics with some counts
        other = sandbox.create_resident(f"Cư dân {n}")
        sandbox.run(
            file_ticket(
                services,
                Actor.resident(other.id, "vi", other.name),
                f"Trạm y tế phường đóng cửa sớm, người già khó khám bệnh buổi chiều ({n})",
                topic="y-te",
            )
        )
    system = Actor.system()
    # The report with a chart against the plan: its preview shows what residents will see.
    draft = sandbox.run(services.broadcasts.prepare_report(system, CHART_REPORT, chat_id=None))
    faq = sandbox.run(
        services.faq_drafts.start(
            system, "Hộ cận nghèo được hỗ trợ bao nhiêu phần trăm học phí năm học mới?"
        )
    )
    # One broadcast under way or sent (the history lists no drafts), to a subscriber.
    sandbox.run(services.subscriptions.subscribe(Actor.resident(resident.id, "vi", resident.name)))
    sent = sandbox.run(
        services.broadcasts.prepare_text(system, "Lịch tiếp công dân tháng 12", chat_id=None)
    )
    sandbox.run(services.broadcasts.confirm(system, sent.broadcast.id))
    # A question nothing answers: a row of the statistics' unanswered questions.
    asker = Actor.resident(resident.id, "vi", resident.name)
    sandbox.run(services.answers.ask(asker, UNANSWERABLE))
    sandbox.run(services.recorder.flush())
    sandbox.run(services.accounts.add(system, VIEWER, VIEWER_PASSWORD, Role.BROADCASTER))
    # A content draft with a pasted report: the editor's pages and the report's proposals.
    content = sandbox.run(services.content_drafts.start(system, "quý mới"))
    pasted = sandbox.run(
        services.draft_editing.save_entity(
            system,
            content.summary.id,
            content.version,
            Address("report"),
            {
                "key": PASTED_REPORT,
                "title_vi": "Báo cáo 6 tháng đầu năm 2024",
                "title_en": "H1 2024 report",
                "published": "2024-07-10",
                "publisher_vi": "Sở Lao động - Thương binh và Xã hội Hà Nội",
                "publisher_en": "Hanoi DOLISA",
                "summary_vi": "Kết quả 6 tháng đầu năm 2024.",
                "summary_en": "Results of H1 2024.",
                "text": NEXT_REPORT,
            },
        )
    )
    assert not pasted.errors, pasted.errors
    saved = sandbox.run(
        services.saved_answers.save(
            system, SavedAnswerForm("y-te", "Đã chuyển trạm y tế", "Chào {name}, ...")
        )
    )
    release_id = services.knowledge.current.release_id
    assert release_id is not None
    return Objects(ticket, draft.broadcast.id, faq.id, content.summary.id, saved.id, release_id)


def named_pages(sandbox: Sandbox, objects: Objects) -> list[tuple[str, str]]:
    """(route name, path) of every named GET route of the dashboard as the bot builds it."""
    app = build_dashboard(sandbox.services, Translator())
    known = objects.parameters()
    pages = []
    for resource in app.router.resources():
        name = resource.name
        if name is None or name == "static" or name in NOT_PAGES:
            continue
        if not any(route.method == "GET" for route in resource):
            continue
        info = resource.get_info()
        if "path" in info:
            pages.append((name, str(info["path"])))
            continue
        if name not in known:
            pytest.fail(f"route {name!r} has parameters: give it a real object in Objects")
        parts = {key: str(value) for key, value in known[name].items()}
        pages.append((name, str(resource.url_for(**parts))))
    assert len(pages) >= 10, pages
    return pages


def sign_in(page: Page, sandbox: Sandbox, username: str, password: str) -> None:
    page.goto(sandbox.dashboard_url + "login")
    page.get_by_label("Tên đăng nhập").fill(username)
    page.get_by_label("Mật khẩu").fill(password)
    page.get_by_role("button", name="Đăng nhập").click()
    page.wait_for_url(lambda url: "/login" not in url)


@pytest.fixture(scope="module")
def tabs(browser: Browser, sandbox: Sandbox) -> Iterator[dict[str, Page]]:
    """One tab per kind of visitor, reused at every width: the administrator, an account that
    may not see every page, and someone not signed in."""
    contexts = [browser.new_context(viewport={"width": 1366, "height": 900}) for _ in range(3)]
    admin, viewer, stranger = (context.new_page() for context in contexts)
    yield {"admin": admin, "viewer": viewer, "stranger": stranger}
    for context in contexts:
        context.close()


def is_html(response: Any) -> bool:
    return response is not None and "text/html" in response.headers.get("content-type", "")


def measured(page: Page, width: int, label: str) -> list[str]:
    """What is wrong with the page as shown at `width`, worded for the failure message."""
    found = page.evaluate(MEASURE, LONG_TEXT)
    problems = []
    if found["overflow"] > 0:
        problems.append(f"{label} @{width}: {found['overflow']} px wider than the screen")
    if found["scrolled"]:
        problems.append(f"{label} @{width}: tables scroll sideways: {found['scrolled']}")
    if width == PHONE:
        if found["column"] < MIN_COLUMN:
            problems.append(f"{label} @{width}: content column {found['column']} px")
        if found["unlabelled"]:
            unlabelled = found["unlabelled"]
            problems.append(f"{label} @{width}: card cells without data-label: {unlabelled}")
        problems += small_chart_text(found["charts"], label)
        problems += [
            f"{label} @{width}: {name} shows words {size:.1f} px high"
            for name, size, _ in found["drawn"]
            if size < MIN_CHART_TEXT
        ]
        narrow = [cell for cell in found["squeezed"] if cell[1] < MIN_TEXT_CELL]
        if narrow:
            problems.append(f"{label} @{width}: text squeezed into narrow cells: {narrow}")
    problems += [
        f"{label} @{width}: {name}: words overlap: {clashes}"
        for name, _, clashes in found["drawn"]
        if clashes
    ]
    return problems


def smallest_text(source: str) -> float:
    """Pixels of the smallest words drawn on the chart at `source` (tick labels), in the PNG:
    the residents' broadcast chart and the open data's history chart, the charts still drawn
    as images."""
    if source.startswith("/open/charts/"):
        return broadcast_charts.HISTORY_SMALLEST_POINTS * broadcast_charts.DPI / 72
    assert source.startswith("/broadcasts/"), source
    return (broadcast_charts.FONT_POINTS - 1) * broadcast_charts.DPI / 72


def small_chart_text(charts: list[list[Any]], label: str) -> list[str]:
    """Each chart as the phone shows it: scaled down to the column, its words stay readable."""
    problems = []
    for source, shown, natural in charts:
        if not natural:
            problems.append(f"{label}: the chart {source} did not load")
            continue
        text = smallest_text(source) * min(shown / natural, 1)
        if text < MIN_CHART_TEXT:
            problems.append(f"{label} @{PHONE}: {source} shows words {text:.1f} px high")
    return problems


def test_every_dashboard_page_fits_a_phone_a_tablet_and_a_laptop(
    sandbox: Sandbox, objects: Objects, tabs: dict[str, Page]
) -> None:
    base = sandbox.dashboard_url.rstrip("/")
    pages = named_pages(sandbox, objects)
    sign_in(tabs["admin"], sandbox, SANDBOX_DASHBOARD_USERNAME, sandbox.dashboard_password)
    sign_in(tabs["viewer"], sandbox, VIEWER, VIEWER_PASSWORD)
    visits = [("admin", name, path) for name, path in pages]
    visits += [
        ("admin", "not found", "/no-such-page"),
        ("admin", "unknown ticket", "/tickets/999999"),
        ("viewer", "not allowed", "/accounts"),
        ("stranger", "login", "/login"),
        ("stranger", "not found, signed out", "/no-such-page"),
    ]
    problems: list[str] = []
    seen: set[str] = set()
    charts_seen: set[str] = set()
    for width in WIDTHS:
        for tab in tabs.values():
            tab.set_viewport_size({"width": width, "height": 900})
        for who, name, path in visits:
            page = tabs[who]
            response = page.goto(base + path)
            if not is_html(response):
                continue  # an image, a download, metrics: not a page to lay out
            if who == "admin" and "/login" in page.url:
                problems.append(f"{name}: the administrator was sent to the sign-in page")
            seen.add(name)
            problems += measured(page, width, name)
            if page.locator("main .chart").count():
                charts_seen.add(name)
    assert problems == [], "\n".join(problems)
    # Every kind of page was laid out, not skipped for its Content-Type.
    expected = {"home", "tickets", "ticket", "stats", "faq-drafts", "faq-draft", "broadcasts"}
    expected |= {"broadcast", "content", "accounts", "login", "not found", "not allowed"}
    assert expected <= seen, expected - seen
    assert charts_seen >= {"stats", "broadcast"}  # the residents' chart, in the preview
