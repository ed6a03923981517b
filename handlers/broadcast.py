"""Officials' broadcasts in the admin chat: /broadcast (preview, then send now, schedule or
cancel), /broadcasts (history), /corrections, and the buttons on the progress message.

Nothing reaches residents from here: a confirmation makes delivery rows, which the worker in
bot/delivery sends. Who may act is decided by the broadcast service, on every command and press.
"""

from __future__ import annotations

import datetime as dt
import logging
import re
from collections.abc import Awaitable, Callable
from typing import Any

from telegram import Message, Update
from telegram.error import BadRequest
from telegram.ext import Application, CallbackQueryHandler, CommandHandler

from bot.context import Context
from bot.domain.errors import BroadcastRefused, PermissionDenied
from bot.domain.statuses import BroadcastStatus
from bot.services.broadcasts.composition import fits_caption
from bot.services.broadcasts.lifecycle import BroadcastService, schedule_choices
from bot.services.broadcasts.model import ConfirmOutcome, Draft, Progress, ProgressView
from bot.services.kernel.actor import Actor
from bot.services.kernel.clock import utc_now
from handlers.broadcast_views import BroadcastViews, View
from handlers.callback_data import VERSION, Action, CallbackData, InvalidCallbackData, decode
from handlers.moderation import official

logger = logging.getLogger(__name__)

# Every broadcast action's code starts with "x" (see handlers.callback_data).
CALLBACK_PATTERN = re.compile(rf"^{VERSION}:x[a-z]")
_COMMAND = re.compile(r"^/[A-Za-z0-9_]+(@[A-Za-z0-9_]+)?\s*")
_TAGS = re.compile(r"<[^>]*>")


def _views(context: Context) -> BroadcastViews:
    return BroadcastViews(context.bot_data.translate)


async def _in_admin_chat(update: Update, context: Context) -> bool:
    """Broadcasts are run from the officials' group; elsewhere the command says so."""
    admin_chat_id = context.bot_data.services.broadcasts.admin_chat_id
    chat = update.effective_chat
    if admin_chat_id is None or (chat is not None and chat.id == admin_chat_id):
        return True
    message = update.effective_message
    if message is not None:
        await message.reply_text(_views(context).text("broadcast-admin-chat-only"))
    return False


# --- commands -----------------------------------------------------------------------------------


async def broadcast_command(update: Update, context: Context) -> None:
    """`/broadcast <text>` or `/broadcast report <key>`: a draft and its exact preview."""
    message = update.effective_message
    if message is None or not await _in_admin_chat(update, context):
        return
    services = context.bot_data.services
    kb = services.knowledge.current.kb
    views = _views(context)
    args = context.args or []
    chat_id = message.chat_id
    key = ""
    try:
        if args and args[0].lower() == "report":
            key = args[1] if len(args) > 1 else ""
            if not key:
                await message.reply_text(views.usage(kb))
                return
            draft = await services.broadcasts.prepare_report(official(update), key, chat_id=chat_id)
        else:
            text = _COMMAND.sub("", message.text_html or "", count=1)
            draft = await services.broadcasts.prepare_text(official(update), text, chat_id=chat_id)
    except PermissionDenied:
        await message.reply_text(views.text("broadcast-not-official"))
        return
    except BroadcastRefused as error:
        await message.reply_text(views.refusal(error, kb, key))
        return
    await _preview(message, views, draft)


async def _preview(message: Message, views: BroadcastViews, draft: Draft) -> None:
    """Each language's message exactly as subscribers will get it, then the buttons."""
    for resident_message in draft.messages.values():
        photo = resident_message.photo
        if photo is not None and fits_caption(resident_message.text):
            await message.reply_photo(photo, caption=resident_message.text)
            continue
        await message.reply_text(resident_message.text)
        if photo is not None:  # as the sender does: the summary, then its chart
            await message.reply_photo(photo)
    text, markup = views.draft(draft)
    await message.reply_text(text, reply_markup=markup)


async def broadcasts_command(update: Update, context: Context) -> None:
    message = update.effective_message
    if message is None or not await _in_admin_chat(update, context):
        return
    services = context.bot_data.services
    views = _views(context)
    try:
        items = await services.broadcasts.history(official(update))
    except PermissionDenied:
        await message.reply_text(views.text("broadcast-not-official"))
        return
    await message.reply_text(views.history(items, services.knowledge.current.kb))


async def corrections_command(update: Update, context: Context) -> None:
    message = update.effective_message
    if message is None or not await _in_admin_chat(update, context):
        return
    views = _views(context)
    try:
        items = await context.bot_data.services.broadcasts.corrections(official(update))
    except PermissionDenied:
        await message.reply_text(views.text("broadcast-not-official"))
        return
    text, markup = views.corrections(items)
    await message.reply_text(text, reply_markup=markup)


# --- buttons ------------------------------------------------------------------------------------


async def on_broadcast_button(update: Update, context: Context) -> None:
    query = update.callback_query
    if query is None:
        return
    views = _views(context)
    try:
        data = decode(query.data)
        handler = _ACTIONS[data.action]
    except (InvalidCallbackData, KeyError) as error:
        logger.warning("refused callback data from user %s: %s", query.from_user.id, error)
        await query.answer(views.text("button-outdated"), show_alert=True)
        return
    try:
        toast = await handler(update, context, data, views)
    except PermissionDenied:
        await query.answer(views.text("broadcast-not-official"), show_alert=True)
        return
    except BroadcastRefused as error:
        text = views.refusal(error, context.bot_data.services.knowledge.current.kb)
        await query.answer(_TAGS.sub("", text), show_alert=True)
        return
    await query.answer(toast)


async def _edit(update: Update, view: View) -> None:
    query = update.callback_query
    if query is None or query.message is None or not query.message.is_accessible:
        return
    text, markup = view
    try:
        await query.edit_message_text(text, reply_markup=markup)
    except BadRequest as error:
        if "not modified" not in error.message:  # two presses showing the same state
            raise


def _message_id(update: Update) -> int | None:
    query = update.callback_query
    return query.message.message_id if query and query.message else None


async def _send(update: Update, context: Context, data: CallbackData, views: BroadcastViews) -> str:
    broadcasts = context.bot_data.services.broadcasts
    confirmation = await broadcasts.confirm(
        official(update), int(data.argument), message_id=_message_id(update)
    )
    await _edit(update, views.progress(ProgressView(confirmation.progress)))
    if confirmation.outcome is ConfirmOutcome.ALREADY:
        return views.text("broadcast-already", id=data.argument)
    return views.text("broadcast-started-toast")


async def _schedule(
    update: Update, context: Context, data: CallbackData, views: BroadcastViews
) -> str:
    broadcast_id, _, timestamp = data.argument.partition(":")
    send_at = dt.datetime.fromtimestamp(int(timestamp), dt.UTC)
    confirmation = await context.bot_data.services.broadcasts.confirm(
        official(update), int(broadcast_id), send_at=send_at, message_id=_message_id(update)
    )
    await _edit(update, views.progress(ProgressView(confirmation.progress)))
    if confirmation.outcome is ConfirmOutcome.ALREADY:
        return views.text("broadcast-already", id=broadcast_id)
    return views.text("broadcast-scheduled-toast")


async def _schedule_menu(
    update: Update, context: Context, data: CallbackData, views: BroadcastViews
) -> str | None:
    broadcast_id = int(data.argument)
    progress = await context.bot_data.services.broadcasts.progress(official(update), broadcast_id)
    if progress.status is not BroadcastStatus.DRAFT:
        await _edit(update, views.progress(ProgressView(progress)))
        return views.text("broadcast-already", id=data.argument)
    await _edit(update, views.schedule_menu(broadcast_id, schedule_choices(utc_now())))
    return None


async def _show(
    update: Update, context: Context, data: CallbackData, views: BroadcastViews
) -> str | None:
    broadcasts = context.bot_data.services.broadcasts
    progress = await broadcasts.progress(official(update), int(data.argument))
    await _edit(update, views.progress(ProgressView(progress)))
    return None


Move = Callable[[BroadcastService], Callable[[Actor, int], Awaitable[Progress]]]


def _mover(
    pick: Move, toast: str
) -> Callable[[Update, Context, CallbackData, BroadcastViews], Awaitable[str]]:
    async def move(
        update: Update, context: Context, data: CallbackData, views: BroadcastViews
    ) -> str:
        action = pick(context.bot_data.services.broadcasts)
        progress = await action(official(update), int(data.argument))
        await _edit(update, views.progress(ProgressView(progress)))
        return views.text(toast)

    return move


async def _prepare_correction(
    update: Update, context: Context, data: CallbackData, views: BroadcastViews
) -> str | None:
    query = update.callback_query
    if query is None or query.message is None:
        return None
    draft = await context.bot_data.services.broadcasts.prepare_correction(
        official(update), int(data.argument), chat_id=query.message.chat.id
    )
    if isinstance(query.message, Message):
        await _preview(query.message, views, draft)
    return None


_ACTIONS: dict[
    Action, Callable[[Update, Context, CallbackData, BroadcastViews], Awaitable[str | None]]
] = {
    Action.BROADCAST_SEND: _send,
    Action.BROADCAST_SCHEDULE_MENU: _schedule_menu,
    Action.BROADCAST_SCHEDULE: _schedule,
    Action.BROADCAST_DRAFT: _show,
    Action.BROADCAST_PAUSE: _mover(lambda service: service.pause, "broadcast-paused-toast"),
    Action.BROADCAST_RESUME: _mover(lambda service: service.resume, "broadcast-resumed-toast"),
    Action.BROADCAST_CANCEL: _mover(lambda service: service.cancel, "broadcast-cancelled-toast"),
    Action.CORRECTION_PREPARE: _prepare_correction,
}


def add_broadcast_handlers(application: Application[Any, Any, Any, Any, Any, Any]) -> None:
    """Before the generic button handler; commands are answered only in the admin chat."""
    application.add_handler(CommandHandler("broadcast", broadcast_command))
    application.add_handler(CommandHandler("broadcasts", broadcasts_command))
    application.add_handler(CommandHandler("corrections", corrections_command))
    application.add_handler(CallbackQueryHandler(on_broadcast_button, CALLBACK_PATTERN))
