"""Rejecting a ticket in the officials' group, in short steps: Reject → a reason → a confirm
screen (where the reason takes one, the office to refer the resident to), and optionally words
to the resident, written as a reply to that screen, which brings a last confirm screen.

The words are never kept by the bot between the steps: the last confirm screen is a reply to
the official's message, and its button takes the words from that message (Telegram hands the
replied-to message with the pressed one). The service checks and records everything
(`ModerationService.preview_rejection`, `reject`); the resident's notice carries the reason,
the words and the referral.
"""

from __future__ import annotations

from html import escape

from telegram import InlineKeyboardButton, InlineKeyboardMarkup, Message, Update

from bot.context import Context
from bot.domain.errors import DomainError, TextTooLong
from bot.domain.statuses import RejectReason
from bot.services.kernel.plain_text import clean_text, clip
from bot.services.tickets.rejection import REJECT_WORDS_MAX, RejectionPreview
from handlers import moderation
from handlers.callback_data import Action, CallbackData, InvalidCallbackData, decode, encode
from handlers.common import Screen, admin_renderer, answer_query, show
from handlers.errors import Answer, Overrides, refusal_text
from handlers.moderation import card_screen, official
from handlers.render import Renderer

WORDS_SHOWN = 600  # of the words, on the confirm screen (the notice carries them whole)
NO_OFFICE = "-"


def _parts(argument: str) -> tuple[int, RejectReason, str | None]:
    """`id:reason[:office]`, already checked by the callback data's pattern."""
    ticket_id, reason, *office = argument.split(":")
    chosen = office[0] if office and office[0] != NO_OFFICE else None
    return int(ticket_id), RejectReason(reason), chosen


def _argument(preview: RejectionPreview) -> str:
    rejection = preview.rejection
    office = rejection.referral or NO_OFFICE
    return f"{preview.view.ticket.id}:{rejection.reason.value}:{office}"


def confirm_screen(r: Renderer, preview: RejectionPreview, *, with_words: bool) -> Screen:
    rejection = preview.rejection
    reason = r.t(f"reject-reason-{rejection.reason.value}")
    lines = [r.t("reject-confirm-title", code=preview.view.code, reason=reason)]
    if preview.office is not None:
        office = escape(preview.office.name.get(r.language))
        lines.append(r.t("reject-confirm-referral", office=office))
    elif preview.choices:
        lines.append(r.t("reject-confirm-choose-referral"))
    if rejection.words:
        words = escape(clip(rejection.words, WORDS_SHOWN))
        lines.append(r.t("reject-confirm-words", words=words))
    else:
        lines.append(r.t("reject-confirm-words-hint"))
    argument = _argument(preview)
    ticket_id = str(preview.view.ticket.id)
    rows: list[list[InlineKeyboardButton]] = []
    if not with_words:
        for choice in preview.choices:
            mark = "✓ " if choice.office.key == rejection.referral else ""
            refer = f"{ticket_id}:{rejection.reason.value}:{choice.office.key}"
            label = mark + choice.office.name.get(r.language)
            rows.append([_button(label, Action.MOD_REJECT_REFER, refer)])
        if preview.office is not None:
            unrefer = f"{ticket_id}:{rejection.reason.value}:{NO_OFFICE}"
            no_referral = r.t("reject-button-no-referral")
            rows.append([_button(no_referral, Action.MOD_REJECT_REFER, unrefer)])
    confirm = Action.MOD_REJECT_WORDS if with_words else Action.MOD_REJECT_CONFIRM
    rows.append(
        [
            _button(r.t("reject-button-confirm"), confirm, argument),
            _button(r.t("mod-button-back"), Action.MOD_CARD, ticket_id),
        ]
    )
    return Screen("\n".join(lines), InlineKeyboardMarkup(rows))


def _button(text: str, action: Action, argument: str) -> InlineKeyboardButton:
    return InlineKeyboardButton(text[:64], callback_data=encode(action, argument))


# --- buttons ------------------------------------------------------------------------------


async def on_reason(update: Update, context: Context, data: CallbackData, _r: Renderer) -> None:
    """A reason was picked: the confirm screen (nothing is rejected yet)."""
    await _preview_screen(update, context, data)


async def on_referral(update: Update, context: Context, data: CallbackData, _r: Renderer) -> None:
    await _preview_screen(update, context, data)


async def on_confirm(update: Update, context: Context, data: CallbackData, _r: Renderer) -> None:
    await _reject(update, context, data.argument, None)


async def on_confirm_words(
    update: Update, context: Context, data: CallbackData, _r: Renderer
) -> None:
    """The words are the official's message this screen replies to."""
    query = update.callback_query
    screen = query.message if query is not None else None
    words = screen.reply_to_message if isinstance(screen, Message) else None
    # The words as the screen shows them: edited since, they are not what the official read.
    shown = screen.text or "" if isinstance(screen, Message) else ""
    if words is None or not words.text or clip(clean_text(words.text), WORDS_SHOWN) not in shown:
        await answer_query(update, admin_renderer(context).t("reject-words-missing"), alert=True)
        return
    await _reject(update, context, data.argument, words.text)


# --- the words, a reply to a confirm screen -----------------------------------------------


async def on_group_reply(update: Update, context: Context) -> None:
    """A reply in the group: words for a rejection's confirm screen, else perhaps an answer to
    a reply prompt (handlers/moderation.py)."""
    message = update.effective_message
    replied = message.reply_to_message if message is not None else None
    target = words_target(replied) if replied is not None else None
    if target is None or replied is None or replied.from_user is None:
        await moderation.on_group_reply(update, context)
    elif replied.from_user.id == context.bot.id:
        await on_words(update, context, target)


def words_target(replied: Message) -> str | None:
    """The `id:reason:office` of a rejection's confirm screen, if `replied` is one."""
    markup = replied.reply_markup
    if markup is None:
        return None
    for row in markup.inline_keyboard:
        for pressed in row:
            if not isinstance(pressed.callback_data, str):
                continue
            try:
                data = decode(pressed.callback_data)
            except InvalidCallbackData:
                continue
            if data.action in (Action.MOD_REJECT_CONFIRM, Action.MOD_REJECT_WORDS):
                return data.argument
    return None


async def on_words(update: Update, context: Context, target: str) -> None:
    """Words for the resident: a last confirm screen below them, showing them as they will go."""
    message = update.effective_message
    if message is None:
        return
    r = admin_renderer(context)
    ticket_id, reason, referral = _parts(target)
    if not message.text:
        await message.reply_text(r.t("reject-words-text-only"), do_quote=True)
        return
    preview = await context.bot_data.services.moderation.preview_rejection(
        official(update), ticket_id, reason, words=message.text, referral=referral
    )
    screen = confirm_screen(r, preview, with_words=True)
    await message.reply_text(screen.text, reply_markup=screen.markup, do_quote=True)


# ------------------------------------------------------------------------------------------


async def _preview_screen(update: Update, context: Context, data: CallbackData) -> None:
    ticket_id, reason, referral = _parts(data.argument)
    preview = await context.bot_data.services.moderation.preview_rejection(
        official(update), ticket_id, reason, referral=referral
    )
    await answer_query(update)
    await show(update, confirm_screen(admin_renderer(context), preview, with_words=False))


async def _reject(update: Update, context: Context, argument: str, words: str | None) -> None:
    r = admin_renderer(context)
    ticket_id, reason, referral = _parts(argument)
    view = await context.bot_data.services.moderation.reject(
        official(update), ticket_id, reason, words=words, referral=referral
    )
    await answer_query(update, r.t("mod-done", code=view.code))
    await show(update, card_screen(r, view))


# --- refusals worded here, answered by the one catch (handlers/errors.py) ----------------


def _too_long(r: Renderer, context: Context, error: DomainError) -> Answer:
    """Words for a rejection over their limit are not an answer that is too long."""
    if isinstance(error, TextTooLong) and error.limit == REJECT_WORDS_MAX:
        return refusal_text(r, error, "reject-words-too-long")
    return moderation.PROMPT_REPLY[TextTooLong](r, context, error)


GROUP_REPLY: Overrides = {**moderation.PROMPT_REPLY, TextTooLong: _too_long}
