"""Every inline button press: decode (untrusted), route to a screen, answer the query."""

from __future__ import annotations

import logging
from collections.abc import Awaitable, Callable

from telegram import Update

from bot.context import Context
from bot.i18n import as_language
from handlers import keyboards, screens
from handlers.callback_data import Action, CallbackData, InvalidCallbackData, decode
from handlers.common import Screen, actor, first_name, renderer, resident_language, show
from handlers.render import Renderer

logger = logging.getLogger(__name__)

ScreenBuilder = Callable[[Renderer, Context, CallbackData], Screen | None]

_SCREENS: dict[Action, ScreenBuilder] = {
    Action.INDICATOR_AREAS: lambda r, c, d: screens.indicator_areas(r, c.bot_data.services.catalog),
    Action.INDICATOR_AREA: lambda r, c, d: screens.indicator_area(
        r, c.bot_data.services.catalog, d.argument
    ),
    Action.INDICATOR: lambda r, c, d: screens.indicator(r, c.bot_data.services.catalog, d.argument),
    Action.POLICY_AREAS: lambda r, c, d: screens.policy_areas(r, c.bot_data.services.catalog),
    Action.POLICY_AREA: lambda r, c, d: screens.policy_area(
        r, c.bot_data.services.catalog, d.argument
    ),
    Action.POLICY: lambda r, c, d: screens.policy(r, c.bot_data.services.catalog, d.argument),
    Action.FAQS: lambda r, c, d: screens.faqs(r, c.bot_data.services.catalog),
    Action.FAQ: lambda r, c, d: screens.faq(r, c.bot_data.services.catalog, d.argument),
    Action.HELP: lambda r, c, d: screens.help_screen(r),
    Action.LANGUAGE_MENU: lambda r, c, d: screens.language_menu(r),
}


async def on_button(update: Update, context: Context) -> None:
    query = update.callback_query
    if query is None:
        return
    language = await resident_language(update, context)
    r = renderer(context, language)
    try:
        data = decode(query.data)
    except InvalidCallbackData as error:
        user_id = query.from_user.id
        logger.warning("refused callback data from user %s: %s", user_id, error)
        await query.answer(r.t("button-outdated"), show_alert=True)
        return
    handler = _ACTIONS.get(data.action)
    if handler is not None:
        await handler(update, context, data, r)
        return
    screen = _SCREENS[data.action](r, context, data)
    if screen is None:
        # A well-formed key that the content no longer has: say so, change nothing.
        await query.answer(r.t("button-outdated"), show_alert=True)
        return
    await query.answer()
    await show(update, screen)


async def _main_menu(update: Update, context: Context, _data: CallbackData, r: Renderer) -> None:
    await _answer(update)
    await show(update, screens.main_menu(r, context.bot_data.services.catalog, first_name(update)))


async def _choose_language(
    update: Update, context: Context, data: CallbackData, _r: Renderer
) -> None:
    chosen = as_language(data.argument) or "vi"
    language = await context.bot_data.services.residents.choose_language(actor(update), chosen)
    r = renderer(context, language)
    await _answer(update, r.t("language-set"))
    await show(update, Screen(r.t("language-set"), keyboards.back_to_menu(r)))


async def _ask_committee(
    update: Update, _context: Context, _data: CallbackData, r: Renderer
) -> None:
    # Filing feedback arrives with the feedback feature; until then say truthfully what happened.
    await _answer(update, r.t("ask-committee-pending"), alert=True)


async def _answer(update: Update, text: str | None = None, *, alert: bool = False) -> None:
    if update.callback_query is not None:
        await update.callback_query.answer(text, show_alert=alert)


_ACTIONS: dict[Action, Callable[[Update, Context, CallbackData, Renderer], Awaitable[None]]] = {
    Action.MENU: _main_menu,
    Action.LANGUAGE: _choose_language,
    Action.ASK_COMMITTEE: _ask_committee,
}
