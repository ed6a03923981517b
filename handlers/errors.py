"""Errors told politely.

A refusal (a domain error, bot/domain/errors.py) is answered in one place: handlers let it
propagate, and the callback router (buttons) or `answering_refusals` (commands and messages,
applied at registration in handlers/__init__.py) calls `answer_refusal`, which words it through
bot/error_text.py: an alert for a button press, a reply for a command or a message. Where a
handler words a refusal its own way, it declares that once as an `Overrides` mapping beside its
registration, never in a try/except.

Anything else goes to `on_error`, which logs what went wrong with context, tells the resident and
keeps going.
"""

from __future__ import annotations

import datetime as dt
import functools
import logging
import re
from collections.abc import Callable, Coroutine, Mapping
from html import escape, unescape
from typing import Any

from telegram import Update
from telegram.error import BadRequest, Forbidden, NetworkError, RetryAfter, TelegramError

from bot.context import Context
from bot.domain.errors import DomainError
from bot.error_text import Argument, Term, chat_message
from bot.i18n import DEFAULT_LANGUAGE, as_language
from bot.services.kernel.clock import LOCAL_TIME
from handlers.common import Audience, Screen, answer_query, audience_renderer, show
from handlers.render import Renderer

logger = logging.getLogger(__name__)

# How a handler words a refusal its own way: a text (an alert or a reply), a screen shown in
# place of the alert, or None to say nothing.
Answer = str | Screen | None
Explain = Callable[[Renderer, Context, DomainError], Answer]
Overrides = Mapping[type[DomainError], Explain]
NO_OVERRIDES: Overrides = {}

Handler = Callable[[Update, Context], Coroutine[Any, Any, None]]

_TAGS = re.compile(r"<[^>]*>")


def refusal_text(
    r: Renderer, error: DomainError, key: str | None = None, **extra: str | int
) -> str:
    """The sentence explaining a refusal; `key` words it with another message of the same
    arguments, `extra` adds what only the handler knows."""
    message = chat_message(error)
    args = {name: _argument(r, value) for name, value in message.args.items()}
    return r.t(key or message.key, **args, **extra)


def worded(key: str) -> Explain:
    """Word a refusal with `key` instead of the error's own message (its arguments kept)."""

    def explain(r: Renderer, _context: Context, error: DomainError) -> Answer:
        return refusal_text(r, error, key)

    return explain


async def answer_refusal(
    update: Update,
    context: Context,
    r: Renderer,
    error: DomainError,
    overrides: Overrides = NO_OVERRIDES,
) -> None:
    """The one answer to a refusal: an alert for a button press, a reply otherwise."""
    explain = next((overrides[kind] for kind in type(error).__mro__ if kind in overrides), None)
    answer = refusal_text(r, error) if explain is None else explain(r, context, error)
    logger.debug("refused %s: %s", type(error).__name__, error)
    if isinstance(answer, Screen):
        await answer_query(update)
        await show(update, answer)
    elif update.callback_query is not None:
        # An alert is plain text: the catalog's HTML would show as tags.
        plain = unescape(_TAGS.sub("", answer)) if answer else None
        await answer_query(update, plain, alert=plain is not None)
    elif answer is not None:
        await show(update, Screen(answer))


def answering_refusals(
    handler: Handler, audience: Audience, overrides: Overrides = NO_OVERRIDES
) -> Handler:
    """A command's or a message's handler whose refusals get the one answer."""

    @functools.wraps(handler)
    async def run(update: Update, context: Context) -> None:
        try:
            await handler(update, context)
        except DomainError as error:
            r = await audience_renderer(update, context, audience)
            await answer_refusal(update, context, r, error, overrides)

    return run


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
