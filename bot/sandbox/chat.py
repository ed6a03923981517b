"""The sandbox's browser chat page: Telegram-like chats with the bot, served by aiohttp.

``add_chat_routes`` adds to an aiohttp application:

* ``GET /`` the page (``static/index.html``), ``GET /static/{name}`` its script, styles and icon,
  all with a Content-Security-Policy that allows no inline script or style;
* ``GET /files/{file_id}`` photos and documents the bot sent, read from the emulator's storage;
* ``GET /ws`` the WebSocket the page talks over (JSON text frames, see ``ChatHub``).

The page is a thin view of the emulator: what a resident types goes to
``BotApiEmulator.send_text`` / ``press_button``, and what the emulator's observers report
(messages, edits, deletions, callback answers, chat actions) comes back over the WebSocket.

Protocol, client to server::

    {"type": "open", "view": "private" | "group", "user_id": int | null,
     "epoch": str | null, "since": int | null, "chat_id": int | null}
        # (re)attach to a chat; since/chat_id/epoch only when resuming after a reconnection
    {"type": "send", "text": str}                         # split into <= 4096-unit parts
    {"type": "press", "message_id": int, "data": str}     # an inline callback button
    {"type": "create_resident", "name": str, "language": "vi" | "en"}
    {"type": "commands"}                                  # the "/" menu, refreshed

server to client::

    {"type": "welcome", "epoch", "bot", "residents", "group", "official", "limits"}
    {"type": "ready", "view", "user", "acting_user_id", "chat", "seq", "commands": [...],
     "mode": "snapshot", "messages": [...]}  or  {..., "mode": "replay", "events": [...]}
    {"type": "event", "seq", "chat_id", "event": "message" | "edit", "message": {...}}
    {"type": "event", "seq", "chat_id", "event": "delete", "message_id": int}
    {"type": "event", "seq", "chat_id", "event": "callback_answer", "message_id",
     "text", "show_alert", "url"}                         # only to the presser
    {"type": "chat_action", "chat_id", "action"}          # "typing"..., not replayed
    {"type": "residents", "residents": [...]}             # someone created a resident
    {"type": "resident_created", "resident": {...}}       # to its creator
    {"type": "commands", "commands": [...]}
    {"type": "sent", "parts": int}
    {"type": "error", "code": str}

Every chat event gets a number from one increasing sequence (``seq``). The page remembers the
last number it applied; when its WebSocket comes back it sends ``open`` with that number and
the ``epoch`` it was given. If the hub still holds every event of that chat after it, ``ready``
replays exactly those ("replay"); otherwise (another epoch: the sandbox restarted, or the
history was trimmed) ``ready`` carries the chat's current messages ("snapshot"). Rendering is
keyed by message_id, so nothing can appear twice either way.
"""

from __future__ import annotations

import asyncio
import contextlib
import copy
import itertools
import json
import logging
import re
import secrets
from collections import deque
from dataclasses import dataclass, field
from pathlib import Path
from typing import Final
from urllib.parse import quote

from aiohttp import WSMsgType, web

from bot.sandbox.emulator import BotApiEmulator, EmulatorError, JsonDict
from bot.sandbox.emulator_state import EmulatorState, StoredFile
from bot.sandbox.html_entities import TRIMMED_WHITESPACE, utf16_len

__all__ = [
    "CHAT_HUB",
    "LANGUAGES",
    "MAX_MESSAGE_LENGTH",
    "ChatHub",
    "Resident",
    "add_chat_routes",
    "create_chat_app",
    "split_message",
]

logger = logging.getLogger(__name__)

STATIC_DIR: Final = Path(__file__).with_name("static")
STATIC_FILES: Final = {
    "chat.js": "text/javascript",
    "chat.css": "text/css",
    "icon.svg": "image/svg+xml",
}
MAX_MESSAGE_LENGTH: Final = 4096  # Telegram's limit, in UTF-16 code units
MAX_PARTS: Final = 10  # a longer paste is refused rather than flooding the bot
MAX_RESIDENT_NAME: Final = 64
MAX_FRAME_BYTES: Final = 1 << 20
HISTORY_EVENTS_PER_CHAT: Final = 2000  # kept for replay after a reconnection
LANGUAGES: Final = ("vi", "en")
PRESET_RESIDENTS: Final = ((1001, "Lan", "vi"), (1002, "Sam", "en"))
FIRST_CREATED_RESIDENT_ID: Final = 2001
_SAFE_HOST = re.compile(r"[A-Za-z0-9.\-]+(:\d{1,5})?|\[[0-9A-Fa-f:.]+\](:\d{1,5})?")
_MESSAGE_KEYS = (
    "message_id",
    "date",
    "edit_date",
    "text",
    "entities",
    "caption",
    "caption_entities",
    "document",
    "location",
    "has_protected_content",
    "has_media_spoiler",
    "show_caption_above_media",
)


def split_message(text: str, limit: int = MAX_MESSAGE_LENGTH) -> list[str]:
    """Cut ``text`` into trimmed, non-empty parts of at most ``limit`` UTF-16 code units,
    as Telegram clients do with a long paste: at a line break or a space when one is in the
    second half of the part, else exactly at the limit (never inside a surrogate pair)."""
    if limit < 2:
        raise ValueError("limit must be at least 2")
    parts: list[str] = []
    rest = text.strip(TRIMMED_WHITESPACE)
    while utf16_len(rest) > limit:
        end = _prefix_fitting(rest, limit)
        window = rest[:end]
        cut = window.rfind("\n")
        if cut < end // 2:
            cut = max(window.rfind(" "), window.rfind("\t"))
        if cut < end // 2:
            cut = end
        part = rest[:cut].strip(TRIMMED_WHITESPACE)
        if part:
            parts.append(part)
        rest = rest[cut:].strip(TRIMMED_WHITESPACE)
    if rest:
        parts.append(rest)
    return parts


def _prefix_fitting(text: str, limit: int) -> int:
    """How many characters of ``text`` fit in ``limit`` UTF-16 code units."""
    if text.isascii():
        return min(len(text), limit)
    units = 0
    for index, character in enumerate(text):
        units += 2 if ord(character) > 0xFFFF else 1
        if units > limit:
            return index
    return len(text)


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


@dataclass(slots=True)
class _ChatLog:
    events: deque[tuple[int, int | None, JsonDict]] = field(default_factory=deque)
    dropped_through: int = 0  # events up to this seq are no longer held


def _dump(frame: JsonDict) -> str:
    return json.dumps(frame, ensure_ascii=False, separators=(",", ":"))


class _Emulator:
    """Read-only views of emulator state that its public API does not expose yet; the one
    place that reaches into ``EmulatorState``."""

    def __init__(self, emulator: BotApiEmulator) -> None:
        state: EmulatorState = emulator._state  # see the class docstring
        self._state = state

    def has_user(self, user_id: int) -> bool:
        return user_id in self._state.users

    def has_chat(self, chat_id: int) -> bool:
        return chat_id in self._state.chats

    def chat(self, chat_id: int) -> JsonDict:
        return dict(self._state.chat(chat_id).chat)

    def user_name(self, user_id: int) -> str:
        user = self._state.users.get(user_id) or {}
        return str(user.get("first_name", ""))

    def is_admin(self, chat_id: int, user_id: int) -> bool:
        chat = self._state.chats.get(chat_id)
        return chat is not None and chat.members.get(user_id) in {"creator", "administrator"}

    def file(self, file_id: str) -> StoredFile | None:
        return self._state.files.get(file_id)


def client_message(message: JsonDict) -> JsonDict:
    """What the page needs of a stored message (a deep copy: later changes cannot leak in)."""
    shown: JsonDict = {key: copy.deepcopy(message[key]) for key in _MESSAGE_KEYS if key in message}
    sender = message.get("from") or {}
    shown["from"] = {
        "id": sender.get("id"),
        "is_bot": bool(sender.get("is_bot")),
        "name": " ".join(
            part for part in (sender.get("first_name"), sender.get("last_name")) if part
        ),
    }
    shown["chat_id"] = message["chat"]["id"]
    photo = message.get("photo")
    if isinstance(photo, list) and photo:
        largest = max(photo, key=lambda size: size.get("width", 0) * size.get("height", 0))
        shown["photo"] = {key: largest.get(key) for key in ("file_id", "width", "height")}
    sticker = message.get("sticker")
    if isinstance(sticker, dict):
        shown["sticker"] = {"emoji": sticker.get("emoji", "")}
    markup = message.get("reply_markup")
    if isinstance(markup, dict) and "inline_keyboard" in markup:
        shown["reply_markup"] = {"inline_keyboard": copy.deepcopy(markup["inline_keyboard"])}
    replied = message.get("reply_to_message")
    if isinstance(replied, dict):
        replied_from = replied.get("from") or {}
        shown["reply_to_message"] = {
            "message_id": replied.get("message_id"),
            "from_name": replied_from.get("first_name", ""),
            "text": str(replied.get("text") or replied.get("caption") or "")[:200],
        }
    return shown


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
        self._view = _Emulator(emulator)
        self.history_per_chat = history_per_chat
        self._seq = 0
        self._logs: dict[int, _ChatLog] = {}
        self._sessions: set[_Session] = set()
        self._queries: dict[str, tuple[int, int, int]] = {}  # query id -> chat, user, message
        self._residents: dict[int, Resident] = {}
        self._new_ids = itertools.count(FIRST_CREATED_RESIDENT_ID)
        for user_id, name, language in PRESET_RESIDENTS:
            self._register(Resident(user_id, name, language))
        self._unsubscribe = emulator.subscribe(self._observe)

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
        self._seq += 1
        event = {"type": "event", "seq": self._seq, "chat_id": chat_id, **body}
        log = self._logs.setdefault(chat_id, _ChatLog())
        log.events.append((self._seq, audience, event))
        while len(log.events) > self.history_per_chat:
            log.dropped_through = log.events.popleft()[0]
        frame = _dump(event)
        for session in self._sessions:
            if session.chat_id == chat_id and audience in {None, session.user_id}:
                session.put(frame)

    def _replay(self, chat_id: int, user_id: int, since: int) -> list[JsonDict] | None:
        """The chat's events after ``since`` for this user, or None when some are gone."""
        log = self._logs.get(chat_id, _ChatLog())
        if since > self._seq or since < log.dropped_through:
            return None
        return [
            event
            for seq, audience, event in log.events
            if seq > since and audience in {None, user_id}
        ]

    # --- commands ----------------------------------------------------------------------------

    def commands(self, chat_id: int, user_id: int, language: str) -> list[JsonDict]:
        """The command menu Telegram would show this user in this chat (scopes narrowest
        first, each in the user's language before the default)."""
        scopes: list[JsonDict]
        if chat_id > 0:
            scopes = [{"type": "chat", "chat_id": chat_id}, {"type": "all_private_chats"}]
        else:
            admin = self._view.is_admin(chat_id, user_id)
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
                found = self.emulator.commands_for(scope, code)
                if found:
                    return [
                        {"command": str(item["command"]), "description": str(item["description"])}
                        for item in found
                    ]
        return []

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
            events = self._replay(chat_id, user_id, since)
        ready: JsonDict = {
            "type": "ready",
            "view": view,
            "user": resident.to_json(),
            "acting_user_id": user_id,
            "chat": self._view.chat(chat_id),
            "seq": self._seq,
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
        origin = request.headers.get("Origin")
        if origin is not None and origin not in _same_origins(request):
            raise web.HTTPForbidden(text="cross-origin WebSocket refused")
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

    async def serve_file(self, request: web.Request) -> web.StreamResponse:
        """A photo (inline) or document (download) from the emulator's storage."""
        stored = self._view.file(request.match_info["file_id"])
        if stored is None:
            raise web.HTTPNotFound()
        headers = {
            # Whatever a document holds, it never runs as a page of this origin.
            "Content-Security-Policy": "default-src 'none'; sandbox",
            "X-Content-Type-Options": "nosniff",
            "Cache-Control": "private, max-age=3600",
        }
        image_type = _image_type(stored.data) if stored.kind in {"photo", "sticker"} else None
        if image_type is not None:
            content_type = image_type
            headers["Content-Disposition"] = "inline"
        else:
            content_type = "application/octet-stream"
            name = stored.file_name or stored.file_path.rsplit("/", 1)[-1]
            headers["Content-Disposition"] = f"attachment; filename*=UTF-8''{quote(name)}"
        return web.Response(body=stored.data, content_type=content_type, headers=headers)

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


def _same_origins(request: web.Request) -> set[str]:
    return {f"http://{request.host}", f"https://{request.host}"}


def _content_security_policy(request: web.Request) -> str:
    host = request.host if _SAFE_HOST.fullmatch(request.host) else ""
    sockets = f" ws://{host} wss://{host}" if host else ""
    return (
        "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
        f"connect-src 'self'{sockets}; manifest-src 'self'; base-uri 'none'; "
        "form-action 'none'; frame-ancestors 'none'"
    )


def _page_headers(request: web.Request) -> dict[str, str]:
    return {
        "Content-Security-Policy": _content_security_policy(request),
        "X-Content-Type-Options": "nosniff",
        "Referrer-Policy": "no-referrer",
        "Cache-Control": "no-cache",
    }


async def _page(request: web.Request) -> web.StreamResponse:
    return web.FileResponse(
        STATIC_DIR / "index.html",
        headers={**_page_headers(request), "Content-Type": "text/html; charset=utf-8"},
    )


async def _static(request: web.Request) -> web.StreamResponse:
    name = request.match_info["name"]
    content_type = STATIC_FILES.get(name)
    if content_type is None:
        raise web.HTTPNotFound()
    return web.FileResponse(
        STATIC_DIR / name,
        headers={**_page_headers(request), "Content-Type": f"{content_type}; charset=utf-8"},
    )


_IMAGE_SIGNATURES = (
    (b"\x89PNG\r\n\x1a\n", "image/png"),
    (b"\xff\xd8\xff", "image/jpeg"),
    (b"GIF8", "image/gif"),
)


def _image_type(data: bytes) -> str | None:
    for signature, mime_type in _IMAGE_SIGNATURES:
        if data.startswith(signature):
            return mime_type
    if data[:4] == b"RIFF" and data[8:12] == b"WEBP":
        return "image/webp"
    return None


CHAT_HUB: Final = web.AppKey("danbiet_chat_hub", ChatHub)


def add_chat_routes(
    app: web.Application,
    emulator: BotApiEmulator,
    *,
    admin_chat_id: int | None = None,
    official_user_id: int | None = None,
    bot_username: str = "danbiet_bot",
) -> None:
    """Serve the chat page at ``/`` of ``app``; ``app[CHAT_HUB]`` is its ``ChatHub``.

    Registers the preset residents (Lan, vi; Sam, en) with the emulator. With
    ``admin_chat_id`` (a group the emulator knows) the page offers the officials' group,
    where it writes as ``official_user_id``.
    """
    hub = ChatHub(
        emulator,
        admin_chat_id=admin_chat_id,
        official_user_id=official_user_id,
        bot_username=bot_username,
    )
    app[CHAT_HUB] = hub
    app.router.add_get("/", _page)
    app.router.add_get("/static/{name}", _static)
    app.router.add_get("/files/{file_id}", hub.serve_file)
    app.router.add_get("/ws", hub.websocket)
    app.on_shutdown.append(hub.close)


def create_chat_app(
    emulator: BotApiEmulator,
    *,
    admin_chat_id: int | None = None,
    official_user_id: int | None = None,
    bot_username: str = "danbiet_bot",
) -> web.Application:
    """A stand-alone application serving only the chat page."""
    app = web.Application()
    add_chat_routes(
        app,
        emulator,
        admin_chat_id=admin_chat_id,
        official_user_id=official_user_id,
        bot_username=bot_username,
    )
    return app
