"""Dashboard statistics on SQLite and PostgreSQL: tickets filed and answered through the real
services with a clock the test moves, questions written to the log with chosen times."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from dataclasses import dataclass

import pytest
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncEngine

from bot.domain.errors import PermissionDenied
from bot.domain.records import NewQuestion
from bot.domain.statuses import TicketStatus
from bot.services.broadcasts.subscriptions import SubscriptionService
from bot.services.kernel.actor import Actor, Role
from bot.services.kernel.backing import Backing
from bot.services.kernel.live_knowledge import LiveKnowledge
from bot.services.kernel.officials import Officials
from bot.services.kernel.residents import ResidentService
from bot.services.knowledge.faq_drafts import FaqDraftService
from bot.services.knowledge.question_recorder import QuestionRecorder
from bot.services.stats.dashboard import MAX_WEEKS, StatsService, WeekCount, week_boundaries
from bot.services.tickets.conversation import FeedbackIntake
from bot.services.tickets.events import TicketEvents
from bot.services.tickets.filing_rules import TicketFiling
from bot.services.tickets.model import FeedbackLimits
from bot.services.tickets.moderation import ModerationService, TicketNews
from bot.services.tickets.notices import ResidentNotices
from bot.services.tickets.resident_tickets import FeedbackService
from bot.services.tickets.views import TicketViews
from storage.models import Ticket
from storage.repositories.stats import MAX_BUCKETS
from storage.uow import UnitOfWorkFactory

UTC = dt.UTC
OFFICIAL_ID = 900001
MODERATOR = Actor.staff(1, "Cán bộ Hà", Role.MODERATOR)
BROADCASTER = Actor.staff(2, "Cán bộ Lan", Role.BROADCASTER)
TELEGRAM_OFFICIAL = Actor.official(OFFICIAL_ID, "Cán bộ Minh")
STRANGER = Actor.official(555, "Kẻ lạ")
# Wednesday 18 March 2026, 10:00 in Hanoi (UTC+7).
NOW = dt.datetime(2026, 3, 18, 3, 0, tzinfo=UTC)
TEXTS = [
    "Trường mầm non phường Kim Liên thiếu giáo viên, các cháu phải học ghép lớp",
    "Trạm y tế xã Tân Hội đóng cửa sớm, người già không kịp khám bệnh buổi chiều",
    "Đèn đường ngõ 45 phố Hào Nam hỏng cả tháng nay, buổi tối rất nguy hiểm",
    "Học phí trường nghề quận Hoàng Mai tăng mạnh, đề nghị xem xét hỗ trợ học viên",
    "Chợ dân sinh Thành Công lấn chiếm vỉa hè, người đi bộ phải xuống lòng đường",
]


class Clock:
    def __init__(self, now: dt.datetime) -> None:
        self.now = now

    def __call__(self) -> dt.datetime:
        return self.now


@dataclass
class World:
    clock: Clock
    intake: FeedbackIntake
    feedback: FeedbackService
    moderation: ModerationService
    stats: StatsService
    drafts: FaqDraftService
    uow: UnitOfWorkFactory
    residents: Iterator[int]

    async def file(self, at: dt.datetime, topic: str = "giao-duc") -> tuple[Actor, int]:
        """A ticket filed at `at` by a new resident, through the resident's conversation."""
        self.clock.now = at
        resident_id = next(self.residents)
        resident = Actor.resident(resident_id, "vi", f"Cư dân {resident_id}")
        await self.intake.start(resident, "vi")
        await self.intake.choose_topic(resident, topic)
        await self.intake.give_text(resident, TEXTS[resident_id % len(TEXTS)])
        await self.intake.finish_attachments(resident)
        await self.intake.choose_identity(resident, anonymous=True)
        await self.intake.choose_consent(resident, allow=False)
        filed = await self.intake.submit(resident)
        return resident, filed.view.ticket.id

    async def answer(self, ticket_id: int, at: dt.datetime) -> None:
        self.clock.now = at
        await self.moderation.answer(MODERATOR, ticket_id, "Đã chuyển phòng chuyên môn xử lý.")

    async def ask(
        self, text: str, at: dt.datetime, *, answered: bool = False, times: int = 1
    ) -> None:
        question = NewQuestion(
            resident_id=None,
            text=text,
            language="vi",
            channel="chat",
            outcome="confident" if answered else "none",
            matched_kind=None,
            matched_key=None,
            score=None,
            answered=answered,
            asked_at=at,
        )
        async with self.uow() as uow:
            await uow.questions.add_many([question] * times)
            await uow.commit()


@pytest.fixture(scope="module")
def knowledge() -> Iterator[LiveKnowledge]:
    live = LiveKnowledge.load(None)
    yield live
    live.close()


@pytest.fixture
def world(uow_factory: UnitOfWorkFactory, knowledge: LiveKnowledge) -> World:
    clock = Clock(NOW)
    officials = Officials({OFFICIAL_ID}, clock=clock)
    events = TicketEvents()
    views = TicketViews(knowledge)
    limits = FeedbackLimits(tickets_per_day=100)
    filing = TicketFiling(knowledge, views, limits, clock)
    subscriptions = SubscriptionService(
        uow_factory, knowledge, ResidentService(uow_factory, QuestionRecorder(uow_factory))
    )
    backing = Backing(uow_factory, knowledge, clock)
    notices = ResidentNotices(backing, views, subscriptions, max_attempts=5)
    return World(
        clock=clock,
        intake=FeedbackIntake(backing, filing, events, limits),
        feedback=FeedbackService(backing, filing, views, events),
        moderation=ModerationService(
            backing, officials, views, TicketNews(events, notices), limits
        ),
        stats=StatsService(uow_factory, knowledge, officials, clock=clock),
        drafts=FaqDraftService(uow_factory, knowledge, officials, clock=clock),
        uow=uow_factory,
        residents=iter(range(2001, 3000)),
    )


def hanoi(year: int, month: int, day: int, hour: int, minute: int = 0) -> dt.datetime:
    return dt.datetime(year, month, day, hour, minute, tzinfo=dt.timezone(dt.timedelta(hours=7)))


async def test_an_empty_database_gives_zeros_not_errors(world: World) -> None:
    overview = await world.stats.overview(MODERATOR)
    assert overview.total == 0
    assert [item.count for item in overview.by_status] == [0] * len(TicketStatus)
    assert [item.status for item in overview.by_status] == list(TicketStatus)
    assert {item.count for item in overview.by_topic} == {0}
    assert len(overview.by_week) == 12
    assert {(week.filed, week.answered) for week in overview.by_week} == {(0, 0)}
    assert overview.by_week[-1].start == dt.date(2026, 3, 16)  # the current week comes last
    assert (overview.median_first_answer, overview.resolved_share) == (None, None)
    assert (overview.rated, overview.average_rating) == (0, None)
    assert overview.unanswered == ()


async def test_weeks_are_hanoi_iso_weeks_and_empty_ones_count_zero(world: World) -> None:
    # Sunday 15 March 23:59 in Hanoi is still week 11; a minute later week 12 begins, though
    # both instants fall on Sunday in UTC.
    _, late_sunday = await world.file(hanoi(2026, 3, 15, 23, 59))
    await world.file(hanoi(2026, 3, 16, 0, 0))
    _, february = await world.file(hanoi(2026, 2, 20, 9))  # before the three weeks shown
    await world.answer(february, hanoi(2026, 3, 10, 10))  # answered in week 11
    await world.answer(late_sunday, hanoi(2026, 3, 16, 9))  # answered in week 12
    world.clock.now = NOW

    overview = await world.stats.overview(BROADCASTER, weeks=3)

    assert overview.by_week == (
        WeekCount(dt.date(2026, 3, 2), 2026, 10, filed=0, answered=0),
        WeekCount(dt.date(2026, 3, 9), 2026, 11, filed=1, answered=1),
        WeekCount(dt.date(2026, 3, 16), 2026, 12, filed=1, answered=1),
    )
    assert overview.total == 3  # the totals are not limited to the weeks shown
    assert overview.answered == 2


async def test_a_week_across_new_year_takes_its_iso_year(world: World) -> None:
    await world.file(hanoi(2025, 12, 29, 0, 0))  # Monday 00:00 Hanoi: Sunday 17:00 UTC
    await world.file(hanoi(2025, 12, 28, 23, 59))  # ISO week 52 of 2025
    world.clock.now = hanoi(2026, 1, 2, 12)  # Friday of ISO week 1 of 2026
    overview = await world.stats.overview(MODERATOR, weeks=2)
    assert [(w.iso_year, w.iso_week, w.start, w.filed) for w in overview.by_week] == [
        (2025, 52, dt.date(2025, 12, 22), 1),
        (2026, 1, dt.date(2025, 12, 29), 1),
    ]


async def test_totals_topics_median_resolved_share_and_rating(
    world: World, knowledge: LiveKnowledge
) -> None:
    start = hanoi(2026, 3, 9, 8)
    lan, first = await world.file(start, topic="giao-duc")
    mai, second = await world.file(start, topic="giao-duc")
    hoa, third = await world.file(start, topic="y-te")
    _, fourth = await world.file(start, topic="other")
    await world.answer(first, start + dt.timedelta(hours=1))
    await world.answer(second, start + dt.timedelta(hours=3))
    await world.answer(third, start + dt.timedelta(hours=2))
    await world.answer(first, start + dt.timedelta(hours=30))  # a follow-up: not a first answer
    await world.feedback.confirm_resolved(lan, first)
    await world.feedback.rate(lan, first, 5)
    await world.feedback.rate(mai, second, 4)
    world.clock.now = NOW

    overview = await world.stats.overview(MODERATOR)

    assert overview.total == 4
    counts = {item.status: item.count for item in overview.by_status}
    assert counts[TicketStatus.NEW] == 1
    assert counts[TicketStatus.ANSWERED] == 2
    assert counts[TicketStatus.RESOLVED] == 1
    assert overview.median_first_answer == dt.timedelta(hours=2)  # of 1 h, 2 h and 3 h
    assert (overview.answered, overview.resolved) == (3, 1)
    assert overview.resolved_share == pytest.approx(1 / 3)
    assert overview.rated == 2
    assert overview.average_rating == pytest.approx(4.5)
    assert [(item.key, item.count) for item in overview.by_topic[:3]] == [
        ("giao-duc", 2),
        ("y-te", 1),  # ties: the content's order, "other" after every area
        ("other", 1),
    ]
    assert overview.by_topic[0].area == knowledge.current.kb.areas["giao-duc"]
    assert overview.by_topic[2].area is None
    assert {item.key for item in overview.by_topic} == {*knowledge.current.kb.areas, "other"}

    await world.answer(fourth, start + dt.timedelta(hours=4))  # an even count: the mean of two
    overview = await world.stats.overview(MODERATOR)
    assert overview.median_first_answer == dt.timedelta(hours=2, minutes=30)
    assert overview.resolved_share == pytest.approx(1 / 4)
    assert hoa.user_id is not None


async def stored_delays(engine: AsyncEngine) -> dict[int, int | None]:
    async with engine.connect() as connection:
        rows = await connection.execute(select(Ticket.id, Ticket.first_answer_ms))
        return {ticket_id: delay for ticket_id, delay in rows.all()}


async def test_the_first_answer_stores_its_delay_and_later_answers_keep_it(
    world: World, engine: AsyncEngine
) -> None:
    start = hanoi(2026, 3, 9, 8)
    _, answered = await world.file(start)
    _, waiting = await world.file(start)
    await world.answer(answered, start + dt.timedelta(hours=1, milliseconds=250))
    assert await stored_delays(engine) == {answered: 3_600_250, waiting: None}

    await world.answer(answered, start + dt.timedelta(days=2))  # a follow-up
    assert await stored_delays(engine) == {answered: 3_600_250, waiting: None}
    overview = await world.stats.overview(MODERATOR)
    assert overview.median_first_answer == dt.timedelta(hours=1, milliseconds=250)  # one ticket
    assert overview.answered == 1


async def test_an_even_count_median_is_the_mean_of_the_middle_two_to_the_microsecond(
    world: World,
) -> None:
    start = hanoi(2026, 3, 10, 8)
    delays = [
        dt.timedelta(minutes=5),
        dt.timedelta(hours=1, milliseconds=1),
        dt.timedelta(hours=1, milliseconds=2),
        dt.timedelta(days=3),
    ]
    for delay in reversed(delays):  # filed and answered out of order
        _, ticket = await world.file(start)
        await world.answer(ticket, start + delay)
    world.clock.now = NOW
    overview = await world.stats.overview(MODERATOR)
    assert overview.median_first_answer == dt.timedelta(hours=1, microseconds=1500)


async def test_every_period_up_to_the_most_is_counted(world: World) -> None:
    _, ticket = await world.file(hanoi(2026, 3, 2, 9))
    await world.answer(ticket, hanoi(2026, 3, 9, 9))
    last = dt.datetime(2026, 3, 16, 17, tzinfo=UTC)
    boundaries = [
        last - (MAX_BUCKETS - index) * dt.timedelta(weeks=1) for index in range(MAX_BUCKETS + 1)
    ]
    async with world.uow() as uow:
        periods = await uow.stats.tickets_per_period(boundaries)
        with pytest.raises(ValueError, match="boundaries"):
            await uow.stats.tickets_per_period([*boundaries, last + dt.timedelta(weeks=1)])
    assert len(periods) == MAX_BUCKETS
    assert [(period.filed, period.answered) for period in periods[-3:]] == [(1, 0), (0, 1), (0, 0)]
    assert sum(period.filed + period.answered for period in periods) == 2


async def test_unanswered_questions_group_by_folded_text(world: World) -> None:
    recent = hanoi(2026, 3, 17, 20)
    await world.ask("hoc phi nam nay bao nhieu", recent - dt.timedelta(days=3), times=3)
    await world.ask("Học phí năm nay bao nhiêu?", recent, times=2)
    await world.ask("HỌC PHÍ NĂM NAY BAO NHIÊU", recent - dt.timedelta(days=1))
    await world.ask("Trợ cấp thất nghiệp nhận ở đâu", recent - dt.timedelta(hours=1), times=4)
    await world.ask("Trợ cấp thất nghiệp nhận ở đâu", recent, answered=True, times=9)
    await world.ask("Hộ nghèo được hỗ trợ gì", hanoi(2025, 6, 1, 9), times=20)  # too long ago
    for number in range(12):
        await world.ask(f"Câu hỏi số {number} về chính sách", recent - dt.timedelta(minutes=number))
    async with world.uow() as uow:  # a message refused before any search is not a question
        question = NewQuestion(
            None, "x" * 1500, "vi", "chat", "refused:too_long", None, None, None, False, recent
        )
        await uow.questions.add_many([question] * 30)
        await uow.commit()
    draft = await world.drafts.start(MODERATOR, "hoc phi nam nay bao nhieu?")

    overview = await world.stats.overview(BROADCASTER)

    assert len(overview.unanswered) == 10
    fees, benefit = overview.unanswered[:2]
    assert (fees.text, fees.times_asked, fees.wordings) == ("hoc phi nam nay bao nhieu", 6, 3)
    assert fees.folded == "hoc phi nam nay bao nhieu"
    assert fees.last_asked == recent
    assert fees.draft_id == draft.id
    assert (benefit.text, benefit.times_asked, benefit.wordings) == (
        "Trợ cấp thất nghiệp nhận ở đâu",
        4,
        1,
    )
    assert benefit.draft_id is None
    # The rest were asked once each: the most recent first.
    assert [item.text for item in overview.unanswered[2:4]] == [
        "Câu hỏi số 0 về chính sách",
        "Câu hỏi số 1 về chính sách",
    ]
    assert all("Hộ nghèo" not in item.text for item in overview.unanswered)


async def test_who_may_see_the_statistics(world: World) -> None:
    for actor in (MODERATOR, BROADCASTER, TELEGRAM_OFFICIAL, Actor.system()):
        assert (await world.stats.overview(actor)).total == 0
    for actor in (STRANGER, Actor.resident(1001, "vi", "Lan")):
        with pytest.raises(PermissionDenied):
            await world.stats.overview(actor)


async def test_the_number_of_weeks_is_bounded(world: World) -> None:
    assert len((await world.stats.overview(MODERATOR, weeks=0)).by_week) == 1
    assert len((await world.stats.overview(MODERATOR, weeks=10_000)).by_week) == MAX_WEEKS


def test_week_boundaries_are_hanoi_mondays_in_utc() -> None:
    boundaries = week_boundaries(NOW, 2)
    assert boundaries == [
        dt.datetime(2026, 3, 8, 17, tzinfo=UTC),
        dt.datetime(2026, 3, 15, 17, tzinfo=UTC),
        dt.datetime(2026, 3, 22, 17, tzinfo=UTC),
    ]
    # Monday 00:30 in Hanoi is still Sunday in UTC, but already the new week.
    assert week_boundaries(hanoi(2026, 3, 23, 0, 30), 1)[0] == dt.datetime(
        2026, 3, 22, 17, tzinfo=UTC
    )
