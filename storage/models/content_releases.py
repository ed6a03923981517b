"""The published content's versions: what residents are told, one release live at a time."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import ForeignKey, Index, Integer, String, Text, text
from sqlalchemy.orm import Mapped, mapped_column

from storage.models.columns import Base, PersonName, UtcDateTime


class ContentRelease(Base):
    """One version of the published content (the files of content/data as one JSON document).

    A published release's document and checksum never change; only its state moves (live ↔
    retired). A draft's document changes at every save, each save one `version` more (a save
    names the version it edited: optimistic concurrency), until it is approved (draft → live) or
    discarded. Exactly one release is live: a unique index over the live rows alone enforces it."""

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
    version: Mapped[int] = mapped_column(Integer, default=1, server_default=text("1"))

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


class ContentDraftEditor(Base):
    """Someone who saved a draft: four eyes, an approver must not be one of them."""

    __tablename__ = "content_draft_editors"

    release_id: Mapped[int] = mapped_column(
        Integer, ForeignKey("content_releases.id", ondelete="CASCADE"), primary_key=True
    )
    identity: Mapped[str] = mapped_column(String(64), primary_key=True)  # "account:3"
    name: Mapped[str] = mapped_column(PersonName)
    first_at: Mapped[dt.datetime] = mapped_column(UtcDateTime)


class ContentRejectedProposal(Base):
    """A proposal from a draft's pasted report that an editor rejected: not offered again, to
    anyone (``fingerprint``: the proposal's kind, figure and quote, content/editing)."""

    __tablename__ = "content_rejected_proposals"

    release_id: Mapped[int] = mapped_column(
        Integer, ForeignKey("content_releases.id", ondelete="CASCADE"), primary_key=True
    )
    report_key: Mapped[str] = mapped_column(String(32), primary_key=True)
    fingerprint: Mapped[str] = mapped_column(String(32), primary_key=True)
    figure: Mapped[str] = mapped_column(String(64))  # as the report writes it: "3.612"
    identity: Mapped[str] = mapped_column(String(64))  # who rejected it: "account:3"
    name: Mapped[str] = mapped_column(PersonName)
    rejected_at: Mapped[dt.datetime] = mapped_column(UtcDateTime)


class ReleaseOffer(Base):
    """The officials' group is told once what a published release leaves to broadcast: the row
    is written with the publish (the outbox); an instance claims it (pending → posting), posts,
    and marks it posted, or gives it back when the group could not be reached."""

    __tablename__ = "release_offers"

    release_id: Mapped[int] = mapped_column(
        Integer, ForeignKey("content_releases.id", ondelete="CASCADE"), primary_key=True
    )
    status: Mapped[str] = mapped_column(String(16))  # pending / posting / posted / superseded
    created_at: Mapped[dt.datetime] = mapped_column(UtcDateTime)
    claimed_at: Mapped[dt.datetime | None] = mapped_column(UtcDateTime)
    message_id: Mapped[int | None] = mapped_column(Integer)
