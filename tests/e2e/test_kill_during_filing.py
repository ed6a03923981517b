"""kill -9 at random moments while residents file feedback: every ticket a resident was given a
code for is in the database, and none is filed twice."""

from __future__ import annotations

import asyncio
import os
import random
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from sqlalchemy import text

from bot.sandbox.emulator import BotApiEmulator
from storage.db import create_engine
from tests.e2e.helpers import ADMIN_CHAT, OFFICIAL, ask, button_texts
from tests.e2e.instances import Instance, instances, start
from tests.e2e.test_feedback import edited, press

RESIDENTS = range(8001, 8007)
TICKETS_EACH = 3
KILLS = 3
PROBLEMS = (
    "Đèn đường trong ngõ tối om suốt tuần qua",
    "Vỉa hè trước chợ bị lấn chiếm làm chỗ để xe",
    "Trường mầm non thiếu cô giáo cho lớp bé",
    "Trạm y tế phường đóng cửa sớm vào chiều thứ bảy",
    "Nước sinh hoạt có mùi clo rất nặng",
    "Rác thải ùn ứ ở đầu phố nhiều ngày không ai thu gom",
    "Hồ sơ trợ cấp người cao tuổi chờ quá lâu chưa được duyệt",
    "Cống thoát nước tắc gây ngập khi mưa lớn",
    "Xe tải chạy quá tốc độ qua cổng trường tiểu học",
    "Nhà văn hóa tổ dân phố xuống cấp, dột mái",
    "Thủ tục cấp thẻ bảo hiểm y tế cho trẻ em rườm rà",
    "Cây xanh gãy đổ chắn lối đi sau bão",
)
CODE = re.compile(r"Mã phiếu\D*([A-Z2-9]{6})")
# Printed on failure, so a failing schedule of kills can be replayed.
SEED = int(os.environ.get("DANBIET_KILL_SEED", random.randrange(1 << 30)))


async def file_once(emulator: BotApiEmulator, resident: int, wording: str) -> str:
    """One pass through /feedback; returns the code, or raises when the bot stops answering."""
    sent = await emulator.send_text(resident, "/feedback")
    menu = await emulator.wait_for_bot_message(resident, after=sent["message"]["message_id"])
    await press(emulator, resident, menu, "🎓 Giáo dục")
    await edited(emulator, menu, "tối đa 2.000 ký tự")
    typed = await emulator.send_text(resident, wording)
    step = await emulator.wait_for_bot_message(resident, after=typed["message"]["message_id"])
    if not any("Tiếp tục" in label for label in button_texts(step)):
        raise AssertionError(f"unexpected step: {step['text']}")
    await press(emulator, resident, step, "Tiếp tục")
    identity = await edited(emulator, step, "biết tên")
    await press(emulator, resident, identity, "Ẩn danh")
    asked = await edited(emulator, step, "Công khai câu hỏi?")
    await press(emulator, resident, asked, "Không,")
    summary = await edited(emulator, step, "Kiểm tra lại góp ý")
    await press(emulator, resident, summary, "Gửi")
    confirmed = await edited(emulator, step, "Mã phiếu")
    match = CODE.search(confirmed["text"])
    if match is None:
        raise AssertionError(confirmed["text"])
    return match.group(1)


@dataclass(frozen=True, slots=True)
class Run:
    """What the residents' tasks share with the test: the codes residents were told, with their
    wording; whether the bot is up; who was interrupted by a kill; whether the kills are over."""

    told: dict[str, str] = field(default_factory=dict)
    up: asyncio.Event = field(default_factory=asyncio.Event)
    interruptions: list[int] = field(default_factory=list)
    kills_done: asyncio.Event = field(default_factory=asyncio.Event)


async def resident_files(emulator: BotApiEmulator, resident: int, run: Run) -> None:
    """File tickets until every kill has happened (at least TICKETS_EACH), starting over
    whenever the bot dies under the resident."""
    attempt = 0
    filed = 0
    interrupted = False
    while filed < TICKETS_EACH or not run.kills_done.is_set():
        await run.up.wait()
        attempt += 1
        # Unlike each other: the bot points a resident's near-duplicate to the first ticket.
        wording = f"{PROBLEMS[attempt % len(PROBLEMS)]} (cư dân {resident}, lần {attempt})"
        try:
            if interrupted:
                # The half-written draft survived the crash; this resident starts afresh.
                await ask(emulator, resident, "/cancel")
            code = await file_once(emulator, resident, wording)
        except (TimeoutError, AssertionError):
            interrupted = True  # the bot died mid-way: start again once it is back
            run.interruptions.append(resident)
            continue
        interrupted = False
        run.told[code] = wording
        filed += 1


async def test_kill_9_at_random_points_while_filing_loses_no_confirmed_ticket(
    group: BotApiEmulator, database_url: str, tmp_path: Path
) -> None:
    rng = random.Random(SEED)
    for resident in RESIDENTS:
        group.add_user(resident, f"Cư dân {resident}", language_code="vi")
    run = Run()
    told, interruptions, up, kills_done = run.told, run.interruptions, run.up, run.kills_done
    settings = {
        "admin_chat_id": str(ADMIN_CHAT),
        "admin_user_ids": str(OFFICIAL),
        "feedback_tickets_per_day": "1000",  # interrupted attempts may have filed, too
    }
    async with instances() as started:

        async def restart() -> Instance:
            instance = await start(group, database_url, tmp_path, started, **settings)
            await instance.wait_for_updates_source("polling")
            up.set()
            return instance

        bot = await restart()
        residents = [
            asyncio.create_task(resident_files(group, resident, run)) for resident in RESIDENTS
        ]
        for _ in range(KILLS):
            # A random moment of the residents' traffic (the fault's timing, not a wait).
            await asyncio.sleep(rng.uniform(0.2, 1.5))
            up.clear()
            bot.kill()
            await bot.process.wait()
            bot = await restart()
        kills_done.set()
        await asyncio.wait_for(asyncio.gather(*residents), timeout=120)

    engine = create_engine(database_url)
    try:
        async with engine.connect() as connection:
            rows = (await connection.execute(text("SELECT code, text FROM tickets"))).all()
    finally:
        await engine.dispose()
    stored: dict[str, Any] = {code: wording for code, wording in rows}
    assert len(told) >= len(RESIDENTS) * TICKETS_EACH, f"seed {SEED}"
    assert interruptions, f"no kill caught a resident mid-way: nothing tested (seed {SEED})"
    missing = {code: told[code] for code in told if code not in stored}
    assert missing == {}, f"told but not saved (seed {SEED})"
    for code, wording in told.items():
        assert stored[code] == wording, f"seed {SEED}"
    wordings = [wording for _code, wording in rows]
    assert len(wordings) == len(set(wordings)), f"a ticket filed twice (seed {SEED})"
