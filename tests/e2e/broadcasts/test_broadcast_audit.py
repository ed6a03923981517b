"""Preparing a broadcast in the officials' group is audited, through the emulator: `/broadcast`
with a text or a report, aimed with a `NƠI:` line or not, each leaves a `broadcast_prepared`
row naming the official who typed it, what the draft is made from, where it goes and how many it
would reach, and nothing of who the residents are. A member of the group who is no official
prepares nothing and is not audited as having done so. (The offer's buttons:
test_release_offer.py.)"""

from __future__ import annotations

from bot.services.kernel.actor import Actor
from tests.e2e.broadcasts.world import MEMBER, OFFICIAL, World, body

PREPARED = (
    "SELECT actor_kind, actor_id, actor_name, account_id, to_status, detail FROM audit_log "
    "WHERE action = 'broadcast_prepared' ORDER BY id"
)


async def test_a_broadcast_prepared_in_the_group_is_audited_naming_the_official(
    world: World,
) -> None:
    residents = world.add_residents(3)
    async with world.bot() as runtime:
        await world.subscribe(residents)
        await runtime.services.subscriptions.choose_district(
            Actor.resident(residents[0], "vi"), "p-hoan-kiem"
        )
        text = await world.official_says("/broadcast Cắt nước sáng mai\nNƠI: hoàn kiếm")
        assert "Người nhận: <b>1</b>" in text["html"]
        report = await world.official_says("/broadcast report report-2022-q1")
        assert "Người nhận: <b>3</b>" in report["html"]
        refused = await world.official_says(
            "/broadcast Tin giả", user_id=MEMBER, answer=lambda _message: True
        )
        assert "Người nhận" not in body(refused)
        rows = await world.rows(PREPARED)
    assert rows == [
        (
            "official",
            OFFICIAL,
            "Hà Nguyễn",
            None,
            "draft",
            "broadcast 1: text written in vi only; places p-hoan-kiem; recipients 1 (vi 1, en 0)",
        ),
        (
            "official",
            OFFICIAL,
            "Hà Nguyễn",
            None,
            "draft",
            "broadcast 2: report report-2022-q1; places all; recipients 3 (vi 3, en 0)",
        ),
    ]
    assert not any(str(resident) in str(row) for row in rows for resident in residents)
