"""/myfeedback (a resident's tickets, resolved or not, rating) and /answers (public register)."""

from __future__ import annotations

from telegram import Update

from bot.context import Context
from bot.domain.errors import InvalidTransition
from handlers import feedback_keyboards
from handlers.callback_data import CallbackData
from handlers.common import Screen, actor, answer_query, renderer, resident_language, show
from handlers.errors import Overrides, worded
from handlers.render import Renderer
from handlers.resident_feedback_text import my_tickets, register, ticket_detail

# A resident's ticket that cannot make the move is told in the residents' words.
MOVE_REFUSED: Overrides = {InvalidTransition: worded("ticket-invalid-move")}


async def my_feedback_command(update: Update, context: Context) -> None:
    r = renderer(context, await resident_language(update, context))
    await _list(update, context, r, 0)


async def answers_command(update: Update, context: Context) -> None:
    r = renderer(context, await resident_language(update, context))
    await _register(update, context, r, 0)


async def on_my_tickets(update: Update, context: Context, data: CallbackData, r: Renderer) -> None:
    await answer_query(update)
    await _list(update, context, r, int(data.argument or 0))


async def on_my_ticket(update: Update, context: Context, data: CallbackData, r: Renderer) -> None:
    view = await context.bot_data.services.feedback.my_ticket(actor(update), int(data.argument))
    await answer_query(update)
    await show(
        update,
        Screen(ticket_detail(r, view), feedback_keyboards.ticket_detail(r, view)),
    )


async def on_resolved(update: Update, context: Context, data: CallbackData, r: Renderer) -> None:
    feedback = context.bot_data.services.feedback
    view = await feedback.confirm_resolved(actor(update), int(data.argument))
    await answer_query(update)
    text = f"{r.t('ticket-resolved-thanks', code=view.code)}\n\n{r.t('ticket-ask-rating')}"
    await show(update, Screen(text, feedback_keyboards.rating(r, view)))


async def on_not_resolved(
    update: Update, context: Context, data: CallbackData, r: Renderer
) -> None:
    feedback = context.bot_data.services.feedback
    view = await feedback.reopen(actor(update), int(data.argument))
    await answer_query(update)
    text = f"{r.t('ticket-reopened', code=view.code)}\n\n{r.t('ticket-ask-rating')}"
    await show(update, Screen(text, feedback_keyboards.rating(r, view)))


async def on_rate(update: Update, context: Context, data: CallbackData, r: Renderer) -> None:
    ticket_id, _, stars = data.argument.partition(":")
    view = await context.bot_data.services.feedback.rate(actor(update), int(ticket_id), int(stars))
    await answer_query(update, r.t("ticket-rated", stars=int(stars)))
    await show(
        update,
        Screen(ticket_detail(r, view), feedback_keyboards.ticket_detail(r, view)),
    )


async def on_withdraw_consent(
    update: Update, context: Context, data: CallbackData, r: Renderer
) -> None:
    feedback = context.bot_data.services.feedback
    view = await feedback.withdraw_consent(actor(update), int(data.argument))
    await answer_query(update, r.t("ticket-consent-withdrawn", code=view.code))
    await show(
        update,
        Screen(ticket_detail(r, view), feedback_keyboards.ticket_detail(r, view)),
    )


async def on_register(update: Update, context: Context, data: CallbackData, r: Renderer) -> None:
    await answer_query(update)
    await _register(update, context, r, int(data.argument or 0))


async def _list(update: Update, context: Context, r: Renderer, page: int) -> None:
    tickets = await context.bot_data.services.feedback.my_tickets(actor(update), page)
    await show(
        update,
        Screen(my_tickets(r, tickets), feedback_keyboards.my_tickets(r, tickets)),
    )


async def _register(update: Update, context: Context, r: Renderer, page: int) -> None:
    entries = await context.bot_data.services.feedback.public_register(page)
    markup = feedback_keyboards.register(r, entries)
    await show(update, Screen(register(r, entries), markup))
