"""Storage on SQLite and PostgreSQL: migrations, residents, the question log."""

import asyncio
import datetime as dt

import pytest
from sqlalchemy import inspect
from sqlalchemy.ext.asyncio import AsyncEngine

from bot.domain.records import NewQuestion
from storage.db import create_engine
from storage.migrate import current_revision, downgrade, head_revision, upgrade
from storage.uow import UnitOfWorkFactory

NOW = dt.datetime(2026, 11, 22, 8, 30, tzinfo=dt.UTC)


def _question(text: str, *, answered: bool, at: dt.datetime = NOW) -> NewQuestion:
    return NewQuestion(
        resident_id=None,
        text=text,
        language="vi",
        channel="chat",
        outcome="confident" if answered else "none",
        matched_kind="indicator" if answered else None,
        matched_key="ho-ngheo" if answered else None,
        score=97.5 if answered else None,
        answered=answered,
        asked_at=at,
    )


async def _tables(engine: AsyncEngine) -> set[str]:
    async with engine.connect() as connection:
        names = await connection.run_sync(lambda sync: inspect(sync).get_table_names())
    return set(names)


async def test_migrations_upgrade_and_downgrade_from_empty(empty_database_url: str) -> None:
    engine = create_engine(empty_database_url)
    try:
        assert await current_revision(engine) is None
        await upgrade(engine)
        assert await current_revision(engine) == head_revision()
        assert {"residents", "question_log"} <= await _tables(engine)
        await upgrade(engine)  # idempotent: running twice changes nothing
        await downgrade(engine, "base")
        assert await current_revision(engine) is None
        assert not {"residents", "question_log"} & await _tables(engine)
    finally:
        await engine.dispose()


async def test_touch_creates_then_refreshes_a_resident(uow_factory: UnitOfWorkFactory) -> None:
    later = NOW + dt.timedelta(days=3)
    async with uow_factory() as uow:
        created = await uow.residents.touch(42, "vi", NOW)
        await uow.commit()
    async with uow_factory() as uow:
        refreshed = await uow.residents.touch(42, "en", later)
        await uow.residents.set_language(42, "en")
        await uow.commit()
    async with uow_factory() as uow:
        stored = await uow.residents.get(42)
    assert created.first_seen == NOW
    assert refreshed.first_seen == NOW
    assert refreshed.last_seen == later
    assert stored is not None
    assert stored.language == "en"
    assert stored.telegram_language == "en"
    assert stored.last_seen.tzinfo is not None


async def test_concurrent_first_contacts_do_not_collide(uow_factory: UnitOfWorkFactory) -> None:
    async def touch() -> None:
        async with uow_factory() as uow:
            await uow.residents.touch(7, "vi", NOW)
            await uow.commit()

    await asyncio.gather(*(touch() for _ in range(5)))
    async with uow_factory() as uow:
        assert await uow.residents.get(7) is not None


async def test_uncommitted_work_is_rolled_back(uow_factory: UnitOfWorkFactory) -> None:
    async with uow_factory() as uow:
        await uow.residents.touch(9, "vi", NOW)
        await uow.questions.add(_question("không lưu", answered=False))
    async with uow_factory() as uow:
        assert await uow.residents.get(9) is None
        assert await uow.questions.count() == 0


async def test_an_error_inside_the_unit_rolls_back(uow_factory: UnitOfWorkFactory) -> None:
    async def fail_midway() -> None:
        async with uow_factory() as uow:
            await uow.questions.add(_question("lỗi giữa chừng", answered=False))
            raise RuntimeError("boom")

    with pytest.raises(RuntimeError):
        await fail_midway()
    async with uow_factory() as uow:
        assert await uow.questions.count() == 0


async def test_unanswered_questions_grouped_most_asked_first(
    uow_factory: UnitOfWorkFactory,
) -> None:
    async with uow_factory() as uow:
        for minutes, text in enumerate(["giá vàng", "giá vàng", "lịch cắt điện", "giá vàng"]):
            await uow.questions.add(
                _question(text, answered=False, at=NOW + dt.timedelta(minutes=minutes))
            )
        question_id = await uow.questions.add(_question("hộ nghèo", answered=True))
        await uow.commit()
    async with uow_factory() as uow:
        unanswered = await uow.questions.unanswered(10)
        answered = await uow.questions.get(question_id)
    assert [(item.text, item.times_asked) for item in unanswered] == [
        ("giá vàng", 3),
        ("lịch cắt điện", 1),
    ]
    assert unanswered[0].last_asked == NOW + dt.timedelta(minutes=3)
    assert answered is not None
    assert answered.matched_key == "ho-ngheo"
    assert answered.score == pytest.approx(97.5)


async def test_stores_any_unicode_text_unchanged(uow_factory: UnitOfWorkFactory) -> None:
    text = "Hộ nghèo\u200b 🏠 <script>alert(1)</script> ' OR 1=1; -- e\u0301"
    async with uow_factory() as uow:
        question_id = await uow.questions.add(_question(text, answered=False))
        await uow.commit()
    async with uow_factory() as uow:
        stored = await uow.questions.get(question_id)
    assert stored is not None
    assert stored.text == text


async def test_naive_datetimes_are_refused(uow_factory: UnitOfWorkFactory) -> None:
    async def touch_with_naive_time() -> None:
        async with uow_factory() as uow:
            await uow.residents.touch(1, "vi", dt.datetime(2026, 1, 1))  # noqa: DTZ001 - naive on purpose
            await uow.commit()

    with pytest.raises(Exception, match="naive datetime"):
        await touch_with_naive_time()
