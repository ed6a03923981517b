"""Tables: what residents and officials did, and the content releases residents are told."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import (
    BigInteger,
    DateTime,
    Float,
    ForeignKey,
    Index,
    Integer,
    LargeBinary,
    String,
    Text,
    UniqueConstraint,
    false,
    text,
)
from sqlalchemy.engine import Dialect
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column
from sqlalchemy.types import TypeDecorator

# People's names (residents' from Telegram, officials'), up to 64 + 64 characters with a space,
# stored whole: 256 on PostgreSQL, which enforces the length. SQLite does not enforce it, so its
# tables keep the VARCHAR(128) they were created with (widening there means rebuilding tables
# that others refer to).
PersonName = String(128).with_variant(String(256), "postgresql")


class UtcDateTime(TypeDecorator[dt.datetime]):
    """Timezone-aware UTC on both SQLite (which stores naive text) and PostgreSQL."""

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(
        self, value: dt.datetime | None, _dialect: Dialect
    ) -> dt.datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError("naive datetime given; use timezone-aware UTC")
        return value.astimezone(dt.UTC)

    def process_result_value(
        self, value: dt.datetime | None, _dialect: Dialect
    ) -> dt.datetime | None:
        if value is None:
            return None
        return value.replace(tzinfo=dt.UTC) if value.tzinfo is None else value.astimezone(dt.UTC)


class Base(DeclarativeBase):
    pass


class Resident(Base):
    """A Telegram user who talked to the bot; the id is Telegram's user id."""

    __tablename__ = "residents"

    id: Mapped[int] = mapped_column(BigInteger, primary_key=True, autoincrement=False)
    language: Mapped[str | None] = mapped_column(String(8))  # chosen with /language
    telegram_language: Mapped[str | None] = mapped_column(String(16))  # Telegram's language_code
    first_seen: Mapped[dt.datetime] = mapped_column(UtcDateTime)
    last_seen: Mapped[dt.datetime] = mapped_column(UtcDateTime)


class QuestionLog(Base):
    """Every question asked, with what it matched: officials review the unanswered ones."""

    __tablename__ = "question_log"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    resident_id: Mapped[int | None] = mapped_column(
        BigInteger, ForeignKey("residents.id", ondelete="SET NULL")
    )
    text: Mapped[str] = mapped_column(Text)
    language: Mapped[str] = mapped_column(String(8))
    channel: Mapped[str] = mapped_column(String(16))  # "chat" or "inline"
    outcome: Mapped[str] = mapped_column(String(16))  # confident / ambiguous / none / rejected
    matched_kind: Mapped[str | None] = mapped_column(String(16))
    matched_key: Mapped[str | None] = mapped_column(String(64))
    score: Mapped[float | None] = mapped_column(Float)
    answered: Mapped[bool] = mapped_column()
    asked_at: Mapped[dt.datetime] = mapped_column(UtcDateTime)

    __table_args__ = (Index("ix_question_log_answered_asked_at", "answered", "asked_at"),)


# --- feedback tickets, moderation and audit ---


class Ticket(Base):
    """A resident's feedback or question for the committee, moderated by officials."""

    __tablename__ = "tickets"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    code: Mapped[str] = mapped_column(String(12), unique=True)  # short, shown to everyone
    resident_id: Mapped[int] = mapped_column(BigInteger, ForeignKey("residents.id"))
    topic: Mapped[str] = mapped_column(String(64))  # an area key, or "other"
    text: Mapped[str] = mapped_column(Text)
    photo_file_id: Mapped[str | None] = mapped_column(String(256))
    latitude: Mapped[float | None] = mapped_column(Float)
    longitude: Mapped[float | None] = mapped_column(Float)
    anonymous: Mapped[bool] = mapped_column()
    author_name: Mapped[str | None] = mapped_column(PersonName)  # kept only when not anonymous
    language: Mapped[str] = mapped_column(String(8))
    status: Mapped[str] = mapped_column(String(16))
    reject_reason: Mapped[str | None] = mapped_column(String(16))
    department: Mapped[str | None] = mapped_column(String(64))
    published: Mapped[bool] = mapped_column(default=False)
    cluster_id: Mapped[int | None] = mapped_column(Integer, ForeignKey("tickets.id"))
    source_question_id: Mapped[int | None] = mapped_column(
        Integer, ForeignKey("question_log.id", ondelete="SET NULL"), unique=True
    )
    admin_chat_id: Mapped[int | None] = mapped_column(BigInteger)
    admin_message_id: Mapped[int | None] = mapped_column(BigInteger)
    rating: Mapped[int | None] = mapped_column(Integer)
    created_at: Mapped[dt.datetime] = mapped_column(UtcDateTime)
    updated_at: Mapped[dt.datetime] = mapped_column(UtcDateTime)
    first_answered_at: Mapped[dt.datetime | None] = mapped_column(UtcDateTime)
    # Folded text and author for the dashboard's search (see bot/services/ticket_search.py).
    search_text: Mapped[str | None] = mapped_column(Text)
    # The resident allowed publishing (asked in /feedback, withdrawn in /myfeedback).
    publish_consent: Mapped[bool] = mapped_column(default=False, server_default=false())
    # What the public register shows: masked at filing, editable by officials; text stays private.
    public_text: Mapped[str | None] = mapped_column(Text)
    # When the resident's personal data left the ticket (/forgetme, or the retention period).
    anonymised_at: Mapped[dt.datetime | None] = mapped_column(UtcDateTime)

    __table_args__ = (
        Index("ix_tickets_resident_created", "resident_id", "created_at"),
        Index("ix_tickets_status_created", "status", "created_at"),
        Index("ix_tickets_cluster", "cluster_id"),
        Index("ix_tickets_published", "published", "first_answered_at"),
    )


class TicketReply(Base):
    """An official's answer to a ticket, as sent to the resident."""

    __tablename__ = "ticket_replies"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    ticket_id: Mapped[int] = mapped_column(Integer, ForeignKey("tickets.id", ondelete="CASCADE"))
    official_id: Mapped[int] = mapped_column(BigInteger)
    official_name: Mapped[str] = mapped_column(PersonName)
    text: Mapped[str] = mapped_column(Text)
    created_at: Mapped[dt.datetime] = mapped_column(UtcDateTime)

    __table_args__ = (Index("ix_ticket_replies_ticket", "ticket_id", "created_at"),)


class AuditEntry(Base):
    """Who did what, written in the same transaction as the change it records."""

    __tablename__ = "audit_log"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    at: Mapped[dt.datetime] = mapped_column(UtcDateTime)
    actor_kind: Mapped[str] = mapped_column(String(16))
    actor_id: Mapped[int | None] = mapped_column(BigInteger)
    actor_name: Mapped[str] = mapped_column(PersonName)
    account_id: Mapped[int | None] = mapped_column(Integer)  # the dashboard account, if any
    action: Mapped[str] = mapped_column(String(32))
    ticket_id: Mapped[int | None] = mapped_column(
        Integer, ForeignKey("tickets.id", ondelete="SET NULL")
    )
    from_status: Mapped[str | None] = mapped_column(String(16))
    to_status: Mapped[str | None] = mapped_column(String(16))
    detail: Mapped[str | None] = mapped_column(Text)

    __table_args__ = (
        Index("ix_audit_log_ticket", "ticket_id", "at"),
        Index("ix_audit_log_at", "at"),
    )


class FeedbackDraft(Base):
    """A /feedback conversation in progress: one per resident, saved at every step."""

    __tablename__ = "feedback_drafts"

    resident_id: Mapped[int] = mapped_column(
        BigInteger, ForeignKey("residents.id", ondelete="CASCADE"), primary_key=True
    )
    step: Mapped[str] = mapped_column(String(16))
    topic: Mapped[str | None] = mapped_column(String(64))
    text: Mapped[str | None] = mapped_column(Text)
    photo_file_id: Mapped[str | None] = mapped_column(String(256))
    latitude: Mapped[float | None] = mapped_column(Float)
    longitude: Mapped[float | None] = mapped_column(Float)
    anonymous: Mapped[bool | None] = mapped_column()
    author_name: Mapped[str | None] = mapped_column(PersonName)
    publish_consent: Mapped[bool | None] = mapped_column()
    language: Mapped[str] = mapped_column(String(8))
    updated_at: Mapped[dt.datetime] = mapped_column(UtcDateTime)


class ReplyPrompt(Base):
    """A ForceReply prompt in the admin chat: a reply to it answers this ticket."""

    __tablename__ = "reply_prompts"

    chat_id: Mapped[int] = mapped_column(BigInteger, primary_key=True, autoincrement=False)
    message_id: Mapped[int] = mapped_column(BigInteger, primary_key=True, autoincrement=False)
    ticket_id: Mapped[int] = mapped_column(Integer, ForeignKey("tickets.id", ondelete="CASCADE"))
    official_id: Mapped[int] = mapped_column(BigInteger)
    created_at: Mapped[dt.datetime] = mapped_column(UtcDateTime)
    answered_at: Mapped[dt.datetime | None] = mapped_column(UtcDateTime)


class Ban(Base):
    """A resident who may not file tickets (abuse); lifted with /unban."""

    __tablename__ = "bans"

    resident_id: Mapped[int] = mapped_column(BigInteger, primary_key=True, autoincrement=False)
    reason: Mapped[str | None] = mapped_column(String(256))
    banned_by: Mapped[int | None] = mapped_column(BigInteger)
    banned_at: Mapped[dt.datetime] = mapped_column(UtcDateTime)


# --- subscriptions and broadcasts ---

# SQLite autoincrements only an INTEGER primary key; PostgreSQL gets a 64-bit one.
_BIG_ID = BigInteger().with_variant(Integer, "sqlite")


class Subscription(Base):
    """A resident who wants quarterly results; never deleted, so a block can be undone."""

    __tablename__ = "subscriptions"

    resident_id: Mapped[int] = mapped_column(
        BigInteger, ForeignKey("residents.id", ondelete="CASCADE"), primary_key=True
    )
    status: Mapped[str] = mapped_column(String(16))  # active / stopped / blocked
    created_at: Mapped[dt.datetime] = mapped_column(UtcDateTime)
    updated_at: Mapped[dt.datetime] = mapped_column(UtcDateTime)

    __table_args__ = (Index("ix_subscriptions_status", "status"),)


class SubscriptionTopic(Base):
    """A refinement: only reports about these areas or indicators (none: everything)."""

    __tablename__ = "subscription_topics"

    resident_id: Mapped[int] = mapped_column(
        BigInteger,
        ForeignKey("subscriptions.resident_id", ondelete="CASCADE"),
        primary_key=True,
    )
    kind: Mapped[str] = mapped_column(String(16), primary_key=True)  # area / indicator
    key: Mapped[str] = mapped_column(String(64), primary_key=True)


class Broadcast(Base):
    """One message to many residents, frozen when prepared: the preview is what they get."""

    __tablename__ = "broadcasts"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    kind: Mapped[str] = mapped_column(String(16))  # text / report / correction
    status: Mapped[str] = mapped_column(String(16))
    text_vi: Mapped[str] = mapped_column(Text)
    text_en: Mapped[str] = mapped_column(Text)
    photo_vi: Mapped[bytes | None] = mapped_column(LargeBinary)
    photo_en: Mapped[bytes | None] = mapped_column(LargeBinary)
    photo_file_id_vi: Mapped[str | None] = mapped_column(String(256))
    photo_file_id_en: Mapped[str | None] = mapped_column(String(256))
    report_key: Mapped[str | None] = mapped_column(String(64))
    corrects_id: Mapped[int | None] = mapped_column(Integer, ForeignKey("broadcasts.id"))
    created_by: Mapped[int | None] = mapped_column(BigInteger)
    created_by_name: Mapped[str] = mapped_column(PersonName)
    created_at: Mapped[dt.datetime] = mapped_column(UtcDateTime)
    send_at: Mapped[dt.datetime | None] = mapped_column(UtcDateTime)
    started_at: Mapped[dt.datetime | None] = mapped_column(UtcDateTime)
    finished_at: Mapped[dt.datetime | None] = mapped_column(UtcDateTime)
    recipients: Mapped[int] = mapped_column(Integer, default=0)
    admin_chat_id: Mapped[int | None] = mapped_column(BigInteger)
    progress_message_id: Mapped[int | None] = mapped_column(BigInteger)

    __table_args__ = (
        Index("ix_broadcasts_status_send_at", "status", "send_at"),
        Index("ix_broadcasts_corrects", "corrects_id"),
    )


class BroadcastFigure(Base):
    """A figure a broadcast carried, so that a later correction knows who read which value."""

    __tablename__ = "broadcast_figures"

    broadcast_id: Mapped[int] = mapped_column(
        Integer, ForeignKey("broadcasts.id", ondelete="CASCADE"), primary_key=True
    )
    indicator_key: Mapped[str] = mapped_column(String(64), primary_key=True)
    period_key: Mapped[str] = mapped_column(String(16), primary_key=True)
    value: Mapped[float | None] = mapped_column(Float)
    target: Mapped[float | None] = mapped_column(Float)


class Delivery(Base):
    """The outbox: one row per recipient of a broadcast, and what became of it."""

    __tablename__ = "deliveries"

    id: Mapped[int] = mapped_column(_BIG_ID, primary_key=True, autoincrement=True)
    broadcast_id: Mapped[int] = mapped_column(
        Integer, ForeignKey("broadcasts.id", ondelete="CASCADE")
    )
    chat_id: Mapped[int] = mapped_column(BigInteger)
    language: Mapped[str] = mapped_column(String(8))
    status: Mapped[str] = mapped_column(String(16))
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    not_before: Mapped[dt.datetime] = mapped_column(UtcDateTime)  # backoff after a failure
    claimed_by: Mapped[str | None] = mapped_column(String(64))
    lease_until: Mapped[dt.datetime | None] = mapped_column(UtcDateTime)
    message_id: Mapped[int | None] = mapped_column(BigInteger)
    error: Mapped[str | None] = mapped_column(String(200))
    updated_at: Mapped[dt.datetime] = mapped_column(UtcDateTime)

    __table_args__ = (
        UniqueConstraint("broadcast_id", "chat_id", name="uq_deliveries_broadcast_chat"),
        # Claiming walks pending rows in id order; without status first it would skip every
        # row already sent on each claim.
        Index("ix_deliveries_status_id", "status", "id"),
        Index("ix_deliveries_broadcast_status", "broadcast_id", "status"),
    )


class Notice(Base):
    """The residents' outbox: one row per notice of an official's action on their ticket,
    written in the transaction of the action, sent and retried by the delivery worker."""

    __tablename__ = "notices"

    id: Mapped[int] = mapped_column(_BIG_ID, primary_key=True, autoincrement=True)
    chat_id: Mapped[int] = mapped_column(BigInteger)  # the resident
    ticket_id: Mapped[int] = mapped_column(Integer, ForeignKey("tickets.id", ondelete="CASCADE"))
    event: Mapped[str] = mapped_column(String(16))
    # What the action was at the moment (the answer, the department, the reason): the ticket
    # may have moved on by the time the notice goes out.
    detail: Mapped[str | None] = mapped_column(Text)
    status: Mapped[str] = mapped_column(String(16))
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    not_before: Mapped[dt.datetime] = mapped_column(UtcDateTime)
    claimed_by: Mapped[str | None] = mapped_column(String(64))
    lease_until: Mapped[dt.datetime | None] = mapped_column(UtcDateTime)
    message_id: Mapped[int | None] = mapped_column(BigInteger)
    error: Mapped[str | None] = mapped_column(String(200))
    created_at: Mapped[dt.datetime] = mapped_column(UtcDateTime)
    updated_at: Mapped[dt.datetime] = mapped_column(UtcDateTime)

    __table_args__ = (
        Index("ix_notices_status_id", "status", "id"),
        # "Is an earlier notice to this resident still unsent?", asked at every claim.
        Index("ix_notices_chat_status", "chat_id", "status", "id"),
    )


class StaffAccount(Base):
    """A dashboard login for an official; the password is kept only as an argon2 hash."""

    __tablename__ = "staff_accounts"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    username: Mapped[str] = mapped_column(String(64), unique=True)
    display_name: Mapped[str] = mapped_column(String(128))
    password_hash: Mapped[str] = mapped_column(String(256))
    role: Mapped[str] = mapped_column(String(16))
    telegram_user_id: Mapped[int | None] = mapped_column(BigInteger)
    failed_logins: Mapped[int] = mapped_column(Integer, default=0)
    locked_until: Mapped[dt.datetime | None] = mapped_column(UtcDateTime)
    last_login_at: Mapped[dt.datetime | None] = mapped_column(UtcDateTime)
    disabled_at: Mapped[dt.datetime | None] = mapped_column(UtcDateTime)
    created_at: Mapped[dt.datetime] = mapped_column(UtcDateTime)


class StaffSession(Base):
    """A signed-in browser; the id is a hash of the cookie, so a database leak signs no one in."""

    __tablename__ = "staff_sessions"

    id: Mapped[str] = mapped_column(String(64), primary_key=True)
    account_id: Mapped[int] = mapped_column(
        Integer, ForeignKey("staff_accounts.id", ondelete="CASCADE")
    )
    csrf_token: Mapped[str] = mapped_column(String(64))
    created_at: Mapped[dt.datetime] = mapped_column(UtcDateTime)
    last_seen: Mapped[dt.datetime] = mapped_column(UtcDateTime)
    expires_at: Mapped[dt.datetime] = mapped_column(UtcDateTime)  # absolute end of the session
    flash: Mapped[str | None] = mapped_column(Text)  # a one-time notice for the next page

    __table_args__ = (Index("ix_staff_sessions_account", "account_id"),)


class SignInAttempt(Base):
    """The dashboard's login throttle, shared by every instance: failed sign-ins counted by
    source address and by typed name, and the addresses a name signed in from. The key is a
    SHA-256 of what is counted, so neither addresses nor typed names are kept."""

    __tablename__ = "sign_in_attempts"

    key: Mapped[str] = mapped_column(String(64), primary_key=True)
    kind: Mapped[str] = mapped_column(String(16))  # source, name, trusted
    failures: Mapped[int] = mapped_column(Integer, default=0)
    last_at: Mapped[dt.datetime] = mapped_column(UtcDateTime)
    wait_until: Mapped[dt.datetime | None] = mapped_column(UtcDateTime)

    __table_args__ = (Index("ix_sign_in_attempts_kind_last", "kind", "last_at"),)


class FaqDraft(Base):
    """A new FAQ entry being written from residents' unanswered questions; published by copying
    its YAML into the content files (content is data: the database never publishes it)."""

    __tablename__ = "faq_drafts"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    question_key: Mapped[str] = mapped_column(String(64), unique=True)  # sha256 of the folded text
    from_question: Mapped[str] = mapped_column(Text)  # the residents' wording it started from
    faq_key: Mapped[str | None] = mapped_column(String(64))
    question_vi: Mapped[str | None] = mapped_column(Text)
    question_en: Mapped[str | None] = mapped_column(Text)
    answer_vi: Mapped[str | None] = mapped_column(Text)
    answer_en: Mapped[str | None] = mapped_column(Text)
    area: Mapped[str | None] = mapped_column(String(64))
    aliases_vi: Mapped[str] = mapped_column(Text, default="")  # one term per line
    aliases_en: Mapped[str] = mapped_column(Text, default="")
    keywords_vi: Mapped[str] = mapped_column(Text, default="")
    keywords_en: Mapped[str] = mapped_column(Text, default="")
    source_report: Mapped[str | None] = mapped_column(String(64))  # a report key
    source_quote: Mapped[str | None] = mapped_column(Text)
    source_quote_en: Mapped[str | None] = mapped_column(Text)
    status: Mapped[str] = mapped_column(String(16))  # draft / ready
    created_by: Mapped[int | None] = mapped_column(Integer)  # the dashboard account, if any
    created_by_name: Mapped[str] = mapped_column(PersonName)
    created_at: Mapped[dt.datetime] = mapped_column(UtcDateTime)
    updated_at: Mapped[dt.datetime] = mapped_column(UtcDateTime)

    # Ids are never reused on SQLite either: the audit log names drafts by id.
    __table_args__ = (Index("ix_faq_drafts_updated", "updated_at"), {"sqlite_autoincrement": True})


class ContentRelease(Base):
    """One version of the published content (the files of content/data as one JSON document).

    The document and checksum never change once stored; only the state moves (live ↔ retired).
    Exactly one release is live: a unique index over the live rows alone enforces it."""

    __tablename__ = "content_releases"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    state: Mapped[str] = mapped_column(String(16))  # draft / live / retired
    document: Mapped[str] = mapped_column(Text)
    checksum: Mapped[str] = mapped_column(String(64))  # sha256 of the canonical document
    created_at: Mapped[dt.datetime] = mapped_column(UtcDateTime)
    created_by: Mapped[str] = mapped_column(PersonName)
    published_at: Mapped[dt.datetime | None] = mapped_column(UtcDateTime)
    published_by: Mapped[str | None] = mapped_column(PersonName)
    note: Mapped[str | None] = mapped_column(Text)
    replaces_id: Mapped[int | None] = mapped_column(
        Integer, ForeignKey("content_releases.id", ondelete="RESTRICT")
    )

    __table_args__ = (
        Index(
            "ux_content_releases_live",
            "state",
            unique=True,
            sqlite_where=text("state = 'live'"),
            postgresql_where=text("state = 'live'"),
        ),
        # Ids are never reused on SQLite either: the audit log names releases by id.
        {"sqlite_autoincrement": True},
    )
