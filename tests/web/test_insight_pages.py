"""Statistics, FAQ drafts and content pages on a real database (SQLite, and PostgreSQL when
configured): tickets and questions come from the residents' own services, the pages are read
through the test client as an official's browser would."""

from __future__ import annotations

import copy
import datetime as dt
import re
from collections.abc import AsyncIterator
from html.parser import HTMLParser
from pathlib import Path

import pytest
import yaml
from aiohttp import web
from aiohttp.test_utils import TestClient, TestServer

from bot.domain.faq_drafts import ProblemKind
from bot.domain.statuses import TicketStatus
from bot.i18n import LANGUAGES, Language, Translator
from bot.services.container import Services, ServiceSettings
from bot.services.kernel.actor import Actor, Role
from bot.services.kernel.live_knowledge import LiveKnowledge
from bot.services.knowledge.faq_draft_model import LIMITS, TERMS
from bot.web.app import build_dashboard
from bot.web.faq import FIELDS
from bot.web.stats import duration_words
from content.index import Outcome
from content.schema import Status
from storage.uow import UnitOfWorkFactory
from tests.release_content import store_live
from tests.tickets import FeedbackChoices
from tests.tickets import file_ticket as file_resident_ticket
from tests.web.conftest import FAST_HASHER, PASSWORD, TELEGRAM_OFFICIAL_ID, Dashboard

OFFICIAL = Actor.official(TELEGRAM_OFFICIAL_ID, "Cán bộ Minh")
TEMPLATES = Path(__file__).resolve().parents[2] / "bot" / "web" / "templates"
SCRIPT = "<script>alert(1)</script>"
IMAGE = '"><img src=x onerror=alert(1)>'
# About the programme's field, but nothing published answers it (a sports schedule would be
# another topic, never listed for officials).
UNANSWERABLE = "Câu lạc bộ hưu trí tổ dân phố số 7 được hỗ trợ kinh phí sinh hoạt bao nhiêu"
TEXTS = {
    "giao-duc": [
        "Trường mầm non phường Kim Liên thiếu giáo viên, các cháu phải học ghép lớp",
        "Học phí trường nghề quận Hoàng Mai tăng mạnh, đề nghị xem xét hỗ trợ học viên",
    ],
    "y-te": ["Trạm y tế xã Tân Hội đóng cửa sớm, người già không kịp khám bệnh buổi chiều"],
}
COMPLETE = {
    "faq_key": "co-tuong-huu-tri",
    "area": "van-hoa-xa-hoi",
    "question_vi": UNANSWERABLE,
    "question_en": "When are the chess matches of the retirees' club?",
    "answer_vi": "Báo cáo chưa nêu lịch thi đấu.\nVui lòng hỏi tổ dân phố.",
    "answer_en": "The report gives no schedule.",
    "source_report": "report-2022-q1",
    "source_quote": "Giáo dục nghề nghiệp: tuyển sinh đạt kết quả tốt",
    "source_quote_en": "",
    "aliases_vi": "cờ tướng hưu trí\nlịch cờ tướng",
    "aliases_en": "",
    "keywords_vi": "cờ tướng",
    "keywords_en": "chess",
}


# --- reading pages -----------------------------------------------------------------------


class Page(HTMLParser):
    """What the tests read off a page: tables and figure lists by id, forms with their fields,
    elements' text by id, links."""

    def __init__(self, body: str) -> None:
        super().__init__(convert_charrefs=True)
        self.body = body
        self.tables: dict[str, list[list[str]]] = {}
        self.figures: dict[str, dict[str, str]] = {}
        self.forms: list[dict[str, str]] = []
        self.texts: dict[str, str] = {}
        self.links: list[str] = []
        self._table: str | None = None
        self._row: list[str] | None = None
        self._cell: list[str] | None = None
        self._list: str | None = None
        self._term = ""
        self._figure: list[str] | None = None
        self._form: dict[str, str] | None = None
        self._open: list[tuple[str, str, list[str]]] = []  # (tag, id, text) of elements by id
        self.feed(body)
        self.close()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        found = {name: value or "" for name, value in attrs}
        if "id" in found and tag not in {"input", "img", "br"}:
            self._open.append((tag, found["id"], []))
        if tag == "table" and "id" in found:
            self._table = found["id"]
            self.tables[self._table] = []
        elif tag == "tr" and self._table is not None:
            self._row = []
        elif tag in {"th", "td"} and self._row is not None:
            self._cell = []
        elif tag == "br":
            self.handle_data(" ")
        elif tag == "dl" and "id" in found:
            self._list = found["id"]
            self.figures[self._list] = {}
        elif tag in {"dt", "dd"} and self._list is not None:
            self._figure = []
        elif tag == "form":
            self._form = {"action": found.get("action", ""), "method": found.get("method", "")}
            self.forms.append(self._form)
        elif tag in {"input", "textarea", "select"} and self._form is not None:
            self._form[found.get("name", "")] = found.get("value", "")
        elif tag == "a" and "href" in found:
            self.links.append(found["href"])

    def handle_endtag(self, tag: str) -> None:
        if self._open and self._open[-1][0] == tag:
            _, element_id, text = self._open.pop()
            self.texts[element_id] = squeeze("".join(text))
        if tag in {"th", "td"} and self._cell is not None and self._row is not None:
            self._row.append(squeeze("".join(self._cell)))
            self._cell = None
        elif tag == "tr" and self._row is not None and self._table is not None:
            self.tables[self._table].append(self._row)
            self._row = None
        elif tag == "table":
            self._table = None
        elif tag == "dt" and self._figure is not None:
            self._term = squeeze("".join(self._figure))
            self._figure = None
        elif tag == "dd" and self._figure is not None and self._list is not None:
            self.figures[self._list][self._term] = squeeze("".join(self._figure))
            self._figure = None
        elif tag == "dl":
            self._list = None
        elif tag == "form":
            self._form = None

    def handle_data(self, data: str) -> None:
        for target in (self._cell, self._figure):
            if target is not None:
                target.append(data)
        for _, _, text in self._open:
            text.append(data)

    def rows(self, table: str) -> dict[str, list[str]]:
        """A table's body rows by their first cell (the header row left out)."""
        return {row[0]: row[1:] for row in self.tables[table][1:]}

    def form(self, action: str) -> dict[str, str] | None:
        return next((form for form in self.forms if form["action"] == action), None)


def squeeze(text: str) -> str:
    return " ".join(text.split())


async def read(dashboard: Dashboard, path: str, status: int = 200) -> Page:
    return Page(await dashboard.page(path, status))


def counts(page: Page, table: str) -> dict[str, int]:
    return {label: int(values[0].replace(".", "")) for label, values in page.rows(table).items()}


# --- making residents act -----------------------------------------------------------------


async def file_ticket(services: Services, resident_id: int, topic: str, text: str) -> int:
    """A ticket filed anonymously through the resident's /feedback conversation."""
    resident = Actor.resident(resident_id, "vi", f"Cư dân {resident_id}")
    ticket = await file_resident_ticket(
        services, resident, text, topic, FeedbackChoices(anonymous=True)
    )
    return ticket.id


async def ask_unanswerable(services: Services, text: str, *resident_ids: int) -> None:
    for resident_id in resident_ids:
        answer = await services.answers.ask(Actor.resident(resident_id, "vi", "Lan"), text)
        assert answer.outcome is Outcome.NONE, (text, answer.found)


async def start_from_stats(dashboard: Dashboard, question: str) -> int:
    """Press "Soạn câu hỏi thường gặp" beside `question` on the statistics page."""
    page = await read(dashboard, "/stats")
    buttons = [form for form in page.forms if form["action"] == "/faq/drafts"]
    assert question in [form["question"] for form in buttons]
    response = await dashboard.submit("/faq/drafts", {"question": question}, form_page="/stats")
    assert response.status == 303, await response.text()
    match = re.fullmatch(r"/faq/drafts/(\d+)", response.headers["Location"])
    assert match, response.headers["Location"]
    return int(match.group(1))


async def drafts_in_database(services: Services) -> list[int]:
    return [view.id for view in await services.faq_drafts.list(Actor.system())]


# --- statistics ---------------------------------------------------------------------------


async def test_statistics_show_the_tickets_residents_filed(signed_in: Dashboard) -> None:
    services = signed_in.services
    first = await file_ticket(services, 3001, "giao-duc", TEXTS["giao-duc"][0])
    second = await file_ticket(services, 3002, "giao-duc", TEXTS["giao-duc"][1])
    await file_ticket(services, 3003, "y-te", TEXTS["y-te"][0])
    await services.moderation.answer(OFFICIAL, first, "Đã chuyển Sở Giáo dục xử lý.")
    await services.moderation.answer(OFFICIAL, second, "Đã chuyển quận Hoàng Mai xem xét.")
    await services.feedback.confirm_resolved(Actor.resident(3001, "vi"), first)
    await services.feedback.rate(Actor.resident(3001, "vi"), first, 5)
    await services.feedback.rate(Actor.resident(3002, "vi"), second, 4)

    page = await read(signed_in, "/stats")

    median = (await services.stats.overview(Actor.system())).median_first_answer
    assert median is not None
    words = duration_words(lambda key, **args: Translator()("vi", key, **args), median)
    assert page.figures["summary"] == {
        "Tổng số phản ánh": "3",
        "Đã được trả lời": "2",
        "Người dân xác nhận đã giải quyết": "1",
        "Tỷ lệ giải quyết": "50%",
        "Thời gian trả lời lần đầu (trung vị)": words,
        "Đánh giá trung bình": "4,5/5 sao",
    }
    statuses = counts(page, "by-status")
    assert len(statuses) == len(TicketStatus)
    assert {label: n for label, n in statuses.items() if n} == {
        "Mới gửi": 1,
        "Đã trả lời": 1,
        "Đã giải quyết": 1,
    }
    topics = counts(page, "by-topic")
    assert list(topics.items())[:2] == [("Giáo dục", 2), ("Y tế", 1)]
    assert sum(topics.values()) == 3
    assert "Lĩnh vực khác" in topics
    weeks = [values for _, values in page.rows("by-week").items()]
    assert len(weeks) == 12
    assert sum(int(filed) for filed, _ in weeks) == 3
    assert sum(int(answered) for _, answered in weeks) == 2
    assert "unanswered" not in page.tables
    assert page.texts["no-unanswered"].startswith("Chưa có câu hỏi nào chưa được trả lời")

    signed_in.client.session.cookie_jar.update_cookies({"danbiet_lang": "en"})
    english = await read(signed_in, "/stats")
    assert list(counts(english, "by-topic").items())[:2] == [("Education", 2), ("Health", 1)]
    assert counts(english, "by-status")["Resolved"] == 1
    assert english.figures["summary"]["Average rating"] == "4.5/5 stars"


async def test_an_empty_database_shows_dashes_not_errors(signed_in: Dashboard) -> None:
    page = await read(signed_in, "/stats")
    summary = page.figures["summary"]
    assert summary["Tổng số phản ánh"] == "0"
    assert summary["Tỷ lệ giải quyết"] == "—"
    assert summary["Thời gian trả lời lần đầu (trung vị)"] == "—"
    assert summary["Đánh giá trung bình"] == "—"
    assert "unanswered" not in page.tables


@pytest.mark.parametrize("language", LANGUAGES)
async def test_charts_are_inline_svg_with_the_tables_figures(
    signed_in: Dashboard, language: str
) -> None:
    await file_ticket(signed_in.services, 3001, "y-te", TEXTS["y-te"][0])
    signed_in.client.session.cookie_jar.update_cookies({"danbiet_lang": language})
    body = await signed_in.page("/stats")
    page = Page(body)
    assert "<img" not in body  # no image to ask for: the charts are in the page
    for name, table in (("status", "by-status"), ("topic", "by-topic")):
        found = re.search(
            rf'<svg id="chart-{name}" class="chart" role="img"(.*?)</svg>', body, re.S
        )
        assert found, name
        assert f'aria-labelledby="chart-{name}-title"' in found.group(1)
        drawn = re.findall(r'<text class="(?:label|value)"[^>]*>([^<]*)</text>', found.group(1))
        # Each row of the table, label then count, in the table's order.
        assert drawn == [cell for row in page.tables[table][1:] for cell in row], name
    assert '<svg id="chart-weekly" class="chart" role="img"' in body
    # The PNG routes are gone: nothing draws a statistics chart on request any more.
    await signed_in.page("/stats/charts/status.png", status=404)


def test_durations_are_worded_as_officials_say_them() -> None:
    translator = Translator()

    def words(language: Language, delta: dt.timedelta) -> str:
        return duration_words(lambda key, **args: translator(language, key, **args), delta)

    assert words("vi", dt.timedelta(days=2, hours=3, minutes=59)) == "2 ngày 3 giờ"
    assert words("vi", dt.timedelta(days=1, minutes=5)) == "1 ngày"
    assert words("vi", dt.timedelta(hours=5, minutes=10)) == "5 giờ 10 phút"
    assert words("vi", dt.timedelta(minutes=40, seconds=59)) == "40 phút"
    assert words("vi", dt.timedelta(seconds=59)) == "dưới 1 phút"
    assert words("en", dt.timedelta(days=1, hours=1)) == "1 day 1 hour"
    assert words("en", dt.timedelta(days=2, hours=2)) == "2 days 2 hours"
    assert words("en", dt.timedelta(minutes=1)) == "1 minute"


# --- from an unanswered question to an FAQ entry ------------------------------------------


@pytest.mark.parametrize("signed_in", ["moderator", "administrator"], indirect=True)
async def test_an_unanswered_question_becomes_a_ready_faq_entry(signed_in: Dashboard) -> None:
    services = signed_in.services
    await ask_unanswerable(services, UNANSWERABLE, 4001, 4002)

    stats = await read(signed_in, "/stats")
    assert stats.rows("unanswered")[UNANSWERABLE][0] == "2"  # times asked
    draft_id = await start_from_stats(signed_in, UNANSWERABLE)
    assert await drafts_in_database(services) == [draft_id]

    page = await read(signed_in, f"/faq/drafts/{draft_id}")
    assert page.texts["from-question"] == UNANSWERABLE
    problems = page.texts["problems"]
    assert "Câu trả lời (tiếng Việt): Chưa điền." in problems
    assert "Báo cáo làm nguồn: Chưa điền." in problems
    assert "Chưa điền." in page.texts["problem-answer_vi"]
    form = page.form(f"/faq/drafts/{draft_id}")
    assert form is not None
    assert form["question_vi"] == UNANSWERABLE  # prefilled from the question
    assert "yaml" not in page.texts
    # Not complete: neither ready nor downloadable.
    assert page.form(f"/faq/drafts/{draft_id}/ready") is None
    response = await signed_in.client.get(f"/faq/drafts/{draft_id}.yaml", allow_redirects=False)
    assert response.status == 303
    assert "chưa thể đánh dấu sẵn sàng hay tải về" in await signed_in.page(
        f"/faq/drafts/{draft_id}"
    )
    response = await signed_in.submit(
        f"/faq/drafts/{draft_id}/ready", {}, form_page=f"/faq/drafts/{draft_id}"
    )
    assert response.status == 303
    assert "chưa thể đánh dấu" in await signed_in.page(f"/faq/drafts/{draft_id}")

    stats = await read(signed_in, "/stats")  # the question now links to its draft
    assert f"/faq/drafts/{draft_id}" in stats.links
    assert all(form.get("question") != UNANSWERABLE for form in stats.forms)

    response = await signed_in.submit(
        f"/faq/drafts/{draft_id}", COMPLETE, form_page=f"/faq/drafts/{draft_id}"
    )
    assert response.status == 303
    assert response.headers["Location"] == f"/faq/drafts/{draft_id}"
    page = await read(signed_in, f"/faq/drafts/{draft_id}")
    assert '<p class="notice" role="status">Đã lưu bản nháp.</p>' in page.body
    assert "problems" not in page.texts
    assert "đủ và hợp lệ" in page.texts["complete"]
    shown_yaml = page.texts["yaml"]
    assert "key: co-tuong-huu-tri" in shown_yaml
    form = page.form(f"/faq/drafts/{draft_id}")
    assert form is not None
    assert form["faq_key"] == "co-tuong-huu-tri"

    response = await signed_in.submit(
        f"/faq/drafts/{draft_id}/ready", {}, form_page=f"/faq/drafts/{draft_id}"
    )
    assert response.status == 303
    body = await signed_in.page(f"/faq/drafts/{draft_id}")
    assert "Đã đánh dấu bản nháp sẵn sàng" in body
    assert "Sẵn sàng đưa vào nội dung" in body
    assert Page(body).form(f"/faq/drafts/{draft_id}/ready") is None
    assert (await services.faq_drafts.get(Actor.system(), draft_id)).status.value == "ready"
    listed = await read(signed_in, "/faq/drafts")
    assert listed.rows("drafts")[str(draft_id)][1:3] == [
        "co-tuong-huu-tri",
        "Sẵn sàng đưa vào nội dung",
    ]

    response = await signed_in.client.get(f"/faq/drafts/{draft_id}.yaml")
    assert response.status == 200
    assert response.content_type == "text/yaml"
    assert response.charset == "utf-8"
    assert response.headers["Content-Disposition"] == (
        'attachment; filename="faq-co-tuong-huu-tri.yaml"'
    )
    text = await response.text()
    assert squeeze(text) == squeeze(shown_yaml)
    (entry,) = yaml.safe_load(text)
    assert entry["key"] == "co-tuong-huu-tri"
    assert entry["question"] == {"vi": UNANSWERABLE, "en": COMPLETE["question_en"]}
    assert entry["answer"]["vi"] == COMPLETE["answer_vi"]
    assert entry["source"] == {"report": "report-2022-q1", "quote": COMPLETE["source_quote"]}
    assert entry["aliases"] == {"vi": ["cờ tướng hưu trí", "lịch cờ tướng"]}
    assert entry["keywords"] == {"vi": ["cờ tướng"], "en": ["chess"]}
    assert "# area: van-hoa-xa-hoi" in text

    response = await signed_in.submit(
        f"/faq/drafts/{draft_id}/discard", {}, form_page=f"/faq/drafts/{draft_id}"
    )
    assert response.status == 303
    assert response.headers["Location"] == "/faq/drafts"
    assert "Đã bỏ bản nháp." in await signed_in.page("/faq/drafts")
    assert await drafts_in_database(services) == []
    stats = await read(signed_in, "/stats")  # the button is back
    assert any(form.get("question") == UNANSWERABLE for form in stats.forms)


async def test_problems_are_worded_next_to_their_fields(signed_in: Dashboard) -> None:
    services = signed_in.services
    await ask_unanswerable(services, UNANSWERABLE, 4001)
    draft_id = await start_from_stats(signed_in, UNANSWERABLE)
    other = await services.faq_drafts.start(Actor.system(), "Hỏi về giờ mở cửa nhà văn hóa")
    assert other.content.faq_key is not None
    path = f"/faq/drafts/{draft_id}"

    cases = [
        ("faq_key", "Khóa có dấu!", "Mã chỉ gồm chữ thường không dấu"),
        ("faq_key", "chuong-trinh-la-gi", "đang công bố sử dụng"),
        ("faq_key", other.content.faq_key, "Một bản nháp khác đang dùng mã này."),
        ("source_report", "report-1999-q1", "không có báo cáo này"),
        ("area", "san-bay", "không có lĩnh vực này"),
    ]
    for field, value, message in cases:
        response = await signed_in.submit(path, {**COMPLETE, field: value}, form_page=path)
        assert response.status == 303
        page = await read(signed_in, path)
        assert message in page.texts[f"problem-{field}"], (field, value, page.texts)
        assert "yaml" not in page.texts
        assert page.texts.get("complete") is None


async def test_a_field_too_long_is_shown_again_as_typed_and_not_saved(
    signed_in: Dashboard,
) -> None:
    services = signed_in.services
    await ask_unanswerable(services, UNANSWERABLE, 4001)
    draft_id = await start_from_stats(signed_in, UNANSWERABLE)
    path = f"/faq/drafts/{draft_id}"
    too_many = "\n".join(f"từ khóa {number}" for number in range(TERMS + 1))

    response = await signed_in.submit(path, {**COMPLETE, "keywords_vi": too_many}, form_page=path)

    assert response.status == 400
    page = Page(await response.text())
    assert page.texts["too-long"].startswith(f"Từ khóa (tiếng Việt): tối đa {TERMS} dòng.")
    form = page.form(path)
    assert form is not None
    assert form["faq_key"] == COMPLETE["faq_key"]  # what was typed, not what is saved
    assert page.texts["field-keywords_vi"] == squeeze(too_many)
    assert page.texts["field-answer_vi"] == squeeze(COMPLETE["answer_vi"])
    saved = await services.faq_drafts.get(Actor.system(), draft_id)
    assert saved.content.answer_vi is None
    assert saved.content.faq_key != COMPLETE["faq_key"]

    assert LIMITS["answer_en"] == 4000
    response = await signed_in.submit(path, {"answer_en": "x" * 4001}, form_page=path)
    assert response.status == 400
    page = Page(await response.text())
    assert page.texts["too-long"].startswith(
        "Câu trả lời (tiếng Anh): quá dài, tối đa 4.000 ký tự."
    )
    form = page.form(path)
    assert form is not None
    assert form["faq_key"] == saved.content.faq_key  # not sent: shown as saved


async def test_residents_text_is_escaped_everywhere(signed_in: Dashboard) -> None:
    services = signed_in.services
    await ask_unanswerable(services, SCRIPT, 5001)
    await ask_unanswerable(services, IMAGE, 5002)
    script_draft = await start_from_stats(signed_in, SCRIPT)
    image_draft = await start_from_stats(signed_in, IMAGE)
    path = f"/faq/drafts/{script_draft}"
    response = await signed_in.submit(
        path, {**COMPLETE, "question_vi": SCRIPT, "answer_en": IMAGE}, form_page=path
    )
    assert response.status == 303

    pages = ["/stats", "/faq/drafts", path, f"/faq/drafts/{image_draft}"]
    for address in pages:
        body = await signed_in.page(address)
        assert SCRIPT not in body, address
        assert IMAGE not in body, address
        assert "<script" not in body, address
        assert "<img src=x" not in body, address
    script_page = await signed_in.page(path)
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in script_page
    assert "&#34;&gt;&lt;img src=x onerror=alert(1)&gt;" in script_page  # in the YAML preview
    assert SCRIPT in Page(script_page).texts["yaml"]
    assert Page(await signed_in.page("/stats")).rows("unanswered").keys() >= {SCRIPT, IMAGE}
    image_page = Page(await signed_in.page(f"/faq/drafts/{image_draft}"))
    assert image_page.texts["from-question"] == IMAGE


# --- who may do what ----------------------------------------------------------------------


@pytest.mark.parametrize("signed_in", ["broadcaster"], indirect=True)
async def test_a_broadcaster_sees_statistics_but_drafts_nothing(signed_in: Dashboard) -> None:
    services = signed_in.services
    await ask_unanswerable(services, UNANSWERABLE, 4001)
    await ask_unanswerable(services, SCRIPT, 4002)
    started = await services.faq_drafts.start(Actor.system(), SCRIPT)

    page = await read(signed_in, "/stats")

    assert set(page.rows("unanswered")) == {UNANSWERABLE, SCRIPT}
    assert page.form("/faq/drafts") is None
    assert f"/faq/drafts/{started.id}" not in page.links
    assert page.rows("unanswered")[SCRIPT][-1] == "Đã có bản nháp"
    response = await signed_in.submit("/faq/drafts", {"question": UNANSWERABLE}, form_page="/stats")
    assert response.status == 403
    assert await drafts_in_database(services) == [started.id]
    await signed_in.page("/faq/drafts", status=403)
    await signed_in.page(f"/faq/drafts/{started.id}", status=403)
    await signed_in.page(f"/faq/drafts/{started.id}.yaml", status=403)
    response = await signed_in.submit(f"/faq/drafts/{started.id}/discard", {}, form_page="/stats")
    assert response.status == 403
    assert await drafts_in_database(services) == [started.id]
    await signed_in.page("/content")


async def test_forms_without_the_csrf_token_change_nothing(signed_in: Dashboard) -> None:
    services = signed_in.services
    await ask_unanswerable(services, UNANSWERABLE, 4001)
    response = await signed_in.client.post(
        "/faq/drafts", data={"question": UNANSWERABLE}, allow_redirects=False
    )
    assert response.status == 403
    assert "Biểu mẫu đã hết hạn" in await response.text()
    assert await drafts_in_database(services) == []

    draft_id = await start_from_stats(signed_in, UNANSWERABLE)
    for action, data in (
        (f"/faq/drafts/{draft_id}", {**COMPLETE, "csrf_token": "forged"}),
        (f"/faq/drafts/{draft_id}/ready", {}),
        (f"/faq/drafts/{draft_id}/discard", {}),
    ):
        response = await signed_in.client.post(action, data=data, allow_redirects=False)
        assert response.status == 403, action
    saved = await services.faq_drafts.get(Actor.system(), draft_id)
    assert saved.content.answer_vi is None
    assert saved.status.value == "draft"


async def test_an_unknown_draft_is_not_found(signed_in: Dashboard) -> None:
    for path in ("/faq/drafts/999999", "/faq/drafts/999999.yaml", "/faq/drafts/12345678901"):
        assert "Không tìm thấy" in await signed_in.page(path, status=404)
    for action in ("/faq/drafts/999999", "/faq/drafts/999999/ready", "/faq/drafts/999999/discard"):
        response = await signed_in.submit(action, COMPLETE)
        assert response.status == 404, action
        assert "Không tìm thấy" in await response.text()


# --- content ------------------------------------------------------------------------------


async def test_the_content_page_shows_figures_with_their_sources(
    signed_in: Dashboard, knowledge: LiveKnowledge, uow_factory: UnitOfWorkFactory
) -> None:
    assert knowledge.source is not None  # the shipped content stored as release 1
    await store_live(uow_factory, knowledge.source)
    page = await read(signed_in, "/content")
    kb = knowledge.current.kb

    poor = page.texts["indicator-ho-ngheo"]
    assert poor.startswith("Hộ nghèo ho-ngheo")
    assert "3.612 hộ" in poor
    assert "Quý I/2022" in poor
    assert "số liệu ngày 13/04/2022" in poor
    assert "Giao ban kết quả thực hiện quý I" in poor
    assert "công bố 13/04/2022" in poor
    assert "toàn thành phố có 3.612 hộ nghèo" in poor
    jobs = page.texts["indicator-viec-lam"]  # 50,019 jobs of a plan of 160,000
    assert "50.019" in jobs
    assert "160.000" in jobs
    assert "31,3% tính từ số liệu và kế hoạch" in jobs
    assert "theo báo cáo" in page.texts["indicator-bao-phu-bhyt"]  # the report's own percentage
    assert "Văn bản 68/NQ-CP" in page.texts["policy-nq-68-cp"]
    assert "trên 5,64" in page.texts["indicator-ho-tro-nq68"]  # the report's "over", kept
    assert "Cơ bản đã hoàn thành" in page.texts["indicator-chi-tieu-y-te"]
    # The H1/2023 report has no date of its own: the content's is an estimate, and says so.
    assert (
        "công bố khoảng 01/07/2023 (ngày ước tính)" in page.texts["indicator-chi-tieu-hoan-thanh"]
    )
    assert "Bản phát hành 1 (bot đang trả lời theo bản này) hợp lệ" in page.texts["check"]
    assert page.figures["counts"] == {
        "Lĩnh vực": str(len(kb.areas)),
        "Chỉ tiêu": str(len(kb.indicators)),
        "Chính sách": str(len(kb.policies)),
        "Câu hỏi thường gặp": str(len(kb.faqs)),
        "Báo cáo nguồn": str(len(kb.reports)),
    }
    for key in kb.areas:
        assert f"area-{key}" in page.texts

    signed_in.client.session.cookie_jar.update_cookies({"danbiet_lang": "en"})
    english = await read(signed_in, "/content")
    poor = english.texts["indicator-ho-ngheo"]
    assert "Poor households" in poor
    assert "3,612 households" in poor
    assert "the whole city has 3,612 poor households" in poor
    assert "(our translation)" in poor


@pytest.fixture
async def broken_content(
    uow_factory: UnitOfWorkFactory, knowledge: LiveKnowledge
) -> AsyncIterator[Dashboard]:
    """A dashboard whose live release breaks a rule added since it was published (the value of
    the poor households is a word)."""
    services = Services.build(
        uow_factory,
        knowledge,
        ServiceSettings(admin_user_ids=frozenset({TELEGRAM_OFFICIAL_ID})),
        password_hasher=FAST_HASHER,
    )
    assert knowledge.source is not None
    await store_live(uow_factory, knowledge.source)  # the shipped content, release 1
    broken = copy.deepcopy(knowledge.source)
    (poor,) = [
        item
        for item in broken["files"]["indicators.yaml"]["indicators"]
        if item["key"] == "ho-ngheo"
    ]
    poor["observations"][0]["value"] = "lots"
    await store_live(uow_factory, broken)
    await services.accounts.add(Actor.system(), "moderator", PASSWORD, Role.MODERATOR)
    client: TestClient[web.Request, web.Application] = TestClient(
        TestServer(build_dashboard(services, Translator()))
    )
    async with client:
        dashboard = Dashboard(services, client)
        assert (await dashboard.sign_in("moderator")).status == 303
        yield dashboard


async def test_the_content_page_names_file_entity_and_field_of_each_problem(
    broken_content: Dashboard,
) -> None:
    page = await read(broken_content, "/content")
    check = page.texts["check"]
    assert "Bản phát hành 2 có 1 lỗi" in check
    (row,) = page.tables["problems-table"][1:]
    assert row[:3] == ["indicators.yaml", "ho-ngheo", "observations[0].value"]
    assert "3.612 hộ" in page.texts["indicator-ho-ngheo"]  # residents still get the loaded one


# --- catalogs -----------------------------------------------------------------------------


def test_every_key_the_pages_use_is_in_both_catalogs() -> None:
    used: set[str] = set()
    for folder in ("stats", "faq", "content"):
        for template in (TEMPLATES / folder).glob("*.html"):
            used |= set(
                re.findall(r"""\bt\(\s*["']([a-z0-9-]*[a-z0-9])["']""", template.read_text())
            )
    used |= {f"web-stats-status-{status.value}" for status in TicketStatus}
    used |= {"web-content-status-" + status.value.replace("_", "-") for status in Status}
    used |= {field.label_key for field in FIELDS}
    used |= {"web-faq-hint-" + field.name.replace("_", "-") for field in FIELDS}
    used |= {"web-faq-problem-" + kind.value.replace("_", "-") for kind in ProblemKind}
    used |= {
        f"web-stats-duration-{unit}-{form}"
        for unit in ("day", "hour", "minute")
        for form in ("one", "many")
    }
    translator = Translator()
    assert len(used) > 100
    for language in LANGUAGES:
        assert used - translator.keys(language) == set(), language
