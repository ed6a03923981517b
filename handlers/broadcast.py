"""Officials' broadcasts in the admin chat: /broadcast (preview, then send now, schedule or
cancel), /broadcasts (history), /corrections, and the buttons on the progress message.

Nothing reaches residents from here: a confirmation makes delivery rows, which the worker in
bot/delivery sends. Who may act is decided by the broadcast service, on every command and press;
its refusals are answered by the one catch (handlers/errors.py), worded as `REFUSALS` says.
"""

from __future__ import annotations

import datetime as dt
import html
import re
from collections.abc import Awaitable, Callable

from telegram import Message, Update

from bot.context import Context
from bot.domain.errors import BroadcastRefused, DomainError, PermissionDenied
from bot.domain.statuses import BroadcastRefusal, BroadcastStatus
from bot.i18n import Language
from bot.services.broadcasts.composition import fits_caption
from bot.services.broadcasts.lifecycle import BroadcastService
from bot.services.broadcasts.model import ConfirmOutcome, Draft, Progress, ProgressView
from bot.services.broadcasts.steps import schedule_choices
from bot.services.kernel.actor import Actor
from bot.services.kernel.clock import utc_now
from content.hanoi_places import find_place
from handlers import broadcast_views
from handlers.callback_data import CallbackData
from handlers.common import Screen, admin_renderer, answer_query, reply, show
from handlers.errors import Answer, Overrides, worded
from handlers.moderation import official
from handlers.render import Renderer

_COMMAND = re.compile(r"^/[A-Za-z0-9_]+(@[A-Za-z0-9_]+)?\s*")
# `/broadcast <Vietnamese text>` and, on a line of its own, `EN:` then the English text.
_ENGLISH = re.compile(r"^\s*EN\s*:\s*", re.IGNORECASE | re.MULTILINE)
# A line `NƠI: Hoàn Kiếm, xã Sóc Sơn` aims it at those wards and communes.
_PLACES = re.compile(r"^[ \t]*(?:NƠI|NOI|WHERE)[ \t]*:[ \t]*(.*)$\n?", re.IGNORECASE | re.MULTILINE)


def _texts(html_text: str) -> tuple[dict[Language, str], list[str]]:
    """What the official typed, as they typed it (Telegram's own formatting arrives as tags,
    typed tags and `**marks**` as characters; the service renders both, markup.py), and the
    places a `NƠI:` line names (an unknown name is passed on as written: the service refuses)."""
    typed = html.unescape(_COMMAND.sub("", html_text, count=1))
    places = []
    for line in _PLACES.findall(typed):
        for name in filter(None, (part.strip() for part in line.split(","))):
            place = find_place(name)
            places.append(place.key if place else name)
    vietnamese, *english = _ENGLISH.split(_PLACES.sub("", typed), maxsplit=1)
    return {"vi": vietnamese, "en": english[0] if english else ""}, places


def _refused(r: Renderer, context: Context, error: DomainError) -> Answer:
    args = context.args or []  # a button has none: it names no report
    wanted = args[1] if len(args) > 1 and args[0].lower() == "report" else ""
    kb = context.bot_data.services.knowledge.current.kb
    return broadcast_views.refusal(r, error, kb, wanted)


# How the broadcasts' commands and buttons word their refusals.
REFUSALS: Overrides = {
    PermissionDenied: worded("broadcast-not-official"),
    BroadcastRefused: _refused,
}


def _offered_report_refused(r: Renderer, context: Context, error: DomainError) -> Answer:
    """A report button whose report the content no longer has (or never had: forged data)."""
    if isinstance(error, BroadcastRefused) and error.reason is BroadcastRefusal.UNKNOWN_REPORT:
        return r.t("offer-report-gone")
    return _refused(r, context, error)


# The group's offer after a publish: its report buttons name the report themselves.
OFFERED_REPORT: Overrides = {**REFUSALS, BroadcastRefused: _offered_report_refused}


async def _in_admin_chat(update: Update, context: Context) -> bool:
    """Broadcasts are run from the officials' group; elsewhere the command says so."""
    admin_chat_id = context.bot_data.services.broadcasts.admin_chat_id
    chat = update.effective_chat
    if admin_chat_id is None or (chat is not None and chat.id == admin_chat_id):
        return True
    await show(update, Screen(admin_renderer(context).t("broadcast-admin-chat-only")))
    return False


# --- commands -----------------------------------------------------------------------------------


async def broadcast_command(update: Update, context: Context) -> None:
    """`/broadcast <text>` or `/broadcast report <key>`, either with a `NƠI:` line for some
    wards and communes only: a draft and its exact preview."""
    message = update.effective_message
    if message is None or not await _in_admin_chat(update, context):
        return
    broadcasts = context.bot_data.services.broadcasts
    args = context.args or []
    chat_id = message.chat_id
    if args and args[0].lower() == "report":
        if len(args) < 2:
            raise BroadcastRefused(BroadcastRefusal.EMPTY_TEXT)  # answered with the usage
        _, places = _texts(message.text_html or "")  # a `NƠI:` line aims a report too
        draft = await broadcasts.prepare_report(
            official(update), args[1], chat_id=chat_id, districts=places
        )
    else:
        texts, places = _texts(message.text_html or "")
        draft = await broadcasts.prepare_text(
            official(update), texts, chat_id=chat_id, districts=places
        )
    await _preview(message, admin_renderer(context), draft)


async def _preview(message: Message, r: Renderer, draft: Draft) -> None:
    """Each language's message exactly as subscribers will get it, then the buttons."""
    for language, resident_message in draft.messages.items():
        if draft.borrowed.get(language) in draft.messages:
            continue  # the same message as another language's, shown once
        photo = resident_message.photo
        if photo is not None and fits_caption(resident_message.text):
            await message.reply_photo(photo, caption=resident_message.text)
            continue
        await message.reply_text(resident_message.text)
        if photo is not None:  # as the sender does: the summary, then its chart
            await message.reply_photo(photo)
    await reply(message, broadcast_views.draft(r, draft))


async def broadcasts_command(update: Update, context: Context) -> None:
    if not await _in_admin_chat(update, context):
        return
    services = context.bot_data.services
    items = await services.broadcasts.history(official(update))
    kb = services.knowledge.current.kb
    await show(update, broadcast_views.history(admin_renderer(context), items, kb))


async def corrections_command(update: Update, context: Context) -> None:
    if not await _in_admin_chat(update, context):
        return
    items = await context.bot_data.services.broadcasts.corrections(official(update))
    await show(update, broadcast_views.corrections(admin_renderer(context), items))


# --- buttons (routed by handlers/callbacks.py) --------------------------------------------------


def _message_id(update: Update) -> int | None:
    query = update.callback_query
    return query.message.message_id if query and query.message else None


async def on_send_ask(update: Update, context: Context, data: CallbackData, r: Renderer) -> None:
    """ "Send now" asks first, naming how many residents it will reach."""
    asked = await context.bot_data.services.broadcasts.ask_to_send(
        official(update), int(data.argument)
    )
    if isinstance(asked, Draft):
        await show(update, broadcast_views.confirm_send(r, asked))
        await answer_query(update)
        return
    await show(update, broadcast_views.progress(r, ProgressView(asked)))
    await answer_query(update, r.t("broadcast-already", id=data.argument))


async def on_send(update: Update, context: Context, data: CallbackData, r: Renderer) -> None:
    broadcasts = context.bot_data.services.broadcasts
    confirmation = await broadcasts.confirm(
        official(update), int(data.argument), message_id=_message_id(update)
    )
    await show(update, broadcast_views.progress(r, ProgressView(confirmation.progress)))
    if confirmation.outcome is ConfirmOutcome.ALREADY:
        await answer_query(update, r.t("broadcast-already", id=data.argument))
        return
    await answer_query(update, r.t("broadcast-started-toast"))


async def on_schedule(update: Update, context: Context, data: CallbackData, r: Renderer) -> None:
    broadcast_id, _, timestamp = data.argument.partition(":")
    send_at = dt.datetime.fromtimestamp(int(timestamp), dt.UTC)
    confirmation = await context.bot_data.services.broadcasts.confirm(
        official(update), int(broadcast_id), send_at=send_at, message_id=_message_id(update)
    )
    await show(update, broadcast_views.progress(r, ProgressView(confirmation.progress)))
    if confirmation.outcome is ConfirmOutcome.ALREADY:
        await answer_query(update, r.t("broadcast-already", id=broadcast_id))
        return
    await answer_query(update, r.t("broadcast-scheduled-toast"))


async def on_schedule_menu(
    update: Update, context: Context, data: CallbackData, r: Renderer
) -> None:
    broadcast_id = int(data.argument)
    progress = await context.bot_data.services.broadcasts.progress(official(update), broadcast_id)
    if progress.status is not BroadcastStatus.DRAFT:
        await show(update, broadcast_views.progress(r, ProgressView(progress)))
        await answer_query(update, r.t("broadcast-already", id=data.argument))
        return
    await show(update, broadcast_views.schedule_menu(r, broadcast_id, schedule_choices(utc_now())))
    await answer_query(update)


async def on_show(update: Update, context: Context, data: CallbackData, r: Renderer) -> None:
    broadcasts = context.bot_data.services.broadcasts
    progress = await broadcasts.progress(official(update), int(data.argument))
    await show(update, broadcast_views.progress(r, ProgressView(progress)))
    await answer_query(update)


Move = Callable[[BroadcastService], Callable[[Actor, int], Awaitable[Progress]]]


def _mover(
    pick: Move, toast: str
) -> Callable[[Update, Context, CallbackData, Renderer], Awaitable[None]]:
    async def move(update: Update, context: Context, data: CallbackData, r: Renderer) -> None:
        action = pick(context.bot_data.services.broadcasts)
        progress = await action(official(update), int(data.argument))
        await show(update, broadcast_views.progress(r, ProgressView(progress)))
        await answer_query(update, r.t(toast))

    return move


on_pause = _mover(lambda service: service.pause, "broadcast-paused-toast")
on_resume = _mover(lambda service: service.resume, "broadcast-resumed-toast")
on_cancel = _mover(lambda service: service.cancel, "broadcast-cancelled-toast")


async def on_prepare_correction(
    update: Update, context: Context, data: CallbackData, r: Renderer
) -> None:
    query = update.callback_query
    if query is None or query.message is None:
        return
    draft = await context.bot_data.services.broadcasts.prepare_correction(
        official(update), int(data.argument), chat_id=query.message.chat.id
    )
    if isinstance(query.message, Message):
        await _preview(query.message, r, draft)
    await answer_query(update)


async def on_prepare_report(
    update: Update, context: Context, data: CallbackData, r: Renderer
) -> None:
    """The group's offer after a publish: the report's draft and preview, as
    `/broadcast report <key>` makes it (going everywhere: the draft says how to aim it)."""
    query = update.callback_query
    if query is None or query.message is None:
        return
    draft = await context.bot_data.services.broadcasts.prepare_report(
        official(update), data.argument, chat_id=query.message.chat.id
    )
    if isinstance(query.message, Message):
        await _preview(query.message, r, draft)
    await answer_query(update)
