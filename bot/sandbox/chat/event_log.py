"""The numbered log of chat events that lets a page resume after a reconnection."""

from __future__ import annotations

from collections import deque
from dataclasses import dataclass, field

from bot.sandbox.botapi.params import JsonDict


@dataclass(slots=True)
class _ChatLog:
    events: deque[tuple[int, int | None, JsonDict]] = field(default_factory=deque)
    dropped_through: int = 0  # events up to this seq are no longer held


class EventLog:
    """Every chat event gets a number from one increasing sequence; each chat keeps its last
    ``history_per_chat`` events, with the user they are meant for (None: everyone)."""

    def __init__(self, history_per_chat: int) -> None:
        self.history_per_chat = history_per_chat
        self.seq = 0
        self._logs: dict[int, _ChatLog] = {}

    def append(self, chat_id: int, body: JsonDict, audience: int | None) -> JsonDict:
        """Number the event, keep it, and return it as the page receives it."""
        self.seq += 1
        event = {"type": "event", "seq": self.seq, "chat_id": chat_id, **body}
        log = self._logs.setdefault(chat_id, _ChatLog())
        log.events.append((self.seq, audience, event))
        while len(log.events) > self.history_per_chat:
            log.dropped_through = log.events.popleft()[0]
        return event

    def replay(self, chat_id: int, user_id: int, since: int) -> list[JsonDict] | None:
        """The chat's events after ``since`` for this user, or None when some are gone."""
        log = self._logs.get(chat_id, _ChatLog())
        if since > self.seq or since < log.dropped_through:
            return None
        return [
            event
            for seq, audience, event in log.events
            if seq > since and audience in {None, user_id}
        ]
