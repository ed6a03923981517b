"""All services, built once by the composition root."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from argon2 import PasswordHasher

from bot.services.account_model import LoginPolicy
from bot.services.accounts import AccountService
from bot.services.answers import AnswerService
from bot.services.broadcast_model import BroadcastComposer, NoComposer
from bot.services.broadcast_signals import BroadcastSignals
from bot.services.broadcasts import BroadcastService
from bot.services.catalog import CatalogService
from bot.services.clock import utc_now
from bot.services.content_review import ContentReview
from bot.services.dashboard_stats import StatsService
from bot.services.faq_drafts import FaqDraftService
from bot.services.feedback import FeedbackService
from bot.services.feedback_intake import FeedbackIntake
from bot.services.feedback_model import FeedbackLimits
from bot.services.filing import TicketFiling
from bot.services.health import HealthService
from bot.services.knowledge import LiveKnowledge
from bot.services.moderation import ModerationService
from bot.services.notices import ResidentNotices
from bot.services.officials import Officials
from bot.services.outbox import Outbox
from bot.services.privacy import DEFAULT_RETENTION_MONTHS, ResidentPrivacy
from bot.services.question_recorder import QuestionRecorder
from bot.services.questions import QuestionLogService
from bot.services.queue_export import TicketExport
from bot.services.residents import ResidentService
from bot.services.subscriptions import SubscriptionService
from bot.services.ticket_events import TicketEvents
from bot.services.ticket_search import TicketSearch
from bot.services.ticket_views import TicketViews
from storage.uow import UnitOfWorkFactory


@dataclass(frozen=True, slots=True)
class Services:
    knowledge: LiveKnowledge
    residents: ResidentService
    answers: AnswerService
    catalog: CatalogService
    questions: QuestionLogService
    recorder: QuestionRecorder
    officials: Officials
    ticket_events: TicketEvents
    feedback_intake: FeedbackIntake
    feedback: FeedbackService
    moderation: ModerationService
    subscriptions: SubscriptionService
    broadcasts: BroadcastService
    outbox: Outbox
    notices: ResidentNotices
    broadcast_signals: BroadcastSignals
    accounts: AccountService
    stats: StatsService
    faq_drafts: FaqDraftService
    content_review: ContentReview
    ticket_search: TicketSearch
    ticket_export: TicketExport
    health: HealthService
    privacy: ResidentPrivacy

    @classmethod
    def build(
        cls,
        uow: UnitOfWorkFactory,
        knowledge: LiveKnowledge,
        *,
        admin_user_ids: frozenset[int] = frozenset(),
        feedback_limits: FeedbackLimits | None = None,
        broadcast_composer: BroadcastComposer | None = None,
        broadcast_max_attempts: int = 5,
        admin_chat_id: int | None = None,
        login_policy: LoginPolicy | None = None,
        password_hasher: PasswordHasher | None = None,
        content_dir: Path | None = None,
        retention_months: int = DEFAULT_RETENTION_MONTHS,
    ) -> Services:
        residents = ResidentService(uow)
        recorder = QuestionRecorder(uow)
        officials = Officials(admin_user_ids)
        limits = feedback_limits or FeedbackLimits()
        events = TicketEvents()
        views = TicketViews(knowledge)
        filing = TicketFiling(knowledge, views, limits, utc_now)
        subscriptions = SubscriptionService(uow, knowledge, residents)
        signals = BroadcastSignals()
        notices = ResidentNotices(
            uow, knowledge, views, subscriptions, max_attempts=broadcast_max_attempts
        )
        moderation = ModerationService(uow, knowledge, officials, views, events, notices, limits)
        return cls(
            knowledge=knowledge,
            officials=officials,
            ticket_events=events,
            feedback_intake=FeedbackIntake(uow, knowledge, filing, events, limits),
            feedback=FeedbackService(uow, knowledge, filing, views, events),
            moderation=moderation,
            residents=residents,
            recorder=recorder,
            answers=AnswerService(uow, knowledge, residents, recorder),
            catalog=CatalogService(knowledge),
            questions=QuestionLogService(uow, officials),
            subscriptions=subscriptions,
            broadcasts=BroadcastService(
                uow,
                knowledge,
                officials,
                broadcast_composer or NoComposer(),
                signals,
                admin_chat_id=admin_chat_id,
            ),
            outbox=Outbox(uow, knowledge, subscriptions, max_attempts=broadcast_max_attempts),
            notices=notices,
            broadcast_signals=signals,
            accounts=AccountService(uow, officials, policy=login_policy, hasher=password_hasher),
            stats=StatsService(uow, knowledge, officials),
            faq_drafts=FaqDraftService(uow, knowledge, officials),
            content_review=ContentReview(knowledge, officials, content_dir),
            ticket_search=TicketSearch(uow, knowledge, officials, moderation, views),
            ticket_export=TicketExport(uow, knowledge, officials),
            health=HealthService(uow),
            privacy=ResidentPrivacy(uow, retention_months),
        )
