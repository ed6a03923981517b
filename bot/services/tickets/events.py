"""Ticket changes, told to whoever listens (the admin-group cards).

Listeners run after the change is committed, in background tasks: a slow or failing messenger
never undoes a change nor delays the answer to the person who made it. A crash can lose what a
listener was about to do, so nothing a resident must get goes this way: their notices are
written with the change into the notice outbox (bot/services/tickets/notices.py).
"""

from __future__ import annotations

import asyncio
import logging
from typing import Protocol

from bot.services.kernel.keyed_locks import KeyedLocks
from bot.services.tickets.model import TicketChange

logger = logging.getLogger(__name__)


class TicketListener(Protocol):
    async def ticket_changed(self, change: TicketChange) -> None: ...


class TicketEvents:
    def __init__(self) -> None:
        self._listeners: list[TicketListener] = []
        self._running: set[asyncio.Task[None]] = set()
        # One ticket's changes reach listeners in the order they happened.
        self._order = KeyedLocks()

    def subscribe(self, listener: TicketListener) -> None:
        self._listeners.append(listener)

    def publish(self, change: TicketChange) -> None:
        if not self._listeners:
            return
        task = asyncio.create_task(self._deliver(change), name=f"ticket-{change.view.code}")
        self._running.add(task)
        task.add_done_callback(self._running.discard)

    async def _deliver(self, change: TicketChange) -> None:
        ticket_id = change.view.ticket.id
        async with self._order.hold(ticket_id):
            for listener in self._listeners:
                try:
                    await listener.ticket_changed(change)
                except Exception:
                    logger.exception(
                        "telling %s about ticket %s failed", type(listener).__name__, ticket_id
                    )

    async def drain(self) -> None:
        """Wait until every change published so far has reached every listener."""
        while self._running:
            await asyncio.gather(*list(self._running), return_exceptions=True)
