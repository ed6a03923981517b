"""The chat page's server side: residents, WebSocket sessions, and the events they see."""

from __future__ import annotations

import asyncio
import contextlib
import itertools
import json
import logging
import secrets
from dataclasses import dataclass
from typing import Final

from aiohttp import WSMsgType, web

from bot.sandbox.botapi.params import ApiError, JsonDict
from bot.sandbox.chat.command_menu import command_menu
from bot.sandbox.chat.emulator_view import EmulatorView
from bot.sandbox.chat.event_log import EventLog
from bot.sandbox.chat.messages import MAX_MESSAGE_LENGTH, client_message
from bot.sandbox.chat.page_actions import MAX_PARTS, PageActions, Session, dump
from bot.sandbox.chat.security import refuse_foreign_websocket
from bot.sandbox.emulator import BotApiEmulator, EmulatorError
from bot.sandbox.emulator.records import StoredFile

logger = logging.getLogger(__name__)

MAX_RESIDENT_NAME: Final = 64
MAX_FRAME_BYTES: Final = 3 << 20  # a photo of 2 MiB, base64-encoded, fits
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
        self._sessions: set[Session] = set()
        self._actions = PageActions(emulator)
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
        frame = dump({"type": "residents", "residents": self._residents_json()})
        for session in self._sessions:
            session.put(frame)
        return resident

    def restore_residents(self, residents: list[JsonDict]) -> None:
        """Residents kept from an earlier run (their users are already in the emulator);
        new residents get ids after theirs."""
        for item in residents:
            resident = Resident(int(item["id"]), str(item["name"]), str(item["language"]))
            self._register(resident)
        highest = max((resident.id for resident in self._residents.values()), default=0)
        self._new_ids = itertools.count(max(FIRST_CREATED_RESIDENT_ID, highest + 1))

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
            target = self._actions.queries.pop(str(payload.get("callback_query_id")), None)
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
            frame = dump(
                {"type": "chat_action", "chat_id": acted_in, "action": payload.get("action")}
            )
            for session in self._sessions:
                if session.chat_id == acted_in:
                    session.put(frame)

    def _record(self, chat_id: int, body: JsonDict, *, audience: int | None = None) -> None:
        frame = dump(self._log.append(chat_id, body, audience))
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

    def _open(self, session: Session, frame: JsonDict) -> None:
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
        session.put(dump(ready))

    def _create(self, session: Session, frame: JsonDict) -> None:
        try:
            resident = self.create_resident(str(frame.get("name", "")), str(frame.get("language")))
        except ValueError:
            session.put(dump({"type": "error", "code": "bad_resident"}))
            return
        session.put(dump({"type": "resident_created", "resident": resident.to_json()}))

    async def _handle(self, session: Session, data: str) -> None:
        try:
            frame = json.loads(data)
        except ValueError:
            frame = None
        if not isinstance(frame, dict):
            session.put(dump({"type": "error", "code": "bad_request"}))
            return
        kind = frame.get("type")
        try:
            action = self._actions.by_frame_type.get(str(kind))
            if action is not None:
                await action(session, frame)
            elif kind == "open":
                self._open(session, frame)
            elif kind == "create_resident":
                self._create(session, frame)
            elif kind == "commands" and session.chat_id is not None and session.user_id:
                commands = self.commands(session.chat_id, session.user_id, session.language)
                session.put(dump({"type": "commands", "commands": commands}))
            else:
                session.put(dump({"type": "error", "code": "bad_request"}))
        except (EmulatorError, ApiError) as error:
            logger.warning("sandbox page request %r refused: %s", kind, error)
            session.put(dump({"type": "error", "code": "refused"}))

    async def websocket(self, request: web.Request) -> web.StreamResponse:
        refuse_foreign_websocket(request)  # before the upgrade: DNS rebinding, other sites
        ws = web.WebSocketResponse(heartbeat=20.0, max_msg_size=MAX_FRAME_BYTES)
        await ws.prepare(request)
        session = Session(ws)
        session.put(dump(self._welcome()))
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
    async def _send_loop(session: Session) -> None:
        while (frame := await session.queue.get()) is not None:
            try:
                await session.ws.send_str(frame)
            except (ConnectionError, RuntimeError):
                break  # the page went away; its reader loop ends the session

    async def close(self, _app: web.Application | None = None) -> None:
        """Close every WebSocket (pages reconnect when the server is back) and stop observing."""
        self._unsubscribe()
        self._actions.close()
        for session in list(self._sessions):
            with contextlib.suppress(ConnectionError, RuntimeError):
                await session.ws.close(code=1001, message=b"server shutdown")
