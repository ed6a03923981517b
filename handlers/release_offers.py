"""The officials' group is told what a published release leaves to broadcast: one message with
the reports not sent yet and the corrections, with their counts and the buttons that prepare
each draft (handlers/broadcast.py). Run after every content refresh (bot/content_refresh.py);
which instance posts, and that it is posted once, the service decides
(bot/services/broadcasts/release_offers.py). If the group cannot be reached the claim is given
back for the next look.
"""

from __future__ import annotations

from telegram import Bot
from telegram.error import TelegramError

from bot.i18n import Translator
from bot.services.broadcasts.release_offers import ReleaseOfferPosts
from handlers import broadcast_views
from handlers.common import ADMIN_LANGUAGE
from handlers.render import Renderer


class ReleaseOfferPoster:
    def __init__(
        self,
        bot: Bot,
        translate: Translator,
        offers: ReleaseOfferPosts,
        admin_chat_id: int | None,
    ) -> None:
        self._bot = bot
        self._r = Renderer(translate, ADMIN_LANGUAGE)
        self._offers = offers
        self._admin_chat_id = admin_chat_id

    async def run_once(self) -> bool:
        """Post the served release's offer if it waits and this instance claims it."""
        if self._admin_chat_id is None:
            return False  # no group to tell: the dashboard's broadcasts page offers the same
        offer = await self._offers.claim()
        if offer is None:
            return False
        screen = broadcast_views.release_offer(self._r, offer)
        try:
            sent = await self._bot.send_message(
                self._admin_chat_id, screen.text, reply_markup=screen.markup
            )
        except TelegramError:
            await self._offers.give_back(offer.release_id)
            raise
        await self._offers.posted(offer.release_id, sent.message_id, offer.offers)
        return True
