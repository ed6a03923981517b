"""Dashboard accounts on SQLite and PostgreSQL: hashing, roles, lock-out and session expiry,
with a clock the test moves."""

from __future__ import annotations

import datetime as dt
import itertools
from typing import Literal

import pytest
from argon2 import PasswordHasher
from sqlalchemy import text
from sqlalchemy.ext.asyncio import AsyncEngine

from bot.domain.errors import (
    AccountLocked,
    BadCredentials,
    InvalidUsername,
    PermissionDenied,
    UsernameTaken,
    WeakPassword,
)
from bot.services.access.accounts import AccountService, session_key
from bot.services.access.model import LoginPolicy
from bot.services.kernel.actor import Actor, Role
from bot.services.kernel.officials import Officials
from storage.db import create_engine, create_session_factory
from storage.uow import UnitOfWorkFactory, unit_of_work_factory

PASSWORD = "một câu mật khẩu dài 2025"
POLICY = LoginPolicy(
    max_failures=3,
    lockout=dt.timedelta(minutes=15),
    session_lifetime=dt.timedelta(hours=8),
    idle_timeout=dt.timedelta(minutes=30),
)


class Clock:
    def __init__(self) -> None:
        self.now = dt.datetime(2026, 11, 23, 8, 0, tzinfo=dt.UTC)

    def __call__(self) -> dt.datetime:
        return self.now

    def advance(self, **delta: float) -> None:
        self.now += dt.timedelta(**delta)


@pytest.fixture
def clock() -> Clock:
    return Clock()


@pytest.fixture
def accounts(uow_factory: UnitOfWorkFactory, clock: Clock) -> AccountService:
    hasher = PasswordHasher(time_cost=1, memory_cost=8, parallelism=1)
    return AccountService(uow_factory, Officials(()), policy=POLICY, hasher=hasher, clock=clock)


async def test_the_password_is_stored_only_as_an_argon2_hash(
    accounts: AccountService, uow_factory: UnitOfWorkFactory
) -> None:
    await accounts.add(Actor.system(), "Hoa.Nguyen", PASSWORD, Role.MODERATOR)
    async with uow_factory() as uow:
        stored = await uow.staff_accounts.by_username("hoa.nguyen")
    assert stored is not None
    assert stored.password_hash.startswith("$argon2id$")
    assert PASSWORD not in stored.password_hash


async def test_accounts_need_a_sane_username_a_strong_password_and_an_administrator(
    accounts: AccountService,
) -> None:
    with pytest.raises(InvalidUsername):
        await accounts.add(Actor.system(), "x", PASSWORD, Role.MODERATOR)
    for weak, reason in [
        ("short", "too_short"),
        ("hoa-" + "a" * 20, "contains_username"),
        ("aaaaaaaaaaaaaaaa", "too_simple"),
        ("p" * 300, "too_long"),
    ]:
        with pytest.raises(WeakPassword) as refused:
            await accounts.add(Actor.system(), "hoa", weak, Role.MODERATOR)
        assert refused.value.reason == reason
    admin = await accounts.add(Actor.system(), "admin", PASSWORD, Role.ADMINISTRATOR)
    await accounts.add(admin.actor(), "hoa", PASSWORD, Role.MODERATOR)
    with pytest.raises(UsernameTaken):
        await accounts.add(admin.actor(), "HOA", PASSWORD, Role.MODERATOR)
    moderator = (await accounts.sign_in("hoa", PASSWORD)).account
    with pytest.raises(PermissionDenied):
        await accounts.add(moderator.actor(), "lan", PASSWORD, Role.ADMINISTRATOR)
    with pytest.raises(PermissionDenied):
        await accounts.accounts(Actor.official(555, "Telegram official"))


async def test_a_session_ends_after_idling_or_at_its_absolute_end(
    accounts: AccountService, clock: Clock
) -> None:
    await accounts.add(Actor.system(), "hoa", PASSWORD, Role.MODERATOR)
    idle = await accounts.sign_in("hoa", PASSWORD)
    clock.advance(minutes=29)
    assert await accounts.session(idle.token) is not None  # each visit moves the idle limit
    clock.advance(minutes=29)
    assert await accounts.session(idle.token) is not None
    clock.advance(minutes=31)
    assert await accounts.session(idle.token) is None
    busy = await accounts.sign_in("hoa", PASSWORD)
    started = clock.now
    while await accounts.session(busy.token) is not None:  # busy all day: a visit every 29 min
        clock.advance(minutes=29)
        assert clock.now - started < dt.timedelta(hours=9)
    lasted = clock.now - started
    assert POLICY.session_lifetime <= lasted < POLICY.session_lifetime + dt.timedelta(minutes=29)


async def test_pauses_grow_after_too_many_failures_and_run_out_by_themselves(
    accounts: AccountService, clock: Clock
) -> None:
    await accounts.add(Actor.system(), "hoa", PASSWORD, Role.MODERATOR)
    for _ in range(POLICY.max_failures - 1):
        with pytest.raises(BadCredentials):
            await accounts.sign_in("hoa", "wrong wrong wrong", source="6.6.6.6")
    pauses = []
    for _ in range(12):
        with pytest.raises(AccountLocked) as paused:
            await accounts.sign_in("hoa", "wrong wrong wrong", source="6.6.6.6")
        pauses.append(paused.value.until - clock.now)
        with pytest.raises(AccountLocked):  # the right password waits too
            await accounts.sign_in("hoa", PASSWORD, source="6.6.6.6")
        clock.now = paused.value.until
    # Doubling from two seconds, never beyond WEB_LOCKOUT_MINUTES.
    assert pauses[:4] == [dt.timedelta(seconds=s) for s in (2, 4, 8, 16)]
    assert pauses[-1] == POLICY.lockout
    assert all(later >= earlier for earlier, later in itertools.pairwise(pauses))
    assert (await accounts.sign_in("hoa", PASSWORD, source="6.6.6.6")).account.username == "hoa"


class CountingHasher(PasswordHasher):
    def __init__(self) -> None:
        super().__init__(time_cost=1, memory_cost=8, parallelism=1)
        self.verified = 0

    def verify(self, hash: str | bytes, password: str | bytes) -> Literal[True]:
        self.verified += 1
        return super().verify(hash, password)


async def test_an_unknown_name_gets_the_same_answers_and_the_same_hashing(
    uow_factory: UnitOfWorkFactory, clock: Clock
) -> None:
    hasher = CountingHasher()
    accounts = AccountService(uow_factory, Officials(()), policy=POLICY, hasher=hasher, clock=clock)
    await accounts.add(Actor.system(), "hoa", PASSWORD, Role.MODERATOR)

    async def attempts(name: str, source: str) -> list[tuple[str, dt.timedelta | None, int]]:
        answers: list[tuple[str, dt.timedelta | None, int]] = []
        for _ in range(POLICY.max_failures + 3):
            before = hasher.verified
            try:
                await accounts.sign_in(name, "wrong wrong wrong", source=source)
            except AccountLocked as error:
                answers.append(("paused", error.until - clock.now, hasher.verified - before))
            except BadCredentials:
                answers.append(("refused", None, hasher.verified - before))
        return answers

    existing = await attempts("hoa", "10.0.0.1")
    unknown = await attempts("nobody-here", "10.0.0.2")
    assert existing == unknown
    # Hashing runs for every checked attempt, of a real name or not; a paused one checks nothing.
    assert [hashed for kind, _, hashed in existing] == [
        1 if kind == "refused" or index == POLICY.max_failures - 1 else 0
        for index, (kind, _, _) in enumerate(existing)
    ]


async def test_a_stranger_alone_cannot_keep_an_official_out(
    accounts: AccountService, clock: Clock
) -> None:
    await accounts.add(Actor.system(), "hoa", PASSWORD, Role.MODERATOR)
    signed_in = await accounts.sign_in("hoa", PASSWORD, source="10.0.0.1")  # her usual browser
    await accounts.sign_out(signed_in.token)
    for _ in range(50):  # a stranger keeps guessing, as fast as the pauses let them
        with pytest.raises((BadCredentials, AccountLocked)) as refused:
            await accounts.sign_in("hoa", "guess guess guess", source="6.6.6.6")
        if isinstance(refused.value, AccountLocked):
            clock.now = refused.value.until
    with pytest.raises(AccountLocked):  # the stranger's latest guess: a pause again
        await accounts.sign_in("hoa", "guess guess guess", source="6.6.6.6")
    # Guessing spread over other addresses meets the name's pause...
    with pytest.raises(AccountLocked):
        await accounts.sign_in("hoa", "guess guess guess", source="7.7.7.7")
    # ...but the official, from where she signed in before, gets in at once.
    assert (await accounts.sign_in("hoa", PASSWORD, source="10.0.0.1")).account.username == "hoa"
    # An administrator can lift a name's pause too.
    for attempt in range(POLICY.max_failures):
        with pytest.raises((BadCredentials, AccountLocked)):
            await accounts.sign_in("hoa", "guess guess guess", source=f"8.8.8.{attempt}")
    with pytest.raises(AccountLocked):
        await accounts.sign_in("hoa", PASSWORD, source="9.9.9.9")
    await accounts.enable(Actor.system(), "hoa")
    assert (await accounts.sign_in("hoa", PASSWORD, source="9.9.9.9")).account.username == "hoa"


async def test_the_database_holds_no_usable_session_cookie(
    accounts: AccountService, uow_factory: UnitOfWorkFactory
) -> None:
    await accounts.add(Actor.system(), "hoa", PASSWORD, Role.BROADCASTER)
    signed_in = await accounts.sign_in("hoa", PASSWORD)
    async with uow_factory() as uow:
        stored = await uow.staff_sessions.get(session_key(signed_in.token))
        assert stored is not None
        assert await uow.staff_sessions.get(signed_in.token) is None
    assert await accounts.session(stored.id) is None  # the stored key is not a cookie


async def test_a_new_password_signs_out_everywhere(accounts: AccountService) -> None:
    await accounts.add(Actor.system(), "hoa", PASSWORD, Role.MODERATOR)
    signed_in = await accounts.sign_in("hoa", PASSWORD)
    await accounts.set_password(Actor.system(), "hoa", "một mật khẩu mới còn dài hơn")
    assert await accounts.session(signed_in.token) is None
    with pytest.raises(BadCredentials):
        await accounts.sign_in("hoa", PASSWORD)


def instance(engine: AsyncEngine, clock: Clock) -> AccountService:
    """One dashboard instance: its own services over its own connections."""
    hasher = PasswordHasher(time_cost=1, memory_cost=8, parallelism=1)
    units = unit_of_work_factory(create_session_factory(engine))
    return AccountService(units, Officials(()), policy=POLICY, hasher=hasher, clock=clock)


async def test_instances_share_the_pauses_and_a_restart_keeps_them(
    database_url: str, engine: AsyncEngine, clock: Clock
) -> None:
    first = instance(engine, clock)
    await first.add(Actor.system(), "hoa", PASSWORD, Role.MODERATOR)
    other_engine = create_engine(database_url)
    try:
        second = instance(other_engine, clock)
        # A stranger spreads guesses over two instances behind the proxy: one count.
        for attempt in range(POLICY.max_failures):
            at = (first, second)[attempt % 2]
            with pytest.raises((BadCredentials, AccountLocked)):
                await at.sign_in("hoa", "guess guess guess", source="6.6.6.6")
        with pytest.raises(AccountLocked):
            await first.sign_in("hoa", "guess guess guess", source="6.6.6.6")
        with pytest.raises(AccountLocked):
            await second.sign_in("nobody-here", "guess guess guess", source="6.6.6.6")
    finally:
        await other_engine.dispose()
    # A restart: new engine, new services; the pause is still there, for both keys.
    await engine.dispose()
    restarted_engine = create_engine(database_url)
    try:
        restarted = instance(restarted_engine, clock)
        with pytest.raises(AccountLocked):
            await restarted.sign_in("hoa", PASSWORD, source="6.6.6.6")
        with pytest.raises(AccountLocked):  # the name's pause, from a fresh address
            await restarted.sign_in("hoa", PASSWORD, source="7.7.7.7")
    finally:
        await restarted_engine.dispose()


async def count_rows(engine: AsyncEngine) -> list[tuple[str, str]]:
    async with engine.connect() as connection:
        return [
            (str(key), str(kind))
            for key, kind in await connection.execute(
                text("SELECT key, kind FROM sign_in_attempts ORDER BY kind")
            )
        ]


async def test_the_counts_keep_no_address_or_name_and_old_ones_are_swept(
    accounts: AccountService, engine: AsyncEngine, clock: Clock
) -> None:
    await accounts.add(Actor.system(), "hoa", PASSWORD, Role.MODERATOR)
    await accounts.sign_in("hoa", PASSWORD, source="10.0.0.1")
    for _ in range(POLICY.max_failures):
        with pytest.raises((BadCredentials, AccountLocked)):
            await accounts.sign_in("lan", "guess guess guess", source="6.6.6.6")
    stored = await count_rows(engine)
    assert sorted(kind for _, kind in stored) == ["name", "source", "trusted"]
    assert all(len(key) == 64 and "6.6.6" not in key and "lan" not in key for key, _ in stored)
    # Quiet for twice the longest pause: the next failure sweeps the counts it does not touch.
    clock.advance(minutes=31)
    with pytest.raises(BadCredentials):
        await accounts.sign_in("mai", "guess guess guess", source="7.7.7.7")
    assert sorted(kind for _, kind in await count_rows(engine)) == ["name", "source", "trusted"]
    # Trust lasts 30 days.
    clock.advance(days=31)
    with pytest.raises(BadCredentials):
        await accounts.sign_in("mai", "guess guess guess", source="7.7.7.7")
    assert sorted(kind for _, kind in await count_rows(engine)) == ["name", "source"]
