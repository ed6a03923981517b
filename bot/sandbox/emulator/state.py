"""The emulated Telegram world: users, chats, messages, files, the update queue.

Shared by the Bot API method handlers (what the bot does) and the simulation API (what users
do). Every change that someone may be waiting for goes through ``notify`` so that waiters on the
single ``asyncio.Condition`` re-check their predicates; nothing polls.
"""

from __future__ import annotations

import asyncio
import inspect
import itertools
import logging
import time
from collections import deque
from collections.abc import Awaitable, Callable, Iterator
from typing import Any

from bot.sandbox.botapi.params import ApiError, JsonDict, bad_request
from bot.sandbox.emulator.records import (
    ADMIN_STATUSES,
    DEFAULT_UPDATE_KINDS,
    FILE_ID_PREFIXES,
    MEMBER_STATUSES,
    PRESENT_STATUSES,
    SUPERGROUP_ID_LIMIT,
    ChatState,
    EmulatorError,
    Fault,
    StoredFile,
    chat_member_json,
    public_message,
    summarize_message,
    utf16_slice,
)

logger = logging.getLogger(__name__)

Observer = Callable[[str, JsonDict], Awaitable[None] | None]


class EmulatorState:
    def __init__(self, bot_user: JsonDict, *, group_privacy: bool) -> None:
        self.bot_user = bot_user
        self.group_privacy = group_privacy
        self.users: dict[int, JsonDict] = {}
        self.chats: dict[int, ChatState] = {}
        self.chats_by_username: dict[str, ChatState] = {}
        self.blocked_by: set[int] = set()
        self.updates: deque[JsonDict] = deque()
        self.update_ids = itertools.count(1)
        self.allowed_updates: frozenset[str] = DEFAULT_UPDATE_KINDS
        self.webhook: JsonDict | None = None
        self.webhook_error: tuple[int, str] | None = None  # (unix time, what went wrong)
        self.webhook_in_flight: set[int] = set()  # update ids being posted
        self.files: dict[str, StoredFile] = {}
        self.files_by_path: dict[str, StoredFile] = {}
        self.photo_sets: dict[str, list[JsonDict]] = {}  # any size's file_id -> all sizes
        self.file_numbers = itertools.count(1)
        self.query_numbers = itertools.count(1)
        self.open_callback_queries: set[str] = set()
        self.callback_answers: dict[str, JsonDict] = {}
        self.open_inline_queries: set[str] = set()
        self.inline_answers: dict[str, JsonDict] = {}
        self.commands: dict[tuple[str, str], list[JsonDict]] = {}
        self.menu_buttons: dict[int | None, JsonDict] = {}
        self.calls: list[tuple[str, JsonDict]] = []
        # Calls a webhook gave in its answer to an update (webhook_delivery): no requests.
        self.webhook_replies: list[tuple[str, JsonDict]] = []
        self.failed_calls: list[tuple[str, JsonDict, int, str]] = []
        self.faults: list[Fault] = []
        self.observers: list[Observer] = []
        self.requests_in_flight = 0
        self.activity = 0  # bumped on every change; wait_until_idle watches it
        self.poll_generation = 0
        self.closing = False
        self.changed = asyncio.Condition()

    # --- notification -------------------------------------------------------------------

    async def notify(self) -> None:
        self.activity += 1
        async with self.changed:
            self.changed.notify_all()

    async def emit(self, event: str, payload: JsonDict) -> None:
        """Tell observers (the sandbox page, tests); an observer's failure is only logged."""
        for observer in list(self.observers):
            try:
                outcome = observer(event, payload)
                if inspect.isawaitable(outcome):
                    await outcome
            except Exception:
                logger.exception("Emulator observer failed on %r event", event)

    # --- chats and users ------------------------------------------------------------------

    def user(self, user_id: int) -> JsonDict:
        try:
            return self.users[user_id]
        except KeyError:
            raise EmulatorError(f"unknown user {user_id}; call add_user() first") from None

    def add_user(
        self,
        user_id: int,
        first_name: str,
        *,
        language_code: str | None,
        username: str | None,
        last_name: str | None,
    ) -> JsonDict:
        if user_id <= 0:
            raise ValueError("user ids are positive")
        user: JsonDict = {"id": user_id, "is_bot": False, "first_name": first_name}
        chat: JsonDict = {"id": user_id, "type": "private", "first_name": first_name}
        if last_name is not None:
            user["last_name"] = chat["last_name"] = last_name
        if username is not None:
            user["username"] = chat["username"] = username
        if language_code is not None:
            user["language_code"] = language_code
        self.users[user_id] = user
        existing = self.chats.get(user_id)
        if existing is not None:
            existing.chat = chat
        else:
            self.chats[user_id] = ChatState(chat)
        return user

    def add_group(self, chat_id: int, title: str, *, username: str | None) -> JsonDict:
        if chat_id >= 0:
            raise ValueError("group chat ids are negative")
        kind = "supergroup" if chat_id <= SUPERGROUP_ID_LIMIT else "group"
        chat: JsonDict = {"id": chat_id, "title": title, "type": kind}
        if username is not None:
            chat["username"] = username
        state = ChatState(chat)
        self.chats[chat_id] = state
        if username is not None:
            self.chats_by_username[username.lower()] = state
        return chat

    def set_member_status(self, chat_id: int, user_id: int, status: str) -> None:
        if status not in MEMBER_STATUSES:
            raise ValueError(f"unknown member status {status!r}")
        chat = self.chat(chat_id)
        if chat.is_private:
            raise EmulatorError("members of private chats are fixed")
        if user_id != self.bot_user["id"]:
            self.user(user_id)
        chat.members[user_id] = status

    def chat(self, chat_id: int) -> ChatState:
        try:
            return self.chats[chat_id]
        except KeyError:
            raise EmulatorError(f"unknown chat {chat_id}; add the user or group first") from None

    def resolve_chat(self, chat_id: int | str) -> ChatState:
        """The chat a Bot API call names, by id or "@username"; else "chat not found"."""
        chat: ChatState | None
        if isinstance(chat_id, int):
            chat = self.chats.get(chat_id)
        else:
            chat = self.chats_by_username.get(chat_id.removeprefix("@").lower())
        if chat is None:
            raise bad_request("chat not found")
        return chat

    def check_bot_can_write(self, chat: ChatState) -> None:
        if chat.is_private:
            if chat.id in self.blocked_by:
                raise ApiError(403, "Forbidden: bot was blocked by the user")
            return
        status = chat.members.get(self.bot_user["id"], "left")
        kind = "supergroup chat" if chat.chat["type"] == "supergroup" else "group chat"
        if status == "kicked":
            raise ApiError(403, f"Forbidden: bot was kicked from the {kind}")
        if status not in PRESENT_STATUSES:
            raise ApiError(403, f"Forbidden: bot is not a member of the {kind}")

    def member_status(self, chat: ChatState, user_id: int) -> str:
        if chat.is_private:
            return "member" if user_id in {chat.id, self.bot_user["id"]} else "left"
        return chat.members.get(user_id, "left")

    def chat_member(self, chat: ChatState, user_id: int) -> JsonDict:
        if user_id == self.bot_user["id"]:
            user = self.bot_user
        elif user_id in self.users:
            user = self.users[user_id]
        else:
            raise bad_request("user not found")
        return chat_member_json(user, self.member_status(chat, user_id))

    # --- messages ---------------------------------------------------------------------------

    def new_message(self, chat: ChatState, sender: JsonDict) -> JsonDict:
        """A message skeleton with the chat's next id; not stored yet."""
        chat.last_message_id += 1
        return {
            "message_id": chat.last_message_id,
            "from": sender,
            "chat": chat.chat,
            "date": int(time.time()),
        }

    def store_message(self, chat: ChatState, message: JsonDict) -> None:
        chat.messages[message["message_id"]] = message

    def replace_message(self, chat: ChatState, message: JsonDict) -> None:
        chat.messages[message["message_id"]] = message
        chat.edit_counts[message["message_id"]] = chat.edit_counts.get(message["message_id"], 0) + 1

    def reply_snapshot(self, chat: ChatState, message_id: int) -> JsonDict | None:
        """The replied-to message as embedded in a reply (Telegram never nests two levels)."""
        target = chat.messages.get(message_id)
        if target is None:
            return None
        replied = dict(public_message(target))
        replied.pop("reply_to_message", None)
        return replied

    async def post_user_message(
        self,
        user_id: int,
        chat_id: int | None,
        content: JsonDict,
        reply_to_message_id: int | None,
    ) -> JsonDict:
        """A user's message: stored, observed, and queued as an Update if the bot gets it."""
        user = self.user(user_id)
        chat = self.chat(user_id if chat_id is None else chat_id)
        if chat.is_private:
            if chat.id != user_id:
                raise EmulatorError(f"user {user_id} cannot write in the private chat {chat.id}")
            # Writing to a bot one has blocked means pressing "Restart", which unblocks it.
            self.blocked_by.discard(user_id)
        else:
            status = chat.members.get(user_id, "left")
            if status == "kicked":
                raise EmulatorError(f"user {user_id} is banned from chat {chat.id}")
            if status not in PRESENT_STATUSES:
                chat.members[user_id] = "member"
        message = self.new_message(chat, user)
        if reply_to_message_id is not None:
            replied = self.reply_snapshot(chat, reply_to_message_id)
            if replied is None:
                raise EmulatorError(f"no message {reply_to_message_id} in chat {chat.id}")
            if reply_to_message_id == chat.force_reply_to:
                chat.force_reply_to = None  # a client answers a ForceReply prompt once
            message["reply_to_message"] = replied
        message.update(content)
        self.store_message(chat, message)
        await self.emit("message", message)
        update = self.enqueue("message", message, deliver=self.wants_group_message(chat, message))
        await self.notify()
        return update

    def is_bot_message(self, message: JsonDict) -> bool:
        return bool(message["from"]["id"] == self.bot_user["id"])

    # --- updates ------------------------------------------------------------------------------

    def enqueue(self, kind: str, payload: JsonDict, *, deliver: bool = True) -> JsonDict:
        """Build the update and queue it unless allowed_updates filters its kind out."""
        update = {"update_id": next(self.update_ids), kind: payload}
        if deliver and kind in self.allowed_updates:
            self.updates.append(update)
        return update

    def set_allowed_updates(self, kinds: list[Any]) -> None:
        self.allowed_updates = frozenset(str(kind) for kind in kinds) or DEFAULT_UPDATE_KINDS

    def confirm_updates(self, offset: int) -> None:
        """Forget updates below ``offset``; a negative offset keeps only the last -offset."""
        updates = self.updates
        if offset < 0:
            while len(updates) > -offset:
                updates.popleft()
            return
        while updates and updates[0]["update_id"] < offset:
            updates.popleft()

    def wants_group_message(self, chat: ChatState, message: JsonDict) -> bool:
        """Whether Telegram would deliver this user message to the bot (privacy mode rules)."""
        if chat.is_private:
            return chat.id not in self.blocked_by
        bot_status = chat.members.get(self.bot_user["id"], "left")
        if bot_status not in PRESENT_STATUSES:
            return False
        if not self.group_privacy or bot_status in ADMIN_STATUSES:
            return True
        reply = message.get("reply_to_message")
        if reply is not None and self.is_bot_message(reply):
            return True
        username = f"@{self.bot_user['username']}".lower()
        text: str = message.get("text") or message.get("caption") or ""
        for entity in message.get("entities", ()):
            if entity["type"] == "bot_command":
                command = utf16_slice(text, entity["offset"], entity["length"]).lower()
                if "@" not in command or command.endswith(username):
                    return True
        return username in text.lower()

    # --- files --------------------------------------------------------------------------------

    def store_file(
        self,
        kind: str,
        data: bytes,
        *,
        file_name: str | None = None,
        mime_type: str | None = None,
    ) -> StoredFile:
        number = next(self.file_numbers)
        extension = {"photo": "jpg", "sticker": "webp"}.get(kind)
        if extension is None:
            extension = file_name.rsplit(".", 1)[-1] if file_name and "." in file_name else "bin"
        stored = StoredFile(
            file_id=f"{FILE_ID_PREFIXES.get(kind, 'BQACAgIAAx')}{number:08d}EmU",
            file_unique_id=f"AgAD{number:06d}",
            kind=kind,
            file_path=f"{kind}s/file_{number}.{extension}",
            data=data,
            file_name=file_name,
            mime_type=mime_type,
        )
        self.files[stored.file_id] = stored
        self.files_by_path[stored.file_path] = stored
        return stored

    def store_photo(self, data: bytes) -> list[JsonDict]:
        """PhotoSize objects for an uploaded photo: a thumbnail and the full size."""
        sizes: list[JsonDict] = []
        for width, height in ((90, 67), (800, 600)):
            stored = self.store_file("photo", data)
            sizes.append(
                {
                    "file_id": stored.file_id,
                    "file_unique_id": stored.file_unique_id,
                    "width": width,
                    "height": height,
                    "file_size": len(data),
                }
            )
        for size in sizes:
            self.photo_sets[size["file_id"]] = sizes
        return sizes

    def next_query_id(self) -> str:
        return str(4_000_000_000_000_000_000 + next(self.query_numbers))

    def iter_bot_messages(self, chat: ChatState) -> Iterator[JsonDict]:
        return (message for message in chat.messages.values() if self.is_bot_message(message))

    # --- diagnostics ----------------------------------------------------------------------------

    def describe_recent(self, chat: ChatState) -> str:
        """The chat's last bot messages and the last failed calls, for timeout errors."""
        recent: list[str] = []
        for message in reversed(chat.messages.values()):
            if self.is_bot_message(message):
                recent.append("  " + summarize_message(message))
                if len(recent) == 5:
                    break
        recent.reverse()
        lines = [f"recent bot messages in chat {chat.id}:", *(recent or ["  (none)"])]
        return "\n".join(lines) + self.describe_failed_calls()

    def describe_failed_calls(self) -> str:
        failed = self.failed_calls[-5:]
        if not failed:
            return ""
        lines = [f"  {method} -> {code} {description}" for method, _, code, description in failed]
        return "\nrecent failed Bot API calls:\n" + "\n".join(lines)
