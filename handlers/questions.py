"""Free text in a private chat is a question for the knowledge base."""

from __future__ import annotations

from telegram import Update

from bot.context import Context
from handlers import screens
from handlers.common import actor, renderer, show


async def on_question(update: Update, context: Context) -> None:
    message = update.effective_message
    if message is None or message.text is None:
        return
    services = context.bot_data.services
    answer = await services.answers.ask(actor(update), message.text)
    if answer.outcome is not None:
        outcome = answer.outcome.value
    elif answer.kind is not None:
        outcome = f"kind_{answer.kind}"
    else:
        outcome = f"refused_{answer.refusal}"
    context.bot_data.metrics.answers.labels(outcome).inc()
    r = renderer(context, answer.language)
    await show(update, screens.answer_screen(r, services.catalog, answer))
