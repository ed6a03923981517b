"""Who a dashboard broadcast reaches and in which words: a text per language (or the official is
told who reads which), wards and communes, and what a publish leaves to send (a new report, a
correction for exactly the residents who got the old figure)."""

from __future__ import annotations

import datetime as dt

import pytest

from bot.domain.statuses import SendOutcome
from bot.services.broadcasts.model import SendResult
from bot.services.broadcasts.subscriptions import Topic, TopicKind
from bot.services.kernel.actor import Actor
from tests.release_content import changed_document
from tests.web.conftest import Dashboard
from tests.web.test_broadcasting_pages import BROADCAST_LINK, deliveries, subscribe

pytestmark = pytest.mark.parametrize("signed_in", ["broadcaster"], indirect=True)


async def compose(dashboard: Dashboard, form: list[tuple[str, str]]) -> str:
    response = await dashboard.submit("/broadcasts/text", form, form_page="/broadcasts")
    assert response.status == 303
    assert BROADCAST_LINK.fullmatch(response.headers["Location"]), response.headers["Location"]
    return response.headers["Location"]


async def test_a_text_per_language_or_the_official_is_told_who_reads_which(
    signed_in: Dashboard,
) -> None:
    await subscribe(signed_in, 8201, 8202)
    await signed_in.services.subscriptions.subscribe(Actor.resident(8203, "en", "Ann"))

    only_vi = await compose(signed_in, [("text", "Họp **dân** thứ Bảy"), ("text_en", "  ")])
    page = await signed_in.page(only_vi)
    assert "Họp <b>dân</b> thứ Bảy" in page
    assert "Không có bản English: 1 người đọc English sẽ nhận bản Tiếng Việt." in page
    confirm = await signed_in.page(f"{only_vi}/confirm")
    assert "Gửi ngay tới 3 người (tiếng Việt 2, tiếng Anh 1)?" in confirm
    assert "sẽ nhận bản Tiếng Việt" in confirm  # told again where it matters

    both = await compose(
        signed_in,
        [("text", "Họp *dân* thứ Bảy"), ("text_en", "Meeting on [Saturday](https://x.vn)")],
    )
    page = await signed_in.page(both)
    assert "Họp <i>dân</i> thứ Bảy" in page
    assert (
        'Meeting on <a href="https://x.vn" rel="noopener noreferrer nofollow">Saturday</a>' in page
    )
    assert "sẽ nhận bản" not in page


async def test_a_broadcast_aimed_at_wards_counts_and_reaches_only_their_residents(
    signed_in: Dashboard,
) -> None:
    await subscribe(signed_in, 8301, 8302, 8303)
    subscriptions = signed_in.services.subscriptions
    await subscriptions.choose_district(Actor.resident(8301, "vi"), "p-hoan-kiem")
    await subscriptions.choose_district(Actor.resident(8302, "vi"), "x-soc-son")
    page = await signed_in.page("/broadcasts")
    assert '<option value="p-van-mieu-quoc-tu-giam">Phường Văn Miếu - Quốc Tử Giám</option>' in page
    # Both composers and each report offered after a publish, every ward and commune.
    forms = 2 + page.count('<input type="hidden" name="report"')
    assert forms > 2
    assert page.count('<option value="p-') == forms * 51
    assert page.count('<option value="x-') == forms * 75

    here = await compose(signed_in, [("text", "Cắt nước sáng mai"), ("districts", "p-hoan-kiem")])
    page = await signed_in.page(here)
    assert "1 người nhận" in page
    assert "Phường Hoàn Kiếm" in page
    confirm = await signed_in.page(f"{here}/confirm")
    assert "Gửi ngay tới 1 người" in confirm
    sent = await signed_in.submit(f"{here}/send", {"confirmed": "yes"}, form_page=here)
    assert sent.status == 303
    assert await deliveries(signed_in, int(here.rsplit("/", 1)[1])) == {"pending": 1}

    two = await compose(
        signed_in,
        [("text", "Tiêm chủng"), ("districts", "p-hoan-kiem"), ("districts", "x-soc-son")],
    )
    assert "2 người nhận" in await signed_in.page(two)

    forged = await signed_in.submit(
        "/broadcasts/text",
        [("text", "Giả mạo"), ("districts", "p-khong-co")],
        form_page="/broadcasts",
    )
    assert forged.headers["Location"] == "/broadcasts"
    assert "Không có xã, phường này" in await signed_in.page("/broadcasts")


async def test_after_a_publish_the_report_and_the_correction_are_offered(
    signed_in: Dashboard,
) -> None:
    services = signed_in.services
    await subscribe(signed_in, 8401, 8402, 8403)
    await services.subscriptions.toggle(  # a topic the Q1 2022 report does not touch
        Actor.resident(8403, "vi"), Topic(TopicKind.INDICATOR, "sua-hoc-duong")
    )
    page = await signed_in.page("/broadcasts")
    assert page.count("Chưa gửi: ") == len(services.knowledge.current.kb.reports)
    assert "Quý I/2022 (2 người đăng ký các chủ đề của báo cáo)" in page

    report = await services.broadcasts.prepare_report(
        Actor.system(), "report-2022-q1", chat_id=None
    )
    await services.broadcasts.confirm(Actor.system(), report.broadcast.id)
    jobs = await services.outbox.claim("web-test", 10, dt.timedelta(minutes=1))
    assert sorted(job.chat_id for job in jobs) == [8401, 8402]
    await services.outbox.record(
        "web-test",
        [SendResult(jobs[0], SendOutcome.SENT, 1), SendResult(jobs[1], SendOutcome.BLOCKED)],
    )
    page = await signed_in.page("/broadcasts")
    offers = page.split('id="offers"', 1)[1].split("</section>", 1)[0]
    assert offers.count("Chưa gửi: ") == len(services.knowledge.current.kb.reports) - 1
    assert "Quý I/2022" not in offers  # broadcast now: no longer offered
    assert "có số liệu nay đã đổi" not in page

    served = services.knowledge.current  # shared by the session's tests: given back after
    try:
        await services.releases.publish(Actor.system(), changed_document())
        page = await signed_in.page("/broadcasts")
        assert f"Lần gửi số {report.broadcast.id} (đã tới 1 người) có số liệu nay đã đổi" in page
        # The figure with its unit, as the cards show it, in the dashboard's language.
        assert "Hộ nghèo (Quý I/2022): 3.612 hộ → 3.498 hộ" in page
        await signed_in.client.get("/lang/en?next=/broadcasts", allow_redirects=False)
        english = await signed_in.page("/broadcasts")
        assert "(Q1 2022): 3,612 households → 3,498 households" in english
        await signed_in.client.get("/lang/vi?next=/broadcasts", allow_redirects=False)
        response = await signed_in.submit(
            f"/broadcasts/{report.broadcast.id}/correct", {}, form_page="/broadcasts"
        )
        assert response.status == 303
        correction = await signed_in.page(response.headers["Location"])
        assert "Đính chính" in correction
        assert "1 người nhận" in correction  # exactly the one who got the old figure
    finally:
        services.knowledge.swap(served)


async def test_a_report_offered_after_a_publish_can_be_aimed_at_wards_and_communes(
    signed_in: Dashboard,
) -> None:
    services = signed_in.services
    await subscribe(signed_in, 8501, 8502, 8503)
    await services.subscriptions.choose_district(Actor.resident(8501, "vi"), "p-hoan-kiem")
    await services.subscriptions.choose_district(Actor.resident(8502, "vi"), "x-soc-son")
    page = await signed_in.page("/broadcasts")
    offers = page.split('id="offers"', 1)[1].split("</section>", 1)[0]
    assert "Quý I/2022 (3 người đăng ký các chủ đề của báo cáo)" in offers
    assert offers.count('<select name="districts"') == offers.count("Chưa gửi: ")
    assert "Chỉ gửi tới một số phường, xã (không bắt buộc)" in offers

    # The offer's own form: its report, and the places chosen in the same picker.
    response = await signed_in.submit(
        "/broadcasts/report",
        [("report", "report-2022-q1"), ("districts", "p-hoan-kiem"), ("districts", "x-soc-son")],
        form_page="/broadcasts",
    )
    assert response.status == 303
    draft = response.headers["Location"]
    assert BROADCAST_LINK.fullmatch(draft), draft
    page = await signed_in.page(draft)
    assert "2 người nhận" in page
    assert "Phường Hoàn Kiếm" in page
    assert "Xã Sóc Sơn" in page
    confirm = await signed_in.page(f"{draft}/confirm")
    assert "Gửi ngay tới 2 người" in confirm  # not the 3 the offer counted everywhere

    forged = await signed_in.submit(
        "/broadcasts/report",
        [("report", "report-2022-q1"), ("districts", "p-khong-co")],
        form_page="/broadcasts",
    )
    assert forged.headers["Location"] == "/broadcasts"
    assert "Không có xã, phường này" in await signed_in.page("/broadcasts")
