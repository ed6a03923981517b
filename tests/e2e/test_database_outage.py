"""PostgreSQL goes away for ten seconds and comes back: the running bot recovers by itself."""

from __future__ import annotations

import asyncio
import datetime as dt
import json
import logging
from collections.abc import AsyncIterator, Callable
from typing import Any

import aiohttp
import pytest
from sqlalchemy.dialects.postgresql.asyncpg import PGDialect_asyncpg
from sqlalchemy.engine import make_url
from sqlalchemy.exc import DBAPIError

from bot.app import Runtime, running_bot
from bot.sandbox.emulator import BotApiEmulator
from bot.settings import load_settings
from storage import db
from storage.db import create_engine, create_session_factory
from storage.migrate import upgrade
from storage.outage import CommitInDoubt, rerun_on_outage
from storage.uow import UnitOfWork, unit_of_work_factory
from tests.conftest import POSTGRES_URL, clean_postgres
from tests.e2e.helpers import ADMIN_CHAT, OFFICIAL, RESIDENT_ID, ask, rows
from tests.e2e.tcp_proxy import TcpProxy
from tests.e2e.test_feedback import edited, file_feedback, latest, press

OUTAGE_SECONDS = 10


@pytest.fixture
async def proxy() -> AsyncIterator[TcpProxy]:
    if not POSTGRES_URL:
        pytest.skip("TEST_DATABASE_URL is not set: the outage is of a PostgreSQL server")
    await clean_postgres(POSTGRES_URL)
    upstream = make_url(POSTGRES_URL)
    proxy = TcpProxy(upstream.host or "127.0.0.1", upstream.port or 5432)
    await proxy.start()
    yield proxy
    await proxy.stop()


@pytest.fixture
async def bot_behind_proxy(group: BotApiEmulator, proxy: TcpProxy) -> AsyncIterator[Runtime]:
    url = make_url(POSTGRES_URL).set(host="127.0.0.1", port=proxy.port)
    settings = load_settings(
        None,
        telegram_bot_token=group.token,
        telegram_api_url=group.base_url,
        database_url=url.render_as_string(hide_password=False),
        admin_chat_id=ADMIN_CHAT,
        admin_user_ids=str(OFFICIAL),
        polling_standby_seconds=0.5,
    )
    async with running_bot(settings) as runtime:
        yield runtime


async def health(runtime: Runtime) -> tuple[int, dict[str, str]]:
    async with (
        aiohttp.ClientSession() as session,
        session.get(runtime.dashboard_url + "healthz") as response,
    ):
        return response.status, json.loads(await response.text())


async def test_ten_seconds_without_the_database_then_everything_works_again(
    group: BotApiEmulator, bot_behind_proxy: Runtime, proxy: TcpProxy
) -> None:
    await file_feedback(group, "Đèn đường ngõ 12 phố Huế bị hỏng")
    await proxy.cut()
    status, body = await health(bot_behind_proxy)
    assert (status, body["database"]) == (503, "unreachable")
    # A resident writes while the database is away: the question waits, it is not lost.
    during = await group.send_text(RESIDENT_ID, "ho ngheo")
    await asyncio.sleep(OUTAGE_SECONDS)  # the outage itself, not a wait for the bot
    await proxy.start()

    answer = await group.wait_for_bot_message(
        RESIDENT_ID, after=during["message"]["message_id"], timeout=30
    )
    assert "hộ nghèo" in answer["text"].lower()
    assert (await health(bot_behind_proxy))[0] == 200
    assert "bảo hiểm y tế" in (await ask(group, RESIDENT_ID, "bhyt"))["text"].lower()
    code, _card = await file_feedback(group, "Vỉa hè ngõ 12 phố Huế bị lấn chiếm")
    assert code
    # The question asked during the outage reached the question log once the database was back.
    await bot_behind_proxy.services.recorder.flush()
    assert bot_behind_proxy.services.recorder.pending == 0
    assert bot_behind_proxy.application.bot_data.metrics.update_errors._value.get() == 0


@pytest.fixture
async def proxied_units(
    proxy: TcpProxy,
) -> AsyncIterator[Callable[[], UnitOfWork]]:
    url = make_url(POSTGRES_URL).set(host="127.0.0.1", port=proxy.port)
    engine = create_engine(url.render_as_string(hide_password=False))
    await upgrade(engine)
    yield unit_of_work_factory(create_session_factory(engine), outage_patience=60)
    await engine.dispose()


async def until_logged(caplog: pytest.LogCaptureFixture, text: str) -> None:
    async with asyncio.timeout(30):
        # The log is the only sign that the unit of work is waiting: looked at every 20 ms.
        while not any(text in record.getMessage() for record in caplog.records):  # noqa: ASYNC110
            await asyncio.sleep(0.02)


async def test_a_connection_cut_mid_query_is_resumed_while_the_unit_only_read(
    proxied_units: Callable[[], UnitOfWork], proxy: TcpProxy, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.WARNING, logger="storage.uow")
    async with proxied_units() as uow:
        await uow.residents.touch(RESIDENT_ID, "vi", dt.datetime.now(dt.UTC))
        await uow.commit()
    async with proxied_units() as uow:
        assert await uow.residents.get(RESIDENT_ID) is not None  # a read: still resumable
        proxy.hold()
        read = asyncio.create_task(uow.questions.count())
        await proxy.held.wait()  # the query is out, its answer held back
        await proxy.cut()
        await until_logged(caplog, "database unreachable")  # waiting, not failing
        await proxy.start()
        assert await read == 0
        await uow.residents.set_language(RESIDENT_ID, "en")  # the unit goes on, and writes
        await uow.commit()
    async with proxied_units() as uow:
        resident = await uow.residents.get(RESIDENT_ID)
    assert resident is not None
    assert resident.language == "en"


async def test_a_connection_cut_after_a_write_fails_and_nothing_is_committed(
    proxied_units: Callable[[], UnitOfWork], proxy: TcpProxy
) -> None:
    async with proxied_units() as uow:
        await uow.residents.touch(RESIDENT_ID, "vi", dt.datetime.now(dt.UTC))
        await uow.commit()
    async with proxied_units() as uow:
        await uow.residents.set_language(RESIDENT_ID, "en")  # a write: no longer resumable
        proxy.hold()
        read = asyncio.create_task(uow.questions.count())
        await proxy.held.wait()
        await proxy.cut()
        await proxy.start()
        with pytest.raises(DBAPIError):
            await read
    async with proxied_units() as uow:
        resident = await uow.residents.get(RESIDENT_ID)
    assert resident is not None
    assert resident.language is None


async def test_a_connection_cut_after_the_unit_wrote_runs_the_whole_unit_again(
    group: BotApiEmulator,
    bot_behind_proxy: Runtime,
    proxy: TcpProxy,
    caplog: pytest.LogCaptureFixture,
) -> None:
    """The resident's ticket is written, its audit row goes out, and the connection is cut
    before the COMMIT: the whole filing runs again once the database is back, and the resident
    gets one answer, the database one ticket with one audit row."""
    caplog.set_level(logging.WARNING, logger="storage.outage")
    proxy.hold_on(b"INSERT INTO audit_log")
    filing = asyncio.create_task(
        file_feedback(group, "Cống thoát nước ngõ 5 phố Huế bị tắc", patience=60)
    )
    await proxy.held.wait()  # the ticket and its audit row are out, their answers held back
    await proxy.cut()
    await until_logged(caplog, "running it again")  # the filing waits for the database
    await proxy.start()
    code, card = await filing

    assert code in card["text"]
    resident_messages = [m.get("text", "") for m in group.bot_messages(RESIDENT_ID)]
    assert sum("Mã phiếu" in text for text in resident_messages) == 1
    assert not any("sự cố" in text for text in resident_messages)
    cards = [m for m in group.bot_messages(ADMIN_CHAT) if code in m.get("text", "")]
    assert len(cards) == 1
    assert await rows(POSTGRES_URL, "SELECT code FROM tickets") == [(code,)]
    filed = "SELECT count(*) FROM audit_log WHERE action = 'filed'"
    assert await rows(POSTGRES_URL, filed) == [(1,)]


async def test_a_connection_cut_while_committing_is_in_doubt_and_never_run_again(
    proxied_units: Callable[[], UnitOfWork], proxy: TcpProxy
) -> None:
    """The COMMIT reached the server and only its answer was lost: running the unit again
    would apply it twice, so the call fails instead."""
    attempts = 0

    async def unit() -> None:
        nonlocal attempts
        attempts += 1
        async with proxied_units() as uow:
            await uow.residents.touch(RESIDENT_ID, "vi", dt.datetime.now(dt.UTC))
            proxy.hold_on(b"COMMIT")
            commit = asyncio.create_task(uow.commit())
            await proxy.held.wait()  # the COMMIT is out, its answer held back
            await proxy.cut()
            await proxy.start()
            await commit

    with pytest.raises(CommitInDoubt):
        await rerun_on_outage(unit, patience=60)
    assert attempts == 1  # whether the server applied it depends on when the cut came


async def test_an_approval_cut_after_it_wrote_is_applied_once(
    group: BotApiEmulator,
    bot_behind_proxy: Runtime,
    proxy: TcpProxy,
    caplog: pytest.LogCaptureFixture,
) -> None:
    """The official's approval has moved the ticket and written its audit row and the
    resident's notice when the connection is cut: it runs again once the database is back."""
    caplog.set_level(logging.WARNING, logger="storage.outage")
    code, card = await file_feedback(group, "Rác thải chưa được thu gom ngõ 7 phố Huế")
    last = latest(group, RESIDENT_ID)
    proxy.hold_on(b"INSERT INTO notices")  # the approval's last write
    approving = asyncio.create_task(press(group, OFFICIAL, card, "Duyệt", timeout=60))
    await proxy.held.wait()
    await proxy.cut()
    await until_logged(caplog, "running it again")
    await proxy.start()

    assert code in (await approving).get("text", "")
    await edited(group, card, "Hà Nguyễn: duyệt", timeout=30)
    notice = await group.wait_for_bot_message(RESIDENT_ID, after=last, timeout=30)
    assert code in notice["text"]
    assert "tiếp nhận" in notice["text"]
    # Of the ticket's rows (the first start's content_published row is not a move).
    moves = "SELECT action FROM audit_log WHERE ticket_id IS NOT NULL AND action <> 'filed'"
    assert len(await rows(POSTGRES_URL, moves)) == 1
    assert await rows(POSTGRES_URL, "SELECT count(*) FROM notices") == [(1,)]
    assert await rows(POSTGRES_URL, "SELECT status FROM tickets") == [("approved",)]


async def test_a_connection_that_died_while_idle_is_replaced_before_the_unit_writes(
    proxied_units: Callable[[], UnitOfWork],
    proxy: TcpProxy,
    monkeypatch: pytest.MonkeyPatch,
    caplog: pytest.LogCaptureFixture,
) -> None:
    """The pooled connection dies while idle (the server restarted): the pool pings it before
    the next unit of work and connects anew, so even a unit whose first statement is a write
    runs as if nothing happened (without the ping it would fail with ConnectionLost)."""
    caplog.set_level(logging.WARNING, logger="storage")
    async with proxied_units() as uow:
        await uow.residents.touch(RESIDENT_ID, "vi", dt.datetime.now(dt.UTC))
        await uow.commit()
    await proxy.cut()  # the pooled connection is now dead, unbeknown to the pool
    await proxy.start()
    monkeypatch.setattr(db, "PING_AFTER_IDLE_SECONDS", 0.0)  # it has been idle long enough
    async with proxied_units() as uow:
        await uow.residents.set_language(RESIDENT_ID, "en")
        await uow.commit()
    async with proxied_units() as uow:
        resident = await uow.residents.get(RESIDENT_ID)
    assert resident is not None
    assert resident.language == "en"
    assert not caplog.records  # nothing resumed, nothing run again


async def test_a_connection_in_steady_use_is_not_pinged(
    proxied_units: Callable[[], UnitOfWork], monkeypatch: pytest.MonkeyPatch
) -> None:
    """A ping costs PostgreSQL a transaction and asyncpg three round trips: a connection used
    again within PING_AFTER_IDLE_SECONDS goes without."""
    pings = 0
    ping: Callable[[PGDialect_asyncpg, Any], bool] = PGDialect_asyncpg.do_ping

    def counted(self: PGDialect_asyncpg, dbapi_connection: Any) -> bool:
        nonlocal pings
        pings += 1
        return ping(self, dbapi_connection)

    monkeypatch.setattr(PGDialect_asyncpg, "do_ping", counted)
    monkeypatch.setattr(db, "PING_AFTER_IDLE_SECONDS", 3600.0)
    for _ in range(5):
        async with proxied_units() as uow:
            await uow.questions.count()
    assert pings == 0
    monkeypatch.setattr(db, "PING_AFTER_IDLE_SECONDS", 0.0)
    for _ in range(5):
        async with proxied_units() as uow:
            await uow.questions.count()
    assert pings == 5
