"""/indicators, /policies and /faq: browsing published content by area."""

from __future__ import annotations

from telegram import Update

from bot.context import Context
from handlers import screens
from handlers.common import renderer, resident_language, show


async def indicators_command(update: Update, context: Context) -> None:
    language = await resident_language(update, context)
    catalog = context.bot_data.services.catalog
    await show(update, screens.indicator_areas(renderer(context, language), catalog))


async def policies_command(update: Update, context: Context) -> None:
    language = await resident_language(update, context)
    catalog = context.bot_data.services.catalog
    await show(update, screens.policy_areas(renderer(context, language), catalog))


async def faq_command(update: Update, context: Context) -> None:
    language = await resident_language(update, context)
    catalog = context.bot_data.services.catalog
    await show(update, screens.faqs(renderer(context, language), catalog))
