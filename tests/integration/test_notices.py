"""The residents' notice outbox, without Telegram, on SQLite and PostgreSQL: a notice is written
with the action or not at all, holds the facts of the moment, and a resident's notices are
claimed one at a time in the order of the actions."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

import pytest

from bot.domain.errors import InvalidTransition
from bot.domain.statuses import RejectReason, SendOutcome
from bot.i18n import Language
from bot.services.container import Services, ServiceSettings
from bot.services.kernel.actor import Actor
from bot.services.kernel.live_knowledge import LiveKnowledge
from bot.services.tickets.model import FeedbackLimits, TicketEvent
from bot.services.tickets.notices import NoticeResult
from storage.uow import UnitOfWorkFactory

OFFICIAL_ID = 900001
OFFICIAL = Actor.official(OFFICIAL_ID, "Cán bộ Hà")
LAN = Actor.resident(1001, "vi", "Nguyễn Thị Lan")
MAI = Actor.resident(1002, "en", "Mai")
LEASE = dt.timedelta(seconds=60)
TEXT = "Đường vào trường tiểu học ở ngõ 12 bị hỏng nặng, mưa là ngập, đề nghị sửa sớm"


@pytest.fixture(scope="module")
def knowledge() -> Iterator[LiveKnowledge]:
    live = LiveKnowledge.load(None)
    yield live
    live.close()


@pytest.fixture
def services(uow_factory: UnitOfWorkFactory, knowledge: LiveKnowledge) -> Services:
    return Services.build(
        uow_factory,
        knowledge,
        ServiceSettings(
            admin_user_ids=frozenset({OFFICIAL_ID}),
            feedback_limits=FeedbackLimits(tickets_per_day=10),
        ),
    )


async def file(
    services: Services, actor: Actor, text: str = TEXT, language: Language = "vi"
) -> int:
    intake = services.feedback_intake
    await intake.start(actor, language)
    await intake.choose_topic(actor, "giao-duc")
    await intake.give_text(actor, text)
    await intake.finish_attachments(actor)
    await intake.choose_identity(actor, anonymous=False)
    await intake.choose_consent(actor, allow=True)
    return (await intake.submit(actor)).view.ticket.id


async def test_each_official_action_writes_one_notice_with_the_facts_of_the_moment(
    services: Services, uow_factory: UnitOfWorkFactory
) -> None:
    moderation = services.moderation
    ticket_id = await file(services, LAN)
    await moderation.approve(OFFICIAL, ticket_id)
    await moderation.assign(OFFICIAL, ticket_id, "so-gddt")
    await moderation.answer(OFFICIAL, ticket_id, "Sở sẽ sửa đường trong quý I.")
    await services.feedback.confirm_resolved(LAN, ticket_id)  # the resident's own: no notice
    await services.feedback.rate(LAN, ticket_id, 5)
    await moderation.set_published(OFFICIAL, ticket_id, True)
    other = await file(services, MAI, "Trạm y tế phường đóng cửa sớm vào chiều thứ bảy", "en")
    await moderation.reject(OFFICIAL, other, RejectReason.SPAM)

    async with uow_factory() as uow:
        counts = await uow.notices.count_by_status()
    assert counts == {"pending": 5}
    # Claimed one per resident at a time, oldest first.
    first = await services.notices.claim("w1", 10, LEASE)
    assert [(job.chat_id, job.event) for job in first] == [
        (LAN.user_id, TicketEvent.APPROVED),
        (MAI.user_id, TicketEvent.REJECTED),
    ]
    rejected = first[1]
    assert rejected.view.ticket.reject_reason == "spam"
    assert rejected.view.resident_language == "en"
    await services.notices.record("w1", [NoticeResult(job, SendOutcome.SENT, 7) for job in first])

    second = await services.notices.claim("w1", 10, LEASE)
    assert [job.event for job in second] == [TicketEvent.ASSIGNED]
    assigned = second[0]
    assert assigned.view.department is not None
    assert assigned.view.department.key == "so-gddt"
    await services.notices.record("w1", [NoticeResult(assigned, SendOutcome.SENT, 8)])

    third = await services.notices.claim("w1", 10, LEASE)
    assert [(job.event, job.reply_text) for job in third] == [
        (TicketEvent.ANSWERED, "Sở sẽ sửa đường trong quý I.")
    ]
    await services.notices.record("w1", [NoticeResult(third[0], SendOutcome.SENT, 9)])
    fourth = await services.notices.claim("w1", 10, LEASE)
    assert [job.event for job in fourth] == [TicketEvent.PUBLISHED]


async def test_a_refused_action_writes_no_notice(
    services: Services, uow_factory: UnitOfWorkFactory
) -> None:
    ticket_id = await file(services, LAN)
    await services.moderation.close(OFFICIAL, ticket_id)
    with pytest.raises(InvalidTransition):
        await services.moderation.approve(OFFICIAL, ticket_id)
    async with uow_factory() as uow:
        assert await uow.notices.count_by_status() == {"pending": 1}


async def test_a_failed_send_holds_back_the_residents_later_notices_until_it_is_retried(
    services: Services, uow_factory: UnitOfWorkFactory
) -> None:
    ticket_id = await file(services, LAN)
    await services.moderation.approve(OFFICIAL, ticket_id)
    await services.moderation.close(OFFICIAL, ticket_id)
    [approved] = await services.notices.claim("w1", 10, LEASE)
    # Another worker finds nothing while the first notice is in flight.
    assert await services.notices.claim("w2", 10, LEASE) == []
    await services.notices.record("w1", [NoticeResult(approved, SendOutcome.TRANSIENT)])
    # Pending again, after a backoff: the later notice still waits behind it.
    assert await services.notices.claim("w2", 10, LEASE) == []
    async with uow_factory() as uow:
        rows = await uow.notices.count_by_status()
    assert rows == {"pending": 2}


async def test_a_dead_workers_notices_are_taken_back_and_a_403_is_recorded(
    services: Services, uow_factory: UnitOfWorkFactory
) -> None:
    ticket_id = await file(services, LAN)
    await services.moderation.approve(OFFICIAL, ticket_id)
    await services.notices.claim("dead", 10, dt.timedelta(0))  # its lease ends at once
    assert await services.notices.claim("w2", 10, LEASE) == []
    assert await services.notices.recover() == 1
    [again] = await services.notices.claim("w2", 10, LEASE)
    assert again.attempts == 0
    await services.notices.record("w2", [NoticeResult(again, SendOutcome.BLOCKED, error="no")])
    async with uow_factory() as uow:
        assert await uow.notices.count_by_status() == {"blocked": 1}
