"""Names at Telegram's limits (64 + 64 characters, NUL, wide and combining characters, right-to-
left marks) file feedback and answer it, on SQLite and on PostgreSQL, which enforces column
lengths and refuses NUL; the names are kept whole, cleaned of what cannot be stored."""

from __future__ import annotations

import asyncio
import itertools
import threading
from collections.abc import Coroutine, Iterator
from contextlib import AsyncExitStack
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TypeVar

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from bot.services.container import Services, ServiceSettings
from bot.services.kernel.actor import Actor
from bot.services.kernel.live_knowledge import LiveKnowledge
from bot.services.kernel.plain_text import person_name
from storage.db import create_engine, create_session_factory
from storage.migrate import upgrade
from storage.uow import unit_of_work_factory
from tests.conftest import POSTGRES_URL, clean_postgres
from tests.tickets import file_ticket

T = TypeVar("T")
OFFICIAL_ID = 900001
STEP_SECONDS = 30
FUZZ = settings(
    max_examples=30,
    deadline=None,
    derandomize=True,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
ODD = st.sampled_from(["\x00", "\u0301", "\u200b", "\u202e", "\ufeff", "\n", "\t", " "])
WIDE = st.characters(min_codepoint=0x10000, max_codepoint=0x1FAFF)
NAME_PART = st.one_of(
    st.text(min_size=1, max_size=64),
    st.lists(st.one_of(ODD, WIDE, st.sampled_from("ắẫệ")), min_size=1, max_size=64).map("".join),
    st.sampled_from(["ư" * 64, "\U0001f600" * 64, "\x00" * 64, "A" * 64]),
)
FULL_NAME = st.tuples(NAME_PART, NAME_PART).map(" ".join)  # as Telegram's full_name joins


@dataclass
class Desk:
    loop: asyncio.AbstractEventLoop
    services: Services

    def run(self, coroutine: Coroutine[Any, Any, T]) -> T:
        return asyncio.run_coroutine_threadsafe(coroutine, self.loop).result(STEP_SECONDS)


@pytest.fixture(params=["sqlite", "postgresql"])
def desk(tmp_path: Path, request: pytest.FixtureRequest) -> Iterator[Desk]:
    """The services on a real database, on an event loop of their own thread, so hypothesis'
    synchronous examples can drive them."""
    if request.param == "postgresql" and not POSTGRES_URL:
        pytest.skip("TEST_DATABASE_URL is not set: PostgreSQL tests need a server")
    url = (
        POSTGRES_URL
        if request.param == "postgresql"
        else f"sqlite+aiosqlite:///{tmp_path / 'names.sqlite3'}"
    )
    loop = asyncio.new_event_loop()
    thread = threading.Thread(target=loop.run_forever, name="names", daemon=True)
    thread.start()
    stack = AsyncExitStack()

    async def start() -> Desk:
        if request.param == "postgresql":
            await clean_postgres(url)
        engine = create_engine(url)
        stack.push_async_callback(engine.dispose)
        await upgrade(engine)
        knowledge = LiveKnowledge.load(None)
        stack.callback(knowledge.close)
        uow = unit_of_work_factory(create_session_factory(engine))
        services = Services.build(
            uow, knowledge, ServiceSettings(admin_user_ids=frozenset({OFFICIAL_ID}))
        )
        return Desk(asyncio.get_running_loop(), services)

    try:
        yield asyncio.run_coroutine_threadsafe(start(), loop).result(STEP_SECONDS)
    finally:
        asyncio.run_coroutine_threadsafe(stack.aclose(), loop).result(STEP_SECONDS)
        loop.call_soon_threadsafe(loop.stop)
        thread.join(STEP_SECONDS)
        loop.close()


RESIDENT_IDS = itertools.count(5_000_000_001)


@FUZZ
@given(resident_name=FULL_NAME, official_name=FULL_NAME)
def test_any_telegram_name_files_and_answers_feedback(
    desk: Desk, resident_name: str, official_name: str
) -> None:
    number = next(RESIDENT_IDS)
    resident = Actor.resident(number, "vi", resident_name)
    official = Actor.official(OFFICIAL_ID, official_name)

    async def file_and_answer() -> tuple[str | None, list[str]]:
        text = f"Góp ý số {number}: đường ngõ {number % 997} bị ngập khi mưa, đề nghị sửa"
        ticket = await file_ticket(desk.services, resident, text)
        await desk.services.moderation.answer(official, ticket.id, f"Đã nhận góp ý {number}")
        view = await desk.services.moderation.ticket(official, ticket.id)
        return view.ticket.author_name, [reply.official_name for reply in view.replies]

    author, repliers = desk.run(file_and_answer())
    assert author == person_name(resident_name)
    assert repliers == [person_name(official_name) or str(OFFICIAL_ID)]
    for kept in (author or "", *repliers):
        assert "\x00" not in kept
        assert len(kept) <= 256


def test_names_at_telegrams_limits_are_kept_whole() -> None:
    full = "Ư" * 64 + " " + "\U0001f600" * 64
    assert person_name(full) == full
    assert person_name("Lan\x00 \u200bNguyễn\n") == "Lan Nguyễn"
    assert person_name("\x00\u200b \n") is None
