"""Broadcasts from the dashboard through the test client, on the real database: compose,
preview (escaped), send (delivery rows made), schedule, pause, resume, cancel, history, roles."""

from __future__ import annotations

import re

import pytest

from bot.domain.statuses import BroadcastStatus
from bot.services.kernel.actor import Actor
from tests.web.conftest import Dashboard

HOSTILE = '<script>alert("x")</script> "><img src=x onerror=alert(1)> Họp dân <b>thứ Bảy</b>'
BROADCAST_LINK = re.compile(r"/broadcasts/(\d+)")


async def subscribe(dashboard: Dashboard, *resident_ids: int) -> None:
    for resident_id in resident_ids:
        await dashboard.services.subscriptions.subscribe(
            Actor.resident(resident_id, "vi", f"Dân {resident_id}")
        )


async def compose(dashboard: Dashboard, text: str) -> int:
    response = await dashboard.submit("/broadcasts/text", {"text": text}, form_page="/broadcasts")
    assert response.status == 303
    found = BROADCAST_LINK.fullmatch(response.headers["Location"])
    assert found, response.headers["Location"]
    return int(found.group(1))


async def deliveries(dashboard: Dashboard, broadcast_id: int) -> dict[str, int]:
    async with dashboard.services.accounts._uow() as uow:
        return (await uow.deliveries.counts([broadcast_id]))[broadcast_id]


async def every_broadcast(dashboard: Dashboard) -> list[int]:
    async with dashboard.services.accounts._uow() as uow:
        return [record.id for record in await uow.broadcasts.with_status(list(BroadcastStatus))]


async def status(dashboard: Dashboard, broadcast_id: int) -> BroadcastStatus:
    async with dashboard.services.accounts._uow() as uow:
        record = await uow.broadcasts.get(broadcast_id)
    assert record is not None
    return BroadcastStatus(record.status)


@pytest.mark.parametrize("signed_in", ["broadcaster"], indirect=True)
async def test_compose_preview_escaped_then_send(signed_in: Dashboard) -> None:
    await subscribe(signed_in, 8001, 8002, 8003)
    broadcast_id = await compose(signed_in, HOSTILE)
    page = await signed_in.page(f"/broadcasts/{broadcast_id}")
    assert "<script>" not in page
    assert "<img src=x" not in page
    assert "&lt;script&gt;alert" in page
    assert "Họp dân <b>thứ Bảy</b>" in page  # Telegram's formatting rendered, never shown
    assert "&lt;b&gt;" not in page
    assert "3 người nhận" in page
    assert await deliveries(signed_in, broadcast_id) == {}  # nothing before confirmation
    # "Send now" asks first, naming the recipients; only the confirmation sends.
    asked = await signed_in.submit(
        f"/broadcasts/{broadcast_id}/send", {}, form_page=f"/broadcasts/{broadcast_id}"
    )
    assert asked.status == 200
    assert "Gửi ngay tới 3 người (tiếng Việt 3, tiếng Anh 0)?" in await asked.text()
    assert await deliveries(signed_in, broadcast_id) == {}
    response = await signed_in.submit(
        f"/broadcasts/{broadcast_id}/send",
        {"confirmed": "yes"},
        form_page=f"/broadcasts/{broadcast_id}/confirm",
    )
    assert response.status == 303
    page = await signed_in.page(f"/broadcasts/{broadcast_id}")
    assert "Đã bắt đầu gửi" in page
    assert await deliveries(signed_in, broadcast_id) == {"pending": 3}
    assert 'http-equiv="refresh"' in page
    assert 'id="count-remaining">3<' in page
    again = await signed_in.submit(
        f"/broadcasts/{broadcast_id}/send", {"confirmed": "yes"}, form_page="/broadcasts"
    )
    assert again.status == 303
    assert "không có tin nào bị gửi hai lần" in await signed_in.page(f"/broadcasts/{broadcast_id}")
    assert await deliveries(signed_in, broadcast_id) == {"pending": 3}
    history = await signed_in.page("/broadcasts")
    assert f'href="/broadcasts/{broadcast_id}"' in history
    assert "Đang gửi" in history


async def test_pause_resume_cancel_and_forged_moves(signed_in: Dashboard) -> None:
    await subscribe(signed_in, 8001, 8002)
    broadcast_id = await compose(signed_in, "Thông báo lịch tiếp dân tháng 12")
    here = f"/broadcasts/{broadcast_id}"
    await signed_in.submit(f"{here}/pause", {}, form_page=here)
    assert "Lần gửi này đã kết thúc" in await signed_in.page(here)  # a draft cannot pause
    await signed_in.submit(f"{here}/send", {"confirmed": "yes"}, form_page=here)
    await signed_in.submit(f"{here}/pause", {}, form_page=here)
    assert await status(signed_in, broadcast_id) is BroadcastStatus.PAUSED
    assert "Gửi tiếp" in await signed_in.page(here)
    await signed_in.submit(f"{here}/resume", {}, form_page=here)
    assert await status(signed_in, broadcast_id) is BroadcastStatus.SENDING
    await signed_in.submit(f"{here}/cancel", {}, form_page=here)
    assert await status(signed_in, broadcast_id) is BroadcastStatus.CANCELLED
    assert await deliveries(signed_in, broadcast_id) == {"cancelled": 2}
    page = await signed_in.page(here)
    assert "Đã hủy" in page
    assert 'http-equiv="refresh"' not in page
    await signed_in.submit(f"{here}/resume", {}, form_page=here)
    assert await status(signed_in, broadcast_id) is BroadcastStatus.CANCELLED


async def test_schedule_for_a_choice_and_refuse_a_forged_time(signed_in: Dashboard) -> None:
    broadcast_id = await compose(signed_in, "Hẹn giờ gửi thông báo")
    here = f"/broadcasts/{broadcast_id}"
    page = await signed_in.page(here)
    choice = re.search(r'name="send_at"><option value="([^"]+)"', page)
    assert choice, "no schedule choice offered"
    forged = await signed_in.submit(
        f"{here}/send", {"send_at": "2001-01-01T08:00:00+07:00"}, form_page=here
    )
    assert forged.status == 303
    assert "Thời điểm hẹn đã qua" in await signed_in.page(here)
    assert await status(signed_in, broadcast_id) is BroadcastStatus.DRAFT
    await signed_in.submit(f"{here}/send", {"send_at": choice.group(1)}, form_page=here)
    assert await status(signed_in, broadcast_id) is BroadcastStatus.SCHEDULED
    assert "Đã hẹn giờ gửi" in await signed_in.page(here)


async def test_report_broadcast_with_its_chart(signed_in: Dashboard) -> None:
    report_key = next(iter(signed_in.services.knowledge.current.kb.reports))
    response = await signed_in.submit(
        "/broadcasts/report", {"report": report_key}, form_page="/broadcasts"
    )
    assert response.status == 303
    here = response.headers["Location"]
    page = await signed_in.page(here)
    assert f"{here}/chart-vi.png" in page
    chart = await signed_in.client.get(f"{here}/chart-vi.png")
    assert chart.status == 200
    assert chart.content_type == "image/png"
    assert (await chart.read()).startswith(b"\x89PNG")
    unknown = await signed_in.submit(
        "/broadcasts/report", {"report": "no-such"}, form_page="/broadcasts"
    )
    assert unknown.headers["Location"] == "/broadcasts"
    assert "Không có báo cáo này" in await signed_in.page("/broadcasts")


async def test_bad_texts_create_nothing(signed_in: Dashboard) -> None:
    for text, message in [("   ", "Nội dung đang trống"), ("dài " * 2000, "quá dài")]:
        response = await signed_in.submit(
            "/broadcasts/text", {"text": text}, form_page="/broadcasts"
        )
        assert response.headers["Location"] == "/broadcasts"
        assert message in await signed_in.page("/broadcasts")
    assert await every_broadcast(signed_in) == []
    await signed_in.page("/broadcasts/999999", status=404)
    assert (await signed_in.submit("/broadcasts/999999/cancel", {})).status == 404


@pytest.mark.parametrize("signed_in", ["moderator"], indirect=True)
async def test_a_moderator_cannot_broadcast(signed_in: Dashboard) -> None:
    draft = await signed_in.services.broadcasts.prepare_text(
        Actor.system(), "Bản nháp của người khác", chat_id=None
    )
    broadcast_id = draft.broadcast.id
    assert "Không có quyền" in await signed_in.page("/broadcasts", status=403)
    await signed_in.page(f"/broadcasts/{broadcast_id}", status=403)
    for path, data in [
        ("/broadcasts/text", {"text": "xin chào"}),
        ("/broadcasts/report", {"report": "x"}),
        (f"/broadcasts/{broadcast_id}/send", {}),
        (f"/broadcasts/{broadcast_id}/cancel", {}),
    ]:
        assert (await signed_in.submit(path, data)).status == 403
    assert await status(signed_in, broadcast_id) is BroadcastStatus.DRAFT


async def test_without_a_csrf_token_nothing_is_created(signed_in: Dashboard) -> None:
    response = await signed_in.client.post(
        "/broadcasts/text", data={"text": "giả mạo"}, allow_redirects=False
    )
    assert response.status == 403
    assert await every_broadcast(signed_in) == []
