"""/language: the resident chooses Vietnamese or English."""

from __future__ import annotations

from telegram import Update

from bot.context import Context
from handlers import screens
from handlers.common import renderer, resident_language, show


async def language_command(update: Update, context: Context) -> None:
    language = await resident_language(update, context)
    await show(update, screens.language_menu(renderer(context, language)))
