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

from handlers import feedback, moderation, my_feedback, privacy
from handlers.broadcast import add_broadcast_handlers
from handlers.browse import faq_command, indicators_command, policies_command
from handlers.callbacks import on_button
from handlers.errors import on_error
from handlers.fallback import on_unknown_command
from handlers.inline import on_inline_query
from handlers.language import language_command
from handlers.question_log import questions_command
from handlers.start import help_command, start
from handlers.subscribe import add_subscription_handlers

# (command, catalog key of its description) in menu order; setMyCommands uses this list.
COMMANDS: tuple[tuple[str, str], ...] = (
    ("start", "command-start"),
    ("indicators", "command-indicators"),
    ("policies", "command-policies"),
    ("faq", "command-faq"),
    ("feedback", "command-feedback"),
    ("myfeedback", "command-myfeedback"),
    ("answers", "command-answers"),
    ("mydata", "command-mydata"),
    ("forgetme", "command-forgetme"),
    ("privacy", "command-privacy"),
    ("subscribe", "subscribe-command"),
    ("unsubscribe", "unsubscribe-command"),
    ("cancel", "command-cancel"),
    ("language", "command-language"),
    ("help", "command-help"),
)

# The officials' menu, shown in the admin chat.
OFFICIAL_COMMANDS: tuple[tuple[str, str], ...] = (
    ("queue", "command-queue"),
    ("ticket", "command-ticket"),
    ("stats", "command-stats"),
    ("questions", "command-questions"),
    ("ban", "command-ban"),
    ("unban", "command-unban"),
    ("broadcast", "command-broadcast"),
    ("broadcasts", "command-broadcasts"),
    ("corrections", "command-corrections"),
)

_PRIVATE = filters.ChatType.PRIVATE
_PRIVATE_MESSAGE = _PRIVATE & filters.UpdateType.MESSAGE


def register(application: Application[Any, Any, Any, Any, Any, Any]) -> None:
    application.add_handler(CommandHandler("start", start))
    application.add_handler(CommandHandler("help", help_command))
    application.add_handler(CommandHandler("indicators", indicators_command))
    application.add_handler(CommandHandler("policies", policies_command))
    application.add_handler(CommandHandler("faq", faq_command))
    application.add_handler(CommandHandler("language", language_command))
    application.add_handler(CommandHandler("feedback", feedback.feedback_command, _PRIVATE))
    application.add_handler(CommandHandler("cancel", feedback.cancel_command, _PRIVATE))
    application.add_handler(CommandHandler("myfeedback", my_feedback.my_feedback_command, _PRIVATE))
    application.add_handler(CommandHandler("answers", my_feedback.answers_command))
    application.add_handler(CommandHandler("mydata", privacy.my_data_command, _PRIVATE))
    application.add_handler(CommandHandler("forgetme", privacy.forget_me_command, _PRIVATE))
    application.add_handler(CommandHandler("privacy", privacy.privacy_command))
    # Officials' commands work wherever an official types them; the service checks who.
    application.add_handler(CommandHandler("queue", moderation.queue_command))
    application.add_handler(CommandHandler("ticket", moderation.ticket_command))
    application.add_handler(CommandHandler("stats", moderation.stats_command))
    application.add_handler(CommandHandler("questions", questions_command))
    application.add_handler(CommandHandler("ban", moderation.ban_command))
    application.add_handler(CommandHandler("unban", moderation.unban_command))
    add_subscription_handlers(application)
    add_broadcast_handlers(application)
    application.add_handler(CallbackQueryHandler(on_button))
    application.add_handler(InlineQueryHandler(on_inline_query))
    application.add_handler(MessageHandler(_PRIVATE_MESSAGE & filters.COMMAND, on_unknown_command))
    application.add_handler(
        MessageHandler(_PRIVATE_MESSAGE & filters.TEXT, feedback.on_private_text)
    )
    application.add_handler(
        MessageHandler(
            _PRIVATE_MESSAGE & ~filters.TEXT & ~filters.StatusUpdate.ALL,
            feedback.on_private_attachment,
        )
    )
    # With privacy mode on, a group sends us only commands and replies to our own messages.
    application.add_handler(
        MessageHandler(
            filters.ChatType.GROUPS & filters.UpdateType.MESSAGE & filters.REPLY & ~filters.COMMAND,
            moderation.on_group_reply,
        )
    )
    application.add_error_handler(on_error)
