"""Rejection through the moderation service (SQLite and PostgreSQL): the preview changes
nothing and refuses what the rejection would; the rejection writes the ticket, the audit row
and the resident's notice with its words and referral in one transaction."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterator

import pytest

from bot.domain.errors import InvalidTransition, PermissionDenied, UnfitReferral
from bot.domain.statuses import RejectReason, TicketStatus
from bot.services.container import Services, ServiceSettings
from bot.services.kernel.actor import Actor
from bot.services.kernel.live_knowledge import LiveKnowledge
from storage.uow import UnitOfWorkFactory
from tests.tickets import file_ticket

OFFICIAL_ID = 900001
OFFICIAL = Actor.official(OFFICIAL_ID, "Cán bộ")
LAN = Actor.resident(1001, "vi", "Nguyễn Thị Lan")
TEXT = "Cho tôi hỏi thủ tục chốt sổ bảo hiểm xã hội khi nghỉ việc"


@pytest.fixture(scope="module")
def knowledge() -> Iterator[LiveKnowledge]:
    live = LiveKnowledge.load(None)
    yield live
    live.close()


@pytest.fixture
def services(uow_factory: UnitOfWorkFactory, knowledge: LiveKnowledge) -> Services:
    return Services.build(
        uow_factory, knowledge, ServiceSettings(admin_user_ids=frozenset({OFFICIAL_ID}))
    )


async def test_preview_then_reject_with_words_and_a_referral(
    services: Services, uow_factory: UnitOfWorkFactory
) -> None:
    ticket = await file_ticket(services, LAN, TEXT)
    moderation = services.moderation
    preview = await moderation.preview_rejection(
        OFFICIAL, ticket.id, RejectReason.OFF_TOPIC, words=" Xin lỗi ", referral="bhxh-quan-huyen"
    )
    assert preview.rejection.words == "Xin lỗi"
    assert preview.office is not None
    assert preview.office.key == "bhxh-quan-huyen"
    fitting = {choice.office.key for choice in preview.choices if choice.fits}
    assert fitting == {
        "bhxh-quan-huyen",
        "trung-tam-dich-vu-viec-lam",
    }  # "sổ bảo hiểm", "nghỉ việc"
    spam = await moderation.preview_rejection(OFFICIAL, ticket.id, RejectReason.SPAM)
    assert spam.choices == ()  # spam takes no referral
    async with uow_factory() as uow:
        unchanged = await uow.tickets.get(ticket.id)
    assert unchanged is not None
    assert unchanged.status is TicketStatus.NEW

    view = await moderation.reject(
        OFFICIAL, ticket.id, RejectReason.OFF_TOPIC, words="Xin lỗi", referral="bhxh-quan-huyen"
    )
    assert view.status is TicketStatus.REJECTED
    async with uow_factory() as uow:
        history = await uow.audit.for_ticket(ticket.id)
        later = dt.datetime.now(dt.UTC) + dt.timedelta(hours=1)
        claimed = await uow.notices.claim("test", 10, later, later)
    assert [e.detail for e in history if e.action == "reject"] == [
        "off_topic → bhxh-quan-huyen +words"
    ]
    assert [json.loads(n.detail or "") for n in claimed if n.event == "rejected"] == [
        {"reason": "off_topic", "words": "Xin lỗi", "referral": "bhxh-quan-huyen"}
    ]
    async with uow_factory() as uow:
        kept = await uow.tickets.get(ticket.id)
    assert kept is not None
    assert (kept.reject_words, kept.referral) == ("Xin lỗi", "bhxh-quan-huyen")
    with pytest.raises(InvalidTransition):
        await moderation.preview_rejection(OFFICIAL, ticket.id, RejectReason.SPAM)


async def test_forgetting_the_resident_masks_the_words_too(
    services: Services, uow_factory: UnitOfWorkFactory
) -> None:
    ticket = await file_ticket(services, LAN, TEXT)
    words = "Chị Nguyễn Thị Lan ơi, gọi 0912 345 678 ở BHXH quận nhé."
    await services.moderation.reject(
        OFFICIAL, ticket.id, RejectReason.OFF_TOPIC, words=words, referral="bhxh-quan-huyen"
    )
    await services.privacy.forget(LAN)
    async with uow_factory() as uow:
        kept = await uow.tickets.get(ticket.id)
        history = await uow.audit.for_ticket(ticket.id)
    assert kept is not None
    assert kept.reject_words is not None
    for secret in ("Lan", "0912"):
        assert secret not in kept.reject_words
        assert all(secret not in (entry.detail or "") for entry in history)
    assert kept.referral == "bhxh-quan-huyen"


async def test_refusals_change_nothing(services: Services, uow_factory: UnitOfWorkFactory) -> None:
    ticket = await file_ticket(services, LAN, TEXT)
    with pytest.raises(PermissionDenied):
        await services.moderation.preview_rejection(
            Actor.official(12345, "Người lạ"), ticket.id, RejectReason.SPAM
        )
    with pytest.raises(UnfitReferral):
        await services.moderation.reject(
            OFFICIAL, ticket.id, RejectReason.DUPLICATE, referral="so-ldtbxh"
        )
    async with uow_factory() as uow:
        unchanged = await uow.tickets.get(ticket.id)
        history = await uow.audit.for_ticket(ticket.id)
    assert unchanged is not None
    assert unchanged.status is TicketStatus.NEW
    assert not [entry for entry in history if entry.action == "reject"]
