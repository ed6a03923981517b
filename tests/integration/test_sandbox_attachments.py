"""The chat page sends a photo, a location and inline-mode picks over its WebSocket, checked
before the emulator sees them. No bot runs: the tests play it over HTTP where needed."""

from __future__ import annotations

import asyncio
import base64
from typing import Any

import aiohttp
import pytest

from bot.sandbox.chat.attachments import MAX_PHOTO_BYTES
from bot.sandbox.emulator import BotApiEmulator
from bot.sandbox.emulator.records import TINY_PNG
from tests.integration.test_sandbox_chat import (  # the page's fixtures and helpers
    LAN,
    SAM,
    Client,
    bot_call,
    client,
    connect,
    emulator,
    receive,
)

__all__ = ["client", "emulator"]  # pytest fixtures, imported to be found here


def _encoded(data: bytes) -> str:
    return base64.b64encode(data).decode("ascii")


async def test_a_photo_from_the_file_picker_reaches_the_bot_with_its_caption(
    client: Client, emulator: BotApiEmulator
) -> None:
    ws, _, _ = await connect(client)
    await ws.send_json({"type": "photo", "data": _encoded(TINY_PNG), "caption": "  ổ gà  "})
    assert (await receive(ws, "sent"))["parts"] == 1
    updates = await bot_call(emulator, "getUpdates")
    message = updates[-1]["message"]
    assert message["caption"] == "ổ gà"
    # The bot downloads the photo as it would from Telegram: the very bytes the page sent.
    found = await bot_call(emulator, "getFile", file_id=message["photo"][-1]["file_id"])
    url = f"{emulator.base_url}/file/bot{emulator.token}/{found['file_path']}"
    async with aiohttp.ClientSession() as session, session.get(url) as response:
        assert await response.read() == TINY_PNG
    await ws.close()


@pytest.mark.parametrize(
    "data",
    [
        _encoded(b"GIF89a not allowed"),  # not a photo Telegram takes as a photo
        _encoded(b"<script>alert(1)</script>"),
        "not base64 at all!",
        _encoded(b"\x89PNG\r\n\x1a\n" + b"\0" * MAX_PHOTO_BYTES),  # over the limit
        12345,
        "",
    ],
)
async def test_anything_but_a_small_png_jpeg_or_webp_is_refused(
    client: Client, emulator: BotApiEmulator, data: Any
) -> None:
    ws, _, _ = await connect(client)
    before = len(emulator.messages(LAN))
    await ws.send_json({"type": "photo", "data": data})
    assert (await receive(ws, "error"))["code"] == "bad_photo"
    assert len(emulator.messages(LAN)) == before
    await ws.close()


async def test_a_location_from_the_picker_reaches_the_bot(
    client: Client, emulator: BotApiEmulator
) -> None:
    ws, _, _ = await connect(client)
    await ws.send_json({"type": "location", "latitude": 21.02881, "longitude": 105.85232})
    await receive(ws, "sent")
    assert emulator.messages(LAN)[-1]["location"] == {
        "latitude": 21.02881,
        "longitude": 105.85232,
    }
    await ws.close()


@pytest.mark.parametrize(
    "where",
    [
        {"latitude": 91, "longitude": 0},
        {"latitude": 0, "longitude": -181},
        {"latitude": "21", "longitude": "105"},
        {"latitude": True, "longitude": 105},
        {"latitude": 21},
        {},
    ],
)
async def test_a_location_out_of_range_is_refused(
    client: Client, emulator: BotApiEmulator, where: dict[str, Any]
) -> None:
    ws, _, _ = await connect(client)
    before = len(emulator.messages(LAN))
    await ws.send_json({"type": "location", **where})
    assert (await receive(ws, "error"))["code"] == "bad_location"
    assert len(emulator.messages(LAN)) == before
    await ws.close()


async def _answer_next_inline_query(emulator: BotApiEmulator) -> dict[str, Any]:
    """Play the bot: take the inline query from getUpdates and answer it with two cards."""
    for _ in range(50):
        updates = await bot_call(emulator, "getUpdates", timeout=1)
        queries = [update["inline_query"] for update in updates if "inline_query" in update]
        if queries:
            break
    else:
        raise AssertionError("no inline query reached the bot")
    query = queries[-1]
    results = [
        {
            "type": "article",
            "id": key,
            "title": title,
            "description": "Quý I/2022",
            "input_message_content": {
                "message_text": f"<b>{title}</b> 3.612",
                "parse_mode": "HTML",
            },
        }
        for key, title in (("ho-ngheo", "Hộ nghèo"), ("ho-can-ngheo", "Hộ cận nghèo"))
    ]
    await bot_call(emulator, "answerInlineQuery", inline_query_id=query["id"], results=results)
    return dict(query)


async def test_inline_mode_lists_the_bots_results_and_sends_the_pick_via_the_bot(
    client: Client, emulator: BotApiEmulator
) -> None:
    ws, _, _ = await connect(client)
    await ws.send_json({"type": "inline_query", "query": "ho ngheo"})
    asked = await _answer_next_inline_query(emulator)
    assert asked["query"] == "ho ngheo"
    shown = await receive(ws, "inline_results")
    assert shown["query"] == "ho ngheo"
    assert [result["title"] for result in shown["results"]] == ["Hộ nghèo", "Hộ cận nghèo"]

    await ws.send_json(
        {"type": "inline_pick", "query_id": shown["query_id"], "result_id": "ho-can-ngheo"}
    )
    event = await receive(ws, "event")  # the page sees the message, then the confirmation
    await receive(ws, "sent")
    sent = event["message"]
    assert sent["text"] == "Hộ cận nghèo 3.612"
    assert sent["via_bot"] == {"username": emulator.bot_user["username"]}
    assert sent["entities"][0]["type"] == "bold"
    await ws.close()


async def test_a_pick_from_another_tab_or_an_unknown_result_is_refused(
    client: Client, emulator: BotApiEmulator
) -> None:
    ws, _, _ = await connect(client)
    await ws.send_json({"type": "inline_query", "query": "ho ngheo"})
    await _answer_next_inline_query(emulator)
    shown = await receive(ws, "inline_results")
    other, _, _ = await connect(client, SAM)
    before = len(emulator.messages(SAM))
    await other.send_json(
        {"type": "inline_pick", "query_id": shown["query_id"], "result_id": "ho-ngheo"}
    )
    assert (await receive(other, "error"))["code"] == "bad_request"
    await ws.send_json({"type": "inline_pick", "query_id": shown["query_id"], "result_id": "nope"})
    assert (await receive(ws, "error"))["code"] == "refused"
    assert len(emulator.messages(SAM)) == before
    await asyncio.gather(ws.close(), other.close())
