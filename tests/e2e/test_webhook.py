"""Webhook mode: the emulator posts updates to the bot's own server, as Telegram does."""

from __future__ import annotations

import asyncio
import json
import socket
from collections.abc import AsyncIterator

import aiohttp
import pytest

from bot.app import Runtime, running_bot
from bot.sandbox.emulator import BotApiEmulator
from bot.settings import Settings, load_settings
from bot.webhook import SECRET_HEADER
from tests.e2e.helpers import ENGLISH_RESIDENT_ID, RESIDENT_ID, ask


def free_port() -> int:
    # The public URL is fixed before the server starts, as behind a real reverse proxy.
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def webhook_settings(emulator: BotApiEmulator, database_url: str, **extra: object) -> Settings:
    port = free_port()
    return load_settings(
        None,
        telegram_bot_token=emulator.token,
        telegram_api_url=emulator.base_url,
        database_url=database_url,
        web_port=port,
        webhook_url=f"http://127.0.0.1:{port}/telegram/webhook",
        **extra,
    )


@pytest.fixture
async def webhook_bot(emulator: BotApiEmulator, database_url: str) -> AsyncIterator[Runtime]:
    settings = webhook_settings(emulator, database_url, webhook_max_connections=7)
    async with running_bot(settings) as runtime:
        yield runtime


async def post_update(runtime: Runtime, body: bytes, secret: str | None) -> tuple[int, str]:
    url = runtime.dashboard_url + "telegram/webhook"
    headers = {"Content-Type": "application/json"}
    if secret is not None:
        headers[SECRET_HEADER] = secret
    async with (
        aiohttp.ClientSession() as session,
        session.post(url, data=body, headers=headers) as response,
    ):
        return response.status, await response.text()


async def test_the_webhook_is_registered_with_a_secret_the_updates_and_a_connection_cap(
    webhook_bot: Runtime, emulator: BotApiEmulator
) -> None:
    registered = emulator.webhook
    assert registered is not None
    assert registered["url"] == webhook_bot.settings.webhook_url
    assert registered["max_connections"] == 7
    secret = registered["secret_token"]
    assert secret == webhook_bot.settings.webhook_secret_token
    assert len(secret) >= 32
    assert emulator.token not in secret
    (call,) = emulator.calls_of("setWebhook")
    assert {"message", "callback_query", "inline_query", "my_chat_member"} <= set(
        call["allowed_updates"]
    )
    assert webhook_bot.polling is None


async def test_residents_are_answered_through_the_webhook_and_nobody_polls(
    webhook_bot: Runtime, emulator: BotApiEmulator
) -> None:
    reply = await ask(emulator, RESIDENT_ID, "ty le ho ngheo")
    assert "hộ nghèo" in reply["text"].lower()
    english = await ask(emulator, ENGLISH_RESIDENT_ID, "/start")
    assert english["text"]
    await emulator.wait_until_idle()
    assert emulator.calls_of("getUpdates") == []
    assert emulator.webhook_delivery.delivered == 2


async def test_one_residents_messages_are_handled_in_the_order_sent(
    webhook_bot: Runtime, emulator: BotApiEmulator
) -> None:
    asked = {
        "bhyt": "bảo hiểm y tế",
        "ho ngheo": "hộ nghèo",
        "viec lam": "việc làm",
        "tre em": "trẻ em",
    }
    for question in asked:
        await emulator.send_text(RESIDENT_ID, question)
    await emulator.wait_until_idle(timeout=20)
    replies = [reply["text"].lower() for reply in emulator.bot_messages(RESIDENT_ID)]
    assert len(replies) == len(asked)
    for reply, expected in zip(replies, asked.values(), strict=True):
        assert expected in reply


async def test_a_post_without_the_secret_is_refused_and_handled_never(
    webhook_bot: Runtime, emulator: BotApiEmulator
) -> None:
    forged = {
        "update_id": 999_999,
        "message": {
            "message_id": 1,
            "date": 0,
            "chat": {"id": RESIDENT_ID, "type": "private"},
            "from": {"id": RESIDENT_ID, "is_bot": False, "first_name": "Lan"},
            "text": "/start",
        },
    }
    body = json.dumps(forged).encode()
    assert (await post_update(webhook_bot, body, None))[0] == 401
    assert (await post_update(webhook_bot, body, "guess"))[0] == 401
    almost = webhook_bot.settings.webhook_secret_token[:-1] + "x"
    assert (await post_update(webhook_bot, body, almost))[0] == 401
    await emulator.wait_until_idle()
    assert emulator.bot_messages(RESIDENT_ID) == []
    secret = webhook_bot.settings.webhook_secret_token
    assert (await post_update(webhook_bot, b"{not json", secret))[0] == 400
    assert (await post_update(webhook_bot, b"[1, 2]", secret))[0] == 400
    assert (await post_update(webhook_bot, b'{"update_id": "x"}', secret))[0] == 400


async def test_updates_wait_while_the_bot_is_away_and_arrive_when_it_is_back(
    emulator: BotApiEmulator, database_url: str
) -> None:
    settings = webhook_settings(emulator, database_url)
    async with running_bot(settings):
        await ask(emulator, RESIDENT_ID, "bhyt")
    # The bot is down: Telegram keeps the update and reports why it could not deliver it.
    await emulator.send_text(RESIDENT_ID, "ho ngheo")
    assert "Connection failed" in await emulator.wait_for_webhook_error(timeout=10)
    async with running_bot(settings):
        await emulator.wait_until_idle(timeout=20)
    replies = emulator.bot_messages(RESIDENT_ID)
    assert len(replies) == 2
    assert "hộ nghèo" in replies[-1]["text"].lower()


async def test_polling_again_removes_the_webhook(
    emulator: BotApiEmulator, database_url: str
) -> None:
    settings = webhook_settings(emulator, database_url)
    async with running_bot(settings):
        registered = emulator.webhook
    # Read into a name, so that the check after polling is not narrowed away by this one.
    assert registered is not None
    polling = settings.model_copy(update={"webhook_url": None})
    async with running_bot(polling) as runtime:
        assert emulator.webhook is None
        assert runtime.polling is not None
        assert runtime.polling.leading.is_set()
        assert "hộ nghèo" in (await ask(emulator, RESIDENT_ID, "ho ngheo"))["text"].lower()


async def test_stopping_finishes_the_update_in_hand_and_refuses_new_ones(
    emulator: BotApiEmulator, database_url: str
) -> None:
    # The reply as a request of its own, which the emulator can hold (not in the response).
    settings = webhook_settings(emulator, database_url, webhook_reply_in_response=False)
    running = running_bot(settings)
    runtime = await running.__aenter__()
    emulator.hold_calls("sendMessage")  # the reply is in flight when the stop comes
    await emulator.send_text(RESIDENT_ID, "ho ngheo")
    await emulator.wait_for_held_calls("sendMessage", 1)

    stopping = asyncio.create_task(running.__aexit__(None, None, None))
    await asyncio.sleep(0)  # one turn of the loop: the stop has begun (the receiver closed)
    update = json.dumps({"update_id": 10**6, "message": {}}).encode()
    status, _ = await post_update(runtime, update, settings.webhook_secret_token)
    assert status == 503  # Telegram will deliver it again, here or to another instance
    assert not stopping.done()
    emulator.release_calls("sendMessage")
    await asyncio.wait_for(stopping, 30)
    (reply,) = emulator.bot_messages(RESIDENT_ID)
    assert "hộ nghèo" in reply["text"].lower()


def resident_update(update_id: int, text: str) -> bytes:
    return json.dumps(
        {
            "update_id": update_id,
            "message": {
                "message_id": update_id,
                "date": 0,
                "chat": {"id": RESIDENT_ID, "type": "private"},
                "from": {"id": RESIDENT_ID, "is_bot": False, "first_name": "Lan"},
                "text": text,
            },
        }
    ).encode()


@pytest.fixture
async def webhook_bot_replying_by_request(
    emulator: BotApiEmulator, database_url: str
) -> AsyncIterator[Runtime]:
    """Replies as requests of their own, which the emulator can hold mid-way."""
    settings = webhook_settings(emulator, database_url, webhook_reply_in_response=False)
    async with running_bot(settings) as runtime:
        yield runtime


async def test_the_same_update_posted_twice_is_handled_once(
    webhook_bot_replying_by_request: Runtime, emulator: BotApiEmulator
) -> None:
    webhook_bot = webhook_bot_replying_by_request
    secret = webhook_bot.settings.webhook_secret_token
    body = resident_update(777_001, "ho ngheo")
    # Posted again while the first post is in hand (its reply held), then once more later.
    emulator.hold_calls("sendMessage")
    first = asyncio.create_task(post_update(webhook_bot, body, secret))
    await emulator.wait_for_held_calls("sendMessage", 1)
    again = asyncio.create_task(post_update(webhook_bot, body, secret))
    emulator.release_calls("sendMessage")
    assert [(await first)[0], (await again)[0]] == [200, 200]
    assert (await post_update(webhook_bot, body, secret))[0] == 200
    await emulator.wait_until_idle()
    (reply,) = emulator.bot_messages(RESIDENT_ID)
    assert "hộ nghèo" in reply["text"].lower()
    # Another update is handled as usual.
    assert (await post_update(webhook_bot, resident_update(777_002, "bhyt"), secret))[0] == 200
    await emulator.wait_until_idle()
    assert len(emulator.bot_messages(RESIDENT_ID)) == 2


async def test_an_oversized_body_gets_413_and_is_not_handled(
    webhook_bot: Runtime, emulator: BotApiEmulator
) -> None:
    secret = webhook_bot.settings.webhook_secret_token
    huge = resident_update(777_003, "ho ngheo " + "x" * 2_000_000)
    assert (await post_update(webhook_bot, huge, secret))[0] == 413

    async def chunks() -> AsyncIterator[bytes]:  # no Content-Length: read and cut off
        for start in range(0, len(huge), 65536):
            yield huge[start : start + 65536]

    url = webhook_bot.dashboard_url + "telegram/webhook"
    async with (
        aiohttp.ClientSession() as session,
        session.post(url, data=chunks(), headers={SECRET_HEADER: secret}) as response,
    ):
        assert response.status == 413
    await emulator.wait_until_idle()
    assert emulator.bot_messages(RESIDENT_ID) == []


async def test_a_residents_answer_rides_in_the_response_to_the_update(
    webhook_bot: Runtime, emulator: BotApiEmulator
) -> None:
    """Telegram runs the method a webhook answers with: the answer costs the bot no request."""
    reply = await ask(emulator, RESIDENT_ID, "ty le ho ngheo")
    assert "hộ nghèo" in reply["text"].lower()
    assert reply["reply_markup"]["inline_keyboard"]  # the card's keyboard came with it
    await emulator.wait_until_idle()
    assert emulator.calls_of("sendMessage") == []
    ((method, parameters),) = emulator.webhook_replies
    assert (method, parameters["chat_id"]) == ("sendMessage", RESIDENT_ID)
    assert parameters["parse_mode"] == "HTML"
    assert emulator.failed_calls == []


async def test_a_re_post_gets_the_same_reply_in_its_answer(
    webhook_bot: Runtime, emulator: BotApiEmulator
) -> None:
    """Telegram re-posts an update when the answer was lost: that answer carried the reply."""
    secret = webhook_bot.settings.webhook_secret_token
    body = resident_update(777_004, "ho ngheo")
    first = await post_update(webhook_bot, body, secret)
    again = await post_update(webhook_bot, body, secret)
    assert first[0] == again[0] == 200
    assert first[1] == again[1]
    call = json.loads(first[1])
    assert (call["method"], call["chat_id"]) == ("sendMessage", RESIDENT_ID)
    assert "hộ nghèo" in call["text"].lower()
    assert emulator.calls_of("sendMessage") == []  # handled once, and answered in the response
