"""Figures as the reports state them, read by residents through the real bot: qualifiers kept,
"basically completed" never "completed", no "% of plan" from a count, an estimated date marked
as estimated, a fall stated where the report states one. (Every rendering of every entry is
checked without Telegram in tests/unit/test_trust_in_numbers.py.)"""

from __future__ import annotations

from bot.app import Runtime
from bot.sandbox.emulator import BotApiEmulator
from tests.e2e.helpers import ENGLISH_RESIDENT_ID, RESIDENT_ID, ask


async def test_support_keeps_the_reports_over_in_both_languages(
    emulator: BotApiEmulator, bot: Runtime
) -> None:
    vi = (await ask(emulator, RESIDENT_ID, "/start ho-tro-nq68"))["text"]
    assert "trên 5,64 triệu lượt đối tượng — Quý I/2022" in vi
    assert "7.152,8 tỷ đồng" in vi
    en = (await ask(emulator, ENGLISH_RESIDENT_ID, "/start ho-tro-nq68"))["text"]
    assert "over 5.64 million beneficiary-turns — Q1 2022" in en
    assert "7,152.8 billion VND" in en


async def test_indicators_completed_show_no_percent_of_a_plan_never_stated(
    emulator: BotApiEmulator, bot: Runtime
) -> None:
    reply = await ask(emulator, RESIDENT_ID, "/start chi-tieu-hoan-thanh")
    text = reply["text"]
    assert "18 chỉ tiêu — 6 tháng đầu năm 2023" in text
    assert "Tổng số chỉ tiêu của Chương trình: 27 chỉ tiêu" in text
    assert "66,7" not in text
    assert "% kế hoạch" not in text
    # The H1/2023 report carries no date: the one the content gives is an estimate.
    assert "01/07/2023 (ngày ước tính)" in text
    en = (await ask(emulator, ENGLISH_RESIDENT_ID, "/start chi-tieu-hoan-thanh"))["text"]
    assert "1 Jul 2023 (estimated date)" in en
    assert "66.7" not in en


async def test_health_indicators_are_basically_completed_not_completed(
    emulator: BotApiEmulator, bot: Runtime
) -> None:
    vi = (await ask(emulator, RESIDENT_ID, "/start chi-tieu-y-te"))["text"]
    assert "Tình trạng: cơ bản đã hoàn thành" in vi
    assert "Tình trạng: đã hoàn thành" not in vi
    en = (await ask(emulator, ENGLISH_RESIDENT_ID, "/start chi-tieu-y-te"))["text"]
    assert "Status: basically completed" in en
    assert "Status: completed" not in en


async def test_unemployment_insurance_states_its_fall(
    emulator: BotApiEmulator, bot: Runtime
) -> None:
    vi = (await ask(emulator, RESIDENT_ID, "/start bao-hiem-that-nghiep"))["text"]
    assert "Giảm 31,2% so với cùng kỳ năm trước" in vi
    en = (await ask(emulator, ENGLISH_RESIDENT_ID, "/start bao-hiem-that-nghiep"))["text"]
    assert "Down 31.2% on the same period of the previous year" in en
