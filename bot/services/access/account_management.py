"""Managing dashboard accounts: add, list, disable, enable, set or reset a password, change a
role; the rules a username and a password follow. Administrators do it on the dashboard, the
operator in the shell (as the system). Signing in and sessions are in accounts.py, whose service
includes this part.

An administrator never acts on their own account here (they would lock themselves out), and on
the dashboard the last active administrator can be neither disabled nor given another role:
someone must be left who can manage accounts (the shell is the way back in). Every change is
audited; disabling, a new password and a new role end the account's sessions.
"""

from __future__ import annotations

import asyncio
import re
import secrets
import unicodedata

from argon2 import PasswordHasher

from bot.domain.errors import (
    AccountNotFound,
    InvalidUsername,
    LastAdministrator,
    OwnAccount,
    UsernameTaken,
    WeakPassword,
)
from bot.domain.staff_records import StaffAccountRecord
from bot.services.access.login_throttle import LoginThrottle
from bot.services.access.model import AccountProfile, AccountView, LoginPolicy
from bot.services.kernel.actor import Actor, ActorKind, Role
from bot.services.kernel.audit import AuditNote, audit_entry
from bot.services.kernel.clock import Clock
from bot.services.kernel.officials import Officials, Permission
from storage.uow import UnitOfWork, UnitOfWorkFactory

USERNAME = re.compile(r"^[a-z0-9][a-z0-9._-]{2,63}$")
DISPLAY_NAME_CHARS = 128
# The few passwords every guesser tries first; length does the rest.
COMMON_PASSWORDS = frozenset(
    {"password1234", "123456789012", "qwertyuiop12", "matkhau12345", "admin1234567"}
)


# A password an administrator hands over once: no letters that read alike (l/1, O/0).
GENERATED_ALPHABET = "abcdefghjkmnpqrstuvwxyz23456789"
GENERATED_GROUPS = 4  # of 4 letters: about 79 bits, typed from a screen without mistakes


def generated_password(username: str, policy: LoginPolicy) -> str:
    while True:
        groups = (
            "".join(secrets.choice(GENERATED_ALPHABET) for _ in range(4))
            for _ in range(GENERATED_GROUPS)
        )
        password = "-".join(groups)
        try:
            check_password(password, username, policy)
        except WeakPassword:  # the username by chance, or a policy asking for more
            continue
        return password


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


class AccountManagement:
    """The administrators' part of the accounts service (AccountService sets these up)."""

    _uow: UnitOfWorkFactory
    _officials: Officials
    _policy: LoginPolicy
    _hasher: PasswordHasher
    _clock: Clock
    _throttle: LoginThrottle

    async def add(
        self,
        actor: Actor,
        username: str,
        password: str,
        role: Role,
        *,
        profile: AccountProfile | None = None,
    ) -> AccountView:
        profile = profile or AccountProfile()
        official = await self._officials.require(actor, Permission.MANAGE_ACCOUNTS)
        name = clean_username(username)
        check_password(password, name, self._policy)
        password_hash = await asyncio.to_thread(self._hasher.hash, password)
        label = " ".join((profile.display_name or name).split())[:DISPLAY_NAME_CHARS] or name
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
                    telegram_user_id=profile.telegram_user_id,
                    failed_logins=0,
                    locked_until=None,
                    last_login_at=None,
                    disabled_at=None,
                    created_at=now,
                )
            )
            detail = f"{name} ({role.value})"
            await uow.audit.add(
                audit_entry(actor, official.label, "account_added", now, AuditNote(detail=detail))
            )
            await uow.commit()
        return account_view(record)

    async def accounts(self, actor: Actor) -> list[AccountView]:
        await self._officials.require(actor, Permission.MANAGE_ACCOUNTS)
        async with self._uow() as uow:
            return [account_view(record) for record in await uow.staff_accounts.all()]

    async def disable(self, actor: Actor, username: str) -> AccountView:
        """Sign the account out everywhere and refuse its password from now on."""
        official = await self._officials.require(actor, Permission.MANAGE_ACCOUNTS)
        async with self._uow() as uow:
            record = await self._account(uow, username)
            _not_own(actor, record)
            now = self._clock()
            if record.disabled_at is None:
                await _not_last_administrator(uow, actor, record)
                await uow.staff_accounts.change(record.id, disabled_at=now)
                await uow.audit.add(
                    audit_entry(
                        actor,
                        official.label,
                        "account_disabled",
                        now,
                        AuditNote(detail=record.username),
                    )
                )
            await uow.staff_sessions.remove_for_account(record.id)
            changed = await reread_account(uow, record.id)
            await uow.commit()
        return changed

    async def change_role(self, actor: Actor, username: str, role: Role) -> AccountView:
        """Another role; the account's open sessions end (it signs in again into the new one)."""
        official = await self._officials.require(actor, Permission.MANAGE_ACCOUNTS)
        async with self._uow() as uow:
            record = await self._account(uow, username)
            _not_own(actor, record)
            if record.role != role.value:
                if record.disabled_at is None:
                    await _not_last_administrator(uow, actor, record)
                now = self._clock()
                await uow.staff_accounts.change(record.id, role=role.value)
                await uow.staff_sessions.remove_for_account(record.id)
                detail = f"{record.username}: {record.role} → {role.value}"
                note = AuditNote(detail=detail)
                await uow.audit.add(audit_entry(actor, official.label, "role_changed", now, note))
            changed = await reread_account(uow, record.id)
            await uow.commit()
        return changed

    async def reset_password(self, actor: Actor, username: str) -> tuple[AccountView, str]:
        """A new password made here, for the administrator to hand over once: it is returned,
        never stored or logged (only its hash)."""
        name = clean_username(username)
        password = generated_password(name, self._policy)
        changed = await self._new_password(actor, name, password, "password_reset")
        return changed, password

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
                audit_entry(
                    actor, official.label, "account_enabled", now, AuditNote(detail=record.username)
                )
            )
            changed = await reread_account(uow, record.id)
            await uow.commit()
        return changed

    async def set_password(self, actor: Actor, username: str, password: str) -> AccountView:
        """A new password (also lifts a lock-out); every open session is signed out."""
        return await self._new_password(actor, username, password, "password_set")

    async def _new_password(
        self, actor: Actor, username: str, password: str, action: str
    ) -> AccountView:
        official = await self._officials.require(actor, Permission.MANAGE_ACCOUNTS)
        name = clean_username(username)
        check_password(password, name, self._policy)
        password_hash = await asyncio.to_thread(self._hasher.hash, password)
        async with self._uow() as uow:
            record = await self._account(uow, name)
            _not_own(actor, record)
            now = self._clock()
            await uow.staff_accounts.change(
                record.id, password_hash=password_hash, failed_logins=0, locked_until=None
            )
            await uow.staff_sessions.remove_for_account(record.id)
            await uow.audit.add(
                audit_entry(actor, official.label, action, now, AuditNote(detail=record.username))
            )
            changed = await reread_account(uow, record.id)
            await uow.commit()
        return changed

    async def _account(self, uow: UnitOfWork, username: str) -> StaffAccountRecord:
        record = await uow.staff_accounts.by_username(clean_username(username))
        if record is None:
            raise AccountNotFound(username)
        return record


def _not_own(actor: Actor, record: StaffAccountRecord) -> None:
    """The check is on the account's id, whatever form the name was written in."""
    if actor.kind is ActorKind.STAFF and actor.account_id == record.id:
        raise OwnAccount(record.username)


async def _not_last_administrator(
    uow: UnitOfWork, actor: Actor, record: StaffAccountRecord
) -> None:
    """On the dashboard, refuse to take the last active administrator away (the rows stay
    locked until the commit: two administrators disabling each other at once cannot both pass).
    The operator in the shell may: the shell is where a lost dashboard is recovered from."""
    if record.role != Role.ADMINISTRATOR.value or actor.kind is not ActorKind.STAFF:
        return
    active = await uow.staff_accounts.active_ids_with_role(Role.ADMINISTRATOR.value)
    if not [other for other in active if other != record.id]:
        raise LastAdministrator(record.username)


async def reread_account(uow: UnitOfWork, account_id: int) -> AccountView:
    record = await uow.staff_accounts.get(account_id)
    if record is None:
        raise AccountNotFound(str(account_id))
    return account_view(record)


def account_view(record: StaffAccountRecord) -> AccountView:
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
