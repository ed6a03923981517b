"""Feedback tickets and what goes with them: replies, drafts in progress, reply prompts, bans."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import BigInteger, Float, ForeignKey, Index, Integer, String, Text, false
from sqlalchemy.orm import Mapped, mapped_column

from storage.models.columns import Base, PersonName, UtcDateTime


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
    # The official's words with a rejection, and the office (where_to_go.yaml) it refers to.
    reject_words: Mapped[str | None] = mapped_column(Text)
    referral: Mapped[str | None] = mapped_column(String(32))
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
    # Milliseconds from filing to that first answer, written with it (the statistics' median
    # is then an index's middle entry instead of a sort of every answered ticket).
    first_answer_ms: Mapped[int | None] = mapped_column(BigInteger)
    # Folded text and author for the dashboard's search (see bot/services/ticket_search.py).
    search_text: Mapped[str | None] = mapped_column(Text)
    # The resident allowed publishing (asked in /feedback, withdrawn in /myfeedback).
    publish_consent: Mapped[bool] = mapped_column(default=False, server_default=false())
    # What the public register shows: masked at filing, editable by officials; text stays private.
    public_text: Mapped[str | None] = mapped_column(Text)
    # When the resident's personal data left the ticket (/forgetme, or the retention period).
    anonymised_at: Mapped[dt.datetime | None] = mapped_column(UtcDateTime)
    # The official (a dashboard account) the ticket is given to, beside its department. No
    # foreign key: accounts are disabled, never deleted, and SQLite cannot add one in place.
    assignee_account_id: Mapped[int | None] = mapped_column(Integer)

    __table_args__ = (
        Index("ix_tickets_resident_created", "resident_id", "created_at"),
        Index("ix_tickets_status_created", "status", "created_at"),
        Index("ix_tickets_cluster", "cluster_id"),
        Index("ix_tickets_published", "published", "first_answered_at"),
        Index("ix_tickets_assignee", "assignee_account_id", "status"),
        # For the statistics (storage/repositories/stats.py): weekly counts are index range
        # counts, the median an index offset, the totals by field a scan of one narrow index.
        Index("ix_tickets_created", "created_at"),
        Index("ix_tickets_first_answered", "first_answered_at"),
        Index("ix_tickets_first_answer_ms", "first_answer_ms"),
        Index("ix_tickets_topic_totals", "topic", "first_answer_ms", "rating"),
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
