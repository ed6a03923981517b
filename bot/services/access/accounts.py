"""Dashboard accounts: sign in with lock-out; sessions with expiry (adding, listing, disabling
accounts and the password rules: account_management.py).

Passwords are kept only as argon2id hashes (argon2-cffi). Hashing is slow on purpose, so it runs
in a thread: a sign-in never stalls the bot's replies. A session cookie is a random token whose
SHA-256 is the stored key, so reading the database signs no one in.
"""

from __future__ import annotations

import asyncio
import hashlib
import json
import logging
import secrets
import unicodedata

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError

from bot.domain.errors import (
    AccountLocked,
    BadCredentials,
    InvalidUsername,
)
from bot.domain.staff_records import StaffAccountRecord, StaffSessionRecord
from bot.services.access.account_management import (
    AccountManagement,
    account_view,
    clean_username,
    reread_account,
)
from bot.services.access.login_throttle import LoginThrottle
from bot.services.access.model import Flash, LoginPolicy, SignedIn, StaffSession
from bot.services.kernel.actor import Actor
from bot.services.kernel.audit import audit_entry
from bot.services.kernel.clock import Clock, utc_now
from bot.services.kernel.officials import Officials
from storage.uow import UnitOfWork, UnitOfWorkFactory

logger = logging.getLogger(__name__)


def session_key(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


class AccountService(AccountManagement):
    """Dashboard accounts: signing in and sessions here, managing accounts in AccountManagement."""

    def __init__(
        self,
        uow: UnitOfWorkFactory,
        officials: Officials,
        *,
        policy: LoginPolicy | None = None,
        hasher: PasswordHasher | None = None,
        clock: Clock = utc_now,
    ) -> None:
        self._uow = uow
        self._officials = officials
        self._policy = policy or LoginPolicy()
        self._hasher = hasher or PasswordHasher()
        self._clock = clock
        self._decoy_hash: str | None = None
        self._throttle = LoginThrottle(self._policy.max_failures, self._policy.lockout, clock=clock)

    @property
    def policy(self) -> LoginPolicy:
        return self._policy

    # --- signing in and out -----------------------------------------------------------------

    async def sign_in(self, username: str, password: str, source: str = "") -> SignedIn:
        """A new session, or BadCredentials / AccountLocked (a pause before the next attempt).

        ``source``: the address the attempt came from. Every answer is the same for a name no
        account has as for one that exists (and the password hasher runs for both): the pauses
        count the typed name, not the account (bot.services.access.login_throttle).
        """
        typed = unicodedata.normalize("NFKC", username).strip().lower()[:64]
        async with self._uow() as uow:
            wait = await self._throttle.wait_until(uow, source, typed)
        if wait is not None:
            raise AccountLocked(wait)
        try:
            name = clean_username(username)
        except InvalidUsername:
            await self._burn_time(password)
            raise await self._refused(source, typed, "malformed username") from None
        if len(password) > self._policy.max_password_chars:
            raise await self._refused(source, name, "over-long password")
        async with self._uow() as uow:
            record = await uow.staff_accounts.by_username(name)
        if record is None or record.disabled_at is not None:
            await self._burn_time(password)
            raise await self._refused(source, name, "unknown or disabled account")
        verified = await asyncio.to_thread(self._verify, record.password_hash, password)
        async with self._uow() as uow:
            current = await uow.staff_accounts.get(record.id, for_update=True)
            if current is None:
                refusal = await self._failed(uow, source, name, "account vanished")
                await uow.commit()
                raise refusal
            actor = account_view(current).actor()
            if not verified:
                refusal = await self._failed(uow, source, name, "wrong password")
                await self._count_failure(uow, current, actor, refusal)
                await uow.commit()
                raise refusal
            signed_in = await self._open_session(uow, current, actor, password)
            await self._throttle.succeeded(uow, source, name)
            await uow.commit()
        return signed_in

    async def _refused(self, source: str, name: str, reason: str) -> BadCredentials | AccountLocked:
        """`_failed` in a unit of work of its own."""
        async with self._uow() as uow:
            refusal = await self._failed(uow, source, name, reason)
            await uow.commit()
        return refusal

    async def _failed(
        self, uow: UnitOfWork, source: str, name: str, reason: str
    ) -> BadCredentials | AccountLocked:
        """The refusal for a failed attempt, counted in the throttle (shared by every instance,
        in the database): a pause once there were too many."""
        wait = await self._throttle.failed(uow, source, name)
        return AccountLocked(wait) if wait is not None else BadCredentials(reason)

    async def session(self, token: str) -> StaffSession | None:
        """The signed-in browser behind a cookie, or None when it expired, idled or was closed;
        a pending notice is handed over once."""
        if not token or len(token) > 128:
            return None
        key = session_key(token)
        now = self._clock()
        async with self._uow() as uow:
            found = await uow.staff_sessions.get(key)
            if found is None:
                return None
            account = await uow.staff_accounts.get(found.account_id)
            idle_since = found.last_seen + self._policy.idle_timeout
            if (
                account is None
                or account.disabled_at is not None
                or found.expires_at <= now
                or idle_since <= now
            ):
                await uow.staff_sessions.remove(key)
                await uow.commit()
                return None
            changes: dict[str, object] = {}
            if now - found.last_seen >= self._policy.touch_every:
                changes["last_seen"] = now
            if found.flash is not None:
                changes["flash"] = None
            if changes:
                await uow.staff_sessions.change(key, **changes)
                await uow.commit()
        return StaffSession(
            account=account_view(account),
            csrf_token=found.csrf_token,
            expires_at=found.expires_at,
            flash=_flash(found.flash),
        )

    async def sign_out(self, token: str) -> None:
        key = session_key(token)
        async with self._uow() as uow:
            found = await uow.staff_sessions.get(key)
            if found is None:
                return
            account = await uow.staff_accounts.get(found.account_id)
            await uow.staff_sessions.remove(key)
            if account is not None:
                view = account_view(account)
                await uow.audit.add(
                    audit_entry(view.actor(), view.display_name, "signed_out", self._clock())
                )
            await uow.commit()

    async def leave_notice(self, token: str, key: str, **args: str | int) -> None:
        """A one-time notice the next page shows (after a redirect)."""
        async with self._uow() as uow:
            await uow.staff_sessions.change(
                session_key(token), flash=json.dumps({"key": key, "args": args})
            )
            await uow.commit()

    # --- internals --------------------------------------------------------------------------

    async def _count_failure(
        self,
        uow: UnitOfWork,
        account: StaffAccountRecord,
        actor: Actor,
        refusal: BadCredentials | AccountLocked,
    ) -> None:
        """Failures in a row, kept for the administrators' list and the audit log; the pauses
        themselves are the throttle's."""
        now = self._clock()
        locked = isinstance(refusal, AccountLocked)
        await uow.staff_accounts.change(
            account.id,
            failed_logins=account.failed_logins + 1,
            locked_until=refusal.until if isinstance(refusal, AccountLocked) else None,
        )
        action = "account_locked" if locked else "sign_in_failed"
        await uow.audit.add(audit_entry(actor, account.display_name, action, now))
        logger.warning("failed sign-in for dashboard account %s (%s)", account.id, action)

    async def _open_session(
        self, uow: UnitOfWork, account: StaffAccountRecord, actor: Actor, password: str
    ) -> SignedIn:
        now = self._clock()
        changes: dict[str, object] = {
            "failed_logins": 0,
            "locked_until": None,
            "last_login_at": now,
        }
        if self._hasher.check_needs_rehash(account.password_hash):
            changes["password_hash"] = await asyncio.to_thread(self._hasher.hash, password)
        await uow.staff_accounts.change(account.id, **changes)
        await uow.staff_sessions.remove_expired(now)
        token = secrets.token_urlsafe(32)
        csrf = secrets.token_urlsafe(32)
        expires_at = now + self._policy.session_lifetime
        await uow.staff_sessions.add(
            StaffSessionRecord(
                id=session_key(token),
                account_id=account.id,
                csrf_token=csrf,
                created_at=now,
                last_seen=now,
                expires_at=expires_at,
                flash=None,
            )
        )
        await uow.audit.add(audit_entry(actor, account.display_name, "signed_in", now))
        return SignedIn(token, csrf, await reread_account(uow, account.id), expires_at)

    def _verify(self, password_hash: str, password: str) -> bool:
        try:
            return self._hasher.verify(password_hash, password)
        except (VerificationError, InvalidHashError):
            return False

    async def _burn_time(self, password: str) -> None:
        """Spend as long as a real check, so timing does not tell which usernames exist."""
        if self._decoy_hash is None:
            self._decoy_hash = await asyncio.to_thread(self._hasher.hash, secrets.token_hex(16))
        await asyncio.to_thread(self._verify, self._decoy_hash, password[:256])


def _flash(raw: str | None) -> Flash | None:
    if not raw:
        return None
    try:
        data = json.loads(raw)
        return Flash(str(data["key"]), {str(k): v for k, v in dict(data["args"]).items()})
    except (ValueError, KeyError, TypeError):
        return None
