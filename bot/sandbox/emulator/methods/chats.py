"""getChat, getChatMember and getChatAdministrators: what the bot may learn about chats."""

from __future__ import annotations

from bot.sandbox.botapi.params import JsonDict, Parameters, bad_request
from bot.sandbox.emulator.methods.base import MethodGroup, MethodHandler
from bot.sandbox.emulator.records import ADMIN_STATUSES

_ACCEPTED_GIFT_TYPES = {
    "unlimited_gifts": False,
    "limited_gifts": False,
    "unique_gifts": False,
    "premium_subscription": False,
    "gifts_from_channels": False,
}


class ChatMethods(MethodGroup):
    def handlers(self) -> dict[str, MethodHandler]:
        return {
            "getChat": self.get_chat,
            "getChatMember": self.get_chat_member,
            "getChatAdministrators": self.get_chat_administrators,
        }

    async def get_chat(self, params: Parameters) -> JsonDict:
        chat = self.state.resolve_chat(params.chat_id())
        if chat.members.get(self.state.bot_user["id"]) == "kicked":
            self.state.check_bot_can_write(chat)
        return {
            **chat.chat,
            "accent_color_id": 0,
            "max_reaction_count": 11,
            "accepted_gift_types": dict(_ACCEPTED_GIFT_TYPES),
        }

    async def get_chat_member(self, params: Parameters) -> JsonDict:
        chat = self.state.resolve_chat(params.chat_id())
        user_id = params.integer("user_id", required=True)
        return self.state.chat_member(chat, user_id or 0)

    async def get_chat_administrators(self, params: Parameters) -> list[JsonDict]:
        chat = self.state.resolve_chat(params.chat_id())
        if chat.is_private:
            raise bad_request("there are no administrators in the private chat")
        return [
            self.state.chat_member(chat, user_id)
            for user_id, status in chat.members.items()
            if status in ADMIN_STATUSES
        ]
