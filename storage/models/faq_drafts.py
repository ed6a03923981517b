"""FAQ entries being written from residents' unanswered questions."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import Index, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from storage.models.columns import Base, PersonName, UtcDateTime


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
