"""A quarterly report to subscribers, with its chart; then a corrected figure, sent only to
the residents who received the wrong one."""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

import aiohttp

from bot.services.broadcasts.subscriptions import Topic, TopicKind
from bot.services.kernel.actor import Actor
from content.loader import DEFAULT_CONTENT_DIR
from content.release_document import read_directory
from tests.e2e.broadcasts.world import ADMIN_CHAT, Inbox, World, body
from tests.e2e.helpers import button_texts

PNG = b"\x89PNG\r\n\x1a\n"


async def _download_photo(world: World, message: dict[str, Any]) -> bytes:
    emulator = world.emulator
    file_id = message["photo"][-1]["file_id"]
    async with aiohttp.ClientSession() as session:
        url = f"{emulator.base_url}/bot{emulator.token}/getFile"
        async with session.post(url, json={"file_id": file_id}) as response:
            path = (await response.json())["result"]["file_path"]
        async with session.get(f"{emulator.base_url}/file/bot{emulator.token}/{path}") as response:
            return await response.read()


async def test_report_with_chart_reaches_matching_topics_and_uploads_the_chart_once(
    world: World,
) -> None:
    everything, jobs, milk = world.add_residents(3)
    others = world.add_residents(3, start=21_000)
    inbox = Inbox(world.emulator)
    async with world.bot(broadcast_rate=25) as runtime:
        await world.subscribe([everything, jobs, milk, *others])
        topics = runtime.services.subscriptions
        await topics.toggle(Actor.resident(jobs, "vi"), Topic(TopicKind.AREA, "viec-lam"))
        # School milk is reported only in 2023: a Q1 2022 report is not for this resident.
        await topics.toggle(Actor.resident(milk, "vi"), Topic(TopicKind.INDICATOR, "sua-hoc-duong"))

        control = await world.official_says("/broadcast report report-2022-q1")
        assert "Người nhận: <b>5</b>" in control["html"]
        previews = world.admin_messages_after(0)
        (summary,) = [message for message in previews if "Kết quả Quý I/2022" in body(message)]
        text = summary["html"]
        # Every figure of the report, as the report states it: too long for a caption, the
        # summary is a message of its own and the chart follows it.
        for figure in (
            "Giải quyết việc làm: <b>50.019 lao động</b> — đạt 31,3% kế hoạch",
            "<b>0,16%</b>",
            "<b>1,38%</b>",
            "giảm 31,2% so với cùng kỳ năm trước",
            "✅ cơ bản đã hoàn thành",
            "<b>trên 5,64 triệu lượt đối tượng</b>",
            "<b>7.152,8 tỷ đồng</b>",
        ):
            assert figure in text
        assert "chưa có số liệu" not in text
        assert "Dừng nhận: /unsubscribe" in text
        assert 1024 < len(body(summary)) <= 4096
        (preview,) = [message for message in previews if "photo" in message]
        assert preview["message_id"] > summary["message_id"]
        chart = await _download_photo(world, preview)
        assert chart.startswith(PNG)
        assert len(chart) > 10_000  # a drawn chart, not a placeholder pixel

        await world.send_now(control)
        await world.report(1)
    assert set(inbox.received) == {everything, jobs, *others}
    assert set(inbox.received.values()) == {1}
    assert all(messages[0]["html"] == text for messages in inbox.messages.values())
    for resident in inbox.received:
        *_, summary_sent, chart_sent = world.emulator.bot_messages(resident)
        assert summary_sent["html"] == text
        assert "photo" in chart_sent  # the chart, after the summary
    to_residents = [
        call for call in world.emulator.calls_of("sendPhoto") if int(call["chat_id"]) > 0
    ]
    uploads = [call for call in to_residents if not isinstance(call["photo"], str)]
    assert len(to_residents) == 5
    assert len(uploads) == 1  # then Telegram's file_id


async def test_a_corrected_figure_goes_to_exactly_those_who_received_it(
    world: World, tmp_path: Path
) -> None:
    content = tmp_path / "content"
    shutil.copytree(DEFAULT_CONTENT_DIR, content)
    early, blocker = world.add_residents(2)
    (late,) = world.add_residents(1, start=21_000)
    inbox = Inbox(world.emulator)
    async with world.bot(broadcast_rate=25, content_dir=content) as runtime:
        await world.subscribe([early, blocker])
        world.emulator.block_bot(blocker)
        control = await world.official_says("/broadcast report report-2022-q1")
        await world.send_now(control)
        await world.report(1)
        world.emulator.block_bot(blocker, blocked=False)
        await world.subscribe([blocker, late])  # both subscribed now; neither read #1

        nothing = await world.official_says("/corrections", answer=lambda _message: True)
        assert "Không có số liệu nào" in body(nothing)

        indicators = content / "indicators.yaml"
        text = indicators.read_text(encoding="utf-8")
        assert text.count("value: 50019") == 1
        indicators.write_text(text.replace("value: 50019", "value: 50119"), encoding="utf-8")
        # Published as officials publish a report: a new live content release.
        await runtime.services.releases.publish(Actor.system(), read_directory(content)[1])

        listing = await world.official_says("/corrections")
        assert "Tin #1" in body(listing)
        assert "Giải quyết việc làm (Quý I/2022): 50.019 lao động → 50.119 lao động" in body(
            listing
        )
        assert button_texts(listing) == ["✏️ Đính chính tin #1 (1 người)"]
        await world.press(listing, "Đính chính tin #1")
        draft = await world.emulator.wait_for_bot_message(
            ADMIN_CHAT, lambda message: "Tin #2" in body(message), after=listing["message_id"]
        )
        assert "Người nhận: <b>1</b>" in draft["html"]
        (preview,) = [
            message
            for message in world.admin_messages_after(listing["message_id"])
            if "Đính chính" in body(message) and message is not draft
        ]
        assert "trước đây <s>50.019 lao động</s>, nay là <b>50.119 lao động</b>" in preview["html"]
        assert "Nguồn:" in body(preview)
        await world.send_now(draft)
        await world.report(2)

        after = await world.official_says("/corrections", answer=lambda _message: True)
        assert "Không có số liệu nào" in body(after)
    corrections = {
        chat_id: [body(message) for message in messages if "Đính chính" in body(message)]
        for chat_id, messages in inbox.messages.items()
    }
    assert corrections == {early: [body(preview)]}


async def test_unknown_reports_and_empty_text_get_usage(world: World) -> None:
    async with world.bot():
        usage = await world.official_says("/broadcast", answer=lambda _message: True)
        assert "report-2022-q1" in body(usage)
        unknown = await world.official_says("/broadcast report quy-9", answer=lambda _message: True)
        assert "Không có báo cáo “quy-9”" in body(unknown)
        assert await world.rows("SELECT count(*) FROM broadcasts") == [(0,)]
        history = await world.official_says("/broadcasts", answer=lambda _message: True)
        assert "Chưa có tin nào" in body(history)
