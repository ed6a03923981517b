"""Slowing password guessing down without letting a stranger lock an official out.

Failed sign-ins are counted twice: by the source address they came from, and by the name that
was typed (whether an account has it or not, so the answers do not tell names apart). Past
`max_failures` failures of a key, its next attempt must wait, a pause that doubles with each
further failure up to `longest` (WEB_MAX_FAILED_LOGINS and WEB_LOCKOUT_MINUTES). Nothing is
locked: the pause runs out by itself.

A stranger guessing from one address meets their own address's pauses. The name's pauses stop
guessing spread over many addresses; they do not apply to an address from which that name
signed in successfully before (the official's usual browser), so a stranger cannot keep an
official out. The counts live in memory (per process, bounded), a restart forgets them.
"""

from __future__ import annotations

import datetime as dt
from collections import OrderedDict
from dataclasses import dataclass

from bot.services.kernel.clock import Clock, utc_now

FIRST_PAUSE = dt.timedelta(seconds=2)
KEYS_KEPT = 10_000  # failures of the least recently failed keys are forgotten past this
TRUST_KEPT = 10_000
TRUST_FOR = dt.timedelta(days=30)


@dataclass(slots=True)
class _Failures:
    count: int
    last: dt.datetime
    wait_until: dt.datetime | None


class LoginThrottle:
    def __init__(
        self,
        max_failures: int,
        longest: dt.timedelta,
        clock: Clock = utc_now,
    ) -> None:
        self._max_failures = max_failures
        self._longest = longest
        self._clock = clock
        self._failures: OrderedDict[tuple[str, str], _Failures] = OrderedDict()
        self._trusted: OrderedDict[tuple[str, str], dt.datetime] = OrderedDict()

    def wait_until(self, source: str, name: str) -> dt.datetime | None:
        """When this attempt may be made, if not now."""
        now = self._clock()
        keys = [("source", source)]
        if not self._is_trusted(source, name, now):
            keys.append(("name", name))
        waits = [
            failures.wait_until
            for key in keys
            if (failures := self._failures.get(key)) is not None
            and failures.wait_until is not None
            and failures.wait_until > now
        ]
        return max(waits) if waits else None

    def failed(self, source: str, name: str) -> dt.datetime | None:
        """Count a failure; returns until when the next attempt must wait, if it must."""
        now = self._clock()
        waits = [self._count(("source", source), now), self._count(("name", name), now)]
        if self._is_trusted(source, name, now):
            waits[1] = None
        known = [wait for wait in waits if wait is not None]
        return max(known) if known else None

    def succeeded(self, source: str, name: str) -> None:
        """The right password: the name's count starts again, the address is trusted for it."""
        now = self._clock()
        self._failures.pop(("source", source), None)
        self._failures.pop(("name", name), None)
        self._trusted[(source, name)] = now
        self._trusted.move_to_end((source, name))
        while len(self._trusted) > TRUST_KEPT:
            self._trusted.popitem(last=False)

    def forget(self, name: str) -> None:
        """An administrator lifted the pauses of a name (`danbiet officials enable`)."""
        self._failures.pop(("name", name), None)

    def _count(self, key: tuple[str, str], now: dt.datetime) -> dt.datetime | None:
        failures = self._failures.get(key)
        if failures is None or now - failures.last > self._longest * 2:
            failures = _Failures(0, now, None)  # quiet for long: a fresh start
        failures.count += 1
        failures.last = now
        beyond = failures.count - self._max_failures
        if beyond >= 0:
            pause = min(FIRST_PAUSE * (2 ** min(beyond, 30)), self._longest)
            failures.wait_until = now + pause
        self._failures[key] = failures
        self._failures.move_to_end(key)
        while len(self._failures) > KEYS_KEPT:
            self._failures.popitem(last=False)
        return failures.wait_until if beyond >= 0 else None

    def _is_trusted(self, source: str, name: str, now: dt.datetime) -> bool:
        since = self._trusted.get((source, name))
        return since is not None and now - since < TRUST_FOR
