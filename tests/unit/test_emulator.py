"""The Bot API emulator: its Telegram-HTML/MarkdownV2 parsers, parameter decoding, validation,
and its HTTP behaviour as seen by a plain aiohttp client."""

from __future__ import annotations

import asyncio
import json
import re
import unicodedata
from collections.abc import AsyncIterator
from typing import Any

import aiohttp
import pytest

from bot.sandbox.emulator import BotApiEmulator, EmulatorError, JsonDict, command_entities
from bot.sandbox.emulator_params import ApiError, normalize_parameters
from bot.sandbox.emulator_validation import (
    format_text,
    validate_commands,
    validate_inline_results,
    validate_reply_markup,
)
from bot.sandbox.html_entities import (
    EntityParseError,
    FormattedText,
    escape_html,
    parse_html,
    trim_formatted,
    utf16_len,
)
from bot.sandbox.markdown_entities import parse_markdown, parse_markdown_v2

USER_ID = 501
GROUP_ID = -1001234567890


def entity(offset: int, length: int, kind: str, **extra: Any) -> JsonDict:
    return {"offset": offset, "length": length, "type": kind, **extra}


# --- HTML parsing --------------------------------------------------------------------------------


def test_html_bold_and_italic_offsets_in_ascii() -> None:
    parsed = parse_html("<b>Hello</b>, <i>world</i>!")
    assert parsed.text == "Hello, world!"
    assert parsed.entities == [entity(0, 5, "bold"), entity(7, 5, "italic")]


def test_html_offsets_count_utf16_units_for_emoji_and_vietnamese() -> None:
    # "Xin chào " is 9 units (precomposed à), the emoji is a surrogate pair (2 units).
    parsed = parse_html("Xin chào 👋 <b>Hà Nội</b> 🇻🇳 <i>ổn</i>")
    assert parsed.text == "Xin chào 👋 Hà Nội 🇻🇳 ổn"
    # The flag is two regional indicators, each a surrogate pair: 4 units.
    assert parsed.entities == [entity(12, 6, "bold"), entity(24, 2, "italic")]


def test_html_offsets_with_decomposed_vietnamese() -> None:
    # Vietnamese typed with combining marks: every mark is one more UTF-16 unit.
    word = unicodedata.normalize("NFD", "Việt")
    assert utf16_len(word) == 6
    parsed = parse_html(f"{word} <u>Nam</u>")
    assert parsed.entities == [entity(7, 3, "underline")]


def test_html_every_supported_tag() -> None:
    source = (
        "<strong>b</strong><em>i</em><ins>u</ins><del>s</del><strike>s</strike>"
        '<span class="tg-spoiler">p</span><tg-spoiler>q</tg-spoiler>'
        '<a href="https://example.org/a?b=1&amp;c=2">link</a><code>x = 1</code>'
        '<pre><code class="language-python">print(1)</code></pre>'
        "<blockquote>quote</blockquote><blockquote expandable>more</blockquote>"
        '<tg-emoji emoji-id="5368324170671202286">👍</tg-emoji>'
    )
    parsed = parse_html(source)
    assert parsed.text == "biusspqlinkx = 1print(1)quotemore👍"
    assert parsed.entities == [
        entity(0, 1, "bold"),
        entity(1, 1, "italic"),
        entity(2, 1, "underline"),
        entity(3, 1, "strikethrough"),
        entity(4, 1, "strikethrough"),
        entity(5, 1, "spoiler"),
        entity(6, 1, "spoiler"),
        entity(7, 4, "text_link", url="https://example.org/a?b=1&c=2"),
        entity(11, 5, "code"),
        entity(16, 8, "pre", language="python"),
        entity(24, 5, "blockquote"),
        entity(29, 4, "expandable_blockquote"),
        entity(33, 2, "custom_emoji", custom_emoji_id="5368324170671202286"),
    ]


def test_html_nested_entities_are_sorted_outer_first() -> None:
    parsed = parse_html("<b>bold <i>both</i></b> <pre>raw</pre>")
    assert parsed.entities == [
        entity(0, 9, "bold"),
        entity(5, 4, "italic"),
        entity(10, 3, "pre"),
    ]


def test_html_character_references() -> None:
    parsed = parse_html("&lt;b&gt; &amp; &quot;x&quot; &#39; &#x1F600; &#272;")
    assert parsed.text == '<b> & "x" \' 😀 Đ'
    assert parsed.entities == []


def test_html_bare_ampersands_are_literal() -> None:
    assert parse_html("AT&T & co &nbsp; &#0; &#xZZ;").text == "AT&T & co &nbsp; &#0; &#xZZ;"


def test_html_links() -> None:
    parsed = parse_html(
        '<a href="tg://user?id=42">An</a> <a>https://danbiet.vn</a> '
        '<a href="javascript:alert(1)">bad</a> <a href=example.com>bare</a>'
    )
    assert parsed.text == "An https://danbiet.vn bad bare"
    assert parsed.entities == [
        entity(0, 2, "text_mention", user={"id": 42, "is_bot": False, "first_name": ""}),
        entity(3, 18, "text_link", url="https://danbiet.vn"),
        entity(26, 4, "text_link", url="http://example.com"),
    ]


def test_html_empty_elements_produce_no_entity() -> None:
    assert parse_html("<b></b>x<i></i>") == FormattedText("x", [])


@pytest.mark.parametrize(
    ("source", "message"),
    [
        ("<script>alert(1)</script>", 'Unsupported start tag "script" at byte offset 0'),
        ("1 < 2", 'Unsupported start tag "" at byte offset 2'),
        ("Chào <br> bạn", 'Unsupported start tag "br" at byte offset 6'),
        ("I <3 Hà Nội", 'Unsupported start tag "3" at byte offset 2'),
        ("<b>x</i>", 'Unmatched end tag at byte offset 4, expected "</b>", found "</i>"'),
        ("<b>unclosed", 'Can\'t find end tag corresponding to start tag "b"'),
        ("oops</b>", "Unexpected end tag at byte offset 4"),
        ("<b", "Unclosed start tag at byte offset 0"),
        ("<b>x</b", "Unclosed end tag at byte offset 4"),
        ("<span>x</span>", 'Tag "span" must have class "tg-spoiler" at byte offset 0'),
        ('<a href="x>y</a>', "Unclosed start tag at byte offset 0"),
        (
            "<a href>x</a>",
            'Expected equal sign in declaration of an attribute of the tag "a" at byte',
        ),
        ('<tg-emoji emoji-id="abc">x</tg-emoji>', "Invalid custom emoji identifier specified"),
    ],
)
def test_html_rejections_use_telegrams_wording(source: str, message: str) -> None:
    with pytest.raises(EntityParseError) as raised:
        parse_html(source)
    assert str(raised.value).startswith(message)


@pytest.mark.parametrize(
    "user_text",
    ["<3 & <b>", "a<b>c & d", "Tôi > bạn & <i>", "&lt; literally", "🙂 <tg-spoiler>", ""],
)
def test_escaped_user_text_round_trips(user_text: str) -> None:
    parsed = parse_html(f"<b>Tên:</b> {escape_html(user_text)}")
    assert parsed.text == f"Tên: {user_text}"
    assert parsed.entities == [entity(0, 4, "bold")]


def test_trim_clips_entities_to_the_stripped_text() -> None:
    trimmed = trim_formatted(parse_html("\n  <b> 👋 hi</b>  \n"))
    assert trimmed.text == "👋 hi"
    assert trimmed.entities == [entity(0, 5, "bold")]


# --- MarkdownV2 -----------------------------------------------------------------------------------


def test_markdown_v2_entities() -> None:
    parsed = parse_markdown_v2(
        "*đậm* _nghiêng_ __gạch__ ~xoá~ ||ẩn|| `mã` [link](https://x.vn/a\\)b) 1\\.5"
    )
    assert parsed.text == "đậm nghiêng gạch xoá ẩn mã link 1.5"
    assert parsed.entities == [
        entity(0, 3, "bold"),
        entity(4, 7, "italic"),
        entity(12, 4, "underline"),
        entity(17, 3, "strikethrough"),
        entity(21, 2, "spoiler"),
        entity(24, 2, "code"),
        entity(27, 4, "text_link", url="https://x.vn/a)b"),
    ]


def test_markdown_v2_pre_with_language_and_blockquote() -> None:
    parsed = parse_markdown_v2("```python\nprint(1)\n```\n>trích\n>dẫn\nhết")
    assert parsed.text == "print(1)\n\ntrích\ndẫn\nhết"
    assert parsed.entities == [
        entity(0, 9, "pre", language="python"),
        entity(10, 9, "blockquote"),
    ]


@pytest.mark.parametrize(
    ("source", "message"),
    [
        ("Giá: 1.000đ", "Character '.' is reserved and must be escaped with the preceding '\\'"),
        ("a-b", "Character '-' is reserved and must be escaped with the preceding '\\'"),
        ("Xin chào!", "Character '!' is reserved and must be escaped with the preceding '\\'"),
        ("*bold", "Can't find end of Bold entity at byte offset 0"),
        ("ờ _nghiêng", "Can't find end of Italic entity at byte offset 4"),
        ("[a](http://x", "Can't find end of a URL at byte offset 4"),
    ],
)
def test_markdown_v2_rejections(source: str, message: str) -> None:
    with pytest.raises(EntityParseError, match="^" + re.escape(message)):
        parse_markdown_v2(source)


def test_legacy_markdown() -> None:
    parsed = parse_markdown("*b* _i_ `c` [t](https://t.me/x) 1.5!")
    assert parsed.text == "b i c t 1.5!"
    assert [e["type"] for e in parsed.entities] == ["bold", "italic", "code", "text_link"]
    with pytest.raises(EntityParseError, match="Can't find end of the entity starting at byte"):
        parse_markdown("*open")


# --- validation and parameters --------------------------------------------------------------------


def test_text_length_is_measured_in_utf16_after_parsing() -> None:
    assert format_text("😀" * 2048, None, None) is not None  # 4096 units
    assert format_text("<b>" + "a" * 4096 + "</b>", "HTML", None) is not None
    with pytest.raises(ApiError, match="Bad Request: message is too long"):
        format_text("😀" * 2048 + "a", None, None)
    with pytest.raises(ApiError, match="Bad Request: message caption is too long"):
        format_text("đ" * 1025, None, None, is_caption=True)
    with pytest.raises(ApiError, match="Bad Request: message text is empty"):
        format_text("<b> </b>", "HTML", None)
    assert format_text("", None, None, is_caption=True) is None


def test_explicit_entities_win_over_parse_mode_and_are_clipped() -> None:
    formatted = format_text("<b>x</b>", "HTML", [entity(0, 3, "bold"), entity(5, 10, "italic")])
    assert formatted == FormattedText("<b>x</b>", [entity(0, 3, "bold"), entity(5, 3, "italic")])


def test_callback_data_limit_counts_utf8_bytes() -> None:
    def keyboard(data: str) -> JsonDict:
        return {"inline_keyboard": [[{"text": "Chọn", "callback_data": data}]]}

    validate_reply_markup(keyboard("đ" * 32), private_chat=True)  # 64 bytes
    for data in ("đ" * 33, "", "x" * 65):
        with pytest.raises(ApiError, match=r"^Bad Request: BUTTON_DATA_INVALID$"):
            validate_reply_markup(keyboard(data), private_chat=True)


@pytest.mark.parametrize(
    ("button", "description"),
    [
        ({"text": "a", "url": "javascript:alert(1)"}, "Bad Request: BUTTON_URL_INVALID"),
        ({"text": "a", "url": "ftp://danbiet.vn"}, "Bad Request: BUTTON_URL_INVALID"),
        ({"text": "a", "url": "https://"}, "Bad Request: BUTTON_URL_INVALID"),
        ({"text": "a"}, "Text buttons are unallowed in the inline keyboard"),
        ({"text": "a", "url": "https://x.vn", "callback_data": "x"}, "exactly one"),
        ({"callback_data": "x"}, 'Field "text" must be of type String'),
    ],
)
def test_invalid_inline_buttons(button: JsonDict, description: str) -> None:
    with pytest.raises(ApiError, match=re.escape(description)):
        validate_reply_markup({"inline_keyboard": [[button]]}, private_chat=True)


def test_valid_markups() -> None:
    for markup in (
        {"inline_keyboard": [[{"text": "Mở", "url": "tg://resolve?domain=danbiet_bot"}]]},
        {"inline_keyboard": [[{"text": "Tìm", "switch_inline_query_current_chat": ""}]]},
        {"keyboard": [["Có", {"text": "Không"}]], "resize_keyboard": True},
        {"remove_keyboard": True},
        {"force_reply": True},
    ):
        validate_reply_markup(markup, private_chat=True)
    with pytest.raises(ApiError, match="can't parse reply keyboard markup"):
        validate_reply_markup({"nonsense": 1}, private_chat=True)


def test_command_validation() -> None:
    assert validate_commands([{"command": "start", "description": "Bắt đầu"}]) == [
        {"command": "start", "description": "Bắt đầu"}
    ]
    for bad in ("Start", "with-dash", "", "x" * 33, "/start"):
        with pytest.raises(ApiError, match=r"^Bad Request: BOT_COMMAND_INVALID$"):
            validate_commands([{"command": bad, "description": "d"}])
    for description in ("", "d" * 257):
        with pytest.raises(ApiError, match="BOT_COMMAND_DESCRIPTION_INVALID"):
            validate_commands([{"command": "ok", "description": description}])


def test_inline_results_validation() -> None:
    article = {
        "type": "article",
        "id": "1",
        "title": "Kết quả",
        "input_message_content": {"message_text": "<b>ok</b>", "parse_mode": "HTML"},
    }
    assert validate_inline_results([article]) == [article]
    cases = [
        ([article, article], "RESULT_ID_DUPLICATE"),
        ([{**article, "id": "x" * 65}], "RESULT_ID_INVALID"),
        ([{**article, "id": f"a{i}"} for i in range(51)], "RESULTS_TOO_MUCH"),
        ([{key: v for key, v in article.items() if key != "input_message_content"}], "Field"),
        (
            [{**article, "input_message_content": {"message_text": "<x>", "parse_mode": "HTML"}}],
            "can't parse entities",
        ),
    ]
    for results, description in cases:
        with pytest.raises(ApiError, match=description):
            validate_inline_results(results)


def test_parameters_are_normalised_by_name() -> None:
    normalized = normalize_parameters(
        {
            "chat_id": "-1001234",
            "text": "123",
            "message_id": "7",
            "reply_markup": '{"inline_keyboard": [[{"text": "a", "callback_data": "b"}]]}',
            "disable_notification": "true",
            "latitude": "21.03",
            "parse_mode": "HTML",
        }
    )
    assert normalized == {
        "chat_id": -1001234,
        "text": "123",
        "message_id": 7,
        "reply_markup": {"inline_keyboard": [[{"text": "a", "callback_data": "b"}]]},
        "disable_notification": True,
        "latitude": 21.03,
        "parse_mode": "HTML",
    }
    assert normalize_parameters({"chat_id": "@danbiet_group"})["chat_id"] == "@danbiet_group"
    # JSON bodies arrive typed already and stay as they are.
    assert normalize_parameters({"entities": [entity(0, 1, "bold")]})["entities"] == [
        entity(0, 1, "bold")
    ]
    with pytest.raises(ApiError, match="can't parse reply keyboard markup JSON object"):
        normalize_parameters({"reply_markup": "{not json"})
    with pytest.raises(ApiError) as raised:
        normalize_parameters({"message_id": "seven"})
    assert raised.value.error_code == 400


def test_incoming_command_entities() -> None:
    assert command_entities("/start") == [entity(0, 6, "bot_command")]
    assert command_entities("/start@danbiet_bot abc") == [entity(0, 18, "bot_command")]
    # After an emoji (2 units) and Vietnamese text; no command inside URLs or words.
    assert command_entities("Chào 👋 /help https://x.vn/a and/or") == [entity(8, 5, "bot_command")]


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
    assert message["caption_entities"] == [entity(0, 3, "bold")]
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
    emulator.subscribe(lambda event, payload: None)  # plain callables work as well
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
