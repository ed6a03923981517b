"""The Bot API emulator's HTTP behaviour as seen by a plain aiohttp client, and its
simulation API (users acting, waiting, injected errors, observers)."""

from __future__ import annotations

import asyncio
import json
from collections.abc import AsyncIterator
from typing import Any

import aiohttp
import pytest

from bot.sandbox.botapi.params import JsonDict
from bot.sandbox.emulator import BotApiEmulator, EmulatorError

USER_ID = 501
GROUP_ID = -1001234567890

# --- HTTP -----------------------------------------------------------------------------------------


@pytest.fixture
async def emulator() -> AsyncIterator[BotApiEmulator]:
    emu = BotApiEmulator()
    emu.add_user(USER_ID, "Lan", username="lan_hn")
    await emu.start()
    try:
        yield emu
    finally:
        await emu.stop()


@pytest.fixture
async def http() -> AsyncIterator[aiohttp.ClientSession]:
    async with aiohttp.ClientSession() as session:
        yield session


class Api:
    """Calls the emulator like a bot: form-encoded by default, JSON values as JSON strings."""

    def __init__(self, emulator: BotApiEmulator, session: aiohttp.ClientSession) -> None:
        self.emulator = emulator
        self.session = session

    def url(self, method: str) -> str:
        return f"{self.emulator.base_url}/bot{self.emulator.token}/{method}"

    async def call(self, method: str, **params: Any) -> tuple[int, JsonDict]:
        form = {
            name: value if isinstance(value, str) else json.dumps(value)
            for name, value in params.items()
        }
        async with self.session.post(self.url(method), data=form) as response:
            return response.status, await response.json()

    async def ok(self, method: str, **params: Any) -> Any:
        status, body = await self.call(method, **params)
        assert (status, body["ok"]) == (200, True), body
        return body["result"]

    async def error(self, method: str, **params: Any) -> tuple[int, str]:
        status, body = await self.call(method, **params)
        assert body["ok"] is False
        assert body["error_code"] == status
        return status, body["description"]


@pytest.fixture
def api(emulator: BotApiEmulator, http: aiohttp.ClientSession) -> Api:
    return Api(emulator, http)


async def test_get_me_and_request_encodings(api: Api, http: aiohttp.ClientSession) -> None:
    me = await api.ok("getMe")
    assert me["is_bot"] is True
    assert (me["id"], me["username"]) == (123456, "danbiet_bot")
    # Query string (GET), JSON body and method names in any case are accepted, as by Telegram.
    async with http.get(api.url("sendMessage"), params={"chat_id": USER_ID, "text": "q"}) as r:
        assert (await r.json())["result"]["text"] == "q"
    async with http.post(api.url("SENDMESSAGE"), json={"chat_id": USER_ID, "text": "j"}) as r:
        assert (await r.json())["result"]["text"] == "j"
    assert [name for name, _ in api.emulator.calls] == ["getMe", "sendMessage", "sendMessage"]


async def test_long_polling_returns_as_soon_as_an_update_arrives(
    api: Api, emulator: BotApiEmulator
) -> None:
    loop = asyncio.get_running_loop()
    poll = asyncio.create_task(api.ok("getUpdates", timeout=30))
    # Still waiting: long polling holds the request while there is nothing to deliver.
    done, _ = await asyncio.wait({poll}, timeout=0.2)
    assert not done
    sent_at = loop.time()
    update = await emulator.send_text(USER_ID, "  Xin chào  ")
    updates = await asyncio.wait_for(poll, timeout=2)
    assert loop.time() - sent_at < 0.5
    assert updates == [update]
    assert update["message"]["text"] == "Xin chào"
    assert update["message"]["from"]["username"] == "lan_hn"


async def test_offset_confirms_and_drops_older_updates(api: Api, emulator: BotApiEmulator) -> None:
    for text in ("một", "hai", "ba"):
        await emulator.send_text(USER_ID, text)
    first = await api.ok("getUpdates")
    ids = [update["update_id"] for update in first]
    assert ids == sorted(set(ids))
    assert len(ids) == 3
    # Without confirmation the same updates come again; limit caps the batch.
    assert await api.ok("getUpdates", limit=1) == first[:1]
    rest = await api.ok("getUpdates", offset=ids[1])
    assert [update["message"]["text"] for update in rest] == ["hai", "ba"]
    assert await api.ok("getUpdates", offset=ids[2] + 1, timeout=0) == []
    assert await api.ok("getUpdates") == []  # confirmed updates are gone for good
    await emulator.wait_until_idle(timeout=1)


async def test_allowed_updates_filters_new_updates(api: Api, emulator: BotApiEmulator) -> None:
    bot_message = await api.ok("sendMessage", chat_id=USER_ID, text="Chọn")
    assert await api.ok("getUpdates", allowed_updates=["callback_query"]) == []
    await emulator.send_text(USER_ID, "ignored")
    query_id = await emulator.press_button(USER_ID, USER_ID, bot_message["message_id"], "x")
    updates = await api.ok("getUpdates")
    assert [update["callback_query"]["id"] for update in updates] == [query_id]


async def test_newer_get_updates_terminates_the_waiting_one(api: Api) -> None:
    first = asyncio.create_task(api.call("getUpdates", timeout=30))
    done, _ = await asyncio.wait({first}, timeout=0.1)
    assert not done
    assert await api.ok("getUpdates", timeout=0) == []
    status, body = await asyncio.wait_for(first, timeout=2)
    assert status == 409
    assert body["description"].startswith("Conflict: terminated by other getUpdates request")


async def test_webhook_blocks_get_updates(api: Api) -> None:
    assert await api.ok("setWebhook", url="https://danbiet.vn/hook", secret_token="s3cr3t")
    info = await api.ok("getWebhookInfo")
    assert info["url"] == "https://danbiet.vn/hook"
    assert await api.error("getUpdates") == (
        409,
        "Conflict: can't use getUpdates method while webhook is active; "
        "use deleteWebhook to delete the webhook first",
    )
    assert await api.ok("deleteWebhook", drop_pending_updates=True)
    assert await api.ok("getUpdates") == []
    assert (await api.error("setWebhook", url="http://danbiet.vn"))[0] == 400


async def test_error_format_for_token_and_unknown_method(
    api: Api, emulator: BotApiEmulator, http: aiohttp.ClientSession
) -> None:
    async with http.post(f"{emulator.base_url}/bot1:WRONG/getMe") as response:
        assert response.status == 401
        assert await response.json() == {
            "ok": False,
            "error_code": 401,
            "description": "Unauthorized",
        }
    assert await api.error("sendTelepathy", chat_id=USER_ID) == (
        404,
        "Not Found: method not found",
    )


async def test_send_message_errors(api: Api, emulator: BotApiEmulator) -> None:
    assert await api.error("sendMessage", chat_id=999, text="x") == (
        400,
        "Bad Request: chat not found",
    )
    assert await api.error("sendMessage", chat_id=USER_ID, text="") == (
        400,
        "Bad Request: message text is empty",
    )
    assert await api.error("sendMessage", chat_id=USER_ID, text="đ" * 4097) == (
        400,
        "Bad Request: message is too long",
    )
    assert await api.error(
        "sendMessage", chat_id=USER_ID, text="Bạn viết: I <3 you", parse_mode="HTML"
    ) == (400, 'Bad Request: can\'t parse entities: Unsupported start tag "3" at byte offset 16')
    assert await api.error(
        "sendMessage", chat_id=USER_ID, text="Giá 5.000", parse_mode="MarkdownV2"
    ) == (
        400,
        "Bad Request: can't parse entities: Character '.' is reserved and must be escaped "
        "with the preceding '\\'",
    )
    emulator.block_bot(USER_ID)
    assert await api.error("sendMessage", chat_id=USER_ID, text="x") == (
        403,
        "Forbidden: bot was blocked by the user",
    )
    emulator.block_bot(USER_ID, blocked=False)
    assert (await api.ok("sendMessage", chat_id=USER_ID, text="x"))["text"] == "x"
    assert [call[2:] for call in emulator.failed_calls][:2] == [
        (400, "Bad Request: chat not found"),
        (400, "Bad Request: message text is empty"),
    ]


async def test_callback_data_too_long_is_rejected(api: Api) -> None:
    markup = {"inline_keyboard": [[{"text": "Xem", "callback_data": "quận:" + "x" * 60}]]}
    assert await api.error("sendMessage", chat_id=USER_ID, text="t", reply_markup=markup) == (
        400,
        "Bad Request: BUTTON_DATA_INVALID",
    )


async def test_groups_membership_and_usernames(api: Api, emulator: BotApiEmulator) -> None:
    emulator.add_user(502, "Minh")
    emulator.add_group(GROUP_ID, "Phường", administrators=[502], username="phuong_hn")
    sent = await api.ok("sendMessage", chat_id="@phuong_hn", text="Chào cả nhà")
    assert sent["chat"] == {
        "id": GROUP_ID,
        "title": "Phường",
        "type": "supergroup",
        "username": "phuong_hn",
    }
    assert (await api.ok("getChatMember", chat_id=GROUP_ID, user_id=502))[
        "status"
    ] == "administrator"
    assert (await api.ok("getChatMember", chat_id=GROUP_ID, user_id=USER_ID))["status"] == "left"
    assert (await api.ok("getChatMember", chat_id=USER_ID, user_id=USER_ID))["status"] == "member"
    admins = await api.ok("getChatAdministrators", chat_id=GROUP_ID)
    assert [admin["user"]["id"] for admin in admins] == [502]
    emulator.set_member_status(GROUP_ID, emulator.bot_user["id"], "left")
    assert await api.error("sendMessage", chat_id=GROUP_ID, text="x") == (
        403,
        "Forbidden: bot is not a member of the supergroup chat",
    )
    chat = await api.ok("getChat", chat_id=USER_ID)
    assert (chat["type"], chat["first_name"], chat["username"]) == ("private", "Lan", "lan_hn")


async def test_group_privacy_mode_delivers_only_commands_and_replies(
    api: Api, emulator: BotApiEmulator
) -> None:
    emulator.add_group(GROUP_ID, "Phường")
    await emulator.send_text(USER_ID, "chuyện phiếm", chat_id=GROUP_ID)
    command = await emulator.send_text(USER_ID, "/help@danbiet_bot", chat_id=GROUP_ID)
    await emulator.send_text(USER_ID, "/help@other_bot", chat_id=GROUP_ID)
    updates = await api.ok("getUpdates")
    assert updates == [command]
    assert len(emulator.messages(GROUP_ID)) == 3  # all of them are in the chat, though


async def test_edits_deletes_and_the_html_source(api: Api, emulator: BotApiEmulator) -> None:
    markup = {"inline_keyboard": [[{"text": "Tiếp", "callback_data": "next"}]]}
    sent = await api.ok(
        "sendMessage", chat_id=USER_ID, text="<b>Một</b>", parse_mode="HTML", reply_markup=markup
    )
    message_id = sent["message_id"]
    assert "html" not in sent
    assert emulator.messages(USER_ID)[-1]["html"] == "<b>Một</b>"
    assert await api.error(
        "editMessageText",
        chat_id=USER_ID,
        message_id=message_id,
        text="<b>Một</b>",
        parse_mode="HTML",
        reply_markup=markup,
    ) == (
        400,
        "Bad Request: message is not modified: specified new message content and reply markup "
        "are exactly the same as a current content and reply markup of the message",
    )
    edited = await api.ok(
        "editMessageText",
        chat_id=USER_ID,
        message_id=message_id,
        text="<i>Hai</i>",
        parse_mode="HTML",
    )
    assert edited["text"] == "Hai"
    assert "edit_date" in edited
    assert "reply_markup" not in edited  # editing without a markup removes the keyboard
    assert await emulator.wait_for_edit(USER_ID, message_id, timeout=0.1) == {
        **edited,
        "html": "<i>Hai</i>",
    }
    assert await api.error("editMessageText", chat_id=USER_ID, message_id=99, text="x") == (
        400,
        "Bad Request: message to edit not found",
    )
    assert await api.ok("deleteMessage", chat_id=USER_ID, message_id=message_id) is True
    assert emulator.messages(USER_ID) == []
    assert await api.error("deleteMessage", chat_id=USER_ID, message_id=message_id) == (
        400,
        "Bad Request: message to delete not found",
    )


async def test_callback_query_answers(api: Api, emulator: BotApiEmulator) -> None:
    sent = await api.ok("sendMessage", chat_id=USER_ID, text="x")
    query_id = await emulator.press_button(USER_ID, USER_ID, sent["message_id"], "forged")
    (update,) = await api.ok("getUpdates")
    assert update["callback_query"]["data"] == "forged"
    assert update["callback_query"]["message"]["message_id"] == sent["message_id"]
    assert await api.error("answerCallbackQuery", callback_query_id=query_id, text="x" * 201) == (
        400,
        "Bad Request: MESSAGE_TOO_LONG",
    )
    assert await api.ok("answerCallbackQuery", callback_query_id=query_id, text="Đã lưu")
    answer = await emulator.wait_for_callback_answer(query_id, timeout=0.1)
    assert answer["text"] == "Đã lưu"
    assert await api.error("answerCallbackQuery", callback_query_id=query_id) == (
        400,
        "Bad Request: query is too old and response timeout expired or query ID is invalid",
    )
    with pytest.raises(EmulatorError, match="no button 'Khác'"):
        await emulator.press_button_by_text(USER_ID, USER_ID, sent["message_id"], "Khác")


async def test_commands_are_stored_per_scope_and_language(
    api: Api, emulator: BotApiEmulator
) -> None:
    commands = [{"command": "start", "description": "Bắt đầu"}]
    assert await api.ok("setMyCommands", commands=commands, language_code="vi")
    assert await api.ok(
        "setMyCommands",
        commands=[{"command": "help", "description": "Help"}],
        scope={"type": "all_private_chats"},
    )
    assert emulator.commands[('{"type":"default"}', "vi")] == commands
    assert emulator.commands_for({"type": "all_private_chats"}) == [
        {"command": "help", "description": "Help"}
    ]
    assert await api.ok("getMyCommands", language_code="vi") == commands
    assert await api.ok("getMyCommands") == []
    assert await api.error(
        "setMyCommands", commands=[{"command": "Bad-Name", "description": "x"}]
    ) == (400, "Bad Request: BOT_COMMAND_INVALID")
    assert await api.ok("deleteMyCommands", language_code="vi")
    assert await api.ok("getMyCommands", language_code="vi") == []


async def test_photo_upload_get_file_and_download(
    api: Api, emulator: BotApiEmulator, http: aiohttp.ClientSession
) -> None:
    form = aiohttp.FormData()
    form.add_field("chat_id", str(USER_ID))
    form.add_field("caption", "<b>Ảnh</b>")
    form.add_field("parse_mode", "HTML")
    form.add_field("photo", b"\x89PNG fake bytes", filename="a.png", content_type="image/png")
    async with http.post(api.url("sendPhoto"), data=form) as response:
        message = (await response.json())["result"]
    assert message["caption"] == "Ảnh"
    assert message["caption_entities"] == [{"offset": 0, "length": 3, "type": "bold"}]
    biggest = message["photo"][-1]
    file = await api.ok("getFile", file_id=biggest["file_id"])
    async with http.get(f"{emulator.base_url}/file/bot{emulator.token}/{file['file_path']}") as r:
        assert await r.read() == b"\x89PNG fake bytes"
    # Re-sending by file_id reuses the sizes; a caption over 1024 units is refused.
    again = await api.ok("sendPhoto", chat_id=USER_ID, photo=biggest["file_id"])
    assert again["photo"] == message["photo"]
    assert await api.error(
        "sendPhoto", chat_id=USER_ID, photo=biggest["file_id"], caption="x" * 1025
    ) == (
        400,
        "Bad Request: message caption is too long",
    )
    assert await api.error("sendPhoto", chat_id=USER_ID, photo="nonsense") == (
        400,
        "Bad Request: wrong file identifier/HTTP URL specified",
    )


async def test_injected_errors(api: Api, emulator: BotApiEmulator) -> None:
    emulator.inject_error(
        "sendMessage",
        error_code=429,
        description="Too Many Requests: retry after 7",
        retry_after=7,
        times=2,
    )
    for _ in range(2):
        status, body = await api.call("sendMessage", chat_id=USER_ID, text="x")
        assert (status, body) == (
            429,
            {
                "ok": False,
                "error_code": 429,
                "description": "Too Many Requests: retry after 7",
                "parameters": {"retry_after": 7},
            },
        )
    assert await api.ok("sendMessage", chat_id=USER_ID, text="x")
    emulator.inject_error("*", error_code=500, description="Internal Server Error")
    assert await api.ok("getUpdates") == []  # "*" never hits the poller
    assert await api.error("getMe") == (500, "Internal Server Error")


async def test_wait_for_bot_message_sees_a_message_sent_later(
    api: Api, emulator: BotApiEmulator
) -> None:
    waiter = asyncio.create_task(
        emulator.wait_for_bot_message(USER_ID, lambda message: "Hà" in message["text"])
    )
    await api.ok("sendMessage", chat_id=USER_ID, text="Chào")
    await api.ok("sendMessage", chat_id=USER_ID, text="Hà Nội")
    found = await asyncio.wait_for(waiter, timeout=2)
    assert (found["message_id"], found["text"]) == (2, "Hà Nội")


async def test_wait_for_bot_message_timeout_explains_what_happened(
    api: Api, emulator: BotApiEmulator
) -> None:
    await api.ok(
        "sendMessage",
        chat_id=USER_ID,
        text="Chào bạn",
        reply_markup={"inline_keyboard": [[{"text": "Bắt đầu", "callback_data": "go"}]]},
    )
    await api.error("sendMessage", chat_id=USER_ID, text="<oops>", parse_mode="HTML")
    with pytest.raises(TimeoutError) as raised:
        await emulator.wait_for_bot_message(
            USER_ID, lambda message: message["text"] == "Tạm biệt", timeout=0.05, after=0
        )
    description = str(raised.value)
    assert "no bot message matching the predicate in chat 501 after message_id 0" in description
    assert "#1: 'Chào bạn' buttons=['Bắt đầu']" in description
    assert (
        'sendMessage -> 400 Bad Request: can\'t parse entities: Unsupported start tag "oops"'
        in (description)
    )


async def test_wait_until_idle_needs_confirmed_updates(api: Api, emulator: BotApiEmulator) -> None:
    await emulator.wait_until_idle(timeout=1)
    update = await emulator.send_text(USER_ID, "/start")
    with pytest.raises(TimeoutError, match="1 updates not confirmed"):
        await emulator.wait_until_idle(timeout=0.05)
    await api.ok("getUpdates", offset=update["update_id"] + 1)
    await emulator.wait_until_idle(timeout=1)


async def test_observers_receive_events_until_unsubscribed(
    api: Api, emulator: BotApiEmulator
) -> None:
    events: list[tuple[str, int | None]] = []

    async def observe(event: str, payload: JsonDict) -> None:
        events.append((event, payload.get("message_id")))

    unsubscribe = emulator.subscribe(observe)
    emulator.subscribe(lambda _event, _payload: None)  # plain callables work as well
    await emulator.send_text(USER_ID, "hi")
    sent = await api.ok("sendMessage", chat_id=USER_ID, text="a")
    await api.ok("editMessageText", chat_id=USER_ID, message_id=sent["message_id"], text="b")
    await api.ok("deleteMessage", chat_id=USER_ID, message_id=sent["message_id"])
    unsubscribe()
    await api.ok("sendMessage", chat_id=USER_ID, text="unseen")
    assert events == [("message", 1), ("message", 2), ("edit", 2), ("delete", 2)]


async def test_inline_query_answer(api: Api, emulator: BotApiEmulator) -> None:
    query_id = await emulator.inline_query(USER_ID, "hộ nghèo")
    (update,) = await api.ok("getUpdates")
    assert update["inline_query"]["query"] == "hộ nghèo"
    results = [
        {
            "type": "article",
            "id": "a1",
            "title": "Hộ nghèo",
            "input_message_content": {"message_text": "Kết quả"},
        }
    ]
    assert await api.ok("answerInlineQuery", inline_query_id=query_id, results=results)
    answer = await emulator.wait_for_inline_answer(query_id, timeout=0.1)
    assert answer["results"] == results
    assert (await api.error("answerInlineQuery", inline_query_id=query_id, results=[]))[0] == 400


async def test_replies_and_reply_keyboards(api: Api, emulator: BotApiEmulator) -> None:
    update = await emulator.send_text(USER_ID, "Câu hỏi")
    question_id = update["message"]["message_id"]
    keyboard = {"keyboard": [["Có", "Không"]], "one_time_keyboard": True}
    answer = await api.ok(
        "sendMessage",
        chat_id=USER_ID,
        text="Bạn chắc chứ?",
        reply_parameters={"message_id": question_id},
        reply_markup=keyboard,
    )
    assert answer["reply_to_message"]["text"] == "Câu hỏi"
    assert "reply_markup" not in answer  # only inline keyboards belong to the message
    assert emulator.reply_keyboard(USER_ID) == keyboard
    await api.ok("sendMessage", chat_id=USER_ID, text="OK", reply_markup={"remove_keyboard": True})
    assert emulator.reply_keyboard(USER_ID) is None
    assert await api.error(
        "sendMessage", chat_id=USER_ID, text="x", reply_parameters={"message_id": 999}
    ) == (400, "Bad Request: message to be replied not found")
    lenient = await api.ok(
        "sendMessage",
        chat_id=USER_ID,
        text="x",
        reply_parameters={"message_id": 999, "allow_sending_without_reply": True},
    )
    assert "reply_to_message" not in lenient
    reply = await emulator.send_text(USER_ID, "Có", reply_to_message_id=answer["message_id"])
    assert reply["message"]["reply_to_message"]["message_id"] == answer["message_id"]
    assert "reply_to_message" not in reply["message"]["reply_to_message"]  # never nested


def test_simulation_misuse_is_reported() -> None:
    emulator = BotApiEmulator()
    with pytest.raises(EmulatorError, match="unknown user 1"):
        emulator.block_bot(1)
    with pytest.raises(ValueError, match="no Bot API method 'sendMesage'"):
        emulator.inject_error("sendMesage", error_code=400, description="Bad Request: x")
    with pytest.raises(RuntimeError, match="not running"):
        _ = emulator.base_url
