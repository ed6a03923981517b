"""Time as a dependency, so services stay testable."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from zoneinfo import ZoneInfo

Clock = Callable[[], dt.datetime]

# Residents and officials read Hanoi time (stored times are UTC).
LOCAL_TIME = ZoneInfo("Asia/Ho_Chi_Minh")


def utc_now() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


class ManualClock:
    """A clock moved by hand: tests make a ticket overdue, or a day pass, without waiting."""

    def __init__(self, start: dt.datetime) -> None:
        self._now = start

    def __call__(self) -> dt.datetime:
        return self._now

    def advance(self, by: dt.timedelta) -> None:
        self._now += by
