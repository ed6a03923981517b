"""Residents subscribe, choose topics with toggle buttons, and stop, through the emulator."""

from __future__ import annotations

from typing import Any

from bot.sandbox.emulator import BotApiEmulator
from tests.e2e.broadcasts.world import World
from tests.e2e.helpers import ask, button_texts, callback_of


async def _press(
    emulator: BotApiEmulator, user_id: int, message: dict[str, Any], label: str
) -> dict[str, Any]:
    before = message["text"], message.get("reply_markup")
    await emulator.press_button(
        user_id, user_id, message["message_id"], callback_of(message, label)
    )
    return await emulator.wait_for_edit(
        user_id,
        message["message_id"],
        lambda edited: (edited["text"], edited.get("reply_markup")) != before,
    )


async def test_subscribe_at_once_then_refine_by_topic_and_stop(world: World) -> None:
    emulator = world.emulator
    (resident,) = world.add_residents(1)
    async with world.bot():
        screen = await ask(emulator, resident, "/subscribe")
        assert "Bạn đã đăng ký nhận kết quả hằng quý" in screen["text"]
        assert "Chủ đề: tất cả" in screen["text"]
        assert "/unsubscribe" in screen["text"]
        labels = button_texts(screen)
        assert any(label.startswith("▫️") and "Việc làm" in label for label in labels)
        assert "🔕 Hủy đăng ký" in labels

        again = await ask(emulator, resident, "/subscribe")
        assert "Bạn đang nhận kết quả hằng quý" in again["text"]

        toggled = await _press(emulator, resident, again, "Việc làm")
        assert any(
            label.startswith("✅") and "Việc làm" in label for label in button_texts(toggled)
        )
        assert "Chủ đề bạn chọn:" in toggled["text"]
        assert "🌐 Nhận tất cả chủ đề" in button_texts(toggled)

        areas = await _press(emulator, resident, toggled, "Chọn từng chỉ tiêu")
        y_te = await _press(emulator, resident, areas, "Y tế")
        doctors = [label for label in button_texts(y_te) if "bác sỹ" in label.lower()]
        assert doctors
        assert doctors[0].startswith("▫️")
        chosen = await _press(emulator, resident, y_te, doctors[0][3:])
        assert any(
            label.startswith("✅") and "bác sỹ" in label.lower() for label in button_texts(chosen)
        )

        everything = await ask(emulator, resident, "/subscribe")
        assert "Chủ đề bạn chọn:" in everything["text"]
        cleared = await _press(emulator, resident, everything, "Nhận tất cả chủ đề")
        assert "Chủ đề: tất cả" in cleared["text"]

        stopped = await ask(emulator, resident, "/unsubscribe")
        assert "Bạn đã hủy đăng ký" in stopped["text"]
        assert button_texts(stopped) == ["🔔 Đăng ký lại"]
        twice = await ask(emulator, resident, "/unsubscribe")
        assert "Bạn chưa đăng ký" in twice["text"]
        back = await _press(emulator, resident, twice, "Đăng ký lại")
        assert "Bạn đã đăng ký nhận kết quả hằng quý" in back["text"]

    rows = await world.rows("SELECT status FROM subscriptions WHERE resident_id = :id", id=resident)
    assert rows == [("active",)]


async def test_english_speakers_read_english(world: World) -> None:
    (resident,) = world.add_residents(1, language="en")
    async with world.bot():
        screen = await ask(world.emulator, resident, "/subscribe")
        assert "You are subscribed to quarterly results" in screen["text"]
        stopped = await ask(world.emulator, resident, "/unsubscribe")
        assert "You have unsubscribed" in stopped["text"]


async def test_subscribe_commands_are_in_both_menus(world: World) -> None:
    async with world.bot():
        for language in ("", "en"):
            commands = world.emulator.commands_for(None, language)
            assert commands is not None
            names = [item["command"] for item in commands]
            assert "subscribe" in names
            assert "unsubscribe" in names


OUTDATED = "Nút này đã cũ hoặc không hợp lệ"  # the router's one answer to an outdated button


async def test_forged_or_outdated_subscription_buttons_get_the_routers_answer(
    world: World,
) -> None:
    emulator = world.emulator
    (resident,) = world.add_residents(1)
    async with world.bot():
        screen = await ask(emulator, resident, "/subscribe")
        for data in (
            "1:ua:khong-co-linh-vuc",  # a topic the content no longer has
            "1:ui:khong-co-chi-tieu",
            "1:uc:khong-co-linh-vuc",  # an area without indicators
            "1:ua",  # an argument missing
            "1:uz",  # an action that does not exist
            "0:us",  # a stale version
        ):
            query = await emulator.press_button(resident, resident, screen["message_id"], data)
            answer = await emulator.wait_for_callback_answer(query)
            assert answer.get("show_alert"), data
            assert OUTDATED in str(answer.get("text")), data
        await emulator.wait_until_idle()
        current = next(
            m for m in emulator.messages(resident) if m["message_id"] == screen["message_id"]
        )
        assert current["text"] == screen["text"]
    rows = await world.rows(
        "SELECT count(*) FROM subscription_topics WHERE resident_id = :id", id=resident
    )
    assert rows == [(0,)]
