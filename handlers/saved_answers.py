"""Saved answers from a ticket's card in the officials' group: the ones its topic is offered,
one filled in for the resident (shown exactly as it will be sent), then sent. The same service
as the dashboard's ticket page (`tickets/saved_answers.py`) decides what is offered and who
may; the send is the moderation service's answer, audited with the saved answer's id."""

from __future__ import annotations

from html import escape

from telegram import Update

from bot.context import Context
from bot.i18n import Language
from bot.services.tickets.saved_answers import NeutralName
from handlers import feedback_keyboards
from handlers.callback_data import CallbackData
from handlers.common import Screen, admin_renderer, answer_query, renderer, show
from handlers.moderation import card_screen, official
from handlers.render import Renderer


def _ids(data: CallbackData) -> tuple[int, int]:
    ticket_id, _, answer_id = data.argument.partition(":")
    return int(ticket_id), int(answer_id)


def _neutral(context: Context) -> NeutralName:
    """How an anonymous resident is addressed, in their language (the catalogs')."""

    def neutral(language: Language) -> str:
        return renderer(context, language).t("saved-answer-neutral-name")

    return neutral


async def on_menu(update: Update, context: Context, data: CallbackData, _r: Renderer) -> None:
    """The card's buttons become the saved answers offered (none: say so, keep the card)."""
    r = admin_renderer(context)
    offered = await context.bot_data.services.saved_answers.for_ticket(
        official(update), int(data.argument)
    )
    ticket_id = offered.view.ticket.id
    if not offered.answers:
        await answer_query(update, r.t("mod-saved-none"), alert=True)
        return
    await answer_query(update)
    await show(
        update,
        Screen(
            r.t("mod-saved-choose", code=offered.view.code),
            feedback_keyboards.saved_answers(r, ticket_id, offered.answers),
        ),
    )


async def on_pick(update: Update, context: Context, data: CallbackData, _r: Renderer) -> None:
    r = admin_renderer(context)
    ticket_id, answer_id = _ids(data)
    picked = await context.bot_data.services.saved_answers.pick(
        official(update), ticket_id, answer_id, _neutral(context)
    )
    await answer_query(update)
    text = r.t(
        "mod-saved-preview",
        title=escape(picked.answer.title),
        code=picked.view.code,
        text=escape(picked.text),
    )
    markup = feedback_keyboards.saved_answer_confirmation(r, ticket_id, picked.answer.id)
    await show(update, Screen(text, markup))


async def on_send(update: Update, context: Context, data: CallbackData, _r: Renderer) -> None:
    r = admin_renderer(context)
    ticket_id, answer_id = _ids(data)
    view = await context.bot_data.services.moderation.answer_saved(
        official(update), ticket_id, answer_id, _neutral(context)
    )
    await answer_query(update, r.t("mod-reply-sent", code=view.code))
    await show(update, card_screen(r, view))
