"""Writes the data of the previous release's database, frozen, for the upgrade tests.

Release 0.3 (commit eb12f6c, schema revision 0006) was filled through its own services the way
residents, officials and the dashboard fill it, then every row of every table was written out
as JSON (tests/data/releases/0.3-eb12f6c.json). The upgrade tests load those rows into a schema
at 0006 and upgrade it: old migrations can then never be edited under a deployed database
unnoticed. Regenerate only from a checkout of that release:

    git worktree add /tmp/release eb12f6c
    PYTHONPATH=/tmp/release .venv/bin/python tests/data/releases/make_snapshot.py
"""

from __future__ import annotations

import asyncio
import base64
import datetime as dt
import json
import tempfile
from pathlib import Path
from typing import Any

from sqlalchemy import MetaData, select

from bot.domain.records import NewQuestion
from bot.i18n import Translator
from bot.services.container import Services
from bot.services.kernel.actor import Actor, Role
from bot.services.kernel.live_knowledge import LiveKnowledge
from handlers.broadcast_texts import BroadcastTexts
from storage.db import create_engine, create_session_factory
from storage.migrate import current_revision, upgrade
from storage.uow import unit_of_work_factory

OUTPUT = Path(__file__).with_name("0.3-eb12f6c.json")
OFFICIAL = 900001
ADMIN_CHAT = -1002000000001


async def fill(services: Services) -> None:
    official = Actor.official(OFFICIAL, "Hà Nguyễn")
    residents = [Actor.resident(5000 + number, "vi") for number in range(4)]
    intake = services.feedback_intake
    texts = [
        "Đường vào trường tiểu học ở ngõ 12 bị hỏng nặng, mưa là ngập nước",
        "Trạm y tế phường Phúc Xá đóng cửa sớm vào chiều thứ Bảy",
        "Hồ sơ trợ cấp cho người cao tuổi chờ hơn hai tháng chưa được duyệt",
    ]
    tickets = []
    for resident, text in zip(residents, texts, strict=False):
        await intake.start(resident, "vi")
        await intake.choose_topic(resident, "giao-duc")
        await intake.give_text(resident, text)
        await intake.finish_attachments(resident)
        await intake.choose_identity(resident, anonymous=resident is residents[1])
        tickets.append((await intake.submit(resident)).view.ticket)
    await services.ticket_events.drain()
    await services.moderation.approve(official, tickets[0].id)
    await services.moderation.answer(
        official, tickets[0].id, "Quận đã giao phường sửa đường trong tháng này."
    )
    await services.moderation.assign(official, tickets[1].id, "so-y-te")
    # A half-written draft and a banned resident.
    await intake.start(residents[3], "vi")
    await intake.choose_topic(residents[3], "y-te")
    await services.moderation.ban(official, tickets[2].code, "spam")

    for resident in residents[:3]:
        await services.subscriptions.subscribe(resident)
    draft = await services.broadcasts.prepare_text(
        official, "Kết quả quý III: tỷ lệ hộ nghèo còn 0,16%.", chat_id=ADMIN_CHAT
    )
    await services.broadcasts.confirm(official, draft.broadcast.id)

    administrator = Actor.staff(1, "Quản trị", Role.ADMINISTRATOR, None)
    await services.accounts.add(
        administrator, "canbo.phuong", "mat-khau-rat-dai-2025", Role.MODERATOR
    )
    await services.accounts.sign_in("canbo.phuong", "mat-khau-rat-dai-2025")
    await services.faq_drafts.start(administrator, "trợ cấp người cao tuổi bao nhiêu")
    now = dt.datetime.now(dt.UTC)
    services.recorder.record(
        NewQuestion(
            5000,
            "tỷ lệ hộ nghèo",
            "vi",
            "private",
            "answered",
            "indicator",
            "ho-ngheo",
            0.93,
            True,
            now,
        )
    )
    await services.recorder.flush()


def jsonable(value: Any) -> Any:
    if isinstance(value, dt.datetime | dt.date):
        return {"datetime": value.isoformat()}
    if isinstance(value, bytes):
        return {"bytes": base64.b64encode(value).decode()}
    return value


async def main() -> None:
    with tempfile.TemporaryDirectory() as directory:
        engine = create_engine(f"sqlite+aiosqlite:///{directory}/release.sqlite3")
        knowledge = LiveKnowledge.load()
        try:
            await upgrade(engine)
            services = Services.build(
                unit_of_work_factory(create_session_factory(engine)),
                knowledge,
                admin_user_ids=frozenset({OFFICIAL}),
                broadcast_composer=BroadcastTexts(Translator()),
                admin_chat_id=ADMIN_CHAT,
            )
            await fill(services)
            snapshot: dict[str, Any] = {"revision": await current_revision(engine), "tables": {}}
            async with engine.connect() as connection:
                metadata = MetaData()
                await connection.run_sync(metadata.reflect)
                for table in metadata.sorted_tables:
                    if table.name == "alembic_version":
                        continue
                    rows = (await connection.execute(select(table))).mappings().all()
                    snapshot["tables"][table.name] = [
                        {key: jsonable(value) for key, value in row.items()} for row in rows
                    ]
        finally:
            knowledge.close()
            await engine.dispose()
    OUTPUT.write_text(json.dumps(snapshot, ensure_ascii=False, indent=1) + "\n", "utf-8")
    counts = {name: len(rows) for name, rows in snapshot["tables"].items()}
    print(f"wrote {OUTPUT} at revision {snapshot['revision']}: {counts}")  # noqa: T201 - a script run by hand reports on stdout


if __name__ == "__main__":
    asyncio.run(main())
