"""Officials in the admin group: ticket cards' buttons, the reply prompt, /queue, /ticket,
/stats, /ban, /unban. Whoever presses or types, the service decides whether they may."""

from __future__ import annotations

import logging
from collections.abc import Awaitable
from html import escape

from telegram import ForceReply, InlineKeyboardMarkup, Update
from telegram.error import BadRequest

from bot.context import Context
from bot.domain.errors import DomainError, PromptUsed, TextTooLong, TextTooShort, TicketNotFound
from bot.services.kernel.actor import Actor
from bot.services.kernel.clock import utc_now
from bot.services.kernel.plain_text import bounded_number
from bot.services.tickets.model import TicketView
from handlers import feedback_keyboards, official_ticket_text
from handlers.callback_data import CallbackData
from handlers.common import Screen, admin_renderer, answer_query, show
from handlers.errors import Answer, Overrides, refusal_text, worded
from handlers.render import Renderer

logger = logging.getLogger(__name__)

MAX_PAGE = 9999


def official(update: Update) -> Actor:
    user = update.effective_user
    if user is None:
        return Actor.official(0)
    return Actor.official(user.id, user.full_name)


def card_screen(r: Renderer, view: TicketView) -> Screen:
    return Screen(official_ticket_text.card(r, view), feedback_keyboards.card(r, view))


# --- commands -----------------------------------------------------------------------------


async def queue_command(update: Update, context: Context) -> None:
    r = admin_renderer(context)
    asked = bounded_number(context.args[0], MAX_PAGE) if context.args else None
    page = asked - 1 if asked else 0  # "/queue 2" is the second page; the service clamps it
    await show(update, await _queue_screen(update, context, r, page))


async def ticket_command(update: Update, context: Context) -> None:
    r = admin_renderer(context)
    if not context.args:
        await _reply(update, r.t("mod-ticket-usage"))
        return
    moderation = context.bot_data.services.moderation
    view = await moderation.ticket_by_code(official(update), context.args[0])
    await show(update, card_screen(r, view))


async def stats_command(update: Update, context: Context) -> None:
    r = admin_renderer(context)
    figures = await context.bot_data.services.moderation.stats(official(update))
    await _reply(update, official_ticket_text.stats(r, figures))


async def ban_command(update: Update, context: Context) -> None:
    r = admin_renderer(context)
    if not context.args:
        await _reply(update, r.t("mod-ban-usage"))
        return
    target, reason = context.args[0], " ".join(context.args[1:]) or None
    await context.bot_data.services.moderation.ban(official(update), target, reason)
    await _reply(update, r.t("mod-banned", target=_code(target)))


async def unban_command(update: Update, context: Context) -> None:
    r = admin_renderer(context)
    if not context.args:
        await _reply(update, r.t("mod-unban-usage"))
        return
    target = context.args[0]
    await context.bot_data.services.moderation.unban(official(update), target)
    await _reply(update, r.t("mod-unbanned", target=_code(target)))


# --- the reply prompt ---------------------------------------------------------------------


async def on_group_reply(update: Update, context: Context) -> None:
    """A reply in a group: if it answers one of our prompts, it goes to the resident."""
    message = update.effective_message
    chat = update.effective_chat
    if message is None or chat is None or message.reply_to_message is None:
        return
    if message.reply_to_message.from_user is None or message.reply_to_message.from_user.id != (
        context.bot.id
    ):
        return
    prompt_id = message.reply_to_message.message_id
    moderation = context.bot_data.services.moderation
    r = admin_renderer(context)
    if not message.text:
        if await moderation.is_open_prompt(chat.id, prompt_id):
            await _reply(update, r.t("mod-reply-text-only"))
        return
    view = await moderation.answer_prompt(official(update), chat.id, prompt_id, message.text)
    await _reply(update, r.t("mod-reply-sent", code=view.code))


# --- card buttons -------------------------------------------------------------------------


async def on_card(update: Update, context: Context, data: CallbackData, r: Renderer) -> None:
    moderation = context.bot_data.services.moderation
    r = admin_renderer(context)
    view = await moderation.ticket(official(update), int(data.argument))
    await answer_query(update)
    await show(update, card_screen(r, view))


async def on_approve(update: Update, context: Context, data: CallbackData, _r: Renderer) -> None:
    moderation = context.bot_data.services.moderation
    await _act(update, context, moderation.approve(official(update), int(data.argument)))


async def on_close(update: Update, context: Context, data: CallbackData, _r: Renderer) -> None:
    moderation = context.bot_data.services.moderation
    await _act(update, context, moderation.close(official(update), int(data.argument)))


async def on_publish(update: Update, context: Context, data: CallbackData, _r: Renderer) -> None:
    """Show the masked public version first; publishing takes a second press."""
    r = admin_renderer(context)
    moderation = context.bot_data.services.moderation
    ticket_id = int(data.argument)
    preview = await moderation.publish_preview(official(update), ticket_id)
    await answer_query(update)
    markup = feedback_keyboards.publish_confirmation(r, ticket_id)
    await show(update, Screen(official_ticket_text.publish_preview(r, preview), markup))


async def on_publish_confirm(
    update: Update, context: Context, data: CallbackData, _r: Renderer
) -> None:
    moderation = context.bot_data.services.moderation
    change = moderation.set_published(official(update), int(data.argument), True)
    await _act(update, context, change)


async def on_unpublish(update: Update, context: Context, data: CallbackData, _r: Renderer) -> None:
    moderation = context.bot_data.services.moderation
    change = moderation.set_published(official(update), int(data.argument), False)
    await _act(update, context, change)


async def on_assign(update: Update, context: Context, data: CallbackData, _r: Renderer) -> None:
    ticket_id, _, department = data.argument.partition(":")
    moderation = context.bot_data.services.moderation
    await _act(update, context, moderation.assign(official(update), int(ticket_id), department))


async def on_reject_menu(update: Update, context: Context, data: CallbackData, r: Renderer) -> None:
    r = admin_renderer(context)
    view = await _view(update, context, int(data.argument))
    markup = feedback_keyboards.reject_reasons(r, view.ticket.id)
    await _menu(update, r.t("mod-choose-reason", code=view.code), markup)


async def on_assign_menu(update: Update, context: Context, data: CallbackData, r: Renderer) -> None:
    r = admin_renderer(context)
    view = await _view(update, context, int(data.argument))
    departments = context.bot_data.services.moderation.departments(view.ticket.topic)
    markup = feedback_keyboards.departments(r, view.ticket.id, departments)
    await _menu(update, r.t("mod-choose-department", code=view.code), markup)


async def on_reply(update: Update, context: Context, data: CallbackData, r: Renderer) -> None:
    """Ask the official for the answer with a ForceReply prompt (works with privacy mode on)."""
    r = admin_renderer(context)
    moderation = context.bot_data.services.moderation
    actor = official(update)
    chat = update.effective_chat
    view = await moderation.open_reply(actor, int(data.argument))
    if chat is None or actor.user_id is None:
        return
    await answer_query(update)
    prompt = await context.bot.send_message(
        chat.id,
        r.t(
            "mod-reply-prompt",
            user_id=str(actor.user_id),
            name=escape(actor.name or str(actor.user_id)),
            code=view.code,
        ),
        reply_markup=ForceReply(
            selective=True,
            input_field_placeholder=r.t("mod-reply-placeholder", code=view.code)[:64],
        ),
    )
    await moderation.remember_prompt(actor, view.ticket.id, chat.id, prompt.message_id)


async def on_photo(update: Update, context: Context, data: CallbackData, _r: Renderer) -> None:
    chat = update.effective_chat
    file_id = await context.bot_data.services.moderation.photo(official(update), int(data.argument))
    await answer_query(update)
    if file_id and chat is not None:
        query = update.callback_query
        reply_to = query.message.message_id if query and query.message else None
        await context.bot.send_photo(chat.id, file_id, reply_to_message_id=reply_to)


async def on_queue_page(update: Update, context: Context, data: CallbackData, _r: Renderer) -> None:
    screen = await _queue_screen(update, context, admin_renderer(context), int(data.argument or 0))
    await answer_query(update)
    await show(update, screen)


# ------------------------------------------------------------------------------------------


async def _queue_screen(update: Update, context: Context, r: Renderer, page: int) -> Screen:
    services = context.bot_data.services
    tickets = await services.moderation.queue(official(update), page)
    text = official_ticket_text.queue(
        r, tickets, {area.key: area for area in services.catalog.areas()}, utc_now()
    )
    return Screen(text, feedback_keyboards.queue(r, tickets))


async def _act(update: Update, context: Context, change: Awaitable[TicketView]) -> None:
    """Run a move; show the new card where it was pressed (the group card is updated too)."""
    r = admin_renderer(context)
    view = await change
    await answer_query(update, r.t("mod-done", code=view.code))
    await show(update, card_screen(r, view))


async def _view(update: Update, context: Context, ticket_id: int) -> TicketView:
    return await context.bot_data.services.moderation.ticket(official(update), ticket_id)


async def _menu(update: Update, text: str, markup: InlineKeyboardMarkup) -> None:
    """Swap the card's buttons for a choice; the card text stays."""
    query = update.callback_query
    if query is None:
        return
    await query.answer(text)
    try:
        await query.edit_message_reply_markup(markup)
    except BadRequest as error:
        if "not modified" not in error.message:
            raise


async def _reply(update: Update, text: str) -> None:
    message = update.effective_message
    if message is not None:
        await message.reply_text(text)


def _code(text: str) -> str:
    return escape(text.strip().lstrip("#").upper()[:20])


# --- refusals worded here, answered by the one catch (handlers/errors.py) ----------------


def _typed_code(r: Renderer, context: Context, _error: DomainError) -> Answer:
    """/ticket, /ban and /unban name the code the official typed."""
    return r.t("mod-ticket-not-found", code=_code(context.args[0] if context.args else ""))


def _prompt_used(r: Renderer, _context: Context, error: DomainError) -> Answer:
    """A reply to a card or another bot message is conversation among officials: no answer."""
    return refusal_text(r, error) if isinstance(error, PromptUsed) and error.known else None


TYPED_CODE: Overrides = {TicketNotFound: _typed_code}
PROMPT_REPLY: Overrides = {
    PromptUsed: _prompt_used,
    TextTooLong: worded("mod-reply-too-long"),
    TextTooShort: worded("mod-reply-empty"),
}
