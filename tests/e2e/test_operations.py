"""The running bot's /healthz and /metrics, against our Bot API emulator."""

from __future__ import annotations

import json

import aiohttp

from bot.app import Runtime
from bot.sandbox.emulator import BotApiEmulator
from tests.e2e.helpers import RESIDENT_ID, ask


async def get(url: str) -> tuple[int, str]:
    async with aiohttp.ClientSession() as session, session.get(url) as response:
        return response.status, await response.text()


async def test_metrics_count_updates_answers_and_their_latency(
    bot: Runtime, emulator: BotApiEmulator
) -> None:
    await ask(emulator, RESIDENT_ID, "ty le ho ngheo")
    await ask(emulator, RESIDENT_ID, "zzzz qqqq xxxx")
    status, text = await get(bot.dashboard_url + "metrics")
    assert status == 200
    assert 'danbiet_updates_total{kind="message"} 2.0' in text
    assert 'danbiet_update_seconds_count{kind="message"} 2.0' in text
    assert "danbiet_answers_total{outcome=" in text
    assert emulator.token not in text


async def test_healthz_follows_the_bot_api(bot: Runtime, emulator: BotApiEmulator) -> None:
    status, text = await get(bot.dashboard_url + "healthz")
    assert (status, json.loads(text)["bot_api"]) == (200, "ok")
    await emulator.stop()
    status, text = await get(bot.dashboard_url + "healthz")
    assert status == 503
    assert json.loads(text) == {
        "status": "failing",
        "database": "ok",
        "bot_api": "unreachable",
        "content_release": 1,  # the shipped content, stored at the first start
        "updates": "polling",
    }
