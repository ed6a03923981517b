"""/subscribe, /unsubscribe and the subscription screen's buttons (residents, private chats).

The buttons are routed by handlers/callbacks.py like every other; a topic the content no longer
has is refused by the service and answered there as an outdated button.
"""

from __future__ import annotations

from telegram import Update

from bot.context import Context
from bot.domain.errors import DomainError
from bot.services.broadcasts.subscriptions import SubscriptionView
from content.hanoi_places import PlaceKind
from handlers import subscribe_views
from handlers.callback_data import CallbackData
from handlers.common import Screen, actor, answer_query, renderer, show
from handlers.render import Renderer


async def subscribe_command(update: Update, context: Context) -> None:
    view = await context.bot_data.services.subscriptions.subscribe(actor(update))
    await show(update, _subscription(context, view))


async def unsubscribe_command(update: Update, context: Context) -> None:
    view = await context.bot_data.services.subscriptions.unsubscribe(actor(update))
    await show(update, subscribe_views.unsubscribed(_r(context, view), view))


# --- buttons ------------------------------------------------------------------------------


async def on_show(update: Update, context: Context, _data: CallbackData, _: Renderer) -> None:
    view = await context.bot_data.services.subscriptions.view(actor(update))
    await _present(update, _subscription(context, view))


async def on_subscribe(update: Update, context: Context, _data: CallbackData, _: Renderer) -> None:
    view = await context.bot_data.services.subscriptions.subscribe(actor(update))
    await _present(update, _subscription(context, view))


async def on_unsubscribe(
    update: Update, context: Context, _data: CallbackData, _: Renderer
) -> None:
    view = await context.bot_data.services.subscriptions.unsubscribe(actor(update))
    await _present(update, subscribe_views.unsubscribed(_r(context, view), view))


async def on_toggle_area(update: Update, context: Context, data: CallbackData, _: Renderer) -> None:
    topic = subscribe_views.topic_of(data.action, data.argument)
    view = await context.bot_data.services.subscriptions.toggle(actor(update), topic)
    await _present(update, _subscription(context, view))


async def on_everything(update: Update, context: Context, _data: CallbackData, _: Renderer) -> None:
    view = await context.bot_data.services.subscriptions.clear_topics(actor(update))
    await _present(update, _subscription(context, view))


async def on_indicator_areas(
    update: Update, context: Context, _data: CallbackData, _: Renderer
) -> None:
    view = await context.bot_data.services.subscriptions.view(actor(update))
    kb = context.bot_data.services.knowledge.current.kb
    await _present(update, subscribe_views.indicator_areas(_r(context, view), kb))


async def on_indicators(update: Update, context: Context, data: CallbackData, _: Renderer) -> None:
    view = await context.bot_data.services.subscriptions.view(actor(update))
    await _present_indicators(update, context, view, data.argument)


async def on_toggle_indicator(
    update: Update, context: Context, data: CallbackData, _: Renderer
) -> None:
    topic = subscribe_views.topic_of(data.action, data.argument)
    view = await context.bot_data.services.subscriptions.toggle(actor(update), topic)
    area = context.bot_data.services.knowledge.current.kb.indicators[data.argument].area
    await _present_indicators(update, context, view, area)


async def on_districts(update: Update, context: Context, data: CallbackData, _: Renderer) -> None:
    kind, _sep, page = data.argument.partition(":")
    view = await context.bot_data.services.subscriptions.view(actor(update))
    screen = subscribe_views.districts(_r(context, view), view, PlaceKind(kind), int(page))
    if screen is None:
        raise DomainError(f"no page {data.argument!r}")  # answered as an outdated button
    await _present(update, screen)


async def on_district(update: Update, context: Context, data: CallbackData, _: Renderer) -> None:
    key = None if data.argument == "-" else data.argument
    view = await context.bot_data.services.subscriptions.choose_district(actor(update), key)
    await _present(update, _subscription(context, view))


# ------------------------------------------------------------------------------------------


def _subscription(context: Context, view: SubscriptionView) -> Screen:
    if view.changed and view.active:
        intro = "subscribe-done"
    elif view.active:
        intro = "subscribe-already"
    else:
        intro = "subscribe-off"
    kb = context.bot_data.services.knowledge.current.kb
    return subscribe_views.subscription(_r(context, view), view, kb, intro)


async def _present_indicators(
    update: Update, context: Context, view: SubscriptionView, area: str
) -> None:
    kb = context.bot_data.services.knowledge.current.kb
    screen = subscribe_views.indicators(_r(context, view), view, kb, area)
    if screen is None:
        raise DomainError(f"no indicators in area {area!r}")  # answered as an outdated button
    await _present(update, screen)


async def _present(update: Update, screen: Screen) -> None:
    await answer_query(update)
    await show(update, screen)


def _r(context: Context, view: SubscriptionView) -> Renderer:
    """The subscription's screens speak the language the service resolved for the view."""
    return renderer(context, view.language)
