"""How residents spell, through the real bot and the emulator: voice typing and dialect, words
run together, numbers in words, the programme's informal names, a department beside a topic.
The figure comes in the first reply (content/index/respell.py, content/numbers.py)."""

from __future__ import annotations

import pytest

from bot.app import Runtime
from bot.sandbox.emulator import BotApiEmulator
from tests.e2e.helpers import ENGLISH_RESIDENT_ID, RESIDENT_ID, ask


@pytest.mark.parametrize(
    ("text", "figure"),
    [
        ("tỉ lệ hộ nghéo ở hà lội", "3.612 hộ"),  # a wrong tone mark, l for n
        ("hộcậnnghèo bao nhiêu", "30.176"),  # run together
        ("chín mốt phẩy tám phần trăm là chỉ tiêu gì", "91,8%"),  # a figure read out
        ("Sở LĐTBXH giải quyết việc làm bao nhiêu", "50.019"),  # the department is context
        ("ct 08 đạt bao nhiêu chỉ tiêu", "18"),  # the programme's informal name
    ],
)
async def test_the_figure_comes_in_the_first_reply(
    emulator: BotApiEmulator, bot: Runtime, text: str, figure: str
) -> None:
    reply = await ask(emulator, RESIDENT_ID, text)
    assert figure in reply["text"]
    assert "Nguồn:" in reply["text"]


async def test_a_figure_read_out_in_english(emulator: BotApiEmulator, bot: Runtime) -> None:
    reply = await ask(emulator, ENGLISH_RESIDENT_ID, "ninety one point eight percent is what")
    assert "91.8%" in reply["text"]
