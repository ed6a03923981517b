"""All services, built once by the composition root (bot/services/composition.py).

This is the one place where contexts meet: a service that needs another context's service (the
ticket queue's bulk moves need moderation) is handed it here, so the contexts never import each
other (an import-linter contract).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import TypeVar

from argon2 import PasswordHasher

from bot.domain.deadlines import DeadlineRules
from bot.services.access.accounts import AccountService
from bot.services.access.audit_log import AuditLog
from bot.services.access.model import LoginPolicy
from bot.services.broadcasts.lifecycle import BroadcastService
from bot.services.broadcasts.model import BroadcastComposer, NoComposer
from bot.services.broadcasts.outbox import Outbox
from bot.services.broadcasts.release_offers import ReleaseOfferPosts
from bot.services.broadcasts.signals import BroadcastSignals
from bot.services.broadcasts.subscriptions import SubscriptionService
from bot.services.kernel.backing import Backing
from bot.services.kernel.clock import Clock, utc_now
from bot.services.kernel.health import HealthService
from bot.services.kernel.live_knowledge import LiveKnowledge
from bot.services.kernel.officials import Officials
from bot.services.kernel.outage_reruns import rerunning
from bot.services.kernel.residents import ResidentService
from bot.services.knowledge.answers import AnswerService
from bot.services.knowledge.catalog import CatalogService
from bot.services.knowledge.content_review import ContentReview
from bot.services.knowledge.draft_editing import DraftEditing
from bot.services.knowledge.drafts import ContentDrafts
from bot.services.knowledge.faq_drafts import FaqDraftService
from bot.services.knowledge.open_data import OpenData
from bot.services.knowledge.proposal_rejections import ProposalRejections
from bot.services.knowledge.question_recorder import QuestionRecorder
from bot.services.knowledge.releases import ContentReleases
from bot.services.knowledge.unanswered_questions import QuestionLogService
from bot.services.privacy.residents_rights import (
    DEFAULT_RETENTION_MONTHS,
    ResidentPrivacy,
    TicketText,
)
from bot.services.stats.dashboard import StatsService
from bot.services.tickets.assignment import TicketAssignment
from bot.services.tickets.conversation import FeedbackIntake
from bot.services.tickets.deadlines import Deadlines, TicketDeadlines
from bot.services.tickets.desk import TicketDesk
from bot.services.tickets.events import TicketEvents
from bot.services.tickets.filing_rules import TicketFiling
from bot.services.tickets.masking import mask_personal_data
from bot.services.tickets.model import FeedbackLimits
from bot.services.tickets.moderation import ModerationService, TicketNews
from bot.services.tickets.notes import TicketNotes
from bot.services.tickets.notices import ResidentNotices
from bot.services.tickets.queue import TicketSearch
from bot.services.tickets.queue_export import TicketExport
from bot.services.tickets.resident_tickets import FeedbackService
from bot.services.tickets.saved_answers import SavedAnswers
from bot.services.tickets.search_text import search_text
from bot.services.tickets.views import TicketViews
from storage.uow import UnitOfWorkFactory

T = TypeVar("T")

# What the privacy context needs of the tickets context's text rules.
TICKET_TEXT = TicketText(mask=mask_personal_data, search_text=search_text)


@dataclass(frozen=True, slots=True, kw_only=True)
class ServiceSettings:
    """What the services are told of the deployment, read from the settings once by the
    composition root; the defaults suit tests."""

    admin_user_ids: frozenset[int] = frozenset()
    feedback_limits: FeedbackLimits = field(default_factory=FeedbackLimits)
    broadcast_max_attempts: int = 5
    admin_chat_id: int | None = None  # where officials run broadcasts (None: anywhere)
    login_policy: LoginPolicy | None = None
    content_dir: Path | None = None
    retention_months: int = DEFAULT_RETENTION_MONTHS
    # How long a service call that lost its database connection mid-way keeps running again
    # (DATABASE_OUTAGE_SECONDS; kernel/outage_reruns.py).
    outage_patience: float = 0.0
    # First-answer deadlines (TICKET_DEADLINE_*, TICKET_HOLIDAYS; tickets/deadlines.py).
    deadline_rules: DeadlineRules = field(default_factory=DeadlineRules)
    clock: Clock = utc_now  # what the services take for now (a test's own clock)
    # PUBLIC_BASE_URL: where the public open-data pages are; cards link to them when set.
    public_base_url: str | None = None


DEFAULT_SETTINGS = ServiceSettings()


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
    release_offers: ReleaseOfferPosts  # the group told what a publish leaves to send
    outbox: Outbox
    notices: ResidentNotices
    broadcast_signals: BroadcastSignals
    accounts: AccountService
    audit_log: AuditLog  # the whole audit log, for dashboard administrators
    stats: StatsService
    faq_drafts: FaqDraftService
    content_review: ContentReview
    ticket_search: TicketSearch
    ticket_export: TicketExport
    health: HealthService
    privacy: ResidentPrivacy
    releases: ContentReleases
    # An official's working day with tickets (deadlines, notes, saved answers, assignment).
    ticket_deadlines: TicketDeadlines
    ticket_notes: TicketNotes
    saved_answers: SavedAnswers
    ticket_assignment: TicketAssignment
    ticket_desk: TicketDesk
    open_data: OpenData
    content_drafts: ContentDrafts
    draft_editing: DraftEditing

    @classmethod
    def build(
        cls,
        uow: UnitOfWorkFactory,
        knowledge: LiveKnowledge,
        settings: ServiceSettings = DEFAULT_SETTINGS,
        *,
        broadcast_composer: BroadcastComposer | None = None,
        password_hasher: PasswordHasher | None = None,
    ) -> Services:
        """The services handed to one another are the plain ones; those handed out re-run
        a call whose database connection dropped mid-way: the outermost call re-runs."""

        def rerun(service: T) -> T:
            return rerunning(service, settings.outage_patience)

        clock = settings.clock
        backing = Backing(uow, knowledge, clock)
        recorder = QuestionRecorder(uow)
        residents = ResidentService(uow, recorder)  # contacts are written behind, as questions
        officials = Officials(settings.admin_user_ids, chat_id=settings.admin_chat_id)
        limits = settings.feedback_limits
        events = TicketEvents()
        views = TicketViews(knowledge, Deadlines(settings.deadline_rules, clock))
        filing = TicketFiling(knowledge, views, limits, utc_now)
        subscriptions = SubscriptionService(uow, knowledge, residents)
        signals = BroadcastSignals()
        max_attempts = settings.broadcast_max_attempts
        notices = ResidentNotices(backing, views, subscriptions, max_attempts=max_attempts)
        releases = ContentReleases(uow, knowledge, officials, settings.content_dir)
        drafts = ContentDrafts(uow, officials, releases, knowledge)
        moderation = ModerationService(
            backing, officials, views, TicketNews(events, notices), limits
        )
        broadcasts = BroadcastService(
            backing,
            officials,
            broadcast_composer or NoComposer(),
            signals,
            admin_chat_id=settings.admin_chat_id,
        )
        search = TicketSearch(uow, knowledge, officials, moderation, views)
        return cls(
            ticket_deadlines=rerun(
                TicketDeadlines(backing, officials, settings.deadline_rules, views, events)
            ),
            ticket_notes=rerun(TicketNotes(backing, officials)),
            saved_answers=rerun(SavedAnswers(backing, officials, views, limits.reply_max_chars)),
            ticket_assignment=rerun(TicketAssignment(backing, officials)),
            ticket_desk=rerun(TicketDesk(backing, search)),
            knowledge=knowledge,
            officials=officials,
            ticket_events=events,
            feedback_intake=rerun(FeedbackIntake(backing, filing, events, limits)),
            feedback=rerun(FeedbackService(backing, filing, views, events)),
            moderation=rerun(moderation),
            residents=rerun(residents),
            recorder=recorder,
            answers=rerun(AnswerService(backing, residents, recorder)),
            catalog=CatalogService(knowledge, settings.public_base_url),
            questions=rerun(QuestionLogService(uow, officials)),
            subscriptions=rerun(subscriptions),
            broadcasts=rerun(broadcasts),
            release_offers=rerun(ReleaseOfferPosts(backing, broadcasts)),
            outbox=rerun(Outbox(uow, knowledge, subscriptions, max_attempts=max_attempts)),
            notices=rerun(notices),
            broadcast_signals=signals,
            accounts=rerun(
                AccountService(uow, officials, policy=settings.login_policy, hasher=password_hasher)
            ),
            audit_log=rerun(AuditLog(uow, officials)),
            stats=rerun(StatsService(uow, knowledge, officials)),
            faq_drafts=rerun(FaqDraftService(uow, knowledge, officials)),
            content_review=rerun(ContentReview(knowledge, officials, drafts)),
            ticket_search=rerun(search),
            ticket_export=rerun(
                TicketExport(uow, knowledge, officials, clock, settings.deadline_rules)
            ),
            health=HealthService(uow),
            privacy=rerun(
                ResidentPrivacy(uow, TICKET_TEXT, settings.retention_months, residents=residents)
            ),
            releases=rerun(releases),
            open_data=rerun(OpenData(uow, knowledge)),
            content_drafts=rerun(drafts),
            # The editor's forms over the drafts service (the plain one: this one re-runs).
            draft_editing=rerun(DraftEditing(drafts, ProposalRejections(uow, officials, clock))),
        )
