"""Feedback and moderation services, without Telegram, on SQLite and PostgreSQL."""

from __future__ import annotations

import asyncio
import dataclasses
import datetime as dt
from collections.abc import Iterator

import pytest

from bot.domain.errors import (
    Banned,
    DuplicateTicket,
    InvalidTransition,
    NoDraft,
    NothingToPublish,
    PermissionDenied,
    PromptUsed,
    TextTooLong,
    TextTooShort,
    TicketNotFound,
    TooManyTickets,
    UnknownTopic,
)
from bot.domain.records import DraftRecord, NewQuestion
from bot.domain.statuses import RejectReason, Step, TicketStatus
from bot.services.container import Services, ServiceSettings
from bot.services.kernel.actor import Actor
from bot.services.kernel.live_knowledge import LiveKnowledge
from bot.services.tickets.filing_rules import CODE_ALPHABET, CODE_LENGTH
from bot.services.tickets.model import FeedbackLimits, TicketChange, TicketEvent
from storage.uow import UnitOfWork, UnitOfWorkFactory

OFFICIAL_ID = 900001
LAN = Actor.resident(1001, "vi", "Nguyễn Thị Lan")
MAI = Actor.resident(1002, "vi", "Trần Văn Mai")
OFFICIAL = Actor.official(OFFICIAL_ID, "Cán bộ Hà")
STRANGER = Actor.official(555, "Kẻ lạ")
POTHOLE = "Đường vào trường tiểu học ở ngõ 12 bị hỏng nặng, mưa là ngập, đề nghị sửa sớm"


class Recorder:
    def __init__(self) -> None:
        self.changes: list[TicketChange] = []

    async def ticket_changed(self, change: TicketChange) -> None:
        self.changes.append(change)

    def events(self) -> list[tuple[str, TicketEvent]]:
        return [(change.view.code, change.event) for change in self.changes]


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
            feedback_limits=FeedbackLimits(tickets_per_day=3, max_chars=500),
        ),
    )


@pytest.fixture
def recorder(services: Services) -> Recorder:
    recorder = Recorder()
    services.ticket_events.subscribe(recorder)
    return recorder


async def file(
    services: Services, actor: Actor, text: str = POTHOLE, topic: str = "giao-duc"
) -> int:
    intake = services.feedback_intake
    await intake.start(actor, "vi")
    await intake.choose_topic(actor, topic)
    await intake.give_text(actor, text)
    await intake.finish_attachments(actor)
    await intake.choose_identity(actor, anonymous=False)
    await intake.choose_consent(actor, allow=True)
    filed = await intake.submit(actor)
    return filed.view.ticket.id


async def test_the_conversation_files_a_ticket_and_forgets_the_draft(
    services: Services, recorder: Recorder, uow_factory: UnitOfWorkFactory
) -> None:
    intake = services.feedback_intake
    draft, resumed = await intake.start(LAN, "vi")
    assert (draft.step, resumed) == (Step.TOPIC, False)
    assert (await intake.choose_topic(LAN, "giao-duc")).step is Step.TEXT
    assert (await intake.give_photo(LAN, "photo-1", None)).step is Step.TEXT  # asks for words
    assert (await intake.give_text(LAN, POTHOLE)).step is Step.ATTACH
    draft = await intake.give_location(LAN, 21.0285, 105.8542)
    assert draft.has_photo
    assert draft.has_location
    assert (await intake.finish_attachments(LAN)).step is Step.IDENTITY
    assert (await intake.choose_identity(LAN, anonymous=False)).step is Step.CONSENT
    assert (await intake.choose_consent(LAN, allow=True)).step is Step.CONFIRM
    filed = await intake.submit(LAN)
    await services.ticket_events.drain()

    ticket = filed.view.ticket
    assert len(ticket.code) == CODE_LENGTH
    assert set(ticket.code) <= set(CODE_ALPHABET)
    assert (ticket.status, ticket.topic, ticket.text) == ("new", "giao-duc", POTHOLE)
    assert (ticket.photo_file_id, ticket.latitude) == ("photo-1", 21.0285)
    assert ticket.author_name == "Nguyễn Thị Lan"
    assert not ticket.anonymous
    assert recorder.events() == [(ticket.code, TicketEvent.FILED)]
    async with uow_factory() as uow:
        assert await uow.drafts.get(LAN.user_id or 0) is None
        history = await uow.audit.for_ticket(ticket.id)
    assert [(entry.action, entry.to_status) for entry in history] == [("filed", "new")]
    with pytest.raises(NoDraft):  # a second press on "send" files nothing more
        await intake.submit(LAN)
    assert (await services.feedback.my_tickets(LAN)).total == 1


async def test_anonymous_tickets_keep_no_name(services: Services) -> None:
    intake = services.feedback_intake
    await intake.start(MAI, "vi")
    await intake.choose_topic(MAI, "other")
    await intake.give_photo(MAI, "photo-2", "Ảnh chụp rác thải tràn ra vỉa hè ở chợ")
    await intake.finish_attachments(MAI)
    await intake.choose_identity(MAI, anonymous=True)
    await intake.choose_consent(MAI, allow=False)
    view = (await intake.submit(MAI)).view
    assert view.ticket.anonymous
    assert view.ticket.author_name is None
    assert view.ticket.text == "Ảnh chụp rác thải tràn ra vỉa hè ở chợ"  # the caption


async def test_a_draft_survives_and_resumes(services: Services) -> None:
    await services.feedback_intake.start(LAN, "vi")
    await services.feedback_intake.choose_topic(LAN, "y-te")
    draft, resumed = await services.feedback_intake.start(LAN, "vi")
    assert resumed
    assert draft.step is Step.TEXT
    assert draft.topic_key == "y-te"
    assert await services.feedback_intake.capturing(LAN) is not None
    assert await services.feedback_intake.cancel(LAN)
    assert await services.feedback_intake.capturing(LAN) is None


async def test_residents_writing_at_once_share_one_draft_read_yet_see_every_new_draft(
    services: Services, uow_factory: UnitOfWorkFactory, knowledge: LiveKnowledge
) -> None:
    """The draft check of every resident writing at one moment is one read, and no instance
    keeps what it read: a draft started elsewhere captures the next message here."""
    opened = 0

    def counted() -> UnitOfWork:
        nonlocal opened
        opened += 1
        return uow_factory()

    other = Services.build(counted, knowledge).feedback_intake  # another instance
    assert await other.capturing(LAN) is None
    await services.feedback_intake.start(LAN, "vi")
    await services.feedback_intake.choose_topic(LAN, "y-te")
    opened = 0
    checks = await asyncio.gather(other.capturing(LAN), other.capturing(MAI), other.capturing(LAN))
    assert [check is not None for check in checks] == [True, False, True]
    assert opened == 1
    await services.feedback_intake.cancel(LAN)
    assert await other.capturing(LAN) is None


@pytest.mark.parametrize(
    ("text", "error"),
    [("   ", TextTooShort), ("ok", TextTooShort), ("x" * 10_000, TextTooLong)],
)
async def test_bad_text_is_refused_and_the_draft_waits(
    services: Services, text: str, error: type[Exception]
) -> None:
    intake = services.feedback_intake
    await intake.start(LAN, "vi")
    await intake.choose_topic(LAN, "y-te")
    with pytest.raises(error):
        await intake.give_text(LAN, text)
    draft = await intake.capturing(LAN)
    assert draft is not None
    assert draft.step is Step.TEXT
    assert draft.text is None


async def test_html_and_odd_unicode_are_stored_as_text(services: Services) -> None:
    text = "<b>Trạm y tế</b> <script>x</script> đóng cửa sớm\u200b 🏥 cả tuần"
    ticket_id = await file(services, LAN, text=text, topic="y-te")
    view = await services.moderation.ticket(OFFICIAL, ticket_id)
    assert view.ticket.text == "<b>Trạm y tế</b> <script>x</script> đóng cửa sớm 🏥 cả tuần"


async def test_a_topic_that_left_the_content_is_asked_again(
    services: Services, uow_factory: UnitOfWorkFactory
) -> None:
    await services.feedback_intake.start(LAN, "vi")
    with pytest.raises(UnknownTopic):
        await services.feedback_intake.choose_topic(LAN, "khong-ton-tai")
    async with uow_factory() as uow:  # a draft saved before the content dropped its topic
        draft = await uow.drafts.get(LAN.user_id or 0)
        assert draft is not None
        await uow.drafts.save(
            dataclasses.replace(
                draft,
                step=Step.CONFIRM,
                topic="da-bi-xoa",
                text=POTHOLE,
                anonymous=True,
                publish_consent=False,
            )
        )
        await uow.commit()
    with pytest.raises(UnknownTopic):
        await services.feedback_intake.submit(LAN)
    draft_view = await services.feedback_intake.pending_draft(LAN)
    assert draft_view is not None
    assert draft_view.step is Step.TOPIC
    assert draft_view.text == POTHOLE
    assert (await services.feedback_intake.choose_topic(LAN, "giao-duc")).step is Step.CONFIRM
    assert (await services.feedback_intake.submit(LAN)).view.ticket.topic == "giao-duc"


async def test_the_same_resident_sending_the_same_thing_is_caught(services: Services) -> None:
    first = await file(services, LAN)
    await services.feedback_intake.start(LAN, "vi")
    await services.feedback_intake.choose_topic(LAN, "giao-duc")
    with pytest.raises(DuplicateTicket) as caught:
        await services.feedback_intake.give_text(LAN, POTHOLE.lower() + "!")
    assert caught.value.code == (await services.moderation.ticket(OFFICIAL, first)).code


async def test_similar_tickets_from_different_residents_are_linked(
    services: Services, recorder: Recorder
) -> None:
    first = await file(services, LAN)
    second = await file(
        services,
        MAI,
        text="Đề nghị sửa đường vào trường tiểu học ngõ 12, hỏng nặng, mưa là ngập",
    )
    await services.ticket_events.drain()
    view = await services.moderation.ticket(OFFICIAL, second)
    first_code = (await services.moderation.ticket(OFFICIAL, first)).code
    assert view.ticket.cluster_id == first
    assert view.group_code == first_code
    assert view.residents_raising == 2
    assert (first_code, TicketEvent.LINKED) in recorder.events()
    unrelated = await file(services, MAI, text="Xin hỏi thủ tục nhận trợ cấp cho người cao tuổi")
    assert (await services.moderation.ticket(OFFICIAL, unrelated)).residents_raising == 1


async def test_daily_limit_and_bans(services: Services) -> None:
    for number in range(3):
        await file(
            services, LAN, text=f"Góp ý số {number}: {'abc ' * number} khác hẳn nhau {number}"
        )
    with pytest.raises(TooManyTickets) as caught:
        await services.feedback_intake.start(LAN, "vi")
    assert caught.value.retry_at > dt.datetime.now(dt.UTC)

    code = (await services.feedback.my_tickets(LAN)).items[0].code
    assert (await services.moderation.ban(OFFICIAL, code, "spam")).banned
    assert (await services.moderation.ban(OFFICIAL, code)).banned  # again: the same outcome
    with pytest.raises(Banned):
        await services.feedback_intake.start(LAN, "vi")
    assert not (await services.moderation.unban(OFFICIAL, code)).banned
    assert not (await services.moderation.unban(OFFICIAL, code)).banned
    with pytest.raises(TooManyTickets):  # no longer banned: the daily limit speaks again
        await services.feedback_intake.start(LAN, "vi")
    with pytest.raises(TicketNotFound):
        await services.moderation.ban(OFFICIAL, "NOPE99")


async def test_moderation_round_trip_and_state_machine(
    services: Services, recorder: Recorder, uow_factory: UnitOfWorkFactory
) -> None:
    ticket_id = await file(services, LAN)
    moderation = services.moderation
    assert (await moderation.approve(OFFICIAL, ticket_id)).status is TicketStatus.APPROVED
    with pytest.raises(InvalidTransition, match="cannot approve a ticket that is approved"):
        await moderation.approve(OFFICIAL, ticket_id)
    with pytest.raises(InvalidTransition):  # no answer yet: the resident cannot confirm
        await services.feedback.confirm_resolved(LAN, ticket_id)
    view = await moderation.assign(OFFICIAL, ticket_id, "so-gddt")
    assert view.status is TicketStatus.ASSIGNED
    assert view.department is not None
    with pytest.raises(NothingToPublish):
        await moderation.set_published(OFFICIAL, ticket_id, True)
    view = await moderation.answer(OFFICIAL, ticket_id, "Phường đã lên kế hoạch sửa trong tháng.")
    assert view.status is TicketStatus.ANSWERED
    assert view.ticket.first_answered_at is not None
    assert (await services.feedback.reopen(LAN, ticket_id)).status is TicketStatus.REOPENED
    await moderation.answer(OFFICIAL, ticket_id, "Đã sửa xong ngày 20/11.")
    assert (await services.feedback.confirm_resolved(LAN, ticket_id)).status is (
        TicketStatus.RESOLVED
    )
    assert (await services.feedback.rate(LAN, ticket_id, 5)).ticket.rating == 5
    with pytest.raises(InvalidTransition):
        await services.feedback.reopen(LAN, ticket_id)
    assert (await moderation.set_published(OFFICIAL, ticket_id, True)).ticket.published
    closed = await moderation.close(OFFICIAL, ticket_id)
    assert closed.status is TicketStatus.CLOSED
    for move in (moderation.approve, moderation.close):
        with pytest.raises(InvalidTransition):
            await move(OFFICIAL, ticket_id)
    with pytest.raises(InvalidTransition):
        await moderation.reject(OFFICIAL, ticket_id, RejectReason.SPAM)
    with pytest.raises(InvalidTransition):
        await moderation.answer(OFFICIAL, ticket_id, "Thêm một câu trả lời")
    await services.ticket_events.drain()

    async with uow_factory() as uow:
        history = await uow.audit.for_ticket(ticket_id)
        replies = await uow.replies.for_ticket(ticket_id)
    assert [(entry.action, entry.from_status, entry.to_status) for entry in history] == [
        ("filed", None, "new"),
        ("approve", "new", "approved"),
        ("assign", "approved", "assigned"),
        ("answer", "assigned", "answered"),
        ("reopened", "answered", "reopened"),
        ("answer", "reopened", "answered"),
        ("resolved", "answered", "resolved"),
        ("rated", "resolved", None),
        ("published", "resolved", None),
        ("close", "resolved", "closed"),
    ]
    assert {entry.actor_name for entry in history if entry.actor_kind == "official"} == {
        "Cán bộ Hà"
    }
    assert [reply.official_name for reply in replies] == ["Cán bộ Hà", "Cán bộ Hà"]
    events = [event for _, event in recorder.events()]
    assert events == [
        TicketEvent.FILED,
        TicketEvent.APPROVED,
        TicketEvent.ASSIGNED,
        TicketEvent.ANSWERED,
        TicketEvent.REOPENED,
        TicketEvent.ANSWERED,
        TicketEvent.RESOLVED,
        TicketEvent.RATED,
        TicketEvent.PUBLISHED,
        TicketEvent.CLOSED,
    ]


async def test_only_officials_act_and_a_refusal_changes_nothing(
    services: Services, uow_factory: UnitOfWorkFactory
) -> None:
    ticket_id = await file(services, LAN)
    moderation = services.moderation
    attempts = [
        moderation.approve(STRANGER, ticket_id),
        moderation.reject(LAN, ticket_id, RejectReason.SPAM),
        moderation.assign(STRANGER, ticket_id, "so-y-te"),
        moderation.answer(STRANGER, ticket_id, "Tôi trả lời thay"),
        moderation.close(STRANGER, ticket_id),
        moderation.set_published(STRANGER, ticket_id, True),
        moderation.ticket(STRANGER, ticket_id),
        moderation.queue(LAN),
        moderation.stats(STRANGER),
        moderation.ban(STRANGER, str(MAI.user_id) + "0000"),
        moderation.open_reply(STRANGER, ticket_id),
        moderation.answer_prompt(STRANGER, -100, 1, "x"),
    ]
    for attempt in attempts:
        with pytest.raises(PermissionDenied):
            await attempt
    async with uow_factory() as uow:
        ticket = await uow.tickets.get(ticket_id)
        history = await uow.audit.for_ticket(ticket_id)
    assert ticket is not None
    assert ticket.status == "new"
    assert len(history) == 1


async def test_residents_see_only_their_own_tickets(services: Services) -> None:
    ticket_id = await file(services, LAN)
    with pytest.raises(TicketNotFound):
        await services.feedback.my_ticket(MAI, ticket_id)
    with pytest.raises(TicketNotFound):
        await services.feedback.rate(MAI, ticket_id, 1)
    assert (await services.feedback.my_tickets(MAI)).total == 0


async def test_a_reply_prompt_answers_once(services: Services) -> None:
    ticket_id = await file(services, LAN)
    moderation = services.moderation
    await moderation.open_reply(OFFICIAL, ticket_id)
    await moderation.remember_prompt(OFFICIAL, ticket_id, -100, 77)
    assert await moderation.is_open_prompt(-100, 77)
    with pytest.raises(TextTooLong):
        await moderation.answer_prompt(OFFICIAL, -100, 77, "x" * 3001)
    view = await moderation.answer_prompt(OFFICIAL, -100, 77, "Đã ghi nhận, sẽ sửa.")
    assert view.status is TicketStatus.ANSWERED
    assert len(view.replies) == 1
    with pytest.raises(PromptUsed) as used:
        await moderation.answer_prompt(OFFICIAL, -100, 77, "Lần hai")
    assert used.value.known
    with pytest.raises(PromptUsed) as never:
        await moderation.answer_prompt(OFFICIAL, -100, 78, "Không phải lời nhắc")
    assert not never.value.known


async def test_one_press_files_an_unanswered_question_once(
    services: Services, uow_factory: UnitOfWorkFactory
) -> None:
    async with uow_factory() as uow:
        await uow.residents.touch(LAN.user_id or 0, "vi", dt.datetime.now(dt.UTC))
        question_id = await uow.questions.add(
            NewQuestion(
                resident_id=LAN.user_id,
                text="Bao giờ có nhà ở xã hội cho công nhân ở Đông Anh?",
                language="vi",
                channel="chat",
                outcome="none",
                matched_kind=None,
                matched_key=None,
                score=None,
                answered=False,
                asked_at=dt.datetime.now(dt.UTC),
            )
        )
        await uow.commit()
    with pytest.raises(PermissionDenied):
        await services.feedback.file_question(MAI, question_id)
    filed = await services.feedback.file_question(LAN, question_id)
    assert filed.created
    assert filed.view.ticket.anonymous
    assert filed.view.ticket.source_question_id == question_id
    again = await services.feedback.file_question(LAN, question_id)
    assert not again.created
    assert again.view.code == filed.view.code
    assert (await services.feedback.my_tickets(LAN)).total == 1


async def test_the_public_register_shows_only_published_answers_masked(
    services: Services,
) -> None:
    text = "Tôi là Nguyễn Thị Lan, số 0912 345 678, nhà bà Trần Thị Hoa bị dột, xin hỗ trợ sửa"
    published_id = await file(services, LAN, text=text, topic="tro-giup-xa-hoi")
    hidden_id = await file(services, MAI, text="Xin hỏi lịch tiêm chủng mở rộng tháng tới")
    for ticket_id in (published_id, hidden_id):
        await services.moderation.answer(
            OFFICIAL, ticket_id, "Cán bộ Cán bộ Hà sẽ liên hệ qua email lan@example.com"
        )
    await services.moderation.set_published(OFFICIAL, published_id, True)
    register = await services.feedback.public_register()
    assert register.total == 1
    entry = register.items[0]
    for secret in ("Nguyễn Thị Lan", "0912 345 678", "Trần Thị Hoa", "lan@example.com"):
        assert secret not in entry.question + entry.answer
    assert "bị dột" in entry.question
    assert "***" in entry.question
    await services.moderation.set_published(OFFICIAL, published_id, False)
    assert (await services.feedback.public_register()).total == 0


async def test_stats_count_by_status_and_topic_with_median_first_answer(
    services: Services,
) -> None:
    first = await file(services, LAN)
    await file(services, MAI, text="Đề nghị thêm điểm tiêm chủng cho trẻ em ở phường", topic="y-te")
    await services.moderation.answer(OFFICIAL, first, "Đã tiếp nhận.")
    stats = await services.moderation.stats(OFFICIAL)
    assert stats.total == 2
    assert stats.answered == 1
    assert stats.by_status == {TicketStatus.ANSWERED: 1, TicketStatus.NEW: 1}
    assert sorted(key for _, key, _ in stats.by_topic) == ["giao-duc", "y-te"]
    assert stats.median_first_answer is not None
    assert dt.timedelta(0) <= stats.median_first_answer < dt.timedelta(minutes=1)
    queue = await services.moderation.queue(OFFICIAL)
    assert queue.total == 2


async def test_an_expired_draft_is_gone(services: Services, uow_factory: UnitOfWorkFactory) -> None:
    await services.feedback_intake.start(LAN, "vi")
    async with uow_factory() as uow:
        draft = await uow.drafts.get(LAN.user_id or 0)
        assert draft is not None
        old = draft.updated_at - dt.timedelta(days=3)
        await uow.drafts.save(DraftRecord(**{**dataclasses.asdict(draft), "updated_at": old}))
        await uow.commit()
    assert await services.feedback_intake.pending_draft(LAN) is None
    draft_view, resumed = await services.feedback_intake.start(LAN, "vi")
    assert not resumed
    assert draft_view.step is Step.TOPIC
