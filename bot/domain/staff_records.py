"""Plain records of officials' dashboard accounts, their sessions and the sign-in throttle's
counts, as storage returns them (bot/domain/records.py holds the residents' and tickets')."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class StaffAccountRecord:
    id: int
    username: str
    display_name: str
    password_hash: str
    role: str
    telegram_user_id: int | None
    failed_logins: int
    locked_until: dt.datetime | None
    last_login_at: dt.datetime | None
    disabled_at: dt.datetime | None
    created_at: dt.datetime


@dataclass(frozen=True, slots=True)
class StaffSessionRecord:
    id: str  # hash of the cookie value
    account_id: int
    csrf_token: str
    created_at: dt.datetime
    last_seen: dt.datetime
    expires_at: dt.datetime
    flash: str | None


@dataclass(frozen=True, slots=True)
class SignInAttemptRecord:
    """The login throttle's count for one key (a source address, a typed name, or a trusted
    pair of both), kept as a hash of what it counts."""

    key: str
    kind: str  # "source", "name" or "trusted"
    failures: int
    last_at: dt.datetime  # the last failure (for "trusted": the last successful sign-in)
    wait_until: dt.datetime | None
