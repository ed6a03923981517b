"""What the bot cannot read: stickers, photos, voice, unknown commands. Always a polite word."""

from __future__ import annotations

from telegram import Update

from bot.context import Context
from handlers.common import Screen, renderer, resident_language, show


async def on_unsupported(update: Update, context: Context) -> None:
    language = await resident_language(update, context)
    await show(update, Screen(renderer(context, language).t("unsupported-message")))


async def on_unknown_command(update: Update, context: Context) -> None:
    language = await resident_language(update, context)
    await show(update, Screen(renderer(context, language).t("unknown-command")))
