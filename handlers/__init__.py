"""Telegram handlers, registered in an explicit order: commands, buttons, inline, free text."""

from __future__ import annotations

from typing import Any

from telegram.ext import (
    Application,
    CallbackQueryHandler,
    CommandHandler,
    InlineQueryHandler,
    MessageHandler,
    filters,
)

from handlers.browse import faq_command, indicators_command, policies_command
from handlers.callbacks import on_button
from handlers.errors import on_error
from handlers.fallback import on_unknown_command, on_unsupported
from handlers.inline import on_inline_query
from handlers.language import language_command
from handlers.questions import on_question
from handlers.start import help_command, start

# (command, catalog key of its description) in menu order; setMyCommands uses this list.
COMMANDS: tuple[tuple[str, str], ...] = (
    ("start", "command-start"),
    ("indicators", "command-indicators"),
    ("policies", "command-policies"),
    ("faq", "command-faq"),
    ("language", "command-language"),
    ("help", "command-help"),
)

_PRIVATE_MESSAGE = filters.ChatType.PRIVATE & filters.UpdateType.MESSAGE


def register(application: Application[Any, Any, Any, Any, Any, Any]) -> None:
    application.add_handler(CommandHandler("start", start))
    application.add_handler(CommandHandler("help", help_command))
    application.add_handler(CommandHandler("indicators", indicators_command))
    application.add_handler(CommandHandler("policies", policies_command))
    application.add_handler(CommandHandler("faq", faq_command))
    application.add_handler(CommandHandler("language", language_command))
    application.add_handler(CallbackQueryHandler(on_button))
    application.add_handler(InlineQueryHandler(on_inline_query))
    application.add_handler(MessageHandler(_PRIVATE_MESSAGE & filters.COMMAND, on_unknown_command))
    application.add_handler(MessageHandler(_PRIVATE_MESSAGE & filters.TEXT, on_question))
    application.add_handler(
        MessageHandler(_PRIVATE_MESSAGE & ~filters.TEXT & ~filters.StatusUpdate.ALL, on_unsupported)
    )
    application.add_error_handler(on_error)
