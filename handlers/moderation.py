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
from bot.domain.statuses import RejectReason
from bot.services.kernel.actor import Actor
from bot.services.kernel.clock import utc_now
from bot.services.kernel.plain_text import bounded_number
from bot.services.tickets.model import TicketView
from handlers import feedback_keyboards, official_ticket_text
from handlers.callback_data import CallbackData
from handlers.common import Screen, admin_renderer, answer_query, show
from handlers.errors import refusal_text
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
    await _queue(update, context, r, page)


async def ticket_command(update: Update, context: Context) -> None:
    r = admin_renderer(context)
    if not context.args:
        await _reply(update, r.t("mod-ticket-usage"))
        return
    moderation = context.bot_data.services.moderation
    try:
        view = await moderation.ticket_by_code(official(update), context.args[0])
    except TicketNotFound:
        await _reply(update, r.t("mod-ticket-not-found", code=_code(context.args[0])))
        return
    except DomainError as error:
        await _reply(update, refusal_text(r, error))
        return
    await show(update, card_screen(r, view))


async def stats_command(update: Update, context: Context) -> None:
    r = admin_renderer(context)
    try:
        figures = await context.bot_data.services.moderation.stats(official(update))
    except DomainError as error:
        await _reply(update, refusal_text(r, error))
        return
    await _reply(update, official_ticket_text.stats(r, figures))


async def ban_command(update: Update, context: Context) -> None:
    r = admin_renderer(context)
    if not context.args:
        await _reply(update, r.t("mod-ban-usage"))
        return
    target, reason = context.args[0], " ".join(context.args[1:]) or None
    try:
        await context.bot_data.services.moderation.ban(official(update), target, reason)
    except TicketNotFound:
        await _reply(update, r.t("mod-ticket-not-found", code=_code(target)))
        return
    except DomainError as error:
        await _reply(update, refusal_text(r, error))
        return
    await _reply(update, r.t("mod-banned", target=_code(target)))


async def unban_command(update: Update, context: Context) -> None:
    r = admin_renderer(context)
    if not context.args:
        await _reply(update, r.t("mod-unban-usage"))
        return
    target = context.args[0]
    try:
        await context.bot_data.services.moderation.unban(official(update), target)
    except TicketNotFound:
        await _reply(update, r.t("mod-ticket-not-found", code=_code(target)))
        return
    except DomainError as error:
        await _reply(update, refusal_text(r, error))
        return
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
    try:
        view = await moderation.answer_prompt(official(update), chat.id, prompt_id, message.text)
    except PromptUsed as used:
        if used.known:
            await _reply(update, r.t("mod-prompt-used"))
        return  # a reply to a card or another bot message: conversation among officials
    except TextTooLong as error:
        await _reply(update, r.t("mod-reply-too-long", limit=error.limit, length=error.length))
        return
    except TextTooShort:
        await _reply(update, r.t("mod-reply-empty"))
        return
    except DomainError as error:
        await _reply(update, refusal_text(r, error))
        return
    await _reply(update, r.t("mod-reply-sent", code=view.code))


# --- card buttons -------------------------------------------------------------------------


async def on_card(update: Update, context: Context, data: CallbackData, r: Renderer) -> None:
    moderation = context.bot_data.services.moderation
    r = admin_renderer(context)
    try:
        view = await moderation.ticket(official(update), int(data.argument))
    except DomainError as error:
        await answer_query(update, refusal_text(r, error), alert=True)
        return
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
    try:
        preview = await moderation.publish_preview(official(update), ticket_id)
    except DomainError as error:
        await answer_query(update, refusal_text(r, error), alert=True)
        return
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


async def on_reject(update: Update, context: Context, data: CallbackData, _r: Renderer) -> None:
    ticket_id, _, reason = data.argument.partition(":")
    moderation = context.bot_data.services.moderation
    change = moderation.reject(official(update), int(ticket_id), RejectReason(reason))
    await _act(update, context, change)


async def on_assign(update: Update, context: Context, data: CallbackData, _r: Renderer) -> None:
    ticket_id, _, department = data.argument.partition(":")
    moderation = context.bot_data.services.moderation
    await _act(update, context, moderation.assign(official(update), int(ticket_id), department))


async def on_reject_menu(update: Update, context: Context, data: CallbackData, r: Renderer) -> None:
    r = admin_renderer(context)
    view = await _view(update, context, int(data.argument))
    if view is not None:
        markup = feedback_keyboards.reject_reasons(r, view.ticket.id)
        await _menu(update, r.t("mod-choose-reason", code=view.code), markup)


async def on_assign_menu(update: Update, context: Context, data: CallbackData, r: Renderer) -> None:
    r = admin_renderer(context)
    view = await _view(update, context, int(data.argument))
    if view is not None:
        departments = context.bot_data.services.moderation.departments(view.ticket.topic)
        markup = feedback_keyboards.departments(r, view.ticket.id, departments)
        await _menu(update, r.t("mod-choose-department", code=view.code), markup)


async def on_reply(update: Update, context: Context, data: CallbackData, r: Renderer) -> None:
    """Ask the official for the answer with a ForceReply prompt (works with privacy mode on)."""
    r = admin_renderer(context)
    moderation = context.bot_data.services.moderation
    actor = official(update)
    chat = update.effective_chat
    try:
        view = await moderation.open_reply(actor, int(data.argument))
    except DomainError as error:
        await answer_query(update, refusal_text(r, error), alert=True)
        return
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


async def on_photo(update: Update, context: Context, data: CallbackData, r: Renderer) -> None:
    r = admin_renderer(context)
    chat = update.effective_chat
    try:
        file_id = await context.bot_data.services.moderation.photo(
            official(update), int(data.argument)
        )
    except DomainError as error:
        await answer_query(update, refusal_text(r, error), alert=True)
        return
    await answer_query(update)
    if file_id and chat is not None:
        query = update.callback_query
        reply_to = query.message.message_id if query and query.message else None
        await context.bot.send_photo(chat.id, file_id, reply_to_message_id=reply_to)


async def on_queue_page(update: Update, context: Context, data: CallbackData, _r: Renderer) -> None:
    await answer_query(update)
    await _queue(update, context, admin_renderer(context), int(data.argument or 0))


# ------------------------------------------------------------------------------------------


async def _queue(update: Update, context: Context, r: Renderer, page: int) -> None:
    moderation = context.bot_data.services.moderation
    try:
        tickets = await moderation.queue(official(update), page)
    except DomainError as error:
        await _reply(update, refusal_text(r, error))
        return
    services = context.bot_data.services
    text = official_ticket_text.queue(
        r, tickets, {area.key: area for area in services.catalog.areas()}, utc_now()
    )
    await show(update, Screen(text, feedback_keyboards.queue(r, tickets)))


async def _act(update: Update, context: Context, change: Awaitable[TicketView]) -> None:
    """Run a move; show the new card where it was pressed (the group card is updated too)."""
    r = admin_renderer(context)
    try:
        view = await change
    except DomainError as error:
        await answer_query(update, refusal_text(r, error), alert=True)
        return
    await answer_query(update, r.t("mod-done", code=view.code))
    await show(update, card_screen(r, view))


async def _view(update: Update, context: Context, ticket_id: int) -> TicketView | None:
    try:
        return await context.bot_data.services.moderation.ticket(official(update), ticket_id)
    except DomainError as error:
        await answer_query(update, alert=True, text=refusal_text(admin_renderer(context), error))
        return None


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
