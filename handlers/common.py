"""What every handler needs: who is acting, their language, and how to show a screen."""

from __future__ import annotations

import enum
import logging
from dataclasses import dataclass

from telegram import InlineKeyboardMarkup, Message, Update
from telegram.error import BadRequest

from bot.context import Context
from bot.i18n import DEFAULT_LANGUAGE, Language
from bot.services.kernel.actor import Actor
from bot.webhook_reply import result_unused
from handlers.render import Renderer

logger = logging.getLogger(__name__)

# Cards are shared by every official in the group: one language for all of them.
ADMIN_LANGUAGE: Language = DEFAULT_LANGUAGE


@dataclass(frozen=True, slots=True)
class Screen:
    text: str
    markup: InlineKeyboardMarkup | None = None


def actor(update: Update) -> Actor:
    user = update.effective_user
    if user is None:
        return Actor.system()
    handles = tuple(name for name in (user.first_name, user.last_name, user.username) if name)
    return Actor.resident(user.id, user.language_code, user.full_name, handles)


def first_name(update: Update) -> str:
    return update.effective_user.first_name if update.effective_user else ""


def acting_as_official(update: Update, context: Context) -> bool:
    """Anything in the officials' chat. An officials' button pressed elsewhere (a card shown in
    a private chat) is routed with `Audience.OFFICIAL` and never asks for a resident's language."""
    chat = update.effective_chat
    return context.bot_data.services.officials.is_officials_chat(chat.id if chat else None)


async def resident_language(update: Update, context: Context, text: str | None = None) -> Language:
    """The language to answer a resident in, recording their contact. An official acting (see
    acting_as_official) is no resident: nothing is recorded and they read the group's language."""
    if acting_as_official(update, context):
        return ADMIN_LANGUAGE
    return await context.bot_data.services.residents.seen(actor(update), text)


def renderer(context: Context, language: Language) -> Renderer:
    return Renderer(context.bot_data.translate, language)


def admin_renderer(context: Context) -> Renderer:
    """Officials' texts, wherever they act: their cards and answers are in the group's language
    (no residents row is read or written for them)."""
    return renderer(context, ADMIN_LANGUAGE)


class Audience(enum.Enum):
    """Who a handler speaks to, which decides the language of its answers and refusals."""

    RESIDENT = "resident"  # in the resident's own language (recorded as a contact)
    OFFICIAL = "official"  # in the officials' group language


async def audience_renderer(update: Update, context: Context, audience: Audience) -> Renderer:
    if audience is Audience.OFFICIAL:
        return admin_renderer(context)
    return renderer(context, await resident_language(update, context))


CALLBACK_ANSWER_CHARS = 200  # Telegram's limit for answerCallbackQuery text


async def answer_query(update: Update, text: str | None = None, *, alert: bool = False) -> None:
    """Answer the pressed button (a toast, or an alert the user must close)."""
    if update.callback_query is not None:
        shown = text[:CALLBACK_ANSWER_CHARS] if text else text
        await update.callback_query.answer(shown, show_alert=alert)


async def show(update: Update, screen: Screen) -> None:
    """Edit the message a button belongs to, or reply with a new one."""
    query = update.callback_query
    if query is not None and query.message is not None and query.message.is_accessible:
        try:
            await query.edit_message_text(screen.text, reply_markup=screen.markup)
            return
        except BadRequest as error:
            if "not modified" in error.message:
                return
            raise
    message = update.effective_message
    if message is not None:
        await reply(message, screen)


async def reply(message: Message, screen: Screen) -> None:
    """A new message below `message` (a button's own message stays as it is). Nothing reads
    the sent message: in webhook mode it may go in the update's response (bot/webhook_reply)."""
    with result_unused():
        await message.reply_text(screen.text, reply_markup=screen.markup)
