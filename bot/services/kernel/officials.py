"""Who is an official and what each may do.

Telegram officials are listed in ADMIN_USER_IDS or administer the admin chat (the officials'
chat, `chat_id`); dashboard accounts (ActorKind.STAFF) carry a role. Every official action,
from the admin group, the dashboard or the CLI, passes through
`Officials.require(actor, permission)`, so a permission is checked in one place whatever the
button or URL.
"""

from __future__ import annotations

import datetime as dt
import enum
import logging
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Protocol

from bot.domain.errors import PermissionDenied
from bot.services.kernel.actor import Actor, ActorKind, Role
from bot.services.kernel.clock import Clock, utc_now

logger = logging.getLogger(__name__)

# How long an answer from the messenger about admin rights is trusted. Demoting someone in the
# group takes effect within this time; a refusal is re-checked sooner so a new admin can start.
ADMIN_CACHE_TTL = dt.timedelta(minutes=5)
REFUSAL_CACHE_TTL = dt.timedelta(seconds=30)


class Permission(enum.StrEnum):
    MODERATE = "moderate"  # read tickets, approve, reject, assign, answer, close, publish, ban
    EXPORT = "export"  # download the ticket queue as a file
    BROADCAST = "broadcast"  # compose, send and steer broadcasts
    VIEW_STATS = "view_stats"
    VIEW_CONTENT = "view_content"
    DRAFT_CONTENT = "draft_content"  # draft FAQ entries from residents' unanswered questions
    SEE_RESIDENT_IDS = "see_resident_ids"  # a named resident's Telegram id (never an anonymous one)
    MANAGE_ACCOUNTS = "manage_accounts"
    PUBLISH_CONTENT = "publish_content"  # make a content release live, or roll back
    EDIT_CONTENT = "edit_content"  # start, edit, save and discard draft content releases
    APPROVE_CONTENT = "approve_content"  # approve a draft one did not edit: it goes live
    VIEW_AUDIT = "view_audit"  # read the whole audit log (dashboard administrators only)


_EVERYONE = frozenset({Permission.VIEW_STATS, Permission.VIEW_CONTENT})
ROLE_PERMISSIONS: dict[Role, frozenset[Permission]] = {
    Role.MODERATOR: _EVERYONE | {Permission.MODERATE, Permission.EXPORT, Permission.DRAFT_CONTENT},
    Role.BROADCASTER: _EVERYONE | {Permission.BROADCAST},
    Role.ADMINISTRATOR: frozenset(Permission),
    Role.CONTENT_EDITOR: _EVERYONE | {Permission.EDIT_CONTENT, Permission.DRAFT_CONTENT},
    # Four eyes: an approver publishes what someone else edited, and may step back one release
    # (rollback, PUBLISH_CONTENT, restores content already approved); publishing content that no
    # draft held is the operator's, from the shell.
    Role.APPROVER: _EVERYONE | {Permission.APPROVE_CONTENT, Permission.PUBLISH_CONTENT},
}
# What the officials' Telegram chat has always been able to do; resident ids and accounts stay
# with dashboard administrators.
TELEGRAM_OFFICIAL_PERMISSIONS = ROLE_PERMISSIONS[Role.MODERATOR] | {Permission.BROADCAST}


class AdministratorRoster(Protocol):
    """Answers whether a user administers the officials' chat (Telegram: getChatMember)."""

    async def is_administrator(self, user_id: int) -> bool: ...


@dataclass(frozen=True, slots=True)
class Official:
    user_id: int  # Telegram user id; 0 for a dashboard account not linked to Telegram
    name: str  # as shown on cards and in the audit log
    permissions: frozenset[Permission] = TELEGRAM_OFFICIAL_PERMISSIONS
    account_id: int | None = None

    @property
    def label(self) -> str:
        return self.name or str(self.user_id)

    def may(self, permission: Permission) -> bool:
        return permission in self.permissions


class Officials:
    def __init__(
        self,
        admin_user_ids: Iterable[int],
        roster: AdministratorRoster | None = None,
        clock: Clock = utc_now,
        *,
        chat_id: int | None = None,
    ) -> None:
        self._listed = frozenset(admin_user_ids)
        self.chat_id = chat_id
        self._roster = roster
        self._clock = clock
        self._checked: dict[int, tuple[bool, dt.datetime]] = {}

    def bind_roster(self, roster: AdministratorRoster | None) -> None:
        """The front end that can ask the messenger sets this once it is running."""
        self._roster = roster
        self._checked.clear()

    def is_officials_chat(self, chat_id: int | None) -> bool:
        """Whether a chat is the officials' own: whoever acts there does so as an official."""
        return chat_id is not None and chat_id == self.chat_id

    async def is_official(self, user_id: int | None) -> bool:
        if user_id is None:
            return False
        if user_id in self._listed:
            return True
        if self._roster is None:
            return False
        cached = self._checked.get(user_id)
        now = self._clock()
        if cached is not None and cached[1] > now:
            return cached[0]
        try:
            allowed = await self._roster.is_administrator(user_id)
        except Exception:  # the messenger is unreachable: refuse now, ask again next time
            logger.warning("could not check admin rights of user %s", user_id, exc_info=True)
            return False
        ttl = ADMIN_CACHE_TTL if allowed else REFUSAL_CACHE_TTL
        self._checked[user_id] = (allowed, now + ttl)
        return allowed

    async def require(self, actor: Actor, permission: Permission = Permission.MODERATE) -> Official:
        """The acting official if they may do `permission`; else PermissionDenied (logged)."""
        official = await self.identify(actor)
        if official is not None and official.may(permission):
            return official
        who = f"account {actor.account_id}" if actor.account_id else f"user {actor.user_id}"
        logger.warning("refused %s to %s", permission.value, who)
        raise PermissionDenied(f"{who} may not {permission.value}")

    async def identify(self, actor: Actor) -> Official | None:
        """The official behind `actor` with what they may do, or None for anyone else."""
        if actor.kind is ActorKind.SYSTEM:
            return Official(user_id=0, name="system", permissions=frozenset(Permission))
        if actor.kind is ActorKind.STAFF and actor.role is not None:
            return Official(
                user_id=actor.user_id or 0,
                name=actor.name or "",
                permissions=ROLE_PERMISSIONS[actor.role],
                account_id=actor.account_id,
            )
        if actor.kind is not ActorKind.STAFF and await self.is_official(actor.user_id):
            return Official(user_id=actor.user_id or 0, name=actor.name or "")
        return None
