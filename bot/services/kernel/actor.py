"""Data passed between front ends and services: who acts, and what a service answers."""

from __future__ import annotations

import enum
from dataclasses import dataclass

from bot.services.kernel.plain_text import person_name


class ActorKind(enum.StrEnum):
    RESIDENT = "resident"
    OFFICIAL = "official"  # a Telegram user acting in the officials' chat
    STAFF = "staff"  # a dashboard account, signed in with a password
    SYSTEM = "system"


class Role(enum.StrEnum):
    """A dashboard account's role; what each may do: `kernel.officials.ROLE_PERMISSIONS`."""

    MODERATOR = "moderator"
    BROADCASTER = "broadcaster"
    ADMINISTRATOR = "administrator"
    CONTENT_EDITOR = "content_editor"  # edits draft content releases
    APPROVER = "approver"  # approves a draft someone else edited: it goes live


@dataclass(frozen=True, slots=True)
class Actor:
    """Who is acting; services check permissions against it themselves."""

    kind: ActorKind
    user_id: int | None
    telegram_language: str | None = None
    name: str | None = None  # shown to officials ("who did what"); never trusted for permission
    account_id: int | None = None  # STAFF: the dashboard account
    role: Role | None = None  # STAFF: set by the dashboard from the signed-in account only
    # RESIDENT: the Telegram first name, last name and username, for masking only: a ticket
    # filed anonymously must not publish them either.
    handles: tuple[str, ...] = ()

    @classmethod
    def resident(
        cls,
        user_id: int,
        telegram_language: str | None = None,
        name: str | None = None,
        handles: tuple[str, ...] = (),
    ) -> Actor:
        # Names come from Telegram as typed (NUL, 64 + 64 characters): cleaned once, here.
        return cls(
            ActorKind.RESIDENT, user_id, telegram_language, person_name(name), handles=handles
        )

    @classmethod
    def official(cls, user_id: int, name: str | None = None) -> Actor:
        """Someone who claims to be an official; services verify it (kernel.officials)."""
        return cls(ActorKind.OFFICIAL, user_id, None, person_name(name))

    @classmethod
    def staff(
        cls, account_id: int, name: str, role: Role, telegram_user_id: int | None = None
    ) -> Actor:
        """A dashboard account, as loaded from its session (never from request parameters)."""
        return cls(ActorKind.STAFF, telegram_user_id, None, name, account_id, role)

    @classmethod
    def system(cls) -> Actor:
        return cls(ActorKind.SYSTEM, None)
