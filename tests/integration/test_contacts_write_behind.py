"""Residents' contacts wait in the write-behind with the answered questions' log: no write
before the reply, one batch after it, the contacts first; what the resident chose is still read."""

from __future__ import annotations

import asyncio
import datetime as dt

import pytest

from bot.services.container import Services
from bot.services.kernel.actor import Actor
from bot.services.kernel.live_knowledge import LiveKnowledge
from bot.services.kernel.residents import ResidentService
from bot.services.knowledge.question_recorder import QuestionRecorder
from storage.uow import UnitOfWorkFactory

LAN = Actor.resident(601, "vi")
SAM = Actor.resident(602, "en")
ANSWERED = "ty le ho ngheo"
UNANSWERED = "mức trợ cấp người cao tuổi bao nhiêu"


@pytest.fixture(scope="module")
def knowledge() -> LiveKnowledge:
    return LiveKnowledge.load()


@pytest.fixture
def services(uow_factory: UnitOfWorkFactory, knowledge: LiveKnowledge) -> Services:
    return Services.build(uow_factory, knowledge)


async def _resident_ids(uow_factory: UnitOfWorkFactory, *actors: Actor) -> list[int]:
    found = []
    async with uow_factory() as uow:
        for actor in actors:
            if await uow.residents.get(actor.user_id or 0) is not None:
                found.append(actor.user_id or 0)
    return found


async def test_a_first_contact_is_written_behind_the_answer_with_its_question(
    services: Services, uow_factory: UnitOfWorkFactory
) -> None:
    await services.answers.ask(LAN, ANSWERED)
    await services.answers.ask(SAM, ANSWERED)
    assert await _resident_ids(uow_factory, LAN, SAM) == []  # nothing written yet
    assert (services.recorder.pending_contacts, services.recorder.pending) == (2, 2)
    await services.recorder.flush()
    assert await _resident_ids(uow_factory, LAN, SAM) == [601, 602]
    async with uow_factory() as uow:
        assert await uow.questions.count() == 2
        lan = await uow.residents.get(601)
    assert lan is not None
    assert lan.telegram_language == "vi"
    assert (services.recorder.pending_contacts, services.recorder.pending) == (0, 0)


async def test_an_unanswered_question_commits_its_resident_first_even_when_one_waits(
    services: Services, uow_factory: UnitOfWorkFactory
) -> None:
    await services.answers.ask(LAN, ANSWERED)  # LAN's contact now waits in the write-behind
    answer = await services.answers.ask(LAN, UNANSWERED)
    assert answer.question_id is not None  # committed before the reply, its resident with it
    assert await _resident_ids(uow_factory, LAN) == [601]
    await services.recorder.flush()  # the waiting contact is a harmless second upsert
    async with uow_factory() as uow:
        assert await uow.questions.count() == 2


async def test_a_language_chosen_elsewhere_is_honoured_without_a_write(
    services: Services, uow_factory: UnitOfWorkFactory
) -> None:
    await services.residents.choose_language(LAN, "en")
    other = ResidentService(uow_factory, QuestionRecorder(uow_factory))  # another instance
    assert await other.seen(LAN, "hộ nghèo có bao nhiêu") == "en"


async def test_residents_writing_at_once_share_one_read_and_each_gets_their_language(
    services: Services, uow_factory: UnitOfWorkFactory
) -> None:
    chose = Actor.resident(603, "vi")
    await services.residents.choose_language(chose, "en")
    other = ResidentService(uow_factory, QuestionRecorder(uow_factory))  # another instance
    languages = await asyncio.gather(
        other.seen(chose, "hộ nghèo"), other.seen(LAN, "hộ nghèo"), other.seen(chose)
    )
    assert list(languages) == ["en", "vi", "en"]


async def test_last_seen_never_goes_back_when_a_late_batch_lands(
    uow_factory: UnitOfWorkFactory,
) -> None:
    now = dt.datetime(2026, 11, 22, 9, 0, tzinfo=dt.UTC)
    recorder = QuestionRecorder(uow_factory)
    residents = ResidentService(uow_factory, recorder, clock=lambda: now)
    await residents.seen(LAN)  # waits in the write-behind, seen at 9:00
    later = now + dt.timedelta(hours=1)
    async with uow_factory() as uow:
        await uow.residents.touch(601, "vi", later)  # written at once elsewhere, at 10:00
        await uow.commit()
    await recorder.flush()
    async with uow_factory() as uow:
        record = await uow.residents.get(601)
    assert record is not None
    assert record.last_seen == later
    assert record.first_seen == later


async def test_a_resident_forgotten_is_not_written_back_by_the_write_behind(
    services: Services, uow_factory: UnitOfWorkFactory
) -> None:
    await services.answers.ask(LAN, ANSWERED)
    await services.privacy.forget(LAN)
    await services.recorder.flush()
    assert await _resident_ids(uow_factory, LAN) == []
    async with uow_factory() as uow:
        assert await uow.questions.count() == 0
    # Writing again afterwards is a first contact again.
    await services.answers.ask(LAN, ANSWERED)
    await services.recorder.flush()
    assert await _resident_ids(uow_factory, LAN) == [601]
