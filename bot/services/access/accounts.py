"""Dashboard accounts: add, list, disable; sign in with lock-out; sessions with expiry.

Passwords are kept only as argon2id hashes (argon2-cffi). Hashing is slow on purpose, so it runs
in a thread: a sign-in never stalls the bot's replies. A session cookie is a random token whose
SHA-256 is the stored key, so reading the database signs no one in.
"""

from __future__ import annotations

import asyncio
import hashlib
import json
import logging
import re
import secrets
import unicodedata

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError

from bot.domain.errors import (
    AccountLocked,
    AccountNotFound,
    BadCredentials,
    InvalidUsername,
    OwnAccount,
    UsernameTaken,
    WeakPassword,
)
from bot.domain.records import StaffAccountRecord, StaffSessionRecord
from bot.services.access.login_throttle import LoginThrottle
from bot.services.access.model import AccountView, Flash, LoginPolicy, SignedIn, StaffSession
from bot.services.kernel.actor import Actor, ActorKind, Role
from bot.services.kernel.audit import audit_entry
from bot.services.kernel.clock import Clock, utc_now
from bot.services.kernel.officials import Officials, Permission
from storage.uow import UnitOfWork, UnitOfWorkFactory

logger = logging.getLogger(__name__)

USERNAME = re.compile(r"^[a-z0-9][a-z0-9._-]{2,63}$")
DISPLAY_NAME_CHARS = 128
# The few passwords every guesser tries first; length does the rest.
COMMON_PASSWORDS = frozenset(
    {"password1234", "123456789012", "qwertyuiop12", "matkhau12345", "admin1234567"}
)


def session_key(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def check_password(password: str, username: str, policy: LoginPolicy) -> None:
    """Raise WeakPassword unless the password is long, not the username and not trivial."""
    if len(password) < policy.min_password_chars:
        raise WeakPassword("too_short")
    if len(password) > policy.max_password_chars:
        raise WeakPassword("too_long")
    if username.casefold() in password.casefold():
        raise WeakPassword("contains_username")
    if len(set(password)) < 5 or password.casefold() in COMMON_PASSWORDS:
        raise WeakPassword("too_simple")


def clean_username(username: str) -> str:
    cleaned = unicodedata.normalize("NFKC", username).strip().lower()
    if not USERNAME.match(cleaned):
        raise InvalidUsername(cleaned[:64])
    return cleaned


class AccountService:
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

    # --- managing accounts (administrators, or the operator's shell as the system) ----------

    async def add(  # noqa: PLR0913 - the account's fields; optional ones keyword-only
        self,
        actor: Actor,
        username: str,
        password: str,
        role: Role,
        *,
        display_name: str | None = None,
        telegram_user_id: int | None = None,
    ) -> AccountView:
        official = await self._officials.require(actor, Permission.MANAGE_ACCOUNTS)
        name = clean_username(username)
        check_password(password, name, self._policy)
        password_hash = await asyncio.to_thread(self._hasher.hash, password)
        label = " ".join((display_name or name).split())[:DISPLAY_NAME_CHARS] or name
        async with self._uow() as uow:
            if await uow.staff_accounts.by_username(name) is not None:
                raise UsernameTaken(name)
            now = self._clock()
            record = await uow.staff_accounts.add(
                StaffAccountRecord(
                    id=0,
                    username=name,
                    display_name=label,
                    password_hash=password_hash,
                    role=role.value,
                    telegram_user_id=telegram_user_id,
                    failed_logins=0,
                    locked_until=None,
                    last_login_at=None,
                    disabled_at=None,
                    created_at=now,
                )
            )
            detail = f"{name} ({role.value})"
            await uow.audit.add(
                audit_entry(actor, official.label, "account_added", now, detail=detail)
            )
            await uow.commit()
        return _view(record)

    async def accounts(self, actor: Actor) -> list[AccountView]:
        await self._officials.require(actor, Permission.MANAGE_ACCOUNTS)
        async with self._uow() as uow:
            return [_view(record) for record in await uow.staff_accounts.all()]

    async def disable(self, actor: Actor, username: str) -> AccountView:
        """Sign the account out everywhere and refuse its password from now on."""
        official = await self._officials.require(actor, Permission.MANAGE_ACCOUNTS)
        async with self._uow() as uow:
            record = await self._account(uow, username)
            if actor.kind is ActorKind.STAFF and actor.account_id == record.id:
                raise OwnAccount(record.username)
            now = self._clock()
            if record.disabled_at is None:
                await uow.staff_accounts.change(record.id, disabled_at=now)
                await uow.audit.add(
                    audit_entry(
                        actor, official.label, "account_disabled", now, detail=record.username
                    )
                )
            await uow.staff_sessions.remove_for_account(record.id)
            changed = await _reread(uow, record.id)
            await uow.commit()
        return changed

    async def enable(self, actor: Actor, username: str) -> AccountView:
        official = await self._officials.require(actor, Permission.MANAGE_ACCOUNTS)
        async with self._uow() as uow:
            record = await self._account(uow, username)
            now = self._clock()
            await uow.staff_accounts.change(
                record.id, disabled_at=None, failed_logins=0, locked_until=None
            )
            await self._throttle.forget(uow, record.username)
            await uow.audit.add(
                audit_entry(actor, official.label, "account_enabled", now, detail=record.username)
            )
            changed = await _reread(uow, record.id)
            await uow.commit()
        return changed

    async def set_password(self, actor: Actor, username: str, password: str) -> AccountView:
        """A new password (also lifts a lock-out); every open session is signed out."""
        official = await self._officials.require(actor, Permission.MANAGE_ACCOUNTS)
        name = clean_username(username)
        check_password(password, name, self._policy)
        password_hash = await asyncio.to_thread(self._hasher.hash, password)
        async with self._uow() as uow:
            record = await self._account(uow, name)
            now = self._clock()
            await uow.staff_accounts.change(
                record.id, password_hash=password_hash, failed_logins=0, locked_until=None
            )
            await uow.staff_sessions.remove_for_account(record.id)
            await uow.audit.add(
                audit_entry(actor, official.label, "password_set", now, detail=record.username)
            )
            changed = await _reread(uow, record.id)
            await uow.commit()
        return changed

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
            actor = _view(current).actor()
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
            account=_view(account),
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
                view = _view(account)
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

    async def _account(self, uow: UnitOfWork, username: str) -> StaffAccountRecord:
        record = await uow.staff_accounts.by_username(clean_username(username))
        if record is None:
            raise AccountNotFound(username)
        return record

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
        return SignedIn(token, csrf, await _reread(uow, account.id), expires_at)

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


async def _reread(uow: UnitOfWork, account_id: int) -> AccountView:
    record = await uow.staff_accounts.get(account_id)
    if record is None:
        raise AccountNotFound(str(account_id))
    return _view(record)


def _view(record: StaffAccountRecord) -> AccountView:
    return AccountView(
        id=record.id,
        username=record.username,
        display_name=record.display_name,
        role=Role(record.role),
        telegram_user_id=record.telegram_user_id,
        disabled=record.disabled_at is not None,
        locked_until=record.locked_until,
        last_login_at=record.last_login_at,
        created_at=record.created_at,
    )


def _flash(raw: str | None) -> Flash | None:
    if not raw:
        return None
    try:
        data = json.loads(raw)
        return Flash(str(data["key"]), {str(k): v for k, v in dict(data["args"]).items()})
    except (ValueError, KeyError, TypeError):
        return None
