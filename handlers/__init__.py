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

from handlers import (
    broadcast,
    feedback,
    moderation,
    my_feedback,
    privacy,
    rejection,
    subscribe,
)
from handlers.browse import faq_command, indicators_command, policies_command
from handlers.callbacks import on_button
from handlers.common import Audience
from handlers.errors import NO_OVERRIDES, Handler, Overrides, answering_refusals, on_error
from handlers.fallback import on_unknown_command
from handlers.inline import on_inline_query
from handlers.language import language_command
from handlers.question_log import questions_command
from handlers.start import help_command, start

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
_RESIDENT, _OFFICIAL = Audience.RESIDENT, Audience.OFFICIAL


def register(application: Application[Any, Any, Any, Any, Any, Any]) -> None:
    """Every command and message handler gets the one answer to refusals (handlers/errors.py);
    buttons get it from the router."""

    def command(
        name: str,
        handler: Handler,
        audience: Audience,
        where: filters.BaseFilter | None = None,
        overrides: Overrides = NO_OVERRIDES,
    ) -> None:
        application.add_handler(
            CommandHandler(name, answering_refusals(handler, audience, overrides), where)
        )

    def message(
        where: filters.BaseFilter,
        handler: Handler,
        audience: Audience,
        overrides: Overrides = NO_OVERRIDES,
    ) -> None:
        application.add_handler(
            MessageHandler(where, answering_refusals(handler, audience, overrides))
        )

    command("start", start, _RESIDENT)
    command("help", help_command, _RESIDENT)
    command("indicators", indicators_command, _RESIDENT)
    command("policies", policies_command, _RESIDENT)
    command("faq", faq_command, _RESIDENT)
    command("language", language_command, _RESIDENT)
    command("feedback", feedback.feedback_command, _RESIDENT, _PRIVATE)
    command("cancel", feedback.cancel_command, _RESIDENT, _PRIVATE)
    command("myfeedback", my_feedback.my_feedback_command, _RESIDENT, _PRIVATE)
    command("answers", my_feedback.answers_command, _RESIDENT)
    command("mydata", privacy.my_data_command, _RESIDENT, _PRIVATE)
    command("forgetme", privacy.forget_me_command, _RESIDENT, _PRIVATE)
    command("privacy", privacy.privacy_command, _RESIDENT)
    command("subscribe", subscribe.subscribe_command, _RESIDENT, _PRIVATE)
    command("unsubscribe", subscribe.unsubscribe_command, _RESIDENT, _PRIVATE)
    # Officials' commands work wherever an official types them; the service checks who.
    command("queue", moderation.queue_command, _OFFICIAL)
    command("ticket", moderation.ticket_command, _OFFICIAL, overrides=moderation.TYPED_CODE)
    command("stats", moderation.stats_command, _OFFICIAL)
    command("questions", questions_command, _OFFICIAL)
    command("ban", moderation.ban_command, _OFFICIAL, overrides=moderation.TYPED_CODE)
    command("unban", moderation.unban_command, _OFFICIAL, overrides=moderation.TYPED_CODE)
    # Broadcasts are answered only in the admin chat (the handlers say so elsewhere).
    command("broadcast", broadcast.broadcast_command, _OFFICIAL, overrides=broadcast.REFUSALS)
    command("broadcasts", broadcast.broadcasts_command, _OFFICIAL, overrides=broadcast.REFUSALS)
    command("corrections", broadcast.corrections_command, _OFFICIAL, overrides=broadcast.REFUSALS)
    # Every button, whatever its feature, goes through the one router.
    application.add_handler(CallbackQueryHandler(on_button))
    application.add_handler(InlineQueryHandler(on_inline_query))
    message(_PRIVATE_MESSAGE & filters.COMMAND, on_unknown_command, _RESIDENT)
    # A card a resident shares through inline mode ("via @bot") is the bot's own text, not a
    # question: it is neither answered nor logged.
    message(_PRIVATE_MESSAGE & filters.TEXT & ~filters.VIA_BOT, feedback.on_private_text, _RESIDENT)
    message(
        _PRIVATE_MESSAGE & ~filters.TEXT & ~filters.StatusUpdate.ALL,
        feedback.on_private_attachment,
        _RESIDENT,
    )
    # With privacy mode on, a group sends us only commands and replies to our own messages.
    message(
        filters.ChatType.GROUPS & filters.UpdateType.MESSAGE & filters.REPLY & ~filters.COMMAND,
        rejection.on_group_reply,
        _OFFICIAL,
        rejection.GROUP_REPLY,
    )
    application.add_error_handler(on_error)
