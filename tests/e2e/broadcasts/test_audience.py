"""The official's side and the residents' side of who gets a broadcast, through the emulator:
"Send now" asks first with the count (going back sends nothing), what was typed as formatting
arrives formatted, one text reaches English readers as the draft said, and a resident's ward
chosen in /subscribe decides whether a broadcast aimed there reaches them."""

from __future__ import annotations

from bot.services.kernel.actor import Actor
from tests.e2e.broadcasts.test_subscriptions import OUTDATED, _press
from tests.e2e.broadcasts.world import Inbox, World, body
from tests.e2e.helpers import ask, button_texts


async def test_send_now_asks_with_the_count_and_back_sends_nothing(world: World) -> None:
    vietnamese = world.add_residents(2)
    english = world.add_residents(1, start=30_000, language="en")
    inbox = Inbox(world.emulator)
    async with world.bot(broadcast_rate=25):
        await world.subscribe(vietnamese + english)
        control = await world.official_says(
            "/broadcast **Cắt điện** sáng mai, xem [lịch](https://evn.vn) <script>x</script>"
        )
        assert "Không có bản tiếng Anh: 1 người đọc tiếng Anh sẽ nhận bản tiếng Việt." in body(
            control
        )
        previews = [m for m in world.admin_messages_after(0) if "Thông báo" in body(m)]
        assert len(previews) == 1  # the one message both languages get, shown once
        html = previews[0]["html"]
        assert '<b>Cắt điện</b> sáng mai, xem <a href="https://evn.vn">lịch</a>' in html
        assert "&lt;script&gt;x&lt;/script&gt;" in html

        await world.press(control, "Gửi ngay")
        question = world.current(control)
        assert "Tin sẽ tới 3 người (tiếng Việt 2, tiếng Anh 1)" in body(question)
        assert button_texts(question) == ["✅ Xác nhận gửi tới 3 người", "⬅️ Quay lại"]
        await world.press(question, "Quay lại")
        assert "Gửi ngay" in button_texts(world.current(control))[0]
        assert await world.rows("SELECT count(*) FROM deliveries") == [(0,)]

        await world.send_now(control)
        await world.report(1)
    assert set(inbox.received) == {*vietnamese, *english}
    assert {messages[0]["html"] for messages in inbox.messages.values()} == {html}


async def test_a_ward_chosen_in_subscribe_decides_who_gets_a_broadcast_aimed_there(
    world: World,
) -> None:
    emulator = world.emulator
    here, elsewhere, unsaid = world.add_residents(3)
    inbox = Inbox(emulator)
    async with world.bot(broadcast_rate=25) as runtime:
        await world.subscribe([elsewhere, unsaid])
        screen = await ask(emulator, here, "/subscribe")
        assert "Nơi ở: chưa chọn" in screen["text"]
        wards = await _press(emulator, here, screen, "Chọn xã, phường nơi bạn ở")
        assert "Các phường của Hà Nội (trang 1/4)" in wards["text"]
        assert "1656/NQ-UBTVQH15" in wards["text"]
        assert "▫️ Phường Hoàn Kiếm" in button_texts(wards)
        communes = await _press(emulator, here, wards, "Các xã")
        assert "Các xã của Hà Nội (trang 1/5)" in communes["text"]
        second = await _press(emulator, here, communes, "▶️")
        assert "(trang 2/5)" in second["text"]
        back_to_wards = await _press(emulator, here, second, "Các phường")
        chosen = await _press(emulator, here, back_to_wards, "Phường Hoàn Kiếm")
        assert "Nơi ở: Phường Hoàn Kiếm" in chosen["text"]
        assert "Bạn đang nhận kết quả hằng quý" in chosen["text"]
        mydata = await ask(emulator, here, "/mydata")  # their data names the place, not a key
        assert "Nơi ở: Phường Hoàn Kiếm" in mydata["text"]
        assert "p-hoan-kiem" not in mydata["text"]
        await runtime.services.subscriptions.choose_district(
            Actor.resident(elsewhere, "vi"), "x-soc-son"
        )

        control = await world.official_says("/broadcast Cắt nước sáng mai\nNƠI: hoàn kiếm")
        assert "Người nhận: <b>1</b>" in control["html"]
        assert "Chỉ gửi cho người đăng ký ở: Phường Hoàn Kiếm" in body(control)
        previews = [m for m in world.admin_messages_after(0) if "Cắt nước" in body(m)]
        assert "NƠI" not in body(previews[0])
        unknown = await world.official_says(
            "/broadcast Cắt nước\nNƠI: Quận 1", answer=lambda _message: True
        )
        assert "Không có xã, phường này" in body(unknown)
        await world.send_now(control)
        await world.report(1)
    assert dict(inbox.received) == {here: 1}


async def test_forged_place_buttons_get_the_routers_answer_and_change_nothing(
    world: World,
) -> None:
    emulator = world.emulator
    (resident,) = world.add_residents(1)
    async with world.bot():
        screen = await ask(emulator, resident, "/subscribe")
        for data in (
            "1:ux:x-khong-co",  # a place Hanoi does not have
            "1:ux:P-HOAN-KIEM",  # not a key's shape
            "1:uw:ward:9",  # a page past the last
            "1:uw:district:0",  # a list that does not exist
            "1:uw",  # an argument missing
        ):
            query = await emulator.press_button(resident, resident, screen["message_id"], data)
            answer = await emulator.wait_for_callback_answer(query)
            assert answer.get("show_alert"), data
            assert OUTDATED in str(answer.get("text")), data
    rows = await world.rows(
        "SELECT count(*) FROM subscription_topics WHERE resident_id = :id", id=resident
    )
    assert rows == [(0,)]


async def test_a_report_from_the_group_may_be_aimed_at_wards_as_a_text_is(world: World) -> None:
    here, elsewhere, unsaid = world.add_residents(3)
    inbox = Inbox(world.emulator)
    async with world.bot(broadcast_rate=25) as runtime:
        await world.subscribe([here, elsewhere, unsaid])
        subscriptions = runtime.services.subscriptions
        await subscriptions.choose_district(Actor.resident(here, "vi"), "p-hoan-kiem")
        await subscriptions.choose_district(Actor.resident(elsewhere, "vi"), "x-soc-son")

        everywhere = await world.official_says("/broadcast report report-2022-q1")
        assert "Người nhận: <b>3</b>" in everywhere["html"]
        # The officer is told it goes everywhere, and how to aim it.
        assert "Gửi tới người đăng ký ở mọi nơi" in body(everywhere)
        assert "NƠI: Hoàn Kiếm, xã Sóc Sơn" in body(everywhere)

        aimed = await world.official_says("/broadcast report report-2022-q1\nNƠI: hoàn kiếm")
        assert "Người nhận: <b>1</b>" in aimed["html"]
        assert "Chỉ gửi cho người đăng ký ở: Phường Hoàn Kiếm" in body(aimed)
        assert "mọi nơi" not in body(aimed)
        unknown = await world.official_says(
            "/broadcast report report-2022-q1\nNƠI: Quận 1", answer=lambda _message: True
        )
        assert "Không có xã, phường này" in body(unknown)
        await world.send_now(aimed)
        assert "Tin #2" in body(aimed)  # the first draft (#1) is never sent
        await world.report(2)
    assert dict(inbox.received) == {here: 1}
    assert "3.612 hộ" in inbox.messages[here][0]["html"]
