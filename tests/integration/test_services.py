"""Services without Telegram, on SQLite and PostgreSQL: answering, logging, residents."""

from __future__ import annotations

import dataclasses
import datetime as dt

import pytest

from bot.domain.errors import PermissionDenied
from bot.services.container import Services, ServiceSettings
from bot.services.kernel.actor import Actor
from bot.services.kernel.live_knowledge import LiveKnowledge
from bot.services.kernel.residents import TOUCH_INTERVAL, ResidentService
from bot.services.knowledge.model import Refusal
from bot.services.knowledge.question_recorder import QuestionRecorder
from content.index import Outcome
from content.message_kinds import MessageKind, SmallTalk
from storage.uow import UnitOfWorkFactory

RESIDENT = Actor.resident(501, "vi")
# A question about the programme that no published entry answers.
UNANSWERED = "mức trợ cấp người cao tuổi bao nhiêu"


@pytest.fixture(scope="module")
def knowledge() -> LiveKnowledge:
    return LiveKnowledge.load()


@pytest.fixture
def services(uow_factory: UnitOfWorkFactory, knowledge: LiveKnowledge) -> Services:
    return Services.build(uow_factory, knowledge)


async def _logged(uow_factory: UnitOfWorkFactory) -> int:
    async with uow_factory() as uow:
        return await uow.questions.count()


async def test_confident_answer_is_logged_behind_and_flushed(
    services: Services, uow_factory: UnitOfWorkFactory
) -> None:
    answer = await services.answers.ask(RESIDENT, "ty le ho ngheo")
    assert answer.outcome is Outcome.CONFIDENT
    assert answer.best is not None
    assert answer.best.entry.key == "ho-ngheo"
    assert answer.question_id is None
    assert services.recorder.pending == 1
    await services.recorder.flush()
    assert services.recorder.pending == 0
    assert await _logged(uow_factory) == 1
    unanswered = await services.questions.unanswered(Actor.system())
    assert unanswered == []


async def test_unanswered_question_is_committed_before_the_reply(
    services: Services, uow_factory: UnitOfWorkFactory
) -> None:
    answer = await services.answers.ask(RESIDENT, UNANSWERED)
    assert answer.outcome is Outcome.NONE
    assert answer.found == ()
    assert answer.question_id is not None
    assert services.recorder.pending == 0
    async with uow_factory() as uow:
        stored = await uow.questions.get(answer.question_id)
    assert stored is not None
    assert stored.text == UNANSWERED
    assert stored.resident_id == RESIDENT.user_id
    assert not stored.answered


async def test_refusals_are_logged_with_their_reason(
    services: Services, uow_factory: UnitOfWorkFactory
) -> None:
    too_long = await services.answers.ask(RESIDENT, "a" * 5000)
    wordless = await services.answers.ask(RESIDENT, "?!?")
    assert too_long.refusal is Refusal.TOO_LONG
    assert wordless.refusal is Refusal.NO_WORDS
    await services.recorder.stop()
    async with uow_factory() as uow:
        logged = await uow.questions.latest(10)
    assert {(item.outcome, len(item.text)) for item in logged} == {
        ("refused:too_long", 2000),  # stored text is capped
        ("refused:no_words", 3),
    }
    # Messages, not questions: officials' list of unanswered questions leaves them out.
    assert await services.questions.unanswered(Actor.system()) == []


async def test_recorder_stop_writes_everything_pending(
    services: Services, uow_factory: UnitOfWorkFactory
) -> None:
    services.recorder.start()
    for text in ("ho ngheo", "ho can ngheo", "bhyt", "viec lam"):
        await services.answers.ask(RESIDENT, text)
    await services.recorder.stop()
    assert await _logged(uow_factory) == 4


async def test_questions_with_control_characters_are_logged_without_them(
    services: Services, uow_factory: UnitOfWorkFactory
) -> None:
    # PostgreSQL refuses NUL in text; nobody means one.
    answered = await services.answers.ask(RESIDENT, "ty le ho ngheo\x00")
    unanswered = await services.answers.ask(
        RESIDENT, "\x00mức trợ cấp\x1b người cao tuổi bao nhiêu"
    )
    assert answered.outcome is Outcome.CONFIDENT
    assert unanswered.question_id is not None
    await services.recorder.stop()
    async with uow_factory() as uow:
        stored = await uow.questions.get(unanswered.question_id)
    assert stored is not None
    assert stored.text == UNANSWERED
    assert await _logged(uow_factory) == 2


async def test_a_row_the_database_refuses_does_not_hold_back_the_question_log(
    services: Services, uow_factory: UnitOfWorkFactory
) -> None:
    await services.answers.ask(RESIDENT, "ho ngheo")
    await services.answers.ask(RESIDENT, "bhyt")
    recorder = services.recorder
    good = recorder._pending[0]
    # A resident id no BIGINT holds: refused by SQLite and PostgreSQL alike.
    recorder.record(dataclasses.replace(good, resident_id=2**70))
    await services.answers.ask(RESIDENT, "viec lam")
    assert recorder.pending == 4
    await recorder.flush()  # does not raise: the one bad row is dropped, and logged
    assert recorder.pending == 0
    assert await _logged(uow_factory) == 3


async def test_language_is_chosen_remembered_and_guessed(
    services: Services, uow_factory: UnitOfWorkFactory
) -> None:
    assert await services.residents.seen(RESIDENT) == "vi"
    assert await services.residents.seen(RESIDENT, "how many poor households") == "en"
    await services.residents.choose_language(RESIDENT, "en")
    assert await services.residents.seen(RESIDENT, "hộ nghèo có bao nhiêu") == "en"
    # A fresh service (another instance, or after a restart) reads the choice from storage.
    assert await ResidentService(uow_factory, QuestionRecorder(uow_factory)).seen(RESIDENT) == "en"
    with pytest.raises(ValueError, match="unsupported"):
        await services.residents.choose_language(RESIDENT, "fr")


async def test_last_seen_is_refreshed_at_most_once_per_interval(
    uow_factory: UnitOfWorkFactory,
) -> None:
    now = dt.datetime(2026, 11, 22, 9, 0, tzinfo=dt.UTC)
    recorder = QuestionRecorder(uow_factory)  # contacts are written behind the reply
    residents = ResidentService(uow_factory, recorder, clock=lambda: now)
    await residents.seen(RESIDENT)
    first = now
    now = first + TOUCH_INTERVAL / 2
    await residents.seen(RESIDENT)
    await recorder.flush()
    async with uow_factory() as uow:
        record = await uow.residents.get(501)
    assert record is not None
    assert record.last_seen == first
    now = first + TOUCH_INTERVAL
    await residents.seen(RESIDENT)
    await recorder.flush()
    async with uow_factory() as uow:
        record = await uow.residents.get(501)
    assert record is not None
    assert record.last_seen == first + TOUCH_INTERVAL


async def test_an_official_is_never_recorded_as_a_resident(
    uow_factory: UnitOfWorkFactory, knowledge: LiveKnowledge
) -> None:
    services = Services.build(uow_factory, knowledge, ServiceSettings(admin_chat_id=-100123))
    assert services.officials.is_officials_chat(-100123)
    assert not services.officials.is_officials_chat(501)
    assert not services.officials.is_officials_chat(None)
    official = Actor.official(900001, "Hà")
    assert await services.residents.seen(official, "how many poor households") == "en"
    assert await services.residents.remember_contact(official) is None
    async with uow_factory() as uow:
        assert await uow.residents.get(900001) is None
    await services.residents.seen(RESIDENT)
    await services.recorder.flush()
    async with uow_factory() as uow:
        assert await uow.residents.get(501) is not None


async def test_only_officials_read_the_question_log(services: Services) -> None:
    with pytest.raises(PermissionDenied):
        await services.questions.unanswered(RESIDENT)


async def test_inline_search_never_guesses(services: Services) -> None:
    assert await services.catalog.search("giá vàng hôm nay") == ()
    found = await services.catalog.search("ho ngheo")
    assert found[0].entry.key == "ho-ngheo"


# --- kinds of message: read before any search -------------------------------------------


async def test_small_talk_and_other_topics_are_logged_as_such_never_as_unanswered(
    services: Services, uow_factory: UnitOfWorkFactory
) -> None:
    replies = {
        text: await services.answers.ask(RESIDENT, text)
        for text in ("xin chào ad", "cảm ơn nhiều", "👍👍", "thời tiết hà nội mai thế nào")
    }
    assert {text: (answer.kind, answer.outcome) for text, answer in replies.items()} == {
        "xin chào ad": (MessageKind.SMALL_TALK, None),
        "cảm ơn nhiều": (MessageKind.SMALL_TALK, None),
        "👍👍": (MessageKind.SMALL_TALK, None),
        "thời tiết hà nội mai thế nào": (MessageKind.OUT_OF_SCOPE, None),
    }
    assert replies["cảm ơn nhiều"].small_talk is SmallTalk.THANKS
    assert all(answer.question_id is None and not answer.found for answer in replies.values())
    await services.recorder.stop()
    async with uow_factory() as uow:
        logged = await uow.questions.latest(10)
    assert sorted(item.outcome for item in logged) == [
        "kind:off_topic",
        "kind:small_talk",
        "kind:small_talk",
        "kind:small_talk",
    ]
    assert await services.questions.unanswered(Actor.system()) == []


async def test_a_personal_case_gets_offices_and_can_be_sent_to_officials_in_one_press(
    services: Services, uow_factory: UnitOfWorkFactory
) -> None:
    text = "tôi bị mất việc thì làm thế nào để nhận trợ cấp thất nghiệp"
    answer = await services.answers.ask(RESIDENT, text)
    assert answer.kind is MessageKind.PERSONAL
    assert answer.outcome is None  # never a statistics card
    assert answer.found == ()
    keys = [referral.office.key for referral in answer.offices]
    assert keys[0] == "ubnd-phuong-xa"  # the nearest office first
    assert "trung-tam-dich-vu-viec-lam" in keys  # the office for this topic
    assert "so-ldtbxh" in keys  # the standing agency
    assert answer.question_id is not None  # committed before the reply
    filed = await services.feedback.file_question(RESIDENT, answer.question_id)
    assert filed.created
    assert filed.view.ticket.anonymous
    assert filed.view.ticket.text == text
    # Sent to officials as a ticket, not listed as a question the content should answer.
    assert await services.questions.unanswered(Actor.system()) == []


async def test_a_programme_question_after_a_greeting_is_still_searched(
    services: Services,
) -> None:
    answer = await services.answers.ask(RESIDENT, "cảm ơn ad, cho hỏi tỷ lệ hộ nghèo")
    assert answer.kind is MessageKind.QUESTION
    assert answer.outcome is Outcome.CONFIDENT
    assert answer.best is not None
    assert answer.best.entry.key == "ho-ngheo"
