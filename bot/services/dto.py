"""Data passed between front ends and services: who acts, and what a service answers."""

from __future__ import annotations

import enum
from dataclasses import dataclass

from bot.i18n import Language
from bot.services.plain_text import person_name
from content.index import EntryKind, Outcome
from content.message_kinds import MessageKind, SmallTalk
from content.schema import Faq, Indicator, Policy
from content.where_to_go import Office

Entry = Indicator | Policy | Faq


class ActorKind(enum.StrEnum):
    RESIDENT = "resident"
    OFFICIAL = "official"  # a Telegram user acting in the officials' chat
    STAFF = "staff"  # a dashboard account, signed in with a password
    SYSTEM = "system"


class Role(enum.StrEnum):
    """A dashboard account's role; what each may do is `bot.services.officials.ROLE_PERMISSIONS`."""

    MODERATOR = "moderator"
    BROADCASTER = "broadcaster"
    ADMINISTRATOR = "administrator"


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
        """Someone who claims to be an official; services verify it (bot.services.officials)."""
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


@dataclass(frozen=True, slots=True)
class FoundEntry:
    kind: EntryKind
    entry: Entry
    score: float


class Refusal(enum.StrEnum):
    """Why a question was not searched at all."""

    TOO_LONG = "too_long"
    NO_WORDS = "no_words"


@dataclass(frozen=True, slots=True)
class Answer:
    """The outcome of a resident's question, in the language to reply in."""

    language: Language
    outcome: Outcome | None  # None when refused
    found: tuple[FoundEntry, ...]
    question_id: int | None  # set when the question was committed (unanswered, personal)
    refusal: Refusal | None = None
    # When answered: the entries linked with the answer (content/data/links.yaml), for buttons.
    related: tuple[FoundEntry, ...] = ()
    kind: MessageKind | None = None  # None when refused; searched only if QUESTION
    small_talk: SmallTalk | None = None  # which small talk, when kind is SMALL_TALK
    offices: tuple[Office, ...] = ()  # where to take a PERSONAL case

    @property
    def best(self) -> FoundEntry | None:
        return self.found[0] if self.found else None
