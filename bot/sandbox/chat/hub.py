"""The chat page's server side: residents, WebSocket sessions, and the events they see."""

from __future__ import annotations

import asyncio
import contextlib
import itertools
import json
import logging
import secrets
from dataclasses import dataclass, field
from typing import Final

from aiohttp import WSMsgType, web

from bot.sandbox.botapi.params import JsonDict
from bot.sandbox.chat.command_menu import command_menu
from bot.sandbox.chat.emulator_view import EmulatorView
from bot.sandbox.chat.event_log import EventLog
from bot.sandbox.chat.messages import MAX_MESSAGE_LENGTH, client_message, split_message
from bot.sandbox.chat.security import refuse_foreign_websocket
from bot.sandbox.emulator import BotApiEmulator, EmulatorError
from bot.sandbox.emulator.records import StoredFile

logger = logging.getLogger(__name__)

MAX_PARTS: Final = 10  # a longer paste is refused rather than flooding the bot
MAX_RESIDENT_NAME: Final = 64
MAX_FRAME_BYTES: Final = 1 << 20
HISTORY_EVENTS_PER_CHAT: Final = 2000  # kept for replay after a reconnection
LANGUAGES: Final = ("vi", "en")
PRESET_RESIDENTS: Final = ((1001, "Lan", "vi"), (1002, "Sam", "en"))
FIRST_CREATED_RESIDENT_ID: Final = 2001


@dataclass(frozen=True, slots=True)
class Resident:
    id: int
    name: str
    language: str

    def to_json(self) -> JsonDict:
        return {"id": self.id, "name": self.name, "language": self.language}


@dataclass(eq=False, slots=True)
class _Session:
    """One WebSocket connection: the chat it shows and the frames waiting to be sent."""

    ws: web.WebSocketResponse
    queue: asyncio.Queue[str | None] = field(default_factory=asyncio.Queue)
    resident_id: int | None = None  # whose tab this is
    user_id: int | None = None  # who writes: the resident, or the official in the group
    chat_id: int | None = None
    language: str = "vi"

    def put(self, frame: str) -> None:
        self.queue.put_nowait(frame)


def _dump(frame: JsonDict) -> str:
    return json.dumps(frame, ensure_ascii=False, separators=(",", ":"))


def _is_true(value: object) -> bool:
    return value is True or (isinstance(value, str) and value.lower() == "true")


class ChatHub:
    """The page's server side: residents, WebSocket sessions and the numbered event log."""

    def __init__(
        self,
        emulator: BotApiEmulator,
        *,
        admin_chat_id: int | None = None,
        official_user_id: int | None = None,
        bot_username: str = "danbiet_bot",
        history_per_chat: int = HISTORY_EVENTS_PER_CHAT,
    ) -> None:
        self.emulator = emulator
        self.admin_chat_id = admin_chat_id
        self.official_user_id = official_user_id
        self.bot_username = bot_username
        self.epoch = secrets.token_hex(8)
        self._view = EmulatorView(emulator)
        self._log = EventLog(history_per_chat)
        self._sessions: set[_Session] = set()
        self._queries: dict[str, tuple[int, int, int]] = {}  # query id -> chat, user, message
        self._residents: dict[int, Resident] = {}
        self._new_ids = itertools.count(FIRST_CREATED_RESIDENT_ID)
        for user_id, name, language in PRESET_RESIDENTS:
            self._register(Resident(user_id, name, language))
        self._unsubscribe = emulator.subscribe(self._observe)

    @property
    def history_per_chat(self) -> int:
        """How many events each chat keeps for replay after a reconnection."""
        return self._log.history_per_chat

    @history_per_chat.setter
    def history_per_chat(self, events: int) -> None:
        self._log.history_per_chat = events

    # --- residents -------------------------------------------------------------------------

    @property
    def residents(self) -> list[Resident]:
        return list(self._residents.values())

    def _register(self, resident: Resident) -> None:
        if not self._view.has_user(resident.id):
            self.emulator.add_user(resident.id, resident.name, language_code=resident.language)
        self._residents[resident.id] = resident

    def create_resident(self, name: str, language: str) -> Resident:
        """A new Telegram user (and private chat) for the sandbox; every page is told."""
        name = " ".join(name.split())
        if not 1 <= len(name) <= MAX_RESIDENT_NAME:
            raise ValueError(f"a resident's name has 1 to {MAX_RESIDENT_NAME} characters")
        if language not in LANGUAGES:
            raise ValueError(f"language must be one of {LANGUAGES}")
        user_id = next(self._new_ids)
        while self._view.has_user(user_id):
            user_id = next(self._new_ids)
        resident = Resident(user_id, name, language)
        self._register(resident)
        frame = _dump({"type": "residents", "residents": self._residents_json()})
        for session in self._sessions:
            session.put(frame)
        return resident

    def _residents_json(self) -> list[JsonDict]:
        return [resident.to_json() for resident in self._residents.values()]

    def _default_resident(self) -> Resident:
        """A new tab gets a resident nobody else is using, so that tabs are different people."""
        busy = {session.resident_id for session in self._sessions}
        for resident in self._residents.values():
            if resident.id not in busy:
                return resident
        return next(iter(self._residents.values()))

    # --- the event log ---------------------------------------------------------------------

    def _observe(self, event: str, payload: JsonDict) -> None:
        if event in {"message", "edit"}:
            body: JsonDict = {"event": event, "message": client_message(payload)}
            self._record(payload["chat"]["id"], body)
        elif event == "delete":
            self._record(
                payload["chat"]["id"], {"event": "delete", "message_id": payload["message_id"]}
            )
        elif event == "callback_answer":
            target = self._queries.pop(str(payload.get("callback_query_id")), None)
            if target is None:
                return  # a press that did not come from the page
            chat_id, user_id, message_id = target
            body = {
                "event": "callback_answer",
                "message_id": message_id,
                "text": str(payload.get("text") or ""),
                "show_alert": _is_true(payload.get("show_alert")),
                "url": str(payload.get("url") or ""),
            }
            self._record(chat_id, body, audience=user_id)
        elif event == "chat_action":
            acted_in = payload.get("chat_id")
            frame = _dump(
                {"type": "chat_action", "chat_id": acted_in, "action": payload.get("action")}
            )
            for session in self._sessions:
                if session.chat_id == acted_in:
                    session.put(frame)

    def _record(self, chat_id: int, body: JsonDict, *, audience: int | None = None) -> None:
        frame = _dump(self._log.append(chat_id, body, audience))
        for session in self._sessions:
            if session.chat_id == chat_id and audience in {None, session.user_id}:
                session.put(frame)

    # --- commands ----------------------------------------------------------------------------

    def commands(self, chat_id: int, user_id: int, language: str) -> list[JsonDict]:
        """The "/" menu this user sees in this chat."""
        return command_menu(self.emulator, self._view, chat_id, user_id, language)

    def file(self, file_id: str) -> StoredFile | None:
        """A photo or document the bot sent, by file_id."""
        return self._view.file(file_id)

    # --- sessions --------------------------------------------------------------------------

    def _welcome(self) -> JsonDict:
        group: JsonDict | None = None
        if self.admin_chat_id is not None and self._view.has_chat(self.admin_chat_id):
            chat = self._view.chat(self.admin_chat_id)
            group = {"id": chat["id"], "title": chat.get("title", "")}
        official: JsonDict | None = None
        if self.official_user_id is not None and self._view.has_user(self.official_user_id):
            official = {
                "id": self.official_user_id,
                "name": self._view.user_name(self.official_user_id),
            }
        return {
            "type": "welcome",
            "epoch": self.epoch,
            "bot": {"username": self.bot_username, "name": self.emulator.bot_user["first_name"]},
            "residents": self._residents_json(),
            "group": group,
            "official": official,
            "limits": {"message_length": MAX_MESSAGE_LENGTH, "parts": MAX_PARTS},
        }

    def _open(self, session: _Session, frame: JsonDict) -> None:
        """Attach the session to a chat and queue its ``ready`` frame. Synchronous on
        purpose: no event can slip between the snapshot (or replay) and live delivery."""
        wanted = frame.get("user_id")
        resident = self._residents.get(wanted) if isinstance(wanted, int) else None
        if resident is None:
            resident = self._default_resident()
        view = "group" if frame.get("view") == "group" else "private"
        if view == "group" and (
            self.admin_chat_id is None or not self._view.has_chat(self.admin_chat_id)
        ):
            view = "private"
        chat_id, user_id = resident.id, resident.id
        if view == "group" and self.admin_chat_id is not None:
            chat_id = self.admin_chat_id
            if self.official_user_id is not None and self._view.has_user(self.official_user_id):
                user_id = self.official_user_id
        since = frame.get("since")
        events = None
        if (
            frame.get("epoch") == self.epoch
            and isinstance(since, int)
            and frame.get("chat_id") == chat_id
        ):
            events = self._log.replay(chat_id, user_id, since)
        ready: JsonDict = {
            "type": "ready",
            "view": view,
            "user": resident.to_json(),
            "acting_user_id": user_id,
            "chat": self._view.chat(chat_id),
            "seq": self._log.seq,
            "commands": self.commands(chat_id, user_id, resident.language),
        }
        if events is None:
            ready["mode"] = "snapshot"
            ready["messages"] = [client_message(m) for m in self.emulator.messages(chat_id)]
        else:
            ready["mode"] = "replay"
            ready["events"] = events
        session.resident_id, session.user_id, session.chat_id = resident.id, user_id, chat_id
        session.language = resident.language
        session.put(_dump(ready))

    async def _send_text(self, session: _Session, frame: JsonDict) -> None:
        text = frame.get("text")
        if session.chat_id is None or session.user_id is None or not isinstance(text, str):
            session.put(_dump({"type": "error", "code": "bad_request"}))
            return
        parts = split_message(text)
        if not parts:
            session.put(_dump({"type": "error", "code": "empty"}))
            return
        if len(parts) > MAX_PARTS:
            session.put(_dump({"type": "error", "code": "too_long"}))
            return
        # Like a Telegram client, answer a ForceReply prompt addressed to this user.
        reply_to = self.emulator.force_reply_target(session.chat_id, session.user_id)
        for part in parts:
            await self.emulator.send_text(
                session.user_id, part, chat_id=session.chat_id, reply_to_message_id=reply_to
            )
            reply_to = None
        session.put(_dump({"type": "sent", "parts": len(parts)}))

    async def _press(self, session: _Session, frame: JsonDict) -> None:
        message_id, data = frame.get("message_id"), frame.get("data")
        if (
            session.chat_id is None
            or session.user_id is None
            or not isinstance(message_id, int)
            or not isinstance(data, str)
        ):
            session.put(_dump({"type": "error", "code": "bad_request"}))
            return
        query_id = await self.emulator.press_button(
            session.user_id, session.chat_id, message_id, data
        )
        self._queries[query_id] = (session.chat_id, session.user_id, message_id)

    def _create(self, session: _Session, frame: JsonDict) -> None:
        try:
            resident = self.create_resident(str(frame.get("name", "")), str(frame.get("language")))
        except ValueError:
            session.put(_dump({"type": "error", "code": "bad_resident"}))
            return
        session.put(_dump({"type": "resident_created", "resident": resident.to_json()}))

    async def _handle(self, session: _Session, data: str) -> None:
        try:
            frame = json.loads(data)
        except ValueError:
            frame = None
        if not isinstance(frame, dict):
            session.put(_dump({"type": "error", "code": "bad_request"}))
            return
        kind = frame.get("type")
        try:
            if kind == "open":
                self._open(session, frame)
            elif kind == "send":
                await self._send_text(session, frame)
            elif kind == "press":
                await self._press(session, frame)
            elif kind == "create_resident":
                self._create(session, frame)
            elif kind == "commands" and session.chat_id is not None and session.user_id:
                commands = self.commands(session.chat_id, session.user_id, session.language)
                session.put(_dump({"type": "commands", "commands": commands}))
            else:
                session.put(_dump({"type": "error", "code": "bad_request"}))
        except EmulatorError as error:
            logger.warning("sandbox page request %r refused: %s", kind, error)
            session.put(_dump({"type": "error", "code": "refused"}))

    async def websocket(self, request: web.Request) -> web.StreamResponse:
        refuse_foreign_websocket(request)  # before the upgrade: DNS rebinding, other sites
        ws = web.WebSocketResponse(heartbeat=20.0, max_msg_size=MAX_FRAME_BYTES)
        await ws.prepare(request)
        session = _Session(ws)
        session.put(_dump(self._welcome()))
        self._sessions.add(session)
        sender = asyncio.create_task(self._send_loop(session))
        try:
            async for message in ws:
                if message.type == WSMsgType.TEXT:
                    await self._handle(session, message.data)
                elif message.type == WSMsgType.ERROR:
                    break
        finally:
            self._sessions.discard(session)
            session.queue.put_nowait(None)
            await sender
        return ws

    @staticmethod
    async def _send_loop(session: _Session) -> None:
        while (frame := await session.queue.get()) is not None:
            try:
                await session.ws.send_str(frame)
            except (ConnectionError, RuntimeError):
                break  # the page went away; its reader loop ends the session

    async def close(self, _app: web.Application | None = None) -> None:
        """Close every WebSocket (pages reconnect when the server is back) and stop observing."""
        self._unsubscribe()
        for session in list(self._sessions):
            with contextlib.suppress(ConnectionError, RuntimeError):
                await session.ws.close(code=1001, message=b"server shutdown")
