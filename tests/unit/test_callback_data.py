import pytest

from handlers import callbacks
from handlers.callback_data import (
    MAX_BYTES,
    Action,
    InvalidCallbackData,
    decode,
    encode,
)
from handlers.common import Audience


@pytest.mark.parametrize(
    ("action", "argument"),
    [
        (Action.MENU, ""),
        (Action.INDICATOR, "ho-ngheo"),
        (Action.LANGUAGE, "en"),
        (Action.ASK_COMMITTEE, "123456789"),
        (Action.INDICATOR, "a" * 32),
        (Action.MOD_CARD, "2147483647"),  # the largest id an INTEGER column holds
        (Action.TICKET_RATE, "2147483647:5"),
    ],
)
def test_round_trip(action: Action, argument: str) -> None:
    data = encode(action, argument)
    assert len(data.encode()) <= MAX_BYTES
    decoded = decode(data)
    assert (decoded.action, decoded.argument) == (action, argument)


@pytest.mark.parametrize(
    "forged",
    [
        None,
        "",
        "garbage",
        "0:i:ho-ngheo",  # a stale version
        "1:zz:ho-ngheo",  # an unknown action
        "1:i:Hộ-nghèo",  # not a key
        "1:i:../../etc",
        "1:i:",
        "1:m:extra",
        "1:l:fr",
        "1:q:-5",
        "1:q:0",
        "1:i:" + "a" * 70,
        # Ids no INTEGER column holds (PostgreSQL refuses them as parameters).
        "1:ov:2147483648",
        "1:q:3000000000",
        "1:xs:9999999999",
        "1:tv:999999999999999999:1",
        "1:or:2147483648:spam",
        "1:t:١٢٣",  # Arabic-Indic digits: a regex's \d, not an id
    ],
)
def test_refuses_forged_or_stale_data(forged: str | None) -> None:
    with pytest.raises(InvalidCallbackData):
        decode(forged)


def test_refuses_to_encode_over_64_bytes() -> None:
    with pytest.raises(ValueError, match="64 bytes"):
        encode(Action.INDICATOR, "x" * 70)


def test_every_officials_button_is_known_as_one() -> None:
    """Whoever presses these acts as an official (no residents row): a new card, queue or
    broadcast button must be routed as one (handlers/callbacks.py, `Audience.OFFICIAL`)."""
    prefixes = ("MOD_", "BROADCAST_", "CORRECTION_")
    officials = {action for action in Action if action.name.startswith(prefixes)}
    routed = {
        action for action, route in callbacks._ROUTES.items() if route.audience is Audience.OFFICIAL
    }
    assert officials | {Action.QUEUE} == routed
