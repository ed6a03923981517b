"""Telegram's answer to "is this user an administrator of the officials' chat?"."""

from __future__ import annotations

from telegram import Bot
from telegram.constants import ChatMemberStatus

ADMIN_STATUSES = frozenset({ChatMemberStatus.OWNER, ChatMemberStatus.ADMINISTRATOR})


class TelegramAdministratorRoster:
    def __init__(self, bot: Bot, admin_chat_id: int) -> None:
        self._bot = bot
        self._admin_chat_id = admin_chat_id

    async def is_administrator(self, user_id: int) -> bool:
        member = await self._bot.get_chat_member(self._admin_chat_id, user_id)
        return member.status in ADMIN_STATUSES
