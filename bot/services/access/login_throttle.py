"""Slowing password guessing down without letting a stranger lock an official out.

Failed sign-ins are counted twice: by the source address they came from, and by the name that
was typed (whether an account has it or not, so the answers do not tell names apart). Past
`max_failures` failures of a key, its next attempt must wait, a pause that doubles with each
further failure up to `longest` (WEB_MAX_FAILED_LOGINS and WEB_LOCKOUT_MINUTES). Nothing is
locked: the pause runs out by itself.

A stranger guessing from one address meets their own address's pauses. The name's pauses stop
guessing spread over many addresses; they do not apply to an address from which that name
signed in successfully before (the official's usual browser), so a stranger cannot keep an
official out.

The counts live in the database (`sign_in_attempts`), in the caller's unit of work: every
instance behind the proxy shares them and a restart keeps them, so a stranger gets no more
attempts by landing on another instance or waiting for a deploy. Keys are hashes of what they
count (addresses and typed names, which may be a mistyped password, are not kept); counts
quiet for twice `longest` and trust older than TRUST_FOR are swept as failures come in.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from dataclasses import dataclass

from bot.domain.staff_records import SignInAttemptRecord
from bot.services.kernel.clock import Clock, utc_now
from storage.uow import UnitOfWork

FIRST_PAUSE = dt.timedelta(seconds=2)
TRUST_FOR = dt.timedelta(days=30)


@dataclass(frozen=True, slots=True)
class _Keys:
    source: str
    name: str
    trusted: str  # this name signing in from this source


def _keys(source: str, name: str) -> _Keys:
    def key(*parts: str) -> str:
        return hashlib.sha256(json.dumps(parts).encode()).hexdigest()

    return _Keys(key("source", source), key("name", name), key("trusted", source, name))


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

    async def wait_until(self, uow: UnitOfWork, source: str, name: str) -> dt.datetime | None:
        """When this attempt may be made, if not now."""
        now = self._clock()
        keys = _keys(source, name)
        found = await uow.sign_in_attempts.find([keys.source, keys.name, keys.trusted])
        counted = [keys.source]
        if not self._is_trusted(found.get(keys.trusted), now):
            counted.append(keys.name)
        waits = [
            row.wait_until
            for key in counted
            if (row := found.get(key)) is not None
            and row.wait_until is not None
            and row.wait_until > now
        ]
        return max(waits) if waits else None

    async def failed(self, uow: UnitOfWork, source: str, name: str) -> dt.datetime | None:
        """Count a failure; returns until when the next attempt must wait, if it must."""
        now = self._clock()
        keys = _keys(source, name)
        trusted = self._is_trusted(
            (await uow.sign_in_attempts.find([keys.trusted])).get(keys.trusted), now
        )
        waits = [
            await self._count(uow, keys.source, "source", now),
            await self._count(uow, keys.name, "name", now),
        ]
        if trusted:
            waits[1] = None
        await uow.sign_in_attempts.sweep(
            counted_before=now - self._longest * 2, trusted_before=now - TRUST_FOR
        )
        known = [wait for wait in waits if wait is not None]
        return max(known) if known else None

    async def succeeded(self, uow: UnitOfWork, source: str, name: str) -> None:
        """The right password: the name's count starts again, the address is trusted for it."""
        keys = _keys(source, name)
        await uow.sign_in_attempts.remove([keys.source, keys.name])
        await uow.sign_in_attempts.trust(keys.trusted, self._clock())

    async def forget(self, uow: UnitOfWork, name: str) -> None:
        """An administrator lifted the pauses of a name (`danbiet officials enable`)."""
        await uow.sign_in_attempts.remove([_keys("", name).name])

    async def _count(
        self, uow: UnitOfWork, key: str, kind: str, now: dt.datetime
    ) -> dt.datetime | None:
        # Quiet for long: a fresh start.
        failures = await uow.sign_in_attempts.count_failure(
            key, kind, now, fresh_before=now - self._longest * 2
        )
        beyond = failures - self._max_failures
        if beyond < 0:
            return None
        until = now + min(FIRST_PAUSE * (1 << min(beyond, 30)), self._longest)
        await uow.sign_in_attempts.hold_until(key, until)
        return until

    def _is_trusted(self, trust: SignInAttemptRecord | None, now: dt.datetime) -> bool:
        return trust is not None and now - trust.last_at < TRUST_FOR
