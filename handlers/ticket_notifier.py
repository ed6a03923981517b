"""Ticket changes on Telegram: the card in the admin group, and how a resident's notice reads.

The card is edited from here, after the change is committed (best effort: the next change or
/ticket shows the card again), and redrawn in place when its deadline passes (OVERDUE). The
resident's notice is not sent from here: it is a row of the notice outbox written with the
change, and the delivery worker sends it, rendered by NoticeViews.
"""

from __future__ import annotations

import logging

from telegram import Bot, InlineKeyboardMarkup
from telegram.error import BadRequest

from bot.i18n import Translator
from bot.services.tickets.model import TicketChange, TicketEvent
from bot.services.tickets.moderation import ModerationService
from bot.services.tickets.notices import NoticeJob
from handlers import feedback_keyboards, official_ticket_text, resident_feedback_text
from handlers.common import ADMIN_LANGUAGE
from handlers.render import Renderer

logger = logging.getLogger(__name__)


class TelegramTicketNotifier:
    def __init__(
        self,
        bot: Bot,
        translate: Translator,
        moderation: ModerationService,
        admin_chat_id: int | None,
    ) -> None:
        self._bot = bot
        self._translate = translate
        self._moderation = moderation
        self._admin_chat_id = admin_chat_id

    async def ticket_changed(self, change: TicketChange) -> None:
        if self._admin_chat_id is not None:
            await self._update_card(change, self._admin_chat_id)

    async def _update_card(self, change: TicketChange, admin_chat_id: int) -> None:
        r = Renderer(self._translate, ADMIN_LANGUAGE)
        view = change.view
        text = official_ticket_text.card(r, view)
        markup = feedback_keyboards.card(r, view)
        # Read where the card is now: the view may predate the card being posted.
        chat_id, message_id = await self._moderation.card_location(view.ticket.id)
        if chat_id is not None and message_id is not None:
            try:
                await self._bot.edit_message_text(
                    text,
                    chat_id=chat_id,
                    message_id=message_id,
                    reply_markup=markup,
                )
                return
            except BadRequest as error:
                if "not modified" in error.message:
                    return
                # Deleted by someone in the group: post it again below.
                logger.warning("card of ticket %s could not be edited: %s", view.code, error)
        if change.event is TicketEvent.OVERDUE:
            return  # a redraw only: the day's reminder names the ticket, no card is reposted
        sent = await self._bot.send_message(admin_chat_id, text, reply_markup=markup)
        await self._moderation.attach_card(view.ticket.id, admin_chat_id, sent.message_id)


class NoticeViews:
    """A resident's notice as the delivery worker sends it: in the language they read now."""

    def __init__(self, translate: Translator) -> None:
        self._translate = translate

    def notice(self, job: NoticeJob) -> tuple[str, InlineKeyboardMarkup | None]:
        view = job.view
        r = Renderer(self._translate, view.resident_language)
        text = resident_feedback_text.notification(
            r, view, job.event.value, job.reply_text, job.rejection
        )
        markup: InlineKeyboardMarkup | None = None
        if job.event is TicketEvent.ANSWERED:
            markup = feedback_keyboards.ticket_detail(r, view)
        return text, markup
