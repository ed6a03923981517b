"""PUBLIC_BASE_URL set: an indicator card (and an inline result) carries a "view on the web"
button to the indicator's public page, which the running bot's server serves; unset, nothing
changes."""

from __future__ import annotations

from collections.abc import AsyncIterator

import pytest
from aiohttp import ClientSession

from bot.app import Runtime, running_bot
from bot.sandbox.emulator import BotApiEmulator
from bot.settings import load_settings
from tests.e2e.helpers import ENGLISH_RESIDENT_ID, RESIDENT_ID, ask, buttons
from tests.e2e.instances import free_port


@pytest.fixture
async def public_bot(emulator: BotApiEmulator, database_url: str) -> AsyncIterator[Runtime]:
    port = free_port()
    settings = load_settings(
        None,
        telegram_bot_token=emulator.token,
        telegram_api_url=emulator.base_url,
        database_url=database_url,
        web_host="127.0.0.1",
        web_port=port,
        public_base_url=f"http://127.0.0.1:{port}/",
    )
    async with running_bot(settings) as runtime:
        yield runtime


def web_links(message: dict[str, object]) -> list[str]:
    return [str(button["url"]) for button in buttons(message) if "url" in button]


async def fetched(url: str) -> tuple[int, str]:
    async with ClientSession() as session, session.get(url) as response:
        return response.status, await response.text()


async def test_a_card_links_to_the_indicator_page_the_bot_serves(
    emulator: BotApiEmulator, public_bot: Runtime
) -> None:
    base = public_bot.settings.public_base_url
    card = await ask(emulator, RESIDENT_ID, "/start ho-ngheo")
    assert "3.612" in card["text"]
    (link,) = web_links(card)
    assert link == f"{base}/open/indicators/ho-ngheo"
    assert any(button.get("text") == "🌐 Xem trên web" for button in buttons(card))
    status, page = await fetched(link)
    assert status == 200
    assert "Hộ nghèo" in page
    assert "3.612 hộ nghèo" in page  # the quote from the report

    english = await ask(emulator, ENGLISH_RESIDENT_ID, "/start ho-ngheo")
    (english_link,) = web_links(english)
    assert english_link == f"{base}/open/indicators/ho-ngheo?lang=en"
    status, page = await fetched(english_link)
    assert status == 200
    assert "Poor households" in page


async def test_an_inline_result_carries_the_link(
    emulator: BotApiEmulator, public_bot: Runtime
) -> None:
    query_id = await emulator.inline_query(RESIDENT_ID, "ho ngheo")
    answer = await emulator.wait_for_inline_answer(query_id)
    first = answer["results"][0]
    assert web_links(first) == [f"{public_bot.settings.public_base_url}/open/indicators/ho-ngheo"]


async def test_without_a_public_address_the_card_has_no_link(
    emulator: BotApiEmulator, bot: Runtime
) -> None:
    card = await ask(emulator, RESIDENT_ID, "/start ho-ngheo")
    assert "3.612" in card["text"]
    assert web_links(card) == []
    query_id = await emulator.inline_query(RESIDENT_ID, "ho ngheo")
    answer = await emulator.wait_for_inline_answer(query_id)
    assert "reply_markup" not in answer["results"][0]
