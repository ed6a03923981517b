"""The sandbox chat page's server side, without a browser: pages and headers, the WebSocket
protocol, reconnection replay, long messages, residents, buttons and files.

No bot runs here: the tests play the bot by calling the started emulator over HTTP, as
python-telegram-bot would.
"""

from __future__ import annotations

import re
from collections.abc import AsyncIterator
from typing import Any

import aiohttp
import pytest
from aiohttp.test_utils import TestClient, TestServer

from bot.sandbox.chat import (
    CHAT_HUB,
    MAX_MESSAGE_LENGTH,
    create_chat_app,
    split_message,
)
from bot.sandbox.chat.page_actions import MAX_PARTS
from bot.sandbox.chat.pages import STATIC_DIR
from bot.sandbox.emulator import BotApiEmulator
from bot.sandbox.emulator.records import TINY_PNG
from bot.sandbox.entities.text import utf16_len

LAN, SAM = 1001, 1002  # the page's preset residents
ADMIN_CHAT_ID = -1001000000001
OFFICIAL_ID = 900001

WS = aiohttp.ClientWebSocketResponse
Client = TestClient[Any, Any]


@pytest.fixture
async def emulator() -> AsyncIterator[BotApiEmulator]:
    emulator = BotApiEmulator()
    await emulator.start()
    emulator.add_user(OFFICIAL_ID, "Cán bộ", language_code="vi")
    emulator.add_group(ADMIN_CHAT_ID, "Ban Chỉ đạo", administrators=[OFFICIAL_ID])
    yield emulator
    await emulator.stop()


@pytest.fixture
async def client(emulator: BotApiEmulator) -> AsyncIterator[Client]:
    app = create_chat_app(emulator, admin_chat_id=ADMIN_CHAT_ID, official_user_id=OFFICIAL_ID)
    async with TestClient(TestServer(app)) as client:
        yield client


async def bot_call(emulator: BotApiEmulator, method: str, **params: Any) -> Any:
    """A Bot API call made as the bot makes it."""
    url = f"{emulator.base_url}/bot{emulator.token}/{method}"
    async with aiohttp.ClientSession() as session, session.post(url, json=params) as response:
        body = await response.json()
    assert body["ok"], body
    return body["result"]


async def receive(ws: WS, kind: str) -> dict[str, Any]:
    """The next frame of that type (others are skipped), within a few seconds."""
    while True:
        frame = await ws.receive_json(timeout=5)
        if frame["type"] == kind:
            return dict(frame)


def page_origin(client: Client) -> str:
    """The page's own origin, "http://127.0.0.1:<port>", as a browser sends it."""
    return str(client.make_url("/").origin())


def page_port(client: Client) -> int:
    port = client.port
    assert port is not None  # the test server is running
    return port


async def page_socket(client: Client) -> WS:
    """The WebSocket as the page opens it: a browser always sends its Origin."""
    return await client.ws_connect("/ws", headers={"Origin": page_origin(client)})


async def connect(
    client: Client, user_id: int = LAN, **extra: Any
) -> tuple[WS, dict[str, Any], dict[str, Any]]:
    ws = await page_socket(client)
    welcome = await receive(ws, "welcome")
    await ws.send_json({"type": "open", "view": "private", "user_id": user_id, **extra})
    return ws, welcome, await receive(ws, "ready")


# --- pages and headers ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("path", "content_type"),
    [
        ("/", "text/html"),
        ("/static/js/main.js", "text/javascript"),
        ("/static/js/formatting.js", "text/javascript"),
        ("/static/chat.css", "text/css"),
        ("/static/icon.svg", "image/svg+xml"),
    ],
)
async def test_page_and_static_files_forbid_inline_script(
    client: Client, path: str, content_type: str
) -> None:
    response = await client.get(path)
    assert response.status == 200
    assert response.headers["Content-Type"].startswith(content_type)
    policy = response.headers["Content-Security-Policy"]
    assert "script-src 'self';" in policy
    assert "unsafe-inline" not in policy
    assert "unsafe-eval" not in policy
    assert "default-src 'none'" in policy
    assert response.headers["X-Content-Type-Options"] == "nosniff"


async def test_the_page_itself_has_no_inline_script_style_or_handlers(client: Client) -> None:
    html = await (await client.get("/")).text()
    scripts = re.findall(r"<script\b[^>]*>", html)
    assert scripts == ['<script type="module" src="static/js/main.js">']
    assert re.findall(r"<script\b[^>]*>(.*?)</script>", html, re.DOTALL) == [""]
    assert not re.search(r"\son[a-z]+\s*=", html)
    assert " style=" not in html
    assert "<style" not in html
    assert "http://" not in html  # nothing from a CDN
    assert "https://" not in html


async def test_only_known_static_files_are_served(client: Client) -> None:
    for path in (
        "/static/chat.py",
        "/static/..%2Fchat.py",
        "/static/index.html",
        "/static/js/missing.js",
        "/static/js/..%2F..%2Fchat%2Fhub.py",
        "/static/js",
    ):
        assert (await client.get(path)).status == 404


async def test_every_script_module_is_served_as_javascript(client: Client) -> None:
    """Browsers refuse an ES module served with any other MIME type; every module the page
    imports must be served (no build step: the files are the modules)."""
    modules = sorted(path.name for path in (STATIC_DIR / "js").glob("*.js"))
    assert "main.js" in modules
    for name in modules:
        response = await client.get(f"/static/js/{name}")
        assert response.status == 200, name
        assert response.headers["Content-Type"].startswith("text/javascript"), name
        source = await response.text()
        for imported in re.findall(r'^import .* from "\./([\w-]+\.js)";$', source, re.M):
            assert imported in modules, (name, imported)


async def refused_status(client: Client, headers: dict[str, str]) -> int:
    with pytest.raises(aiohttp.WSServerHandshakeError) as raised:
        await client.ws_connect("/ws", headers=headers)
    return raised.value.status


async def test_cross_origin_websocket_is_refused(client: Client) -> None:
    assert await refused_status(client, {"Origin": "http://evil.example"}) == 403
    # The same host on another port, or another scheme's idea of it, is another origin.
    other_port = f"http://127.0.0.1:{page_port(client) + 1}"
    assert await refused_status(client, {"Origin": other_port}) == 403
    assert await refused_status(client, {"Origin": "null"}) == 403


async def test_websocket_without_origin_is_refused(client: Client) -> None:
    """Browsers always send Origin on a WebSocket handshake; only other clients omit it."""
    assert await refused_status(client, {}) == 403


async def test_websocket_with_a_foreign_host_is_refused(client: Client) -> None:
    """DNS rebinding: evil.example resolves to 127.0.0.1, so the browser sends Host and Origin
    of evil.example, consistent with each other; only Host gives it away."""
    port = page_port(client)
    for host in (f"evil.example:{port}", "evil.example", f"127.0.0.1:{port + 1}", "127.0.0.1"):
        headers = {"Host": host, "Origin": f"http://{host}"}
        assert await refused_status(client, headers) == 403, host


async def test_websocket_from_the_page_itself_is_accepted(client: Client) -> None:
    port = page_port(client)
    for host in (f"127.0.0.1:{port}", f"localhost:{port}", f"LOCALHOST:{port}"):
        ws = await client.ws_connect("/ws", headers={"Host": host, "Origin": f"http://{host}"})
        assert (await receive(ws, "welcome"))["type"] == "welcome"
        await ws.close()


# --- live delivery ---------------------------------------------------------------------------


async def test_websocket_delivers_a_bot_message_then_its_edit(
    client: Client, emulator: BotApiEmulator
) -> None:
    ws, welcome, ready = await connect(client)
    assert welcome["residents"][:2] == [
        {"id": LAN, "name": "Lan", "language": "vi"},
        {"id": SAM, "name": "Sam", "language": "en"},
    ]
    assert welcome["group"] == {"id": ADMIN_CHAT_ID, "title": "Ban Chỉ đạo"}
    assert ready["mode"] == "snapshot"
    assert ready["messages"] == []
    assert ready["chat"]["id"] == LAN

    keyboard = {"inline_keyboard": [[{"text": "Giảm nghèo", "callback_data": "area:1"}]]}
    sent = await bot_call(
        emulator,
        "sendMessage",
        chat_id=LAN,
        text="<b>Chỉ tiêu</b> theo lĩnh vực",
        parse_mode="HTML",
        reply_markup=keyboard,
    )
    new = await receive(ws, "event")
    assert new["event"] == "message"
    assert new["chat_id"] == LAN
    assert new["seq"] > ready["seq"]
    message = new["message"]
    assert message["message_id"] == sent["message_id"]
    assert message["text"] == "Chỉ tiêu theo lĩnh vực"
    assert message["entities"] == [{"offset": 0, "length": 8, "type": "bold"}]
    assert message["reply_markup"] == keyboard
    assert message["from"]["is_bot"] is True
    assert "html" not in message  # the page renders entities, never HTML

    await bot_call(
        emulator,
        "editMessageText",
        chat_id=LAN,
        message_id=sent["message_id"],
        text="<i>Hộ nghèo</i>: 3.612 hộ",
        parse_mode="HTML",
    )
    edit = await receive(ws, "event")
    assert edit["event"] == "edit"
    assert edit["seq"] == new["seq"] + 1
    assert edit["message"]["message_id"] == sent["message_id"]
    assert edit["message"]["text"] == "Hộ nghèo: 3.612 hộ"
    assert edit["message"]["edit_date"]
    assert "reply_markup" not in edit["message"]

    await bot_call(emulator, "deleteMessage", chat_id=LAN, message_id=sent["message_id"])
    deleted = await receive(ws, "event")
    assert deleted["event"] == "delete"
    assert deleted["message_id"] == sent["message_id"]
    await ws.close()


async def test_other_chats_events_are_not_delivered(
    client: Client, emulator: BotApiEmulator
) -> None:
    ws, _, _ = await connect(client, LAN)
    await bot_call(emulator, "sendMessage", chat_id=SAM, text="for Sam")
    await bot_call(emulator, "sendMessage", chat_id=LAN, text="for Lan")
    event = await receive(ws, "event")
    assert event["message"]["text"] == "for Lan"
    await ws.close()


async def test_typing_is_shown_but_not_kept(client: Client, emulator: BotApiEmulator) -> None:
    ws, _, _ = await connect(client)
    await bot_call(emulator, "sendChatAction", chat_id=LAN, action="typing")
    action = await receive(ws, "chat_action")
    assert action == {"type": "chat_action", "chat_id": LAN, "action": "typing"}
    await ws.close()


# --- reconnection --------------------------------------------------------------------------------


async def test_reconnecting_with_the_last_sequence_replays_exactly_what_was_missed(
    client: Client, emulator: BotApiEmulator
) -> None:
    ws, welcome, _ = await connect(client)
    first = await bot_call(emulator, "sendMessage", chat_id=LAN, text="one")
    seen = await receive(ws, "event")
    await ws.close()

    # While the page is away: a new message, an edit of the one it saw, another chat's news.
    second = await bot_call(emulator, "sendMessage", chat_id=LAN, text="two")
    await bot_call(
        emulator, "editMessageText", chat_id=LAN, message_id=first["message_id"], text="one!"
    )
    await bot_call(emulator, "sendMessage", chat_id=SAM, text="not for Lan")

    ws, _, ready = await connect(client, epoch=welcome["epoch"], since=seen["seq"], chat_id=LAN)
    assert ready["mode"] == "replay"
    assert "messages" not in ready
    replayed = ready["events"]
    assert [(event["event"], event["message"]["text"]) for event in replayed] == [
        ("message", "two"),
        ("edit", "one!"),
    ]
    assert replayed[0]["message"]["message_id"] == second["message_id"]
    assert all(event["seq"] > seen["seq"] for event in replayed)
    assert ready["seq"] >= replayed[-1]["seq"]

    # Then live again, numbered after the replay.
    await bot_call(emulator, "sendMessage", chat_id=LAN, text="three")
    live = await receive(ws, "event")
    assert live["message"]["text"] == "three"
    assert live["seq"] > ready["seq"]
    await ws.close()


async def test_reconnecting_up_to_date_replays_nothing(
    client: Client, emulator: BotApiEmulator
) -> None:
    ws, welcome, _ = await connect(client)
    await bot_call(emulator, "sendMessage", chat_id=LAN, text="one")
    seen = await receive(ws, "event")
    await ws.close()
    ws, _, ready = await connect(client, epoch=welcome["epoch"], since=seen["seq"], chat_id=LAN)
    assert ready["mode"] == "replay"
    assert ready["events"] == []
    await ws.close()


async def test_another_epoch_or_chat_gets_the_current_state_instead(
    client: Client, emulator: BotApiEmulator
) -> None:
    await bot_call(emulator, "sendMessage", chat_id=LAN, text="one")
    await bot_call(emulator, "sendMessage", chat_id=LAN, text="two")
    ws, _, ready = await connect(client, epoch="an-older-server", since=1, chat_id=LAN)
    assert ready["mode"] == "snapshot"
    assert [message["text"] for message in ready["messages"]] == ["one", "two"]
    await ws.close()
    hub = client.app[CHAT_HUB] if client.app is not None else None
    assert hub is not None
    ws, _, ready = await connect(client, SAM, epoch=hub.epoch, since=1, chat_id=LAN)
    assert ready["mode"] == "snapshot"
    assert ready["messages"] == []
    await ws.close()


async def test_a_trimmed_history_falls_back_to_the_current_state(
    client: Client, emulator: BotApiEmulator
) -> None:
    assert client.app is not None
    client.app[CHAT_HUB].history_per_chat = 2
    ws, welcome, _ = await connect(client)
    await bot_call(emulator, "sendMessage", chat_id=LAN, text="one")
    seen = await receive(ws, "event")
    await ws.close()
    for text in ("two", "three", "four"):
        await bot_call(emulator, "sendMessage", chat_id=LAN, text=text)
    ws, _, ready = await connect(client, epoch=welcome["epoch"], since=seen["seq"], chat_id=LAN)
    assert ready["mode"] == "snapshot"
    assert [message["text"] for message in ready["messages"]] == ["one", "two", "three", "four"]
    await ws.close()


# --- what residents do ---------------------------------------------------------------------------


async def test_a_10000_character_text_is_sent_as_three_messages(
    client: Client, emulator: BotApiEmulator
) -> None:
    ws, _, _ = await connect(client)
    text = "".join(f"{number % 10}" for number in range(10_000))
    await ws.send_json({"type": "send", "text": text})
    frames: list[dict[str, Any]] = []
    while not frames or frames[-1]["type"] != "sent":
        frames.append(await ws.receive_json(timeout=5))
    assert frames[-1]["parts"] == 3
    events = [frame for frame in frames if frame["type"] == "event"]
    messages = emulator.messages(LAN)
    assert len(messages) == 3
    assert all(utf16_len(message["text"]) <= MAX_MESSAGE_LENGTH for message in messages)
    assert "".join(message["text"] for message in messages) == text
    assert all(message["from"]["id"] == LAN for message in messages)
    assert [event["message"]["text"] for event in events] == [m["text"] for m in messages]
    await ws.close()


async def test_words_are_split_at_spaces_and_nothing_is_lost(
    client: Client, emulator: BotApiEmulator
) -> None:
    ws, _, _ = await connect(client)
    text = "hộ nghèo " * 1112  # 10,008 characters
    await ws.send_json({"type": "send", "text": text})
    assert (await receive(ws, "sent"))["parts"] == 3
    parts = [message["text"] for message in emulator.messages(LAN)]
    assert all(utf16_len(part) <= MAX_MESSAGE_LENGTH for part in parts)
    assert " ".join(parts) == text.strip()
    assert all(part.startswith("hộ") and part.endswith("nghèo") for part in parts)
    await ws.close()


async def test_an_absurdly_long_paste_is_refused_politely(
    client: Client, emulator: BotApiEmulator
) -> None:
    ws, _, _ = await connect(client)
    await ws.send_json({"type": "send", "text": "x" * (MAX_MESSAGE_LENGTH * MAX_PARTS + 1)})
    assert (await receive(ws, "error"))["code"] == "too_long"
    await ws.send_json({"type": "send", "text": "   \n "})
    assert (await receive(ws, "error"))["code"] == "empty"
    assert emulator.messages(LAN) == []
    await ws.close()


def test_split_message_never_cuts_a_surrogate_pair() -> None:
    text = "😀" * 3000  # 6,000 UTF-16 code units
    parts = split_message(text)
    assert [utf16_len(part) for part in parts] == [4096, 1904]
    assert "".join(parts) == text
    assert split_message("  short  ") == ["short"]
    assert split_message("") == []


def test_split_message_prefers_line_breaks() -> None:
    text = "a" * 3000 + "\n" + "b" * 3000
    assert split_message(text) == ["a" * 3000, "b" * 3000]


async def test_the_users_own_messages_come_back_as_events(
    client: Client, emulator: BotApiEmulator
) -> None:
    ws, _, _ = await connect(client)
    await ws.send_json({"type": "send", "text": "<script>alert(1)</script>"})
    event = await receive(ws, "event")
    assert event["message"]["text"] == "<script>alert(1)</script>"
    assert event["message"]["from"] == {"id": LAN, "is_bot": False, "name": "Lan"}
    await ws.close()


async def test_creating_a_resident_registers_it_with_the_emulator(
    client: Client, emulator: BotApiEmulator
) -> None:
    other, _, _ = await connect(client, SAM)
    ws, _, _ = await connect(client)
    await ws.send_json({"type": "create_resident", "name": "  Minh  Anh ", "language": "en"})
    created = (await receive(ws, "resident_created"))["resident"]
    assert created["name"] == "Minh Anh"
    assert created["language"] == "en"
    assert created["id"] not in {LAN, SAM, OFFICIAL_ID}
    # A real Telegram user now, with a private chat the bot can write to.
    update = await emulator.send_text(created["id"], "xin chào")
    assert update["message"]["from"]["language_code"] == "en"
    assert update["message"]["from"]["first_name"] == "Minh Anh"
    await bot_call(emulator, "sendMessage", chat_id=created["id"], text="hello")
    # Every open page learns about the new resident.
    residents = (await receive(other, "residents"))["residents"]
    assert created in residents

    await ws.send_json({"type": "open", "view": "private", "user_id": created["id"]})
    ready = await receive(ws, "ready")
    assert ready["user"] == created
    assert [message["text"] for message in ready["messages"]] == ["xin chào", "hello"]

    for bad in ({"name": "", "language": "vi"}, {"name": "X", "language": "fr"}):
        await ws.send_json({"type": "create_resident", **bad})
        assert (await receive(ws, "error"))["code"] == "bad_resident"
    await ws.close()
    await other.close()


async def test_new_tabs_get_a_resident_nobody_is_using(client: Client) -> None:
    first = await page_socket(client)
    await first.send_json({"type": "open", "view": "private", "user_id": None})
    assert (await receive(first, "ready"))["user"]["id"] == LAN
    second = await page_socket(client)
    await second.send_json({"type": "open", "view": "private", "user_id": 424242})
    assert (await receive(second, "ready"))["user"]["id"] == SAM
    await first.close()
    await second.close()


async def test_pressing_a_button_and_the_callback_answer(
    client: Client, emulator: BotApiEmulator
) -> None:
    ws, _, _ = await connect(client)
    other_tab, _, _ = await connect(client, SAM)
    keyboard = {"inline_keyboard": [[{"text": "Go", "callback_data": "go:1"}]]}
    sent = await bot_call(emulator, "sendMessage", chat_id=LAN, text="menu", reply_markup=keyboard)
    await receive(ws, "event")
    await ws.send_json({"type": "press", "message_id": sent["message_id"], "data": "go:1"})
    updates = await bot_call(emulator, "getUpdates", timeout=5, allowed_updates=["callback_query"])
    query = updates[-1]["callback_query"]
    assert query["data"] == "go:1"
    assert query["from"]["id"] == LAN
    assert query["message"]["message_id"] == sent["message_id"]
    await bot_call(
        emulator, "answerCallbackQuery", callback_query_id=query["id"], text="Done", show_alert=True
    )
    answer = await receive(ws, "event")
    assert answer["event"] == "callback_answer"
    assert answer["message_id"] == sent["message_id"]
    assert answer["text"] == "Done"
    assert answer["show_alert"] is True
    await other_tab.close()
    await ws.close()


async def test_commands_follow_the_residents_language(
    client: Client, emulator: BotApiEmulator
) -> None:
    await bot_call(
        emulator, "setMyCommands", commands=[{"command": "help", "description": "Trợ giúp"}]
    )
    await bot_call(
        emulator,
        "setMyCommands",
        commands=[{"command": "help", "description": "Help"}],
        language_code="en",
    )
    await bot_call(
        emulator,
        "setMyCommands",
        commands=[{"command": "report", "description": "Báo cáo"}],
        scope={"type": "chat_administrators", "chat_id": ADMIN_CHAT_ID},
    )
    ws, _, ready = await connect(client, LAN)
    assert ready["commands"] == [{"command": "help", "description": "Trợ giúp"}]
    await ws.close()
    ws, _, ready = await connect(client, SAM)
    assert ready["commands"] == [{"command": "help", "description": "Help"}]
    await ws.send_json({"type": "commands"})
    assert (await receive(ws, "commands"))["commands"] == ready["commands"]
    await ws.send_json({"type": "open", "view": "group", "user_id": SAM})
    ready = await receive(ws, "ready")
    assert ready["commands"] == [{"command": "report", "description": "Báo cáo"}]
    await ws.send_json({"type": "commands"})
    assert (await receive(ws, "commands"))["commands"] == ready["commands"]
    await ws.close()


async def test_the_officials_group_view_writes_as_the_official(
    client: Client, emulator: BotApiEmulator
) -> None:
    ws, _, _ = await connect(client)
    await ws.send_json({"type": "open", "view": "group", "user_id": LAN})
    ready = await receive(ws, "ready")
    assert ready["view"] == "group"
    assert ready["chat"]["id"] == ADMIN_CHAT_ID
    assert ready["acting_user_id"] == OFFICIAL_ID
    assert ready["user"]["id"] == LAN  # the tab is still Lan's
    await ws.send_json({"type": "send", "text": "Họp lúc 9 giờ"})
    event = await receive(ws, "event")
    assert event["chat_id"] == ADMIN_CHAT_ID
    assert event["message"]["from"]["id"] == OFFICIAL_ID
    assert [m["text"] for m in emulator.messages(ADMIN_CHAT_ID)] == ["Họp lúc 9 giờ"]
    assert emulator.messages(LAN) == []
    await ws.close()


async def test_the_group_view_answers_a_force_reply_prompt_once(
    client: Client, emulator: BotApiEmulator
) -> None:
    """Like a Telegram client: the official's next message replies to the prompt for them."""
    prompt = await bot_call(
        emulator,
        "sendMessage",
        chat_id=ADMIN_CHAT_ID,
        text="Cán bộ, hãy trả lời tin nhắn này",
        entities=[{"type": "text_mention", "offset": 0, "length": 6, "user": {"id": OFFICIAL_ID}}],
        reply_markup={"force_reply": True, "selective": True},
    )
    ws, _, _ = await connect(client)
    await ws.send_json({"type": "open", "view": "group", "user_id": LAN})
    await receive(ws, "ready")
    await ws.send_json({"type": "send", "text": "Đã xử lý xong"})
    await receive(ws, "sent")
    await ws.send_json({"type": "send", "text": "Cảm ơn"})
    await receive(ws, "sent")
    answer, thanks = emulator.messages(ADMIN_CHAT_ID)[-2:]
    assert answer["reply_to_message"]["message_id"] == prompt["message_id"]
    assert "reply_to_message" not in thanks
    await ws.close()


async def test_without_an_admin_chat_there_is_no_group_view(emulator: BotApiEmulator) -> None:
    async with TestClient(TestServer(create_chat_app(emulator))) as client:
        ws, welcome, _ = await connect(client)
        assert welcome["group"] is None
        await ws.send_json({"type": "open", "view": "group", "user_id": LAN})
        ready = await receive(ws, "ready")
        assert ready["view"] == "private"
        assert ready["chat"]["id"] == LAN
        await ws.close()


async def test_malformed_frames_get_an_error_and_the_socket_stays(client: Client) -> None:
    ws, _, _ = await connect(client)
    for frame in ("not json", "[1, 2]", '{"type": "fly"}', '{"type": "press", "message_id": "1"}'):
        await ws.send_str(frame)
        assert (await receive(ws, "error"))["code"] == "bad_request"
    await ws.send_json({"type": "press", "message_id": 99, "data": "x"})
    assert (await receive(ws, "error"))["code"] == "refused"  # no such message
    await ws.send_json({"type": "send", "text": "still here"})
    assert (await receive(ws, "sent"))["parts"] == 1
    await ws.close()


# --- files ---------------------------------------------------------------------------------------


async def test_photos_are_shown_and_documents_downloaded(
    client: Client, emulator: BotApiEmulator
) -> None:
    ws, _, _ = await connect(client)
    form = aiohttp.FormData()
    form.add_field("chat_id", str(LAN))
    form.add_field("caption", "Biểu đồ")
    form.add_field("photo", TINY_PNG, filename="chart.png", content_type="image/png")
    url = f"{emulator.base_url}/bot{emulator.token}/sendPhoto"
    async with aiohttp.ClientSession() as session, session.post(url, data=form) as response:
        assert (await response.json())["ok"]
    photo = (await receive(ws, "event"))["message"]
    assert photo["caption"] == "Biểu đồ"
    assert photo["photo"]["width"] == 800  # the largest size
    response = await client.get(f"/files/{photo['photo']['file_id']}")
    assert response.status == 200
    assert response.headers["Content-Type"] == "image/png"
    assert await response.read() == TINY_PNG

    form = aiohttp.FormData()
    form.add_field("chat_id", str(LAN))
    form.add_field(
        "document", b"<script>alert(1)</script>", filename="báo cáo.html", content_type="text/html"
    )
    url = f"{emulator.base_url}/bot{emulator.token}/sendDocument"
    async with aiohttp.ClientSession() as session, session.post(url, data=form) as response:
        assert (await response.json())["ok"]
    document = (await receive(ws, "event"))["message"]["document"]
    response = await client.get(f"/files/{document['file_id']}")
    assert response.status == 200
    # Never rendered as a page of the sandbox's origin.
    assert response.headers["Content-Type"] == "application/octet-stream"
    assert response.headers["Content-Disposition"].startswith("attachment;")
    assert "sandbox" in response.headers["Content-Security-Policy"]
    assert (await client.get("/files/no-such-file")).status == 404
    await ws.close()
