"""Subscriptions, broadcasts and the outboxes the delivery worker sends: deliveries and notices."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import (
    BigInteger,
    Float,
    ForeignKey,
    Index,
    Integer,
    LargeBinary,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import Mapped, mapped_column

from storage.models.columns import BIG_ID, Base, PersonName, UtcDateTime


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
    # Wards and communes it is aimed at (content/hanoi_places keys, space-separated); None:
    # everywhere.
    districts: Mapped[str | None] = mapped_column(Text)
    # A text the official wrote in this one language, which every subscriber reads.
    written_in: Mapped[str | None] = mapped_column(String(8))

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

    id: Mapped[int] = mapped_column(BIG_ID, primary_key=True, autoincrement=True)
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

    id: Mapped[int] = mapped_column(BIG_ID, primary_key=True, autoincrement=True)
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
