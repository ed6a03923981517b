"""An official's working day with tickets: internal notes, saved answers, overdue reminders."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import Date, ForeignKey, Index, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from storage.models.columns import Base, PersonName, UtcDateTime


class TicketNote(Base):
    """An official's note on a ticket for other officials; never shown to the resident."""

    __tablename__ = "ticket_notes"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    ticket_id: Mapped[int] = mapped_column(Integer, ForeignKey("tickets.id", ondelete="CASCADE"))
    account_id: Mapped[int | None] = mapped_column(Integer)  # the dashboard account, if any
    author_name: Mapped[str] = mapped_column(PersonName)
    text: Mapped[str] = mapped_column(Text)
    created_at: Mapped[dt.datetime] = mapped_column(UtcDateTime)

    __table_args__ = (Index("ix_ticket_notes_ticket", "ticket_id", "created_at"),)


class SavedAnswer(Base):
    """An answer officials reuse, for one topic (or every topic: `topic` empty); `{name}` in
    its text becomes the resident's name."""

    __tablename__ = "saved_answers"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    topic: Mapped[str | None] = mapped_column(String(64))
    title: Mapped[str] = mapped_column(String(120))
    text: Mapped[str] = mapped_column(Text)
    updated_by: Mapped[str] = mapped_column(PersonName)
    updated_at: Mapped[dt.datetime] = mapped_column(UtcDateTime)

    __table_args__ = (Index("ix_saved_answers_topic", "topic"),)


class TicketReminder(Base):
    """One overdue reminder per ticket per Hanoi day: the primary key is the claim, so two
    instances (or a restart) never remind twice the same day."""

    __tablename__ = "ticket_reminders"

    ticket_id: Mapped[int] = mapped_column(
        Integer, ForeignKey("tickets.id", ondelete="CASCADE"), primary_key=True
    )
    day: Mapped[dt.date] = mapped_column(Date, primary_key=True)
    claimed_at: Mapped[dt.datetime] = mapped_column(UtcDateTime)
