"""Wrong answers by class, through the emulator: a question naming one kind of insurance never
gets another kind's figure; a question on one part of a linked group (the fields of public
investment) gets that part's card, the group's summary under it. The questions are in none of
the question sets (tests/data/questions*.yaml)."""

from __future__ import annotations

from bot.app import Runtime
from bot.sandbox.emulator import BotApiEmulator
from tests.e2e.helpers import RESIDENT_ID, ask, buttons


async def test_social_insurance_is_never_answered_with_the_health_insurance_figure(
    emulator: BotApiEmulator, bot: Runtime
) -> None:
    reply = await ask(emulator, RESIDENT_ID, "độ bao phủ bảo hiểm xã hội")
    # The health-insurance figure (91,8% of the population) is shown for no other kind.
    assert "91,8" not in reply["text"]
    offered = " ".join(str(button["text"]) for button in buttons(reply))
    assert "bảo hiểm y tế" not in offered.lower()
    assert "bảo hiểm xã hội" in (reply["text"] + offered).lower()


async def test_one_part_of_a_linked_group_is_answered_with_its_own_card(
    emulator: BotApiEmulator, bot: Runtime
) -> None:
    reply = await ask(
        emulator, RESIDENT_ID, "kế hoạch đầu tư công trung hạn dành cho những lĩnh vực nào vậy"
    )
    assert "Bạn muốn hỏi" not in reply["text"]
    assert "y tế, văn hóa, giáo dục" in reply["text"]
    callbacks = [str(button.get("callback_data")) for button in buttons(reply)]
    assert "1:p:dau-tu-cong" in callbacks  # the policy stating both reports' priorities
