"""Feedback end to end: residents and officials through the emulator, the real Application."""

from __future__ import annotations

import json
import re
from collections.abc import AsyncIterator, Callable
from contextlib import asynccontextmanager
from typing import Any

import pytest

from bot.app import Runtime, running_bot
from bot.sandbox.emulator import BotApiEmulator
from bot.services.kernel.actor import Actor
from bot.settings import load_settings
from handlers.callback_data import Action, encode
from tests.e2e.helpers import (
    ADMIN_CHAT,
    ENGLISH_RESIDENT_ID,
    GROUP_ADMIN,
    MEMBER,
    OFFICIAL,
    RESIDENT_ID,
    ask,
    button_texts,
    callback_of,
)
from tests.tickets import FeedbackChoices

CODE = re.compile(r"\b([A-Z2-9]{6})\b")


@asynccontextmanager
async def bot_on(
    emulator: BotApiEmulator, database_url: str, **overrides: Any
) -> AsyncIterator[Runtime]:
    """The bot with the officials' group of the `group` fixture; ``overrides``: settings."""
    settings = load_settings(
        None,
        telegram_bot_token=emulator.token,
        telegram_api_url=emulator.base_url,
        database_url=database_url,
        admin_chat_id=ADMIN_CHAT,
        admin_user_ids=str(OFFICIAL),
        feedback_max_chars=2000,
        **overrides,
    )
    async with running_bot(settings) as runtime:
        yield runtime


@pytest.fixture
async def moderated(group: BotApiEmulator, database_url: str) -> AsyncIterator[Runtime]:
    async with bot_on(group, database_url) as runtime:
        yield runtime


async def press(
    emulator: BotApiEmulator,
    user_id: int,
    message: dict[str, Any],
    label: str,
    timeout: float = 5.0,  # noqa: ASYNC109 - a test helper's patience
) -> dict[str, Any]:
    """Press the button whose label contains `label`; return the callback answer."""
    chat_id = message["chat"]["id"]
    query = await emulator.press_button(
        user_id, chat_id, message["message_id"], callback_of(message, label)
    )
    return await emulator.wait_for_callback_answer(query, timeout=timeout)


async def edited(
    emulator: BotApiEmulator,
    message: dict[str, Any],
    part: str,
    timeout: float = 5.0,  # noqa: ASYNC109 - a test helper's patience
) -> dict[str, Any]:
    return await emulator.wait_for_edit(
        message["chat"]["id"],
        message["message_id"],
        lambda edit: part in edit.get("text", ""),
        timeout=timeout,
    )


def latest(emulator: BotApiEmulator, chat_id: int) -> int:
    messages = emulator.messages(chat_id)
    return int(messages[-1]["message_id"]) if messages else 0


async def reply_prompt(emulator: BotApiEmulator, card: dict[str, Any]) -> dict[str, Any]:
    """The official presses "reply" on a card; returns the ForceReply prompt."""
    before = latest(emulator, ADMIN_CHAT)
    await press(emulator, OFFICIAL, card, "Trả lời")
    prompt = await emulator.wait_for_bot_message(ADMIN_CHAT, after=before)
    sent = emulator.calls_of("sendMessage")[-1]  # Telegram keeps ForceReply out of the message
    markup = sent["reply_markup"]
    markup = json.loads(markup) if isinstance(markup, str) else markup
    assert markup["force_reply"] is True
    assert markup["selective"] is True
    mentions = [item for item in prompt["entities"] if item["type"] == "text_mention"]
    assert [mention["user"]["id"] for mention in mentions] == [OFFICIAL]
    return prompt


def _topic_menu(message: dict[str, Any]) -> bool:
    return "Chọn lĩnh vực" in message.get("text", "") or "Choose a field" in message.get("text", "")


def _goes_on(message: dict[str, Any]) -> bool:
    return any("Tiếp tục" in label for label in button_texts(message))


async def _reply(
    emulator: BotApiEmulator,
    resident: int,
    text: str,
    patience: float,
    wanted: Callable[[dict[str, Any]], bool] | None,
) -> dict[str, Any]:
    """Send ``text``; the bot's first message after it (that is ``wanted``)."""
    sent = await emulator.send_text(resident, text)
    return await emulator.wait_for_bot_message(
        resident, wanted, after=sent["message"]["message_id"], timeout=patience
    )


async def file_feedback(  # noqa: PLR0913 - the steps a test may vary, by keyword
    emulator: BotApiEmulator,
    text: str,
    *,
    resident: int = RESIDENT_ID,
    choices: FeedbackChoices | None = None,
    patience: float = 5.0,
    copies: bool = False,
) -> tuple[str, dict[str, Any]]:
    """The resident goes through /feedback; returns the ticket code and the admin card.
    ``choices``: named or anonymous, and the answer to "may officials publish it?" (no
    attachment: the text step goes straight on).
    ``patience``: seconds to wait for each step (longer under injected faults); ``copies``:
    earlier replies may arrive again meanwhile (injected faults), and are passed over."""
    choices = choices or FeedbackChoices()
    # With ``copies``, a step's message is the first of its kind after the resident's: under
    # injected faults a reply sent again (its first answer lost) may come after their next one.
    menu = await _reply(emulator, resident, "/feedback", patience, _topic_menu if copies else None)
    assert _topic_menu(menu)
    await press(emulator, resident, menu, "🎓 Giáo dục", patience)
    prompt = await edited(emulator, menu, "tối đa 2.000 ký tự", patience)
    step = await _reply(emulator, resident, text, patience, _goes_on if copies else None)
    assert _goes_on(step)
    await press(emulator, resident, step, "Tiếp tục", patience)
    identity = await edited(emulator, step, "biết tên", patience)
    identity_button = "Ẩn danh" if choices.anonymous else "Cho biết tên"
    await press(emulator, resident, identity, identity_button, patience)
    asked = await edited(emulator, step, "Công khai câu hỏi?", patience)
    consent_button = "Đồng ý công khai" if choices.consent else "Không,"
    await press(emulator, resident, asked, consent_button, patience)
    summary = await edited(emulator, step, "Kiểm tra lại góp ý", patience)
    before = latest(emulator, ADMIN_CHAT)
    await press(emulator, resident, summary, "Gửi", patience)
    sent = await edited(emulator, step, "Mã phiếu", patience)
    match = CODE.search(sent["text"])
    assert match, sent["text"]
    code = match.group(1)
    card = await emulator.wait_for_bot_message(
        ADMIN_CHAT, lambda message: code in message.get("text", ""), after=before, timeout=patience
    )
    assert prompt is not None
    return code, card


async def test_file_moderate_answer_reopen_resolve_and_rate(
    group: BotApiEmulator, moderated: Runtime
) -> None:
    emulator = group
    code, card = await file_feedback(emulator, "Trường tiểu học Đoàn Thị Điểm thiếu nhà vệ sinh")
    assert "Người gửi: Lan" in card["text"]
    assert "🆕" in card["text"]
    assert {"✅ Duyệt", "💬 Trả lời", "🏢 Giao", "🚫 Từ chối", "📁 Đóng"} <= set(button_texts(card))

    # Approve: the card shows who did it; the resident is told.
    last = latest(emulator, RESIDENT_ID)
    answer = await press(emulator, OFFICIAL, card, "Duyệt")
    assert code in answer.get("text", "")
    card = await edited(emulator, card, "Hà Nguyễn: duyệt")
    notice = await emulator.wait_for_bot_message(RESIDENT_ID, after=last)
    assert code in notice["text"]
    assert "tiếp nhận" in notice["text"]

    # Assign to a department through the menu.
    await press(emulator, OFFICIAL, card, "Giao")
    menu = await emulator.wait_for_edit(
        ADMIN_CHAT, card["message_id"], lambda edit: "Sở Giáo dục" in str(edit["reply_markup"])
    )
    last = latest(emulator, RESIDENT_ID)
    await press(emulator, OFFICIAL, menu, "Sở Giáo dục và Đào tạo")
    card = await edited(emulator, card, "Giao: Sở Giáo dục và Đào tạo")
    notice = await emulator.wait_for_bot_message(RESIDENT_ID, after=last)
    assert "Sở Giáo dục và Đào tạo" in notice["text"]

    # Reply through a ForceReply prompt; the official's reply goes to the resident.
    prompt = await reply_prompt(emulator, card)
    assert code in prompt["text"]
    last = latest(emulator, RESIDENT_ID)
    reply = await emulator.send_text(
        OFFICIAL,
        "Sở sẽ bố trí kinh phí xây mới trong quý I.",
        chat_id=ADMIN_CHAT,
        reply_to_message_id=prompt["message_id"],
    )
    confirmation = await emulator.wait_for_bot_message(
        ADMIN_CHAT, after=reply["message"]["message_id"]
    )
    assert code in confirmation["text"]
    answered = await emulator.wait_for_bot_message(RESIDENT_ID, after=last)
    assert "Sở sẽ bố trí kinh phí" in answered["text"]
    assert {"👍 Đã giải quyết", "👎 Chưa giải quyết"} <= set(button_texts(answered))
    card = await edited(emulator, card, "💬 Hà Nguyễn")

    # Not resolved: the ticket reopens, the card says so.
    await press(emulator, RESIDENT_ID, answered, "Chưa giải quyết")
    await edited(emulator, answered, "mở lại")
    card = await edited(emulator, card, "🔁 Mở lại")
    assert "báo chưa giải quyết" in card["text"]

    # A second answer, then resolved and rated.
    prompt = await reply_prompt(emulator, card)
    last = latest(emulator, RESIDENT_ID)
    await emulator.send_text(
        OFFICIAL,
        "Đã khởi công ngày 20/11.",
        chat_id=ADMIN_CHAT,
        reply_to_message_id=prompt["message_id"],
    )
    answered = await emulator.wait_for_bot_message(RESIDENT_ID, after=last)
    await press(emulator, RESIDENT_ID, answered, "Đã giải quyết")
    rating = await edited(emulator, answered, "mấy sao")
    await press(emulator, RESIDENT_ID, rating, "⭐⭐⭐⭐⭐")
    card = await edited(emulator, card, "đánh giá: 5/5")
    assert "✅ Đã giải quyết" in card["text"]

    # The resident's list shows it.
    mine = await ask(emulator, RESIDENT_ID, "/myfeedback")
    assert code in mine["text"]
    assert "Đã giải quyết" in mine["text"]


async def test_a_non_official_press_changes_nothing(
    group: BotApiEmulator, moderated: Runtime
) -> None:
    emulator = group
    code, card = await file_feedback(emulator, "Chợ dân sinh ở phường thiếu chỗ để xe")
    answer = await press(emulator, MEMBER, card, "Duyệt")
    assert answer.get("show_alert")
    assert "cán bộ" in answer["text"]
    view = await moderated.services.moderation.ticket_by_code(_system(), code)
    assert view.ticket.status == "new"
    assert len(view.history) == 1
    # A group administrator not listed in ADMIN_USER_IDS is an official.
    await press(emulator, GROUP_ADMIN, card, "Duyệt")
    await edited(emulator, card, "Minh: duyệt")
    # Officials' commands refuse residents too.
    refused = await ask(emulator, RESIDENT_ID, "/queue")
    assert "cán bộ" in refused["text"]


@pytest.mark.parametrize(
    "data",
    [
        "1:oa:999999",  # a ticket that does not exist
        "1:oa:abc",  # not an id
        "0:oa:1",  # a stale version
        "1:or:1:insult",  # a reason that does not exist
        "1:zz",  # an unknown action
        "1:tv:1:9",  # a rating out of range
    ],
)
async def test_forged_and_stale_callback_data_are_refused(
    group: BotApiEmulator, moderated: Runtime, data: str
) -> None:
    emulator = group
    code, card = await file_feedback(emulator, "Xin bổ sung đèn chiếu sáng ngõ 5 phố Huế")
    query = await emulator.press_button(OFFICIAL, ADMIN_CHAT, card["message_id"], data)
    answer = await emulator.wait_for_callback_answer(query)
    assert answer.get("show_alert")
    view = await moderated.services.moderation.ticket_by_code(_system(), code)
    assert view.ticket.status == "new"


async def test_invalid_moves_are_refused_with_a_clear_message(
    group: BotApiEmulator, moderated: Runtime
) -> None:
    emulator = group
    code, card = await file_feedback(emulator, "Đề nghị mở thêm lớp học nghề may cho phụ nữ")
    await press(emulator, OFFICIAL, card, "Đóng")
    await edited(emulator, card, "📁 Đã đóng")
    view = await moderated.services.moderation.ticket_by_code(_system(), code)
    data = encode(Action.MOD_APPROVE, str(view.ticket.id))  # an old card's button
    query = await emulator.press_button(OFFICIAL, ADMIN_CHAT, card["message_id"], data)
    answer = await emulator.wait_for_callback_answer(query)
    assert answer["show_alert"]
    assert answer["text"] == "Không thể duyệt phiếu đang ở trạng thái «📁 Đã đóng»."


async def test_a_conversation_survives_a_restart(group: BotApiEmulator, database_url: str) -> None:
    emulator = group
    async with bot_on(emulator, database_url):
        menu = await ask(emulator, RESIDENT_ID, "/feedback")
        await press(emulator, RESIDENT_ID, menu, "Y tế")
        await edited(emulator, menu, "Hãy viết nội dung")
    async with bot_on(emulator, database_url):
        step = await ask(emulator, RESIDENT_ID, "Trạm y tế phường đóng cửa vào thứ Bảy")
        assert "Đã ghi nội dung" in step["text"]
        await press(emulator, RESIDENT_ID, step, "Tiếp tục")
        identity = await edited(emulator, step, "biết tên")
        await press(emulator, RESIDENT_ID, identity, "Ẩn danh")
        asked = await edited(emulator, step, "Công khai câu hỏi?")
        await press(emulator, RESIDENT_ID, asked, "Không,")
        summary = await edited(emulator, step, "Gửi ẩn danh")
        await press(emulator, RESIDENT_ID, summary, "Gửi")
        await edited(emulator, step, "Mã phiếu")
        card = await emulator.wait_for_bot_message(
            ADMIN_CHAT, lambda message: "Trạm y tế phường" in message.get("text", ""), after=0
        )
        assert "Người gửi: ẩn danh" in card["text"]


async def test_photo_location_and_bad_input(group: BotApiEmulator, moderated: Runtime) -> None:
    emulator = group
    menu = await ask(emulator, RESIDENT_ID, "/feedback")
    # A topic that no longer exists (a well-formed key): asked again, nothing written.
    query = await emulator.press_button(
        RESIDENT_ID, RESIDENT_ID, menu["message_id"], encode(Action.FEEDBACK_TOPIC, "da-xoa")
    )
    await emulator.wait_for_callback_answer(query)
    again = await edited(emulator, menu, "không còn trong danh sách")
    await press(emulator, RESIDENT_ID, again, "Trợ giúp")
    # A photo with no caption: kept, and the resident is asked for words.
    photo = await emulator.send_photo(RESIDENT_ID)
    reply = await emulator.wait_for_bot_message(RESIDENT_ID, after=photo["message"]["message_id"])
    assert "viết vài dòng" in reply["text"]
    # Too long: refused politely, the draft waits.
    long = await ask(emulator, RESIDENT_ID, "dài " * 2500)
    assert "vượt quá 2.000" in long["text"]
    # HTML is kept as text and shown escaped.
    step = await ask(emulator, RESIDENT_ID, "<b>Nhà</b> cụ Tư <script>alert(1)</script> bị dột")
    location = await emulator.send_location(RESIDENT_ID, 21.0245, 105.8412)
    saved = await emulator.wait_for_bot_message(
        RESIDENT_ID, after=location["message"]["message_id"]
    )
    assert "vị trí" in saved["text"]
    await press(emulator, RESIDENT_ID, saved, "Tiếp tục")
    identity = await edited(emulator, saved, "biết tên")
    await press(emulator, RESIDENT_ID, identity, "Cho biết tên")
    asked = await edited(emulator, saved, "Công khai câu hỏi?")
    await press(emulator, RESIDENT_ID, asked, "Không,")
    summary = await edited(emulator, saved, "Kèm ảnh")
    assert "&lt;b&gt;" not in summary["text"]
    assert "<b>Nhà</b>" in summary["text"]
    assert "📍 Kèm vị trí" in summary["text"]
    await press(emulator, RESIDENT_ID, summary, "Gửi")
    await edited(emulator, saved, "Mã phiếu")
    card = await emulator.wait_for_bot_message(
        ADMIN_CHAT, lambda message: "cụ Tư" in message.get("text", ""), after=0
    )
    assert "<script>alert(1)</script>" in card["text"]  # shown as text: the emulator parsed it
    assert "openstreetmap.org" in str(card.get("entities"))
    before = latest(emulator, ADMIN_CHAT)
    await press(emulator, OFFICIAL, card, "Xem ảnh")
    shown = await emulator.wait_for_bot_message(ADMIN_CHAT, after=before)
    assert "photo" in shown
    assert shown["reply_to_message"]["message_id"] == card["message_id"]
    assert step is not None


async def test_send_to_the_committee_in_one_press(
    group: BotApiEmulator, moderated: Runtime
) -> None:
    emulator = group
    unanswered = await ask(emulator, RESIDENT_ID, "giá vé xe buýt tháng cho sinh viên là bao nhiêu")
    await press(emulator, RESIDENT_ID, unanswered, "Gửi câu hỏi")
    confirmation = await emulator.wait_for_bot_message(RESIDENT_ID, after=unanswered["message_id"])
    code = CODE.search(confirmation["text"])
    assert code
    assert "ẩn danh" in confirmation["text"]
    card = await emulator.wait_for_bot_message(
        ADMIN_CHAT, lambda message: code.group(1) in message.get("text", ""), after=0
    )
    assert "vé xe buýt" in card["text"]
    # Someone else pressing the same button (forwarded message, forged data) files nothing.
    data = callback_of(unanswered, "Gửi câu hỏi")
    emulator_query = await emulator.press_button(
        ENGLISH_RESIDENT_ID, RESIDENT_ID, unanswered["message_id"], data
    )
    refused = await emulator.wait_for_callback_answer(emulator_query)
    assert refused["show_alert"]
    assert refused["text"] == "This button is not for you."
    stats = await ask(emulator, OFFICIAL, "/stats")
    assert "1 phiếu" in stats["text"]


async def test_officials_commands_and_the_public_register(
    group: BotApiEmulator, moderated: Runtime
) -> None:
    emulator = group
    code, card = await file_feedback(
        emulator, "Tôi là Nguyễn Thị Lan, SĐT 0912345678, xin hỏi học bổng cho con"
    )
    prompt = await reply_prompt(emulator, card)
    await emulator.send_text(
        OFFICIAL,
        "Chị Lan liên hệ phòng giáo dục quận nhé.",
        chat_id=ADMIN_CHAT,
        reply_to_message_id=prompt["message_id"],
    )
    card = await edited(emulator, card, "💬 Đã trả lời")
    empty = await ask(emulator, ENGLISH_RESIDENT_ID, "/answers")
    assert "No answered feedback" in empty["text"]
    await press(emulator, OFFICIAL, card, "Công khai")
    preview = await edited(emulator, card, "Bản công khai của phiếu")
    assert "Chị ***" in preview["text"]  # the masked answer, before anything is public
    await press(emulator, OFFICIAL, preview, "Xác nhận công khai")
    await edited(emulator, card, "Đã công khai")
    register = await ask(emulator, ENGLISH_RESIDENT_ID, "/answers")
    assert code in register["text"]
    assert "học bổng" in register["text"]
    for secret in ("Nguyễn Thị Lan", "0912345678", "Chị Lan"):
        assert secret not in register["text"]

    queue = await ask(emulator, OFFICIAL, "/queue")
    assert code in queue["text"]
    shown = await ask(emulator, OFFICIAL, f"/ticket {code.lower()}")
    assert f"Phiếu {code}" in shown["text"]
    missing = await ask(emulator, OFFICIAL, "/ticket ZZZZZZ")
    assert "Không tìm thấy" in missing["text"]
    banned = await ask(emulator, OFFICIAL, f"/ban {code} quấy rối")
    assert "Đã chặn" in banned["text"]
    refusal = await ask(emulator, RESIDENT_ID, "/feedback")
    assert "không thể gửi góp ý" in refusal["text"]
    unbanned = await ask(emulator, OFFICIAL, f"/unban {code}")
    assert "bỏ chặn" in unbanned["text"]
    stats = await ask(emulator, OFFICIAL, "/stats")
    assert "Theo lĩnh vực" in stats["text"]
    assert "trung vị" in stats["text"]


def _system() -> Actor:
    return Actor.system()


async def test_officials_get_their_own_command_menu_in_the_admin_chat(
    group: BotApiEmulator, moderated: Runtime
) -> None:
    scope = {"type": "chat", "chat_id": ADMIN_CHAT}
    vietnamese = group.commands_for(scope)
    english = group.commands_for(scope, "en")
    assert vietnamese is not None
    assert english is not None
    assert [item["command"] for item in vietnamese] == [
        "queue",
        "ticket",
        "stats",
        "questions",
        "ban",
        "unban",
        "broadcast",
        "broadcasts",
        "corrections",
    ]
    assert english[0]["description"] == "Open tickets"
    everyone = group.commands_for(None)
    assert everyone is not None
    assert "feedback" in [item["command"] for item in everyone]


async def test_ban_answers_do_not_tell_who_wrote_an_anonymous_ticket(
    group: BotApiEmulator, moderated: Runtime
) -> None:
    """Every order of /ban and /unban by the anonymous ticket's code and by a user id gets the
    same answers whether the id is the author's or anyone else's."""
    emulator = group
    author, stranger = 5_200_000_001, 5_200_000_002  # ids as long as Telegram's, not codes
    emulator.add_user(author, "Hoa", language_code="vi")
    emulator.add_user(stranger, "Bình", language_code="vi")
    code, _card = await file_feedback(
        emulator,
        "Xin hỏi học bổng cho con tôi ở trường tiểu học",
        resident=author,
        choices=FeedbackChoices(anonymous=True),
    )
    plans = [
        ["/ban {code}", "/unban {id}", "/ban {code}", "/unban {code}"],
        ["/ban {code}", "/ban {id}", "/unban {id}", "/unban {code}", "/unban {id}"],
        ["/ban {id}", "/ban {code}", "/unban {code}", "/unban {id}", "/ban {code} x"],
        ["/ban {code}", "/ban {code}", "/unban {id}", "/unban {id}", "/unban {code}"],
    ]

    async def run(plan: list[str], suspect: int) -> list[str]:
        answers = []
        for command in plan:
            reply = await ask(emulator, OFFICIAL, command.format(code=code, id=suspect))
            answers.append(reply["text"].replace(str(suspect), "<id>"))
        # Back to no ban at all before the next plan.
        await ask(emulator, OFFICIAL, f"/unban {code}")
        await ask(emulator, OFFICIAL, f"/unban {suspect}")
        return answers

    for plan in plans:
        as_author = await run(plan, author)
        as_stranger = await run(plan, stranger)
        assert as_author == as_stranger, plan
        assert not any("Không tìm thấy" in answer for answer in as_author)
    refusal = await ask(emulator, author, "/feedback")  # every plan ended with no ban
    assert "không thể gửi góp ý" not in refusal["text"]
