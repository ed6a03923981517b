"""After a publish the officials' group is told, once, what the new release leaves to send: the
reports it added or changed and no broadcast carried yet, and the correction, with who would
receive each (a release that brought no report and changed no figure sent is not offered); its
buttons prepare the drafts (the report through the group's usual flow, a `NƠI:` line aiming it),
each audited naming who pressed; whoever presses is checked by the service, and a forged button
is refused politely. Neither a second look, another instance's nor a restart posts it again."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path

import pytest

from bot.app import release_offers
from bot.i18n import Translator
from bot.sandbox.emulator import JsonDict
from bot.services.container import Services
from bot.services.kernel.actor import Actor
from handlers.callback_data import Action, encode
from handlers.release_offers import ReleaseOfferPoster
from tests.e2e.broadcasts.test_after_a_publish import publish_from_the_shell
from tests.e2e.broadcasts.world import ADMIN_CHAT, MEMBER, NO_LOOP, OFFICIAL, World, body
from tests.e2e.helpers import button_texts
from tests.release_content import changed_directory, department_renamed, report_reworded

OFFER = "Nội dung mới đã công bố"


def offers_in_group(world: World) -> list[JsonDict]:
    return [m for m in world.emulator.bot_messages(ADMIN_CHAT) if OFFER in body(m)]


async def draft_after(world: World, message_id: int, marker: str) -> JsonDict:
    return await world.emulator.wait_for_bot_message(
        ADMIN_CHAT,
        lambda message: "Người nhận:" in body(message) and marker in str(message.get("html")),
        after=message_id,
        timeout=15,
    )


async def test_a_publish_is_offered_once_in_the_group_and_its_buttons_prepare_the_drafts(
    world: World, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    readers = world.add_residents(3)
    (late,) = world.add_residents(1, start=23_000)
    async with world.bot(broadcast_rate=25, content_refresh_seconds=NO_LOOP) as runtime:
        services = runtime.services
        await world.subscribe(readers)
        control = await world.official_says("/broadcast report report-2022-q1")
        await world.send_now(control)
        await world.report(1)
        await world.subscribe([late])  # after #1: a correction of #1 is not theirs
        await services.subscriptions.choose_district(Actor.resident(late, "vi"), "p-hoan-kiem")
        poster = release_offers(runtime.application, services, Translator(), runtime.settings)
        assert not await poster.run_once()  # nothing published since the start

        # Release 2 changes a figure of Q1 2022 (broadcast) and rewords the H1 2023 report.
        changed = report_reworded(changed_directory(tmp_path / "next"))
        await publish_from_the_shell(monkeypatch, world.database_url, changed)
        assert not await poster.run_once()  # release 2 is not served here yet
        assert await services.releases.refresh()
        assert await poster.run_once()
        assert not await poster.run_once()  # told once
        (offer,) = offers_in_group(world)
        text = body(offer)
        assert "(bản 2)" in text
        assert "Tin #1" in text
        assert "đã tới 3 người" in text
        assert "Hộ nghèo (Quý I/2022): 3.612 hộ → 3.498 hộ" in text
        assert "Quý I/2022 (" not in text  # broadcast already: not offered again
        offered = services.knowledge.current.kb.reports
        shown = min(5, len(offered) - 1)
        assert text.count("Chưa gửi:") == shown
        assert "(4 người đăng ký các chủ đề của báo cáo)" in text
        labels = button_texts(offer)
        assert labels[-1] == "✏️ Đính chính tin #1 (3 người)"
        assert len(labels) == shown + 1
        audit = await world.rows(
            "SELECT actor_name, detail FROM audit_log WHERE action = 'broadcast_offer_posted'"
        )
        assert len(audit) == 1, audit
        assert "release 2:" in audit[0][1]

    async with world.bot(content_refresh_seconds=NO_LOOP) as runtime:
        services = runtime.services
        again = release_offers(runtime.application, services, Translator(), runtime.settings)
        assert not await again.run_once()  # a restart, or another instance: not again
        assert len(offers_in_group(world)) == 1

        # The first report button: its draft, with everyone who would receive it.
        first = labels[0]
        await world.press(offer, first)
        draft = await draft_after(world, offer["message_id"], "Người nhận: <b>4</b>")
        assert "NƠI:" in draft["html"]  # it goes everywhere: the draft says how to aim it
        key = next(
            report.key
            for report in services.knowledge.current.kb.reports.values()
            if report.period.get("vi") in first
        )
        aimed = await world.official_says(f"/broadcast report {key}\nNƠI: Hoàn Kiếm")
        assert "Người nhận: <b>1</b>" in aimed["html"]  # the one who lives there

        await world.press(offer, "Đính chính tin #1")
        correction = await draft_after(world, aimed["message_id"], "Tin #4")
        assert "Người nhận: <b>3</b>" in correction["html"]  # exactly who got the old value

        drafts = await world.rows("SELECT count(*) FROM broadcasts WHERE status = 'draft'")
        forged = encode(Action.BROADCAST_REPORT_PREPARE, "bao-cao-khong-co")
        query = await world.emulator.press_button(OFFICIAL, ADMIN_CHAT, offer["message_id"], forged)
        answer = await world.emulator.wait_for_callback_answer(query, timeout=15)
        assert answer["text"] == (
            "Báo cáo này không có trong nội dung đang công bố. Gõ /broadcast để xem cách gửi tin."
        )
        refused = await world.press(offer, first, user_id=MEMBER)  # in the group, no official
        assert refused["text"] == "Chỉ cán bộ mới được gửi tin tới người đăng ký."
        assert await world.rows("SELECT count(*) FROM broadcasts WHERE status = 'draft'") == drafts
        # Each draft the buttons (and the command) prepared is audited, naming who pressed;
        # the forged and the refused presses prepared nothing and left no row.
        prepared = await world.rows(
            "SELECT actor_id, actor_name, detail FROM audit_log "
            "WHERE action = 'broadcast_prepared' ORDER BY id"
        )
        assert prepared == [
            (
                OFFICIAL,
                "Hà Nguyễn",
                "broadcast 1: report report-2022-q1; places all; recipients 3 (vi 3, en 0)",
            ),
            (
                OFFICIAL,
                "Hà Nguyễn",
                f"broadcast 2: report {key}; places all; recipients 4 (vi 4, en 0)",
            ),
            (
                OFFICIAL,
                "Hà Nguyễn",
                f"broadcast 3: report {key}; places p-hoan-kiem; recipients 1 (vi 1, en 0)",
            ),
            (
                OFFICIAL,
                "Hà Nguyễn",
                "broadcast 4: correction of broadcast 1; recipients 3 (vi 3, en 0)",
            ),
        ]


async def test_the_refresh_loop_posts_the_offer_of_a_release_published_from_the_shell(
    world: World, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (reader,) = world.add_residents(1)
    async with world.bot(content_refresh_seconds=0.2):
        await world.subscribe([reader])
        await publish_from_the_shell(
            monkeypatch, world.database_url, changed_directory(tmp_path / "next")
        )
        offer = await world.emulator.wait_for_bot_message(
            ADMIN_CHAT, lambda message: OFFER in body(message), after=0, timeout=15
        )
        assert "(bản 2)" in body(offer)
        assert "(1 người đăng ký các chủ đề của báo cáo)" in body(offer)
    assert len(offers_in_group(world)) == 1


@asynccontextmanager
async def offering(world: World) -> AsyncIterator[tuple[Services, ReleaseOfferPoster]]:
    """A bot with one subscriber, whose release offers are posted when the test says."""
    (reader,) = world.add_residents(1)
    async with world.bot(content_refresh_seconds=NO_LOOP) as runtime:
        await world.subscribe([reader])
        services = runtime.services
        poster = release_offers(runtime.application, services, Translator(), runtime.settings)
        yield services, poster


def of_q1_2022_alone(world: World, *, release: int) -> JsonDict:
    """The group's one offer: of this release, and of the Q1 2022 report alone."""
    (offer,) = offers_in_group(world)
    text = body(offer)
    assert f"(bản {release})" in text
    assert text.count("Chưa gửi:") == 1
    assert "— Quý I/2022 (1 người đăng ký" in text
    assert button_texts(offer) == ["📊 Soạn tin kết quả Quý I/2022"]
    return offer


async def test_the_offer_lists_the_reports_the_release_brought_and_none_it_left_alone(
    world: World, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    async with offering(world) as (services, poster):
        # Release 2 changes a figure of the Q1 2022 report; H1 2023, never broadcast either, is
        # as it was: the offer is of Q1 2022 alone.
        await publish_from_the_shell(
            monkeypatch, world.database_url, changed_directory(tmp_path / "next")
        )
        assert await services.releases.refresh()
        assert await poster.run_once()
        offer = of_q1_2022_alone(world, release=2)
        assert "6 tháng đầu năm 2023" not in body(offer)

        # Release 3 renames a department: it brings no report and changes no figure sent, so
        # the group is told nothing (the dashboard's broadcasts page still lists both reports).
        await publish_from_the_shell(
            monkeypatch, world.database_url, department_renamed(changed_directory(tmp_path / "3"))
        )
        assert await services.releases.refresh()
        assert not await poster.run_once()
        assert len(offers_in_group(world)) == 1
        audit = await world.rows(
            "SELECT detail FROM audit_log WHERE action = 'broadcast_offer_posted' ORDER BY id"
        )
        assert [row[0] for row in audit] == [
            f"release 2: 1 reports and 0 corrections offered (group message {offer['message_id']})",
            "release 3: 0 reports and 0 corrections offered",
        ]
        listed = await services.broadcasts.offers(Actor.system())
        assert {item.report.key for item in listed.reports} == set(
            services.knowledge.current.kb.reports
        )


async def test_a_release_whose_offer_was_never_posted_is_offered_with_the_next(
    world: World, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    async with offering(world) as (services, poster):
        # Release 2 changes a figure of Q1 2022; release 3, published before any instance told
        # the group of 2, only renames a department. The group hears of 3 alone (2's offer is
        # superseded), and of what 2 brought with it.
        await publish_from_the_shell(
            monkeypatch, world.database_url, changed_directory(tmp_path / "next")
        )
        await publish_from_the_shell(
            monkeypatch, world.database_url, department_renamed(changed_directory(tmp_path / "3"))
        )
        assert await services.releases.refresh()
        assert await poster.run_once()
        of_q1_2022_alone(world, release=3)
        statuses = await world.rows("SELECT release_id, status FROM release_offers ORDER BY 1")
        assert [tuple(row) for row in statuses] == [(2, "superseded"), (3, "posted")]
