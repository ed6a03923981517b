"""Officials' dashboard accounts and sessions, and the audit log of who did what."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import BigInteger, ForeignKey, Index, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from storage.models.columns import Base, PersonName, UtcDateTime


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
