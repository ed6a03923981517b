"""Residents and the questions they asked."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import BigInteger, Float, ForeignKey, Index, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from storage.models.columns import Base, UtcDateTime


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
