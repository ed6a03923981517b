"""The "/" menu Telegram would show a user in a chat, from the commands the bot set."""

from __future__ import annotations

from bot.sandbox.botapi.params import JsonDict
from bot.sandbox.chat.emulator_view import EmulatorView
from bot.sandbox.emulator import BotApiEmulator


def command_menu(
    emulator: BotApiEmulator, view: EmulatorView, chat_id: int, user_id: int, language: str
) -> list[JsonDict]:
    """The command menu Telegram would show this user in this chat (scopes narrowest
    first, each in the user's language before the default)."""
    scopes: list[JsonDict]
    if chat_id > 0:
        scopes = [{"type": "chat", "chat_id": chat_id}, {"type": "all_private_chats"}]
    else:
        admin = view.is_admin(chat_id, user_id)
        scopes = [{"type": "chat_member", "chat_id": chat_id, "user_id": user_id}]
        if admin:
            scopes.append({"type": "chat_administrators", "chat_id": chat_id})
        scopes.append({"type": "chat", "chat_id": chat_id})
        if admin:
            scopes.append({"type": "all_chat_administrators"})
        scopes.append({"type": "all_group_chats"})
    scopes.append({"type": "default"})
    for scope in scopes:
        for code in dict.fromkeys((language, "")):
            found = emulator.commands_for(scope, code)
            if found:
                return [
                    {"command": str(item["command"]), "description": str(item["description"])}
                    for item in found
                ]
    return []
