"""The emulator's fault plan: exactly the share asked for, every kind in turn, only where asked."""

from __future__ import annotations

from collections import Counter

import pytest

from bot.sandbox.fault_plan import FaultKind, FaultPlan


def test_the_share_of_failed_calls_is_exact_and_every_kind_takes_its_turn() -> None:
    plan = FaultPlan(share=0.08)
    drawn = [plan.draw("sendMessage") for _ in range(250)]
    faults = [kind for kind in drawn if kind is not None]
    assert len(faults) == 20  # floor(250 * 0.08)
    assert Counter(faults) == dict.fromkeys(FaultKind, 4)
    assert drawn[12] is FaultKind.RATE_LIMIT  # the 13th call is the first to fail
    assert all(kind is None for kind in drawn[:12])
    assert plan.calls == 250
    assert plan.total_injected == 20


def test_only_the_methods_named_fail_and_only_they_are_counted() -> None:
    plan = FaultPlan(share=1.0, methods=frozenset({"sendmessage"}), kinds=(FaultKind.TIMEOUT,))
    assert plan.draw("getUpdates") is None
    assert plan.draw("sendMessage") is FaultKind.TIMEOUT
    assert plan.calls == 1


@pytest.mark.parametrize("share", [-0.1, 1.5])
def test_a_share_outside_0_to_1_is_refused(share: float) -> None:
    with pytest.raises(ValueError, match="share"):
        FaultPlan(share=share)
