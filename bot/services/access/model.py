"""What the accounts service answers, and the ways signing in can fail."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from bot.services.kernel.actor import Actor, Role
from bot.services.kernel.officials import ROLE_PERMISSIONS, Permission


@dataclass(frozen=True, slots=True)
class LoginPolicy:
    """How hard signing in is to abuse, and how long a signed-in browser stays signed in."""

    max_failures: int = 5  # failed passwords in a row before the account is locked
    lockout: dt.timedelta = dt.timedelta(minutes=15)
    session_lifetime: dt.timedelta = dt.timedelta(hours=8)  # a working day, then sign in again
    idle_timeout: dt.timedelta = dt.timedelta(minutes=30)
    # last_seen is written at most this often: one write per page would double the load.
    touch_every: dt.timedelta = dt.timedelta(minutes=1)
    min_password_chars: int = 12
    max_password_chars: int = 256  # argon2 hashes anything, but not a megabyte per attempt


@dataclass(frozen=True, slots=True)
class AccountProfile:
    """Who a new account's official is: the name the dashboard and the audit log show (the
    username when none), and their Telegram account, which links the two front ends."""

    display_name: str | None = None
    telegram_user_id: int | None = None


@dataclass(frozen=True, slots=True)
class AccountView:
    id: int
    username: str
    display_name: str
    role: Role
    telegram_user_id: int | None
    disabled: bool
    locked_until: dt.datetime | None
    last_login_at: dt.datetime | None
    created_at: dt.datetime

    @property
    def permissions(self) -> frozenset[Permission]:
        return ROLE_PERMISSIONS[self.role]

    def actor(self) -> Actor:
        return Actor.staff(self.id, self.display_name, self.role, self.telegram_user_id)


@dataclass(frozen=True, slots=True)
class Flash:
    """A one-time notice for the next page: a catalog key and its arguments."""

    key: str
    args: dict[str, str | int]


@dataclass(frozen=True, slots=True)
class SignedIn:
    token: str  # goes into the cookie; only its hash is stored
    csrf_token: str
    account: AccountView
    expires_at: dt.datetime


@dataclass(frozen=True, slots=True)
class StaffSession:
    """A signed-in browser, as checked on each request."""

    account: AccountView
    csrf_token: str
    expires_at: dt.datetime
    flash: Flash | None

    @property
    def actor(self) -> Actor:
        return self.account.actor()
