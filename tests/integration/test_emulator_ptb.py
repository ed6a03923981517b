"""The real python-telegram-bot Application, polling the Bot API emulator over HTTP."""

from __future__ import annotations

import asyncio
import html
import logging
import warnings
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from datetime import timedelta
from typing import Any

import pytest
from telegram import (
    ChatMemberAdministrator,
    ChatMemberBanned,
    ChatMemberLeft,
    ChatMemberOwner,
    ChatMemberRestricted,
    InlineKeyboardButton,
    InlineKeyboardMarkup,
    InlineQueryResultArticle,
    InputTextMessageContent,
    Update,
)
from telegram.constants import ParseMode
from telegram.error import BadRequest, Forbidden, RetryAfter
from telegram.ext import (
    Application,
    ApplicationBuilder,
    CallbackQueryHandler,
    CommandHandler,
    ContextTypes,
    InlineQueryHandler,
    MessageHandler,
    filters,
)
from telegram.warnings import PTBDeprecationWarning

from bot.sandbox.emulator import BotApiEmulator

USER_ID = 7001
BotApplication = Application[Any, Any, Any, Any, Any, Any]


async def start(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    assert update.effective_user is not None
    assert update.message is not None
    name = html.escape(update.effective_user.first_name)
    await update.message.reply_html(
        f"Xin chào <b>{name}</b>! 👋",
        reply_markup=InlineKeyboardMarkup(
            [[InlineKeyboardButton("Tiếp tục", callback_data="next")]]
        ),
    )


async def on_button(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    query = update.callback_query
    assert query is not None
    await query.answer("Đã chọn")
    await query.edit_message_text(
        f"Bạn đã chọn: <i>{html.escape(query.data or '')}</i>", parse_mode=ParseMode.HTML
    )


async def on_inline_query(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    query = update.inline_query
    assert query is not None
    article = InlineQueryResultArticle(
        id="r1",
        title=f"Tìm: {query.query}",
        input_message_content=InputTextMessageContent(
            f"<b>{html.escape(query.query)}</b>", parse_mode=ParseMode.HTML
        ),
    )
    await query.answer([article], cache_time=0)


async def on_media(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    message = update.message
    assert message is not None
    if message.sticker is not None:
        description = f"sticker {message.sticker.emoji}"
    elif message.photo:
        biggest = message.photo[-1]
        description = f"photo {biggest.width}x{biggest.height} {message.caption}"
    else:
        assert message.location is not None
        description = f"location {message.location.latitude},{message.location.longitude}"
    await message.reply_text(description)


def build_application(
    emulator: BotApiEmulator, errors: asyncio.Queue[BaseException]
) -> BotApplication:
    application: BotApplication = (
        ApplicationBuilder()
        .token(emulator.token)
        .base_url(f"{emulator.base_url}/bot")
        .base_file_url(f"{emulator.base_url}/file/bot")
        .build()
    )
    application.add_handler(CommandHandler("start", start))
    application.add_handler(CallbackQueryHandler(on_button))
    application.add_handler(InlineQueryHandler(on_inline_query))
    application.add_handler(
        MessageHandler(filters.Sticker.ALL | filters.PHOTO | filters.LOCATION, on_media)
    )

    async def record_error(update: object, context: ContextTypes.DEFAULT_TYPE) -> None:
        assert context.error is not None
        errors.put_nowait(context.error)

    application.add_error_handler(record_error)
    return application


@asynccontextmanager
async def running_bot(
    emulator: BotApiEmulator, errors: asyncio.Queue[BaseException]
) -> AsyncIterator[BotApplication]:
    application = build_application(emulator, errors)
    assert application.updater is not None
    await application.initialize()
    await application.start()
    await application.updater.start_polling(poll_interval=0, timeout=1)
    try:
        yield application
    finally:
        await application.updater.stop()
        await application.stop()
        await application.shutdown()


@pytest.fixture
async def emulator() -> AsyncIterator[BotApiEmulator]:
    emu = BotApiEmulator()
    emu.add_user(USER_ID, "Lan <3", username="lan")
    await emu.start()
    try:
        yield emu
    finally:
        await emu.stop()


@pytest.fixture
def errors() -> asyncio.Queue[BaseException]:
    return asyncio.Queue()


@pytest.fixture
async def application(
    emulator: BotApiEmulator, errors: asyncio.Queue[BaseException]
) -> AsyncIterator[BotApplication]:
    async with running_bot(emulator, errors) as running:
        yield running


def retry_after_seconds(error: RetryAfter) -> float:
    with warnings.catch_warnings():
        # PTB 22 warns that retry_after will become a timedelta; accept either form.
        warnings.simplefilter("ignore", PTBDeprecationWarning)
        value = error.retry_after
    return value.total_seconds() if isinstance(value, timedelta) else float(value)


async def test_command_button_and_inline_query(
    application: BotApplication, emulator: BotApiEmulator
) -> None:
    await emulator.send_text(USER_ID, "/start")
    greeting = await emulator.wait_for_bot_message(USER_ID)
    assert greeting["text"] == "Xin chào Lan <3! 👋"
    assert greeting["entities"] == [{"offset": 9, "length": 6, "type": "bold"}]
    assert greeting["html"] == "Xin chào <b>Lan &lt;3</b>! 👋"
    assert greeting["from"]["username"] == "danbiet_bot"
    assert greeting["reply_markup"] == {
        "inline_keyboard": [[{"text": "Tiếp tục", "callback_data": "next"}]]
    }

    query_id = await emulator.press_button_by_text(
        USER_ID, USER_ID, greeting["message_id"], "Tiếp tục"
    )
    answer = await emulator.wait_for_callback_answer(query_id)
    assert answer["text"] == "Đã chọn"
    edited = await emulator.wait_for_edit(USER_ID, greeting["message_id"])
    assert edited["text"] == "Bạn đã chọn: next"
    assert edited["entities"] == [{"offset": 13, "length": 4, "type": "italic"}]
    assert "reply_markup" not in edited

    # Forged callback data reaches the bot untouched, and is escaped by it.
    forged_id = await emulator.press_button(USER_ID, USER_ID, greeting["message_id"], "<x>")
    await emulator.wait_for_callback_answer(forged_id)
    forged = await emulator.wait_for_edit(
        USER_ID, greeting["message_id"], lambda message: "<x>" in message["text"]
    )
    assert forged["text"] == "Bạn đã chọn: <x>"

    inline_id = await emulator.inline_query(USER_ID, "hộ nghèo <Ba Đình>")
    inline_answer = await emulator.wait_for_inline_answer(inline_id)
    (result,) = inline_answer["results"]
    assert (result["type"], result["id"], result["title"]) == (
        "article",
        "r1",
        "Tìm: hộ nghèo <Ba Đình>",
    )
    assert result["input_message_content"]["message_text"] == "<b>hộ nghèo &lt;Ba Đình&gt;</b>"

    await emulator.wait_until_idle()
    assert [method for method, _ in emulator.calls if method != "getUpdates"] == [
        "getMe",
        "deleteWebhook",
        "sendMessage",
        "answerCallbackQuery",
        "editMessageText",
        "answerCallbackQuery",
        "editMessageText",
        "answerInlineQuery",
    ]
    assert emulator.failed_calls == []
    assert [message["text"] for message in emulator.messages(USER_ID)] == [
        "/start",
        "Bạn đã chọn: <x>",
    ]


async def test_unhandled_text_gets_no_reply(
    application: BotApplication, emulator: BotApiEmulator
) -> None:
    await emulator.send_text(USER_ID, "chỉ là chuyện phiếm")
    await emulator.wait_until_idle()
    assert emulator.bot_messages(USER_ID) == []


# PTB itself reads RetryAfter.retry_after while building the exception, which warns.
@pytest.mark.filterwarnings("ignore::telegram.warnings.PTBDeprecationWarning")
async def test_flood_limit_reaches_the_bot_as_retry_after(
    application: BotApplication,
    emulator: BotApiEmulator,
    errors: asyncio.Queue[BaseException],
) -> None:
    emulator.inject_error(
        "sendMessage",
        error_code=429,
        description="Too Many Requests: retry after 7",
        retry_after=7,
    )
    await emulator.send_text(USER_ID, "/start")
    error = await asyncio.wait_for(errors.get(), timeout=5)
    assert isinstance(error, RetryAfter)
    assert retry_after_seconds(error) == 7
    # The fault was used up: the next attempt goes through.
    await emulator.send_text(USER_ID, "/start")
    await emulator.wait_for_bot_message(USER_ID)


async def test_forbidden_reaches_the_bot(
    application: BotApplication,
    emulator: BotApiEmulator,
    errors: asyncio.Queue[BaseException],
) -> None:
    emulator.inject_error(
        "sendMessage", error_code=403, description="Forbidden: bot was blocked by the user"
    )
    await emulator.send_text(USER_ID, "/start")
    error = await asyncio.wait_for(errors.get(), timeout=5)
    assert isinstance(error, Forbidden)
    assert error.message == "Forbidden: bot was blocked by the user"

    emulator.block_bot(USER_ID)
    with pytest.raises(Forbidden, match="bot was blocked by the user"):
        await application.bot.send_message(USER_ID, "Tin mới")
    with pytest.raises(BadRequest, match="Chat not found"):
        await application.bot.send_message(424242, "Tin mới")


async def test_commands_menu_and_file_download(
    application: BotApplication, emulator: BotApiEmulator
) -> None:
    bot = application.bot
    await bot.set_my_commands([("start", "Bắt đầu"), ("help", "Trợ giúp")], language_code="vi")
    assert [command.command for command in await bot.get_my_commands(language_code="vi")] == [
        "start",
        "help",
    ]
    assert emulator.commands_for(language_code="vi") == [
        {"command": "start", "description": "Bắt đầu"},
        {"command": "help", "description": "Trợ giúp"},
    ]
    member = await bot.get_chat_member(USER_ID, USER_ID)
    assert member.status == "member"
    chat = await bot.get_chat(USER_ID)
    assert chat.first_name == "Lan <3"

    sent = await bot.send_photo(
        USER_ID, photo=b"not really a jpeg", caption="<b>Ảnh</b>", parse_mode=ParseMode.HTML
    )
    assert sent.caption == "Ảnh"
    photo_file = await bot.get_file(sent.photo[-1].file_id)
    assert bytes(await photo_file.download_as_bytearray()) == b"not really a jpeg"


async def test_users_media_parses_as_ptb_objects(
    application: BotApplication, emulator: BotApiEmulator
) -> None:
    update = await emulator.send_sticker(USER_ID, emoji="🎉")
    reply = await emulator.wait_for_bot_message(USER_ID, after=update["message"]["message_id"])
    assert reply["text"] == "sticker 🎉"
    photo_update = await emulator.send_photo(USER_ID, caption="Giấy tờ")
    photo_message = photo_update["message"]
    reply = await emulator.wait_for_bot_message(USER_ID, after=photo_message["message_id"])
    assert reply["text"] == "photo 800x600 Giấy tờ"
    update = await emulator.send_location(USER_ID, 21.0285, 105.8542)
    reply = await emulator.wait_for_bot_message(USER_ID, after=update["message"]["message_id"])
    assert reply["text"] == "location 21.0285,105.8542"
    # The bot can download what users sent.
    photo_file = await application.bot.get_file(photo_message["photo"][-1]["file_id"])
    assert (await photo_file.download_as_bytearray()).startswith(b"\x89PNG")


async def test_chat_members_of_every_status_parse_in_ptb(
    application: BotApplication, emulator: BotApiEmulator
) -> None:
    group_id = -1009876543210
    statuses = {
        7101: ("creator", ChatMemberOwner),
        7102: ("administrator", ChatMemberAdministrator),
        7103: ("restricted", ChatMemberRestricted),
        7104: ("kicked", ChatMemberBanned),
        7105: ("left", ChatMemberLeft),
    }
    emulator.add_group(group_id, "Tổ dân phố 5", bot_status="administrator")
    for user_id, (status, _) in statuses.items():
        emulator.add_user(user_id, f"Người {user_id}")
        emulator.set_member_status(group_id, user_id, status)
    for user_id, (_, member_class) in statuses.items():
        member = await application.bot.get_chat_member(group_id, user_id)
        assert isinstance(member, member_class)
    admins = await application.bot.get_chat_administrators(group_id)
    assert sorted(admin.user.id for admin in admins) == [7101, 7102, emulator.bot_user["id"]]


async def test_clean_shutdown_leaves_no_tasks(
    emulator: BotApiEmulator, caplog: pytest.LogCaptureFixture
) -> None:
    errors: asyncio.Queue[BaseException] = asyncio.Queue()
    with caplog.at_level(logging.WARNING):
        async with running_bot(emulator, errors):
            await emulator.send_text(USER_ID, "/start")
            await emulator.wait_for_bot_message(USER_ID)
        await emulator.stop()
    assert asyncio.all_tasks() == {asyncio.current_task()}
    assert errors.empty()
    assert [record.getMessage() for record in caplog.records] == []
