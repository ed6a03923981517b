"""/subscribe, /unsubscribe and the subscription screen's buttons (residents, private chats)."""

from __future__ import annotations

import logging
import re
from collections.abc import Awaitable, Callable
from typing import Any

from telegram import Update
from telegram.ext import Application, CallbackQueryHandler, CommandHandler, filters

from bot.context import Context
from bot.services.broadcasts.subscriptions import SubscriptionView
from handlers import subscribe_views
from handlers.callback_data import VERSION, Action, CallbackData, InvalidCallbackData, decode
from handlers.common import Screen, actor, renderer, show
from handlers.render import Renderer

logger = logging.getLogger(__name__)

# Every subscription action's code starts with "u" (see handlers.callback_data).
CALLBACK_PATTERN = re.compile(rf"^{VERSION}:u[a-z]")


async def subscribe_command(update: Update, context: Context) -> None:
    services = context.bot_data.services
    view = await services.subscriptions.subscribe(actor(update))
    await show(update, _subscription(context, view))


async def unsubscribe_command(update: Update, context: Context) -> None:
    view = await context.bot_data.services.subscriptions.unsubscribe(actor(update))
    await show(update, subscribe_views.unsubscribed(renderer(context, view.language), view))


def _subscription(context: Context, view: SubscriptionView) -> Screen:
    r = renderer(context, view.language)
    if view.changed and view.active:
        intro = "subscribe-done"
    elif view.active:
        intro = "subscribe-already"
    else:
        intro = "subscribe-off"
    kb = context.bot_data.services.knowledge.current.kb
    return subscribe_views.subscription(r, view, kb, intro)


async def on_subscription_button(update: Update, context: Context) -> None:
    query = update.callback_query
    if query is None:
        return
    try:
        data = decode(query.data)
        handler = _ACTIONS[data.action]
    except (InvalidCallbackData, KeyError) as error:
        logger.warning("refused callback data from user %s: %s", query.from_user.id, error)
        await _outdated(update, context)
        return
    try:
        screen = await handler(update, context, data)
    except ValueError:  # a topic the content no longer has
        screen = None
    if screen is None:
        await _outdated(update, context)
        return
    await query.answer()
    await show(update, screen)


async def _outdated(update: Update, context: Context) -> None:
    user = update.effective_user
    language = await context.bot_data.services.residents.seen(actor(update)) if user else "vi"
    if update.callback_query is not None:
        r = renderer(context, language)
        await update.callback_query.answer(r.t("button-outdated"), show_alert=True)


async def _show_subscription(update: Update, context: Context, _data: CallbackData) -> Screen:
    view = await context.bot_data.services.subscriptions.view(actor(update))
    return _subscription(context, view)


async def _subscribe(update: Update, context: Context, _data: CallbackData) -> Screen:
    view = await context.bot_data.services.subscriptions.subscribe(actor(update))
    return _subscription(context, view)


async def _unsubscribe(update: Update, context: Context, _data: CallbackData) -> Screen:
    view = await context.bot_data.services.subscriptions.unsubscribe(actor(update))
    return subscribe_views.unsubscribed(renderer(context, view.language), view)


async def _toggle_area(update: Update, context: Context, data: CallbackData) -> Screen:
    topic = subscribe_views.topic_of(data.action, data.argument)
    view = await context.bot_data.services.subscriptions.toggle(actor(update), topic)
    return _subscription(context, view)


async def _everything(update: Update, context: Context, _data: CallbackData) -> Screen:
    view = await context.bot_data.services.subscriptions.clear_topics(actor(update))
    return _subscription(context, view)


async def _indicator_areas(update: Update, context: Context, _data: CallbackData) -> Screen:
    view = await context.bot_data.services.subscriptions.view(actor(update))
    kb = context.bot_data.services.knowledge.current.kb
    return subscribe_views.indicator_areas(_r(context, view), kb)


async def _indicators(update: Update, context: Context, data: CallbackData) -> Screen | None:
    view = await context.bot_data.services.subscriptions.view(actor(update))
    kb = context.bot_data.services.knowledge.current.kb
    return subscribe_views.indicators(_r(context, view), view, kb, data.argument)


async def _toggle_indicator(update: Update, context: Context, data: CallbackData) -> Screen | None:
    topic = subscribe_views.topic_of(data.action, data.argument)
    view = await context.bot_data.services.subscriptions.toggle(actor(update), topic)
    kb = context.bot_data.services.knowledge.current.kb
    area = kb.indicators[data.argument].area
    return subscribe_views.indicators(_r(context, view), view, kb, area)


def _r(context: Context, view: SubscriptionView) -> Renderer:
    return renderer(context, view.language)


_ACTIONS: dict[Action, Callable[[Update, Context, CallbackData], Awaitable[Screen | None]]] = {
    Action.SUBSCRIPTION: _show_subscription,
    Action.SUBSCRIBE: _subscribe,
    Action.UNSUBSCRIBE: _unsubscribe,
    Action.SUBSCRIBE_AREA: _toggle_area,
    Action.SUBSCRIBE_EVERYTHING: _everything,
    Action.SUBSCRIBE_INDICATOR_AREAS: _indicator_areas,
    Action.SUBSCRIBE_INDICATOR_AREA: _indicators,
    Action.SUBSCRIBE_INDICATOR: _toggle_indicator,
}


def add_subscription_handlers(application: Application[Any, Any, Any, Any, Any, Any]) -> None:
    """Before the generic button handler and the private-chat fallbacks."""
    private = filters.ChatType.PRIVATE
    application.add_handler(CommandHandler("subscribe", subscribe_command, private))
    application.add_handler(CommandHandler("unsubscribe", unsubscribe_command, private))
    application.add_handler(CallbackQueryHandler(on_subscription_button, CALLBACK_PATTERN))
