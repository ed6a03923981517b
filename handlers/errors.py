"""Errors told politely: a refusal's text (worded by bot/error_text.py), and the error handler
that logs what went wrong with context, tells the resident and keeps going."""

from __future__ import annotations

import datetime as dt
import logging
from html import escape

from telegram import Update
from telegram.error import BadRequest, Forbidden, NetworkError, RetryAfter, TelegramError

from bot.context import Context
from bot.domain.errors import DomainError
from bot.error_text import Argument, Term, chat_message
from bot.i18n import DEFAULT_LANGUAGE, as_language
from bot.services.kernel.clock import LOCAL_TIME
from handlers.render import Renderer

logger = logging.getLogger(__name__)


def refusal_text(r: Renderer, error: DomainError, **extra: str | int) -> str:
    """The sentence explaining a refusal; `extra` adds what only the handler knows."""
    message = chat_message(error)
    args = {name: _argument(r, value) for name, value in message.args.items()}
    return r.t(message.key, **args, **extra)


def _argument(r: Renderer, value: Argument) -> str | int:
    match value:
        case Term(key=key):
            return r.t(key)
        case dt.datetime():
            return value.astimezone(LOCAL_TIME).strftime("%H:%M %d/%m/%Y")
        case str():
            return escape(value)
    return value


async def on_error(update: object, context: Context) -> None:
    error = context.error
    # A 429 here outlasted the retries (bot/telegram_retry.py counted each one).
    context.bot_data.metrics.update_errors.inc()
    transient = isinstance(error, NetworkError) and not isinstance(error, BadRequest)
    if isinstance(error, Forbidden | RetryAfter) or transient:
        # Telegram-side conditions: nothing to tell a resident who blocked us or a flooded API.
        logger.warning("Telegram refused or failed a call: %s", error)
        return
    update_id = update.update_id if isinstance(update, Update) else None
    logger.error("update %s failed", update_id, exc_info=error)
    if not isinstance(update, Update) or update.effective_chat is None:
        return
    user = update.effective_user
    language = as_language(user.language_code if user else None) or DEFAULT_LANGUAGE
    text = Renderer(context.bot_data.translate, language).t("error-generic")
    try:
        await context.bot.send_message(update.effective_chat.id, text)
    except TelegramError:
        logger.warning("could not tell chat %s about the error", update.effective_chat.id)
