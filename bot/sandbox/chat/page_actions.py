"""What a tab of the chat page does as its user: send text (cut as Telegram clients cut a long
paste), press a button, send a photo or a location, ask an inline query and pick a result.

Every action checks its frame first (bot/sandbox/chat/attachments.py for the non-text ones) and
answers the tab with a ``sent`` or an ``error`` frame; the emulator then does what Telegram
would.
"""

from __future__ import annotations

import asyncio
import json
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from typing import Final

from aiohttp import web

from bot.sandbox.botapi.params import JsonDict
from bot.sandbox.chat import attachments
from bot.sandbox.chat.messages import split_message
from bot.sandbox.emulator import BotApiEmulator

MAX_PARTS: Final = 10  # a longer paste is refused rather than flooding the bot
INLINE_ANSWER_TIMEOUT: Final = 10.0  # seconds; then the tab is told the bot did not answer


@dataclass(eq=False, slots=True)
class Session:
    """One WebSocket connection: the chat it shows and the frames waiting to be sent."""

    ws: web.WebSocketResponse
    queue: asyncio.Queue[str | None] = field(default_factory=asyncio.Queue)
    resident_id: int | None = None  # whose tab this is
    user_id: int | None = None  # who writes: the resident, or the official in the group
    chat_id: int | None = None
    language: str = "vi"
    inline_queries: set[str] = field(default_factory=set)  # asked from this tab: may be picked

    def put(self, frame: str) -> None:
        self.queue.put_nowait(frame)


def dump(frame: JsonDict) -> str:
    return json.dumps(frame, ensure_ascii=False, separators=(",", ":"))


class PageActions:
    def __init__(self, emulator: BotApiEmulator) -> None:
        self.emulator = emulator
        self.queries: dict[str, tuple[int, int, int]] = {}  # query id -> chat, user, message
        self._waiting: set[asyncio.Task[None]] = set()  # inline answers being waited for
        self.by_frame_type: dict[str, Callable[[Session, JsonDict], Awaitable[None]]] = {
            "send": self.send_text,
            "press": self.press,
            "photo": self.send_photo,
            "location": self.send_location,
            "inline_query": self.ask_inline,
            "inline_pick": self.pick_inline,
        }

    def close(self) -> None:
        for task in list(self._waiting):
            task.cancel()

    async def send_text(self, session: Session, frame: JsonDict) -> None:
        text = frame.get("text")
        if session.chat_id is None or session.user_id is None or not isinstance(text, str):
            session.put(dump({"type": "error", "code": "bad_request"}))
            return
        parts = split_message(text)
        if not parts:
            session.put(dump({"type": "error", "code": "empty"}))
            return
        if len(parts) > MAX_PARTS:
            session.put(dump({"type": "error", "code": "too_long"}))
            return
        # Like a Telegram client, answer a ForceReply prompt addressed to this user.
        reply_to = self.emulator.force_reply_target(session.chat_id, session.user_id)
        for part in parts:
            await self.emulator.send_text(
                session.user_id, part, chat_id=session.chat_id, reply_to_message_id=reply_to
            )
            reply_to = None
        session.put(dump({"type": "sent", "parts": len(parts)}))

    async def press(self, session: Session, frame: JsonDict) -> None:
        message_id, data = frame.get("message_id"), frame.get("data")
        if (
            session.chat_id is None
            or session.user_id is None
            or not isinstance(message_id, int)
            or not isinstance(data, str)
        ):
            session.put(dump({"type": "error", "code": "bad_request"}))
            return
        query_id = await self.emulator.press_button(
            session.user_id, session.chat_id, message_id, data
        )
        self.queries[query_id] = (session.chat_id, session.user_id, message_id)

    async def send_photo(self, session: Session, frame: JsonDict) -> None:
        data = attachments.photo_bytes(frame.get("data"))
        if session.chat_id is None or session.user_id is None or data is None:
            session.put(dump({"type": "error", "code": "bad_photo"}))
            return
        caption = attachments.caption_of(frame.get("caption"))
        await self.emulator.send_photo(
            session.user_id, caption=caption, chat_id=session.chat_id, data=data
        )
        session.put(dump({"type": "sent", "parts": 1}))

    async def send_location(self, session: Session, frame: JsonDict) -> None:
        where = attachments.coordinates(frame)
        if session.chat_id is None or session.user_id is None or where is None:
            session.put(dump({"type": "error", "code": "bad_location"}))
            return
        await self.emulator.send_location(session.user_id, *where, chat_id=session.chat_id)
        session.put(dump({"type": "sent", "parts": 1}))

    async def ask_inline(self, session: Session, frame: JsonDict) -> None:
        """Send the inline query now; the results reach the tab when the bot answers (the
        reader loop goes on meanwhile, so the tab can type on)."""
        query = attachments.inline_query_text(frame.get("query"))
        if session.user_id is None or query is None:
            session.put(dump({"type": "error", "code": "bad_request"}))
            return
        query_id = await self.emulator.inline_query(session.user_id, query)
        session.inline_queries.add(query_id)
        task = asyncio.create_task(self._deliver_inline_answer(session, query_id, query))
        self._waiting.add(task)
        task.add_done_callback(self._waiting.discard)

    async def _deliver_inline_answer(self, session: Session, query_id: str, query: str) -> None:
        try:
            answer = await self.emulator.wait_for_inline_answer(
                query_id, timeout=INLINE_ANSWER_TIMEOUT
            )
        except TimeoutError:
            session.put(dump({"type": "error", "code": "inline_timeout"}))
            return
        results = attachments.shown_results(answer)
        frame = {"type": "inline_results", "query_id": query_id, "query": query, "results": results}
        session.put(dump(frame))

    async def pick_inline(self, session: Session, frame: JsonDict) -> None:
        query_id, result_id = frame.get("query_id"), frame.get("result_id")
        if (
            session.chat_id is None
            or session.user_id is None
            or not isinstance(query_id, str)
            or not isinstance(result_id, str)
            or query_id not in session.inline_queries
        ):
            session.put(dump({"type": "error", "code": "bad_request"}))
            return
        await self.emulator.send_inline_result(
            session.user_id, session.chat_id, query_id, result_id
        )
        session.inline_queries.discard(query_id)
        session.put(dump({"type": "sent", "parts": 1}))
