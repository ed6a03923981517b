"""Reminders of overdue tickets, with a controllable clock: the officials' group and the
assigned official are told once a day, whatever the runs and restarts; the internal note on the
ticket never reaches the resident."""

from __future__ import annotations

import datetime as dt
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import Any

from bot.app import Runtime, overdue_reminders, running_bot
from bot.i18n import Translator
from bot.sandbox.emulator import BotApiEmulator
from bot.services.access.model import AccountProfile
from bot.services.kernel.actor import Actor, Role
from bot.services.kernel.clock import ManualClock
from bot.settings import load_settings
from tests.e2e.helpers import ADMIN_CHAT, GROUP_ADMIN, OFFICIAL, RESIDENT_ID, ask
from tests.e2e.test_feedback import file_feedback, press

ADMINISTRATOR = Actor.staff(1, "Quản trị", Role.ADMINISTRATOR)
NOTE = "<b>Hồ sơ nội bộ</b>: gọi lại cho phường trước thứ Sáu"


@asynccontextmanager
async def bot_with_clock(
    emulator: BotApiEmulator, database_url: str, clock: ManualClock
) -> AsyncIterator[Runtime]:
    settings = load_settings(
        None,
        telegram_bot_token=emulator.token,
        telegram_api_url=emulator.base_url,
        database_url=database_url,
        admin_chat_id=ADMIN_CHAT,
        admin_user_ids=str(OFFICIAL),
        ticket_deadline_days=2,
        ticket_reminder_seconds=86400,  # the test runs the reminders itself
    )
    async with running_bot(settings, clock=clock) as runtime:
        yield runtime


def texts(emulator: BotApiEmulator, chat_id: int) -> list[str]:
    return [str(message.get("text", "")) for message in emulator.bot_messages(chat_id)]


def reminders_in(emulator: BotApiEmulator, chat_id: int, code: str) -> list[str]:
    return [text for text in texts(emulator, chat_id) if "quá hạn" in text and code in text]


async def test_overdue_reminders_once_a_day_to_the_group_and_the_assigned_official(
    group: BotApiEmulator, database_url: str
) -> None:
    # The ticket is filed now (filing keeps real time); the services' clock moves on.
    clock = ManualClock(dt.datetime.now(dt.UTC))
    async with bot_with_clock(group, database_url, clock) as runtime:
        services = runtime.services
        code, card = await file_feedback(group, "Trường chưa công bố danh sách miễn học phí")
        assert "Hạn trả lời" in card["text"]  # the card says when the answer is due
        ticket = await services.moderation.ticket_by_code(ADMINISTRATOR, code)
        account = await services.accounts.add(
            ADMINISTRATOR,
            "can-bo-minh",
            "mật khẩu đủ dài 2026",
            Role.MODERATOR,
            profile=AccountProfile("Trần Minh", telegram_user_id=GROUP_ADMIN),
        )
        await services.moderation.assign(ADMINISTRATOR, ticket.ticket.id, "so-gddt")
        await services.ticket_assignment.assign_person(ADMINISTRATOR, ticket.ticket.id, account.id)
        await services.ticket_notes.add(ADMINISTRATOR, ticket.ticket.id, NOTE)
        reminders = overdue_reminders(runtime.application, services, Translator(), runtime.settings)

        assert await reminders.run_once() == 0  # not late yet
        clock.advance(dt.timedelta(days=8))  # two working days are long past
        assert await reminders.run_once() == 1
        group_reminders = reminders_in(group, ADMIN_CHAT, code)
        assert len(group_reminders) == 1
        assert "Sở Giáo dục và Đào tạo" in group_reminders[0]  # the department's name
        assert len(reminders_in(group, GROUP_ADMIN, code)) == 1  # the assigned official
        assert await reminders.run_once() == 0  # the same day: nothing again

    # A restart (or another instance) the same day reminds of nothing already reminded of.
    async with bot_with_clock(group, database_url, clock) as runtime:
        again = overdue_reminders(
            runtime.application, runtime.services, Translator(), runtime.settings
        )
        assert await again.run_once() == 0
        assert len(reminders_in(group, ADMIN_CHAT, code)) == 1
        clock.advance(dt.timedelta(days=1))  # the next day: reminded once more
        assert await again.run_once() == 1
        assert len(reminders_in(group, ADMIN_CHAT, code)) == 2
        assert len(reminders_in(group, GROUP_ADMIN, code)) == 2

        # The resident heard of the department (a notice), never of the note.
        mine = await ask(group, RESIDENT_ID, "/myfeedback")
        everything: list[Any] = [*texts(group, RESIDENT_ID), mine.get("text", "")]
        assert any(code in text for text in everything)
        assert not any("nội bộ" in text or "gọi lại cho phường" in text for text in everything)


def card_edits(emulator: BotApiEmulator, card: dict[str, Any]) -> int:
    return sum(
        1
        for params in emulator.calls_of("editMessageText")
        if params.get("chat_id") == ADMIN_CHAT and params.get("message_id") == card["message_id"]
    )


async def test_cards_turn_overdue_in_place_when_the_deadline_passes(
    group: BotApiEmulator, database_url: str
) -> None:
    clock = ManualClock(dt.datetime.now(dt.UTC))
    async with bot_with_clock(group, database_url, clock) as runtime:
        services = runtime.services
        late_code, late_card = await file_feedback(group, "Trường chưa trả lời đơn miễn học phí")
        other_code, other_card = await file_feedback(group, "Chưa nhận được học bổng kỳ này")
        assert "Hạn trả lời" in late_card["text"]
        assert "Quá hạn" not in late_card["text"]
        reminders = overdue_reminders(runtime.application, services, Translator(), runtime.settings)
        clock.advance(dt.timedelta(days=8))

        # A card redrawn for any reason (here an approval) shows the state of now.
        await press(group, OFFICIAL, other_card, "Duyệt")
        await group.wait_for_edit(
            ADMIN_CHAT, other_card["message_id"], lambda edit: "Quá hạn trả lời" in edit["text"]
        )
        await services.ticket_events.drain()

        posted = len(group.bot_messages(ADMIN_CHAT))
        assert await reminders.run_once() == 2
        await services.ticket_events.drain()
        redrawn = await group.wait_for_edit(
            ADMIN_CHAT, late_card["message_id"], lambda edit: "Quá hạn trả lời" in edit["text"]
        )
        assert late_code in redrawn["text"]
        assert len(group.bot_messages(ADMIN_CHAT)) == posted + 1  # the reminder, no new card
        edits = card_edits(group, late_card)
        assert edits == 1

        # The same day, and a restart, redraw nothing and post nothing.
        assert await reminders.run_once() == 0
        await services.ticket_events.drain()
    async with bot_with_clock(group, database_url, clock) as runtime:
        again = overdue_reminders(
            runtime.application, runtime.services, Translator(), runtime.settings
        )
        assert await again.run_once() == 0
        await runtime.services.ticket_events.drain()
        assert card_edits(group, late_card) == edits
        assert len(group.bot_messages(ADMIN_CHAT)) == posted + 1
        # The next day: reminded again, but the card already says so: no redraw, no new card.
        clock.advance(dt.timedelta(days=1))
        assert await again.run_once() == 2
        await runtime.services.ticket_events.drain()
        assert card_edits(group, late_card) == edits
        assert len(group.bot_messages(ADMIN_CHAT)) == posted + 2
        assert [m for m in group.bot_messages(ADMIN_CHAT) if other_code in m.get("text", "")]
