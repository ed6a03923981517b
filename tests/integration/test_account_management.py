"""Administrators manage accounts (SQLite and PostgreSQL): disable and enable, a new password
set or made for them, another role; never their own account, never the last administrator;
every change audited and the account's sessions ended."""

from __future__ import annotations

import pytest
from argon2 import PasswordHasher

from bot.domain.errors import LastAdministrator, OwnAccount, PermissionDenied
from bot.services.access.account_management import GENERATED_ALPHABET
from bot.services.access.accounts import AccountService
from bot.services.access.model import AccountView
from bot.services.kernel.actor import Actor, Role
from bot.services.kernel.officials import Officials
from storage.uow import UnitOfWorkFactory
from tests.integration.test_accounts import POLICY, Clock

PASSWORD = "một câu mật khẩu dài 2025"


@pytest.fixture
def accounts(uow_factory: UnitOfWorkFactory) -> AccountService:
    hasher = PasswordHasher(time_cost=1, memory_cost=8, parallelism=1)
    return AccountService(uow_factory, Officials(()), policy=POLICY, hasher=hasher, clock=Clock())


async def staff(accounts: AccountService) -> tuple[AccountView, AccountView, AccountView]:
    admin = await accounts.add(Actor.system(), "admin", PASSWORD, Role.ADMINISTRATOR)
    second = await accounts.add(Actor.system(), "second", PASSWORD, Role.ADMINISTRATOR)
    hoa = await accounts.add(Actor.system(), "hoa", PASSWORD, Role.MODERATOR)
    return admin, second, hoa


async def audited(uow_factory: UnitOfWorkFactory) -> list[tuple[str, str | None]]:
    async with uow_factory() as uow:
        entries = await uow.audit.recent(50)
    return sorted((entry.action, entry.detail) for entry in entries)


async def test_a_reset_password_is_shown_once_works_and_ends_the_old_sessions(
    accounts: AccountService, uow_factory: UnitOfWorkFactory
) -> None:
    admin, _second, _hoa = await staff(accounts)
    before = await accounts.sign_in("hoa", PASSWORD)
    changed, password = await accounts.reset_password(admin.actor(), "HOA")
    assert changed.username == "hoa"
    assert len(password) >= POLICY.min_password_chars
    assert set(password) <= set(GENERATED_ALPHABET + "-")
    assert await accounts.session(before.token) is None
    assert (await accounts.sign_in("hoa", password)).account.username == "hoa"
    async with uow_factory() as uow:
        stored = await uow.staff_accounts.by_username("hoa")
    assert stored is not None
    assert password not in stored.password_hash
    assert ("password_reset", "hoa") in await audited(uow_factory)
    _, other = await accounts.reset_password(admin.actor(), "hoa")
    assert other != password


async def test_a_role_change_is_audited_and_the_account_signs_in_again(
    accounts: AccountService, uow_factory: UnitOfWorkFactory
) -> None:
    admin, _second, _hoa = await staff(accounts)
    before = await accounts.sign_in("hoa", PASSWORD)
    changed = await accounts.change_role(admin.actor(), "hoa", Role.BROADCASTER)
    assert changed.role is Role.BROADCASTER
    assert await accounts.session(before.token) is None
    again = await accounts.sign_in("hoa", PASSWORD)
    assert again.account.role is Role.BROADCASTER
    assert ("role_changed", "hoa: moderator → broadcaster") in await audited(uow_factory)
    # The same role again changes nothing and audits nothing.
    await accounts.change_role(admin.actor(), "hoa", Role.BROADCASTER)
    assert await accounts.session(again.token) is not None
    roles = [entry for entry in await audited(uow_factory) if entry[0] == "role_changed"]
    assert len(roles) == 1


async def test_an_administrator_never_acts_on_their_own_account(
    accounts: AccountService,
) -> None:
    admin, _second, _hoa = await staff(accounts)
    me = admin.actor()
    with pytest.raises(OwnAccount):
        await accounts.change_role(me, "admin", Role.MODERATOR)
    with pytest.raises(OwnAccount):
        await accounts.reset_password(me, "Admin")
    with pytest.raises(OwnAccount):
        await accounts.set_password(me, "admin", "một mật khẩu mới còn dài hơn")
    with pytest.raises(OwnAccount):
        await accounts.disable(me, "admin")
    assert (await accounts.sign_in("admin", PASSWORD)).account.role is Role.ADMINISTRATOR


async def test_the_last_active_administrator_stays(accounts: AccountService) -> None:
    admin, second, _hoa = await staff(accounts)
    # Two administrators each take the other away, one just after the other: the second
    # finds the first one the last active administrator.
    await accounts.disable(admin.actor(), "second")
    with pytest.raises(LastAdministrator):
        await accounts.disable(second.actor(), "admin")
    with pytest.raises(LastAdministrator):
        await accounts.change_role(second.actor(), "admin", Role.MODERATOR)
    # A disabled administrator does not count, and may be given another role.
    await accounts.change_role(admin.actor(), "second", Role.MODERATOR)
    await accounts.enable(admin.actor(), "second")
    await accounts.change_role(admin.actor(), "second", Role.ADMINISTRATOR)
    await accounts.change_role(second.actor(), "admin", Role.BROADCASTER)  # another one is left
    # The operator in the shell may: it is where a lost dashboard is recovered from.
    await accounts.disable(Actor.system(), "second")
    listed = {account.username: account for account in await accounts.accounts(Actor.system())}
    assert listed["admin"].role is Role.BROADCASTER
    assert listed["second"].disabled


async def test_only_administrators_manage_accounts(accounts: AccountService) -> None:
    _admin, _second, _hoa = await staff(accounts)
    moderator = (await accounts.sign_in("hoa", PASSWORD)).account.actor()
    for call in (
        accounts.change_role(moderator, "second", Role.MODERATOR),
        accounts.reset_password(moderator, "second"),
        accounts.disable(moderator, "second"),
        accounts.change_role(Actor.official(555, "Telegram official"), "hoa", Role.ADMINISTRATOR),
    ):
        with pytest.raises(PermissionDenied):
            await call
