"""The emulator's request side: Telegram's validation of texts, keyboards, commands and inline
results, parameter decoding, and the command entities of incoming messages."""

from __future__ import annotations

import re
from typing import Any

import pytest

from bot.sandbox.botapi.params import ApiError, JsonDict, normalize_parameters
from bot.sandbox.botapi.validation import (
    format_text,
    validate_commands,
    validate_inline_results,
    validate_reply_markup,
)
from bot.sandbox.emulator import command_entities
from bot.sandbox.entities.text import FormattedText


def entity(offset: int, length: int, kind: str, **extra: Any) -> JsonDict:
    return {"offset": offset, "length": length, "type": kind, **extra}


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
