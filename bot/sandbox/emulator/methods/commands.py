"""The bot's command lists (per scope and language) and the chat menu button."""

from __future__ import annotations

import json
from urllib.parse import urlsplit

from bot.sandbox.botapi.params import JsonDict, Parameters, bad_request
from bot.sandbox.botapi.validation import (
    validate_commands,
    validate_language_code,
    validate_scope,
)
from bot.sandbox.emulator.methods.base import MethodGroup, MethodHandler


def scope_key(scope: JsonDict) -> str:
    """The canonical JSON of a command scope, used as a dictionary key."""
    return json.dumps(scope, sort_keys=True, separators=(",", ":"))


class CommandMethods(MethodGroup):
    def handlers(self) -> dict[str, MethodHandler]:
        return {
            "setMyCommands": self.set_my_commands,
            "getMyCommands": self.get_my_commands,
            "deleteMyCommands": self.delete_my_commands,
            "setChatMenuButton": self.set_chat_menu_button,
            "getChatMenuButton": self.get_chat_menu_button,
        }

    def _command_key(self, params: Parameters) -> tuple[str, str]:
        scope = validate_scope(params.json_object("scope"))
        if "chat_id" in scope:
            scope["chat_id"] = self.state.resolve_chat(scope["chat_id"]).id
        language = validate_language_code(params.string("language_code"))
        return scope_key(scope), language

    async def set_my_commands(self, params: Parameters) -> bool:
        commands = validate_commands(params.json_array("commands", required=True) or [])
        key = self._command_key(params)
        if commands:
            self.state.commands[key] = commands
        else:
            self.state.commands.pop(key, None)
        return True

    async def get_my_commands(self, params: Parameters) -> list[JsonDict]:
        return self.state.commands.get(self._command_key(params), [])

    async def delete_my_commands(self, params: Parameters) -> bool:
        self.state.commands.pop(self._command_key(params), None)
        return True

    def _menu_chat(self, params: Parameters) -> int | None:
        if "chat_id" not in params:
            return None
        chat = self.state.resolve_chat(params.chat_id())
        if not chat.is_private:
            raise bad_request("menu button can be set only in private chats")
        return chat.id

    async def set_chat_menu_button(self, params: Parameters) -> bool:
        chat_id = self._menu_chat(params)
        button = params.json_object("menu_button") or {"type": "default"}
        kind = button.get("type")
        if kind == "web_app":
            web_app = button.get("web_app")
            url = web_app.get("url") if isinstance(web_app, dict) else None
            if not isinstance(button.get("text"), str) or not isinstance(url, str):
                raise bad_request("can't parse menu button JSON object")
            if urlsplit(url).scheme != "https":
                raise bad_request("BUTTON_URL_INVALID")
        elif kind not in {"commands", "default"}:
            raise bad_request("can't parse menu button JSON object")
        self.state.menu_buttons[chat_id] = button
        return True

    async def get_chat_menu_button(self, params: Parameters) -> JsonDict:
        chat_id = self._menu_chat(params)
        buttons = self.state.menu_buttons
        return buttons.get(chat_id) or buttons.get(None) or {"type": "default"}
