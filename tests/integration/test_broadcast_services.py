"""Broadcast services and the outbox without Telegram, on SQLite and PostgreSQL."""

from __future__ import annotations

import asyncio
import datetime as dt
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

from bot.domain.errors import BroadcastRefused, PermissionDenied
from bot.domain.statuses import BroadcastRefusal, SendOutcome
from bot.i18n import Translator
from bot.services.broadcasts.model import ConfirmOutcome, Job, SendResult
from bot.services.broadcasts.outbox import Outbox
from bot.services.broadcasts.subscriptions import SubscriptionStatus, Topic, TopicKind
from bot.services.container import Services, ServiceSettings
from bot.services.kernel.actor import Actor
from bot.services.kernel.live_knowledge import LiveKnowledge
from content.loader import DEFAULT_CONTENT_DIR
from handlers.broadcast_texts import BroadcastTexts
from storage.uow import UnitOfWorkFactory

OFFICIAL = Actor.official(700, "Hà")
ADMIN_CHAT = -100700
LEASE = dt.timedelta(minutes=1)


class Clock:
    """The outbox's time: the real one (which the other services keep), moved ahead by what a
    test skips. Following the real clock matters: rows made by the services are due at their
    real "now", however long the test has run so far."""

    def __init__(self) -> None:
        self.skipped = dt.timedelta(seconds=1)

    def __call__(self) -> dt.datetime:
        return dt.datetime.now(dt.UTC) + self.skipped


@pytest.fixture
def content(tmp_path: Path) -> Path:
    copy = tmp_path / "content"
    shutil.copytree(DEFAULT_CONTENT_DIR, copy)
    return copy


@pytest.fixture
def knowledge(content: Path) -> Iterator[LiveKnowledge]:
    live = LiveKnowledge.load(content)
    yield live
    live.close()


@pytest.fixture
def services(uow_factory: UnitOfWorkFactory, knowledge: LiveKnowledge) -> Services:
    return Services.build(
        uow_factory,
        knowledge,
        ServiceSettings(admin_user_ids=frozenset({700}), admin_chat_id=ADMIN_CHAT),
        broadcast_composer=BroadcastTexts(Translator()),
    )


@pytest.fixture
def clock() -> Clock:
    return Clock()


@pytest.fixture
def outbox(
    uow_factory: UnitOfWorkFactory, knowledge: LiveKnowledge, services: Services, clock: Clock
) -> Outbox:
    return Outbox(uow_factory, knowledge, services.subscriptions, max_attempts=3, clock=clock)


async def _subscribe(services: Services, *ids: int, language: str = "vi") -> None:
    for resident in ids:
        await services.subscriptions.subscribe(Actor.resident(resident, language))


async def _started(services: Services, text: str = "Thông báo") -> int:
    draft = await services.broadcasts.prepare_text(OFFICIAL, text, chat_id=ADMIN_CHAT)
    await services.broadcasts.confirm(OFFICIAL, draft.broadcast.id)
    return draft.broadcast.id


async def _send_all(outbox: Outbox, worker: str = "w") -> list[Job]:
    jobs = await outbox.claim(worker, 1000, LEASE)
    await outbox.record(worker, [SendResult(job, SendOutcome.SENT, 1) for job in jobs])
    return jobs


async def test_two_confirmations_at_once_make_the_rows_once(services: Services) -> None:
    await _subscribe(services, *range(1, 21))
    draft = await services.broadcasts.prepare_text(OFFICIAL, "Một lần", chat_id=ADMIN_CHAT)
    assert draft.total == 20
    first, second = await asyncio.gather(
        services.broadcasts.confirm(OFFICIAL, draft.broadcast.id),
        services.broadcasts.confirm(OFFICIAL, draft.broadcast.id),
    )
    assert {first.outcome, second.outcome} == {ConfirmOutcome.STARTED, ConfirmOutcome.ALREADY}
    progress = await services.broadcasts.progress(OFFICIAL, draft.broadcast.id)
    assert progress.total == 20
    assert progress.broadcast.recipients == 20


async def test_only_officials_prepare_send_and_review(services: Services) -> None:
    await _subscribe(services, 1)
    broadcast_id = await _started(services)
    for someone in (Actor.resident(1, "vi"), Actor.official(701)):
        with pytest.raises(PermissionDenied):
            await services.broadcasts.prepare_text(someone, "x", chat_id=ADMIN_CHAT)
        with pytest.raises(PermissionDenied):
            await services.broadcasts.confirm(someone, broadcast_id)
        with pytest.raises(PermissionDenied):
            await services.broadcasts.cancel(someone, broadcast_id)
        with pytest.raises(PermissionDenied):
            await services.broadcasts.history(someone)
        with pytest.raises(PermissionDenied):
            await services.broadcasts.corrections(someone)


async def test_a_past_time_or_a_cancelled_draft_cannot_be_confirmed(services: Services) -> None:
    draft = await services.broadcasts.prepare_text(OFFICIAL, "x", chat_id=ADMIN_CHAT)
    past = dt.datetime.now(dt.UTC) - dt.timedelta(minutes=1)
    with pytest.raises(BroadcastRefused) as refused:
        await services.broadcasts.confirm(OFFICIAL, draft.broadcast.id, send_at=past)
    assert refused.value.reason is BroadcastRefusal.TIME_PASSED
    await services.broadcasts.cancel(OFFICIAL, draft.broadcast.id)
    with pytest.raises(BroadcastRefused) as refused:
        await services.broadcasts.confirm(OFFICIAL, draft.broadcast.id)
    assert refused.value.reason is BroadcastRefusal.FINISHED
    with pytest.raises(BroadcastRefused) as refused:
        await services.broadcasts.prepare_text(OFFICIAL, "x" * 4100, chat_id=ADMIN_CHAT)
    assert refused.value.reason is BroadcastRefusal.TEXT_TOO_LONG


async def test_each_outcome_is_recorded_and_a_403_stops_the_subscription(
    services: Services, outbox: Outbox, clock: Clock, uow_factory: UnitOfWorkFactory
) -> None:
    await _subscribe(services, 1, 2, 3, 4)
    broadcast_id = await _started(services)
    jobs = {job.chat_id: job for job in await outbox.claim("w", 10, LEASE)}
    await outbox.record(
        "w",
        [
            SendResult(jobs[1], SendOutcome.SENT, 11),
            SendResult(jobs[2], SendOutcome.BLOCKED, error="Forbidden: bot was blocked"),
            SendResult(jobs[3], SendOutcome.REJECTED, error="Chat not found"),
            SendResult(jobs[4], SendOutcome.TRANSIENT, error="Bad Gateway"),
        ],
    )
    progress = (await outbox.progress([broadcast_id]))[0]
    assert dict(progress.counts) == {"sent": 1, "blocked": 1, "failed": 1, "pending": 1}
    async with uow_factory() as uow:
        blocked = await uow.subscriptions.get(2)
    assert blocked is not None
    assert blocked.status == SubscriptionStatus.BLOCKED
    # Any contact from them afterwards (here: opening /subscribe) re-activates them.
    view = await services.subscriptions.view(Actor.resident(2, "vi"))
    assert view.status is SubscriptionStatus.ACTIVE

    # The retry waits for its backoff; attempts count up to the limit, then it fails.
    assert await outbox.claim("w", 10, LEASE) == []
    for attempt in (2, 3):
        clock.skipped += dt.timedelta(minutes=10)
        (retry,) = await outbox.claim("w", 10, LEASE)
        assert retry.chat_id == 4
        assert retry.attempts == attempt - 1
        await outbox.record("w", [SendResult(retry, SendOutcome.TRANSIENT, error="Timed out")])
    progress = (await outbox.progress([broadcast_id]))[0]
    assert dict(progress.counts) == {"sent": 1, "blocked": 1, "failed": 2}
    (done,) = await outbox.complete()
    assert done.broadcast.id == broadcast_id
    assert await outbox.complete() == []  # reported once


async def test_rows_left_in_flight_come_back(
    services: Services, outbox: Outbox, clock: Clock, uow_factory: UnitOfWorkFactory
) -> None:
    await _subscribe(services, 1, 2, 3)
    await _started(services)
    assert len(await outbox.claim("dead", 10, LEASE)) == 3
    released = await outbox.recover()
    async with uow_factory() as uow:
        shared = uow.deliveries.shared_claims
    if shared:
        # Other workers may be alive: only rows whose lease ran out are taken back.
        assert released == 0
        clock.skipped += LEASE * 2
        assert await outbox.release_expired() == 3
    else:
        assert released == 3  # SQLite: one worker; whatever is in flight was its own
    assert len(await outbox.claim("alive", 10, LEASE)) == 3


async def test_unsubscribing_mid_broadcast_skips_the_row(
    services: Services, outbox: Outbox
) -> None:
    await _subscribe(services, 1, 2)
    broadcast_id = await _started(services)
    await services.subscriptions.unsubscribe(Actor.resident(2, "vi"))
    jobs = await outbox.claim("w", 10, LEASE)
    assert [job.chat_id for job in jobs] == [1]
    progress = (await outbox.progress([broadcast_id]))[0]
    assert progress.count("skipped") == 1


async def test_language_follows_the_choice_then_telegram(services: Services) -> None:
    await _subscribe(services, 1, language="en-GB")
    await _subscribe(services, 2, language="vi")
    await _subscribe(services, 3, language="en")
    await services.residents.choose_language(Actor.resident(3, "en"), "vi")
    draft = await services.broadcasts.prepare_text(OFFICIAL, "x", chat_id=ADMIN_CHAT)
    assert dict(draft.recipients) == {"vi": 2, "en": 1}
    assert set(draft.messages) == {"vi", "en"}


async def test_a_report_goes_to_subscribers_whose_topics_it_touches(services: Services) -> None:
    await _subscribe(services, 1, 2, 3, 4)
    topics = services.subscriptions
    await topics.toggle(Actor.resident(2, "vi"), Topic(TopicKind.AREA, "viec-lam"))
    await topics.toggle(Actor.resident(3, "vi"), Topic(TopicKind.INDICATOR, "sua-hoc-duong"))
    await topics.toggle(Actor.resident(4, "vi"), Topic(TopicKind.INDICATOR, "bao-phu-bhyt"))
    q1 = await services.broadcasts.prepare_report(OFFICIAL, "report-2022-q1", chat_id=ADMIN_CHAT)
    h1 = await services.broadcasts.prepare_report(OFFICIAL, "report-2023-h1", chat_id=ADMIN_CHAT)
    assert q1.total == 3  # everything, jobs, health insurance
    assert h1.total == 3  # everything, school milk, health insurance
    announcement = await services.broadcasts.prepare_text(OFFICIAL, "x", chat_id=ADMIN_CHAT)
    assert announcement.total == 4  # announcements reach every subscriber


async def test_corrections_follow_what_each_broadcast_last_told(
    services: Services, outbox: Outbox, knowledge: LiveKnowledge, content: Path
) -> None:
    await _subscribe(services, 1, 2)
    report = await services.broadcasts.prepare_report(
        OFFICIAL, "report-2022-q1", chat_id=ADMIN_CHAT
    )
    await services.broadcasts.confirm(OFFICIAL, report.broadcast.id)
    (first, _) = await outbox.claim("w", 10, LEASE)
    await outbox.record("w", [SendResult(first, SendOutcome.SENT, 5)])
    await outbox.release("w", [job.id for job in await outbox.claim("w", 10, LEASE)])
    await services.broadcasts.cancel(OFFICIAL, report.broadcast.id)  # the second never got it
    assert await services.broadcasts.corrections(OFFICIAL) == []

    indicators = content / "indicators.yaml"
    original = indicators.read_text(encoding="utf-8")

    def publish(value: int) -> None:
        indicators.write_text(original.replace("value: 50019", f"value: {value}"), "utf-8")
        knowledge.reload(content)

    publish(50119)
    (candidate,) = await services.broadcasts.corrections(OFFICIAL)
    assert candidate.reached == 1
    (change,) = candidate.changes
    assert (change.indicator.key, change.old_value) == ("viec-lam", 50019)
    assert change.now is not None
    assert change.now.value == 50119

    draft = await services.broadcasts.prepare_correction(
        OFFICIAL, report.broadcast.id, chat_id=ADMIN_CHAT
    )
    assert draft.total == 1
    assert "<s>50.019 lao động</s>" in draft.messages["vi"].text
    assert "<b>50.119 lao động</b>" in draft.messages["vi"].text
    await services.broadcasts.confirm(OFFICIAL, draft.broadcast.id)
    (job,) = await _send_all(outbox)
    assert job.chat_id == first.chat_id
    assert await services.broadcasts.corrections(OFFICIAL) == []  # told

    publish(50219)  # corrected again: residents last read 50,119
    (candidate,) = await services.broadcasts.corrections(OFFICIAL)
    assert candidate.changes[0].old_value == 50119
    with pytest.raises(BroadcastRefused):
        await services.broadcasts.prepare_correction(OFFICIAL, draft.broadcast.id, chat_id=None)
