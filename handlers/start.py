"""/start (with deep links `/start <key>`) and /help."""

from __future__ import annotations

from telegram import Update

from bot.context import Context
from handlers import screens
from handlers.common import Screen, first_name, renderer, resident_language, show


async def start(update: Update, context: Context) -> None:
    language = await resident_language(update, context)
    r = renderer(context, language)
    catalog = context.bot_data.services.catalog
    key = context.args[0].lower() if context.args else ""
    if key:
        screen = (
            screens.indicator(r, catalog, key)
            or screens.policy(r, catalog, key)
            or screens.faq(r, catalog, key)
        )
        if screen is not None:
            await show(update, screen)
            return
        await show(update, Screen(r.t("deep-link-unknown")))
    await show(update, screens.main_menu(r, catalog, first_name(update), context.bot.username))


async def help_command(update: Update, context: Context) -> None:
    language = await resident_language(update, context)
    await show(update, screens.help_screen(renderer(context, language), context.bot.username))
