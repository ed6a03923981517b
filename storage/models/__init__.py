"""Tables: what residents and officials did, and the content releases residents are told.

One module per aggregate; every table is imported here, so `Base.metadata` (Alembic's
env.py, the tests) holds them all and `from storage.models import X` works for each.
"""

from storage.models.broadcasts import (
    Broadcast,
    BroadcastFigure,
    Delivery,
    Notice,
    Subscription,
    SubscriptionTopic,
)
from storage.models.columns import BIG_ID, Base, PersonName, UtcDateTime
from storage.models.content_releases import (
    ContentDraftEditor,
    ContentRejectedProposal,
    ContentRelease,
    ReleaseOffer,
)
from storage.models.faq_drafts import FaqDraft
from storage.models.residents import QuestionLog, Resident
from storage.models.staff import AuditEntry, SignInAttempt, StaffAccount, StaffSession
from storage.models.ticket_work import SavedAnswer, TicketNote, TicketReminder
from storage.models.tickets import Ban, FeedbackDraft, ReplyPrompt, Ticket, TicketReply

__all__ = [
    "BIG_ID",
    "AuditEntry",
    "Ban",
    "Base",
    "Broadcast",
    "BroadcastFigure",
    "ContentDraftEditor",
    "ContentRejectedProposal",
    "ContentRelease",
    "Delivery",
    "FaqDraft",
    "FeedbackDraft",
    "Notice",
    "PersonName",
    "QuestionLog",
    "ReleaseOffer",
    "ReplyPrompt",
    "Resident",
    "SavedAnswer",
    "SignInAttempt",
    "StaffAccount",
    "StaffSession",
    "Subscription",
    "SubscriptionTopic",
    "Ticket",
    "TicketNote",
    "TicketReminder",
    "TicketReply",
    "UtcDateTime",
]
