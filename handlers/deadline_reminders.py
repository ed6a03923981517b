"""Reminders of overdue tickets on Telegram: one message to the officials' group listing them,
and one to each assigned official whose dashboard account is linked to Telegram.

Run by `bot/periodic.py` every TICKET_REMINDER_SECONDS. The service claims each ticket's
reminder for the day in the database before anything is sent (no instance, nor a restart,
sends it twice the same day); if the group cannot be reached the claims are given back for the
next run. A personal reminder that fails is logged and not retried that day (the group has
it).
"""

from __future__ import annotations

import logging
from collections import defaultdict
from collections.abc import Iterable
from html import escape

from telegram import Bot
from telegram.error import TelegramError

from bot.i18n import Translator
from bot.services.kernel.live_knowledge import LiveKnowledge
from bot.services.tickets.deadlines import OverdueTicket, TicketDeadlines
from handlers.common import ADMIN_LANGUAGE
from handlers.render import Renderer

logger = logging.getLogger(__name__)

MESSAGE_CHARS = 3800  # under Telegram's 4096, with room for the heading


class OverdueReminders:
    def __init__(
        self,
        bot: Bot,
        translate: Translator,
        deadlines: TicketDeadlines,
        knowledge: LiveKnowledge,
        admin_chat_id: int | None,
    ) -> None:
        self._bot = bot
        self._r = Renderer(translate, ADMIN_LANGUAGE)
        self._deadlines = deadlines
        self._knowledge = knowledge
        self._admin_chat_id = admin_chat_id

    async def run_once(self) -> int:
        """Send today's reminders not yet sent; how many tickets they named."""
        reminders = await self._deadlines.claim_reminders()
        if not reminders.tickets:
            return 0
        if self._admin_chat_id is not None:
            try:
                await self._send(
                    self._admin_chat_id, "ticket-deadline-reminder-group", reminders.tickets
                )
            except TelegramError:
                await self._deadlines.release_reminders(reminders)
                raise
        personal: dict[int, list[OverdueTicket]] = defaultdict(list)
        for ticket in reminders.tickets:
            if ticket.assignee_telegram_id is not None:
                personal[ticket.assignee_telegram_id].append(ticket)
        for user_id, tickets in personal.items():
            try:
                await self._send(user_id, "ticket-deadline-reminder-personal", tickets)
            except TelegramError as error:
                logger.warning(
                    "overdue reminder to an assigned official failed (%s)", type(error).__name__
                )
        return len(reminders.tickets)

    async def _send(self, chat_id: int, heading: str, tickets: Iterable[OverdueTicket]) -> None:
        lines = [self._line(ticket) for ticket in tickets]
        for chunk in _chunks(lines):
            text = "\n".join([self._r.t(heading, count=len(lines)), *chunk])
            await self._bot.send_message(chat_id, text)

    def _line(self, ticket: OverdueTicket) -> str:
        department = self._knowledge.current.kb.departments.get(ticket.department or "")
        name = (
            department.name.get(ADMIN_LANGUAGE)
            if department is not None
            else self._r.t("ticket-deadline-no-department")
        )
        return self._r.t(
            "ticket-deadline-reminder-line",
            code=ticket.code,
            department=escape(name),  # content text, in Telegram HTML
            due=self._r.date(ticket.due),
        )


def _chunks(lines: list[str]) -> list[list[str]]:
    chunks: list[list[str]] = [[]]
    size = 0
    for line in lines:
        if chunks[-1] and size + len(line) + 1 > MESSAGE_CHARS:
            chunks.append([])
            size = 0
        chunks[-1].append(line)
        size += len(line) + 1
    return chunks
