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
