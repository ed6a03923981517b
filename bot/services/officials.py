"""Who is an official: listed in ADMIN_USER_IDS, or an administrator of the admin chat.

Every official action, from the admin group, the dashboard or the CLI, passes through
`Officials.require`, so the permission is checked in one place whatever the button or URL.
"""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Protocol

from bot.errors import PermissionDenied
from bot.services.clock import Clock, utc_now
from bot.services.dto import Actor, ActorKind

logger = logging.getLogger(__name__)

# How long an answer from the messenger about admin rights is trusted. Demoting someone in the
# group takes effect within this time; a refusal is re-checked sooner so a new admin can start.
ADMIN_CACHE_TTL = dt.timedelta(minutes=5)
REFUSAL_CACHE_TTL = dt.timedelta(seconds=30)


class AdministratorRoster(Protocol):
    """Answers whether a user administers the officials' chat (Telegram: getChatMember)."""

    async def is_administrator(self, user_id: int) -> bool: ...


@dataclass(frozen=True, slots=True)
class Official:
    user_id: int
    name: str  # as shown on cards and in the audit log

    @property
    def label(self) -> str:
        return self.name or str(self.user_id)


class Officials:
    def __init__(
        self,
        admin_user_ids: Iterable[int],
        roster: AdministratorRoster | None = None,
        clock: Clock = utc_now,
    ) -> None:
        self._listed = frozenset(admin_user_ids)
        self._roster = roster
        self._clock = clock
        self._checked: dict[int, tuple[bool, dt.datetime]] = {}

    def bind_roster(self, roster: AdministratorRoster | None) -> None:
        """The front end that can ask the messenger sets this once it is running."""
        self._roster = roster
        self._checked.clear()

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

    async def require(self, actor: Actor) -> Official:
        """The acting official, or PermissionDenied (logged) for anyone else."""
        if actor.kind is ActorKind.SYSTEM:
            return Official(user_id=0, name="system")
        if await self.is_official(actor.user_id):
            return Official(user_id=actor.user_id or 0, name=actor.name or "")
        logger.warning("refused an official action by user %s", actor.user_id)
        raise PermissionDenied(f"user {actor.user_id} is not an official")
