"""Residents' rights on the real database: /forgetme's erasure, the retention period for
closed tickets (service, CLI) and its setting."""

from __future__ import annotations

import asyncio
import datetime as dt
from collections.abc import Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner

from bot.cli import main
from bot.domain.statuses import SendOutcome
from bot.services.container import TICKET_TEXT, Services, ServiceSettings
from bot.services.kernel.actor import Actor
from bot.services.kernel.live_knowledge import LiveKnowledge
from bot.services.privacy.residents_rights import ResidentPrivacy
from bot.services.tickets.notices import NoticeResult
from bot.settings import Settings, SettingsError, load_settings
from storage.db import create_engine, create_session_factory
from storage.migrate import upgrade
from storage.repositories.privacy import FORGOTTEN_RESIDENT
from storage.uow import UnitOfWorkFactory, unit_of_work_factory
from tests.tickets import FeedbackChoices, file_ticket

OFFICIAL_ID = 555
OFFICIAL = Actor.official(OFFICIAL_ID, "Cán bộ Hà")
HOA = Actor.resident(8001, "vi", "Lê Thị Hoa", ("Hoa", "Lê Thị", "hoa_le88"))
TEXT = (
    "Tôi là Hoa, nhà số 5 ngõ 20 phố Huế, gọi 0912 345 678 hoặc nhắn hoa_le88: trạm y tế "
    "phường đóng cửa sớm"
)


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


async def test_forget_erases_the_identity_and_keeps_anonymised_tickets(
    services: Services, uow_factory: UnitOfWorkFactory
) -> None:
    ticket = await file_ticket(
        services, HOA, TEXT, topic="y-te", choices=FeedbackChoices(location=(21.02, 105.84))
    )
    await services.moderation.answer(OFFICIAL, ticket.id, "Chị Hoa ơi, phường đã mở cửa lại.")
    await services.subscriptions.subscribe(HOA)
    await services.answers.ask(HOA, "tôi là Hoa, hỏi về hộ nghèo")
    await services.recorder.stop()
    before = await services.privacy.my_data(HOA)
    assert [t.code for t in before.tickets] == [ticket.code]
    assert before.subscription is not None
    assert before.questions == 1

    async with uow_factory() as uow:
        assert await uow.notices.count_by_status() == {"pending": 1}  # "answered", not yet sent
    forgotten = await services.privacy.forget(HOA)
    assert (forgotten.tickets, forgotten.questions) == (1, 1)
    async with uow_factory() as uow:
        # Nothing more goes to a forgotten resident, and the answer as sent is not kept.
        assert await uow.notices.count_by_status() == {}
    after = await services.privacy.my_data(HOA)
    assert after.empty
    assert after.subscription is None
    async with uow_factory() as uow:
        kept = await uow.tickets.get(ticket.id)
        replies = await uow.replies.for_ticket(ticket.id)
        history = await uow.audit.for_ticket(ticket.id)
        resident = await uow.residents.get(HOA.user_id or 0)
    assert resident is None
    assert kept is not None
    assert kept.resident_id == FORGOTTEN_RESIDENT
    assert (kept.author_name, kept.anonymous, kept.latitude) == (None, True, None)
    assert kept.anonymised_at is not None
    assert kept.status == "answered"  # statistics keep what happened
    for text in (kept.text, kept.public_text or "", replies[-1].text):
        for secret in ("Hoa", "0912", "hoa_le88", "ngõ 20"):
            assert secret not in text, text
    assert "trạm y tế phường đóng cửa sớm" in kept.text
    assert all(entry.actor_id != HOA.user_id for entry in history)
    assert "anonymised" in [entry.action for entry in history]
    assert (await services.feedback.my_tickets(HOA)).total == 0


async def test_closed_tickets_are_anonymised_after_the_retention_period(
    services: Services, uow_factory: UnitOfWorkFactory
) -> None:
    ticket = await file_ticket(services, HOA, TEXT, topic="y-te")
    open_one = await file_ticket(services, HOA, "Đèn đường ở phố Huế bị hỏng nhiều ngày nay")
    await services.moderation.answer(OFFICIAL, ticket.id, "Chị Hoa ơi, phường đã mở cửa lại.")
    await services.moderation.close(OFFICIAL, ticket.id)
    # Both notices ("answered", then "closed") reach the resident, one after the other.
    while notices := await services.notices.claim("w1", 10, dt.timedelta(minutes=1)):
        await services.notices.record(
            "w1", [NoticeResult(job, SendOutcome.SENT, 7) for job in notices]
        )
    now = dt.datetime.now(dt.UTC)

    def sweep(months_later: int) -> ResidentPrivacy:
        later = now + dt.timedelta(days=31 * months_later)
        return ResidentPrivacy(uow_factory, TICKET_TEXT, 12, clock=lambda: later)

    assert await sweep(11).anonymise_expired() == 0
    assert await sweep(13).anonymise_expired() == 1
    assert await sweep(13).anonymise_expired() == 0  # done once
    async with uow_factory() as uow:
        closed = await uow.tickets.get(ticket.id)
        still_open = await uow.tickets.get(open_one.id)
    assert closed is not None
    assert still_open is not None
    assert closed.author_name is None
    assert "0912" not in closed.text
    assert closed.resident_id == FORGOTTEN_RESIDENT
    assert still_open.author_name == "Lê Thị Hoa"  # open tickets keep what officials need
    assert still_open.anonymised_at is None
    async with uow_factory() as uow:
        # The sent notices held the official's words before masking: gone with the identity.
        assert await uow.notices.count_by_status() == {}


def test_the_retention_setting_is_validated(monkeypatch: pytest.MonkeyPatch) -> None:
    assert Settings.model_fields["personal_data_retention_months"].default == 12
    monkeypatch.setenv("PERSONAL_DATA_RETENTION_MONTHS", "6")
    assert load_settings(None).personal_data_retention_months == 6
    for bad in ("0", "-1", "121", "soon"):
        monkeypatch.setenv("PERSONAL_DATA_RETENTION_MONTHS", bad)
        with pytest.raises(SettingsError, match="PERSONAL_DATA_RETENTION_MONTHS"):
            load_settings(None)


async def test_the_cli_anonymises_expired_tickets(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path, knowledge: LiveKnowledge
) -> None:
    url = f"sqlite+aiosqlite:///{tmp_path / 'cli.sqlite3'}"
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("TELEGRAM_BOT_TOKEN", raising=False)
    monkeypatch.setenv("DATABASE_URL", url)
    monkeypatch.setenv("PERSONAL_DATA_RETENTION_MONTHS", "1")
    engine = create_engine(url)
    await upgrade(engine)
    uow = unit_of_work_factory(create_session_factory(engine))
    services = Services.build(
        uow, knowledge, ServiceSettings(admin_user_ids=frozenset({OFFICIAL_ID}))
    )
    ticket = await file_ticket(services, HOA, TEXT, topic="y-te")
    await services.moderation.close(OFFICIAL, ticket.id)
    async with uow() as work:  # closed two months ago
        await work.tickets.change(
            ticket.id, updated_at=dt.datetime.now(dt.UTC) - dt.timedelta(days=62)
        )
        await work.commit()
    await engine.dispose()
    result = await asyncio.to_thread(CliRunner().invoke, main, ["privacy", "anonymise"])
    assert result.exit_code == 0, result.output
    assert "1 closed ticket(s) anonymised" in result.output
