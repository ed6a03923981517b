"""Every inline button press: decode (untrusted), route, answer the query.

One table, `_ROUTES`, names each action's handler, who it speaks to (the language of its
screens and refusals) and any refusal it words its own way. A handler lets a domain error
propagate; the router answers it once (handlers/errors.answer_refusal), and answers forged or
stale data, or a key the content no longer has, as an outdated button.
"""

from __future__ import annotations

import logging
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field

from telegram import Update

from bot.context import Context
from bot.domain.errors import DomainError
from bot.i18n import as_language
from handlers import (
    broadcast,
    feedback,
    keyboards,
    moderation,
    my_feedback,
    privacy,
    rejection,
    saved_answers,
    screens,
    subscribe,
)
from handlers.callback_data import Action, CallbackData, InvalidCallbackData, decode
from handlers.common import (
    Audience,
    Screen,
    actor,
    answer_query,
    audience_renderer,
    first_name,
    renderer,
    resident_language,
    show,
)
from handlers.errors import NO_OVERRIDES, Overrides, answer_refusal
from handlers.render import Renderer

logger = logging.getLogger(__name__)

ButtonHandler = Callable[[Update, Context, CallbackData, Renderer], Awaitable[None]]
ScreenBuilder = Callable[[Renderer, Context, CallbackData], Screen | None]


@dataclass(frozen=True, slots=True)
class Route:
    handler: ButtonHandler
    audience: Audience = Audience.RESIDENT
    overrides: Overrides = field(default_factory=dict)


async def on_button(update: Update, context: Context) -> None:
    query = update.callback_query
    if query is None:
        return
    try:
        data = decode(query.data)
    except InvalidCallbackData as error:
        logger.warning("refused callback data from user %s: %s", query.from_user.id, error)
        r = renderer(context, await resident_language(update, context))
        await answer_refusal(update, context, r, DomainError(f"callback data: {error}"))
        return
    route = _ROUTES[data.action]
    r = await audience_renderer(update, context, route.audience)
    try:
        await route.handler(update, context, data, r)
    except DomainError as error:
        await answer_refusal(update, context, r, error, route.overrides)


def _screen(build: ScreenBuilder) -> ButtonHandler:
    """A browsing screen; a well-formed key the content no longer has is an outdated button."""

    async def present(update: Update, context: Context, data: CallbackData, r: Renderer) -> None:
        screen = build(r, context, data)
        if screen is None:
            raise DomainError(f"{data.action.name} {data.argument!r} is not in the content")
        await answer_query(update)
        await show(update, screen)

    return present


async def _main_menu(update: Update, context: Context, _data: CallbackData, r: Renderer) -> None:
    await answer_query(update)
    catalog = context.bot_data.services.catalog
    await show(update, screens.main_menu(r, catalog, first_name(update), context.bot.username))


async def _choose_language(
    update: Update, context: Context, data: CallbackData, _r: Renderer
) -> None:
    chosen = as_language(data.argument) or "vi"
    language = await context.bot_data.services.residents.choose_language(actor(update), chosen)
    r = renderer(context, language)
    await answer_query(update, r.t("language-set"))
    await show(update, Screen(r.t("language-set"), keyboards.back_to_menu(r)))


def _official(handler: ButtonHandler, overrides: Overrides = NO_OVERRIDES) -> Route:
    return Route(handler, Audience.OFFICIAL, overrides)


_ROUTES: dict[Action, Route] = {
    # browsing
    Action.MENU: Route(_main_menu),
    Action.LANGUAGE: Route(_choose_language),
    Action.LANGUAGE_MENU: Route(_screen(lambda r, _c, _d: screens.language_menu(r))),
    Action.HELP: Route(_screen(lambda r, c, _d: screens.help_screen(r, c.bot.username))),
    Action.INDICATOR_AREAS: Route(
        _screen(lambda r, c, _d: screens.indicator_areas(r, c.bot_data.services.catalog))
    ),
    Action.INDICATOR_AREA: Route(
        _screen(lambda r, c, d: screens.indicator_area(r, c.bot_data.services.catalog, d.argument))
    ),
    Action.INDICATOR: Route(
        _screen(lambda r, c, d: screens.indicator(r, c.bot_data.services.catalog, d.argument))
    ),
    Action.POLICY_AREAS: Route(
        _screen(lambda r, c, _d: screens.policy_areas(r, c.bot_data.services.catalog))
    ),
    Action.POLICY_AREA: Route(
        _screen(lambda r, c, d: screens.policy_area(r, c.bot_data.services.catalog, d.argument))
    ),
    Action.POLICY: Route(
        _screen(lambda r, c, d: screens.policy(r, c.bot_data.services.catalog, d.argument))
    ),
    Action.FAQS: Route(_screen(lambda r, c, _d: screens.faqs(r, c.bot_data.services.catalog))),
    Action.FAQ: Route(
        _screen(lambda r, c, d: screens.faq(r, c.bot_data.services.catalog, d.argument))
    ),
    # feedback: residents
    Action.ASK_COMMITTEE: Route(feedback.on_ask_committee, overrides=feedback.NOT_YOURS),
    Action.FEEDBACK_START: Route(feedback.on_start_button, overrides=feedback.ON_SCREEN),
    Action.FEEDBACK_TOPIC: Route(feedback.on_topic, overrides=feedback.TOPIC_AGAIN),
    Action.FEEDBACK_TOPICS: Route(feedback.on_change_topic),
    Action.FEEDBACK_ATTACHED: Route(feedback.on_attached, overrides=feedback.TOPIC_AGAIN),
    Action.FEEDBACK_IDENTITY: Route(feedback.on_identity, overrides=feedback.TOPIC_AGAIN),
    Action.FEEDBACK_CONSENT: Route(feedback.on_consent, overrides=feedback.TOPIC_AGAIN),
    Action.FEEDBACK_SEND: Route(feedback.on_send, overrides=feedback.TOPIC_AGAIN),
    Action.FEEDBACK_CANCEL: Route(feedback.on_cancel),
    Action.MY_TICKETS: Route(my_feedback.on_my_tickets),
    Action.MY_TICKET: Route(my_feedback.on_my_ticket),
    Action.TICKET_RESOLVED: Route(my_feedback.on_resolved, overrides=my_feedback.MOVE_REFUSED),
    Action.TICKET_NOT_RESOLVED: Route(
        my_feedback.on_not_resolved, overrides=my_feedback.MOVE_REFUSED
    ),
    Action.TICKET_RATE: Route(my_feedback.on_rate, overrides=my_feedback.MOVE_REFUSED),
    Action.TICKET_WITHDRAW_CONSENT: Route(
        my_feedback.on_withdraw_consent, overrides=my_feedback.MOVE_REFUSED
    ),
    Action.REGISTER: Route(my_feedback.on_register),
    Action.FORGET_CONFIRM: Route(privacy.on_forget_confirm),
    Action.FORGET_CANCEL: Route(privacy.on_forget_cancel),
    # subscriptions: residents
    Action.SUBSCRIPTION: Route(subscribe.on_show),
    Action.SUBSCRIBE: Route(subscribe.on_subscribe),
    Action.UNSUBSCRIBE: Route(subscribe.on_unsubscribe),
    Action.SUBSCRIBE_AREA: Route(subscribe.on_toggle_area),
    Action.SUBSCRIBE_EVERYTHING: Route(subscribe.on_everything),
    Action.SUBSCRIBE_INDICATOR_AREAS: Route(subscribe.on_indicator_areas),
    Action.SUBSCRIBE_INDICATOR_AREA: Route(subscribe.on_indicators),
    Action.SUBSCRIBE_INDICATOR: Route(subscribe.on_toggle_indicator),
    Action.SUBSCRIBE_DISTRICTS: Route(subscribe.on_districts),
    Action.SUBSCRIBE_DISTRICT: Route(subscribe.on_district),
    # feedback: officials
    Action.MOD_CARD: _official(moderation.on_card),
    Action.MOD_APPROVE: _official(moderation.on_approve),
    Action.MOD_REJECT_MENU: _official(moderation.on_reject_menu),
    Action.MOD_REJECT: _official(rejection.on_reason),
    Action.MOD_REJECT_REFER: _official(rejection.on_referral),
    Action.MOD_REJECT_CONFIRM: _official(rejection.on_confirm),
    Action.MOD_REJECT_WORDS: _official(rejection.on_confirm_words),
    Action.MOD_ASSIGN_MENU: _official(moderation.on_assign_menu),
    Action.MOD_ASSIGN: _official(moderation.on_assign),
    Action.MOD_REPLY: _official(moderation.on_reply),
    Action.MOD_CLOSE: _official(moderation.on_close),
    Action.MOD_PUBLISH: _official(moderation.on_publish),
    Action.MOD_PUBLISH_CONFIRM: _official(moderation.on_publish_confirm),
    Action.MOD_UNPUBLISH: _official(moderation.on_unpublish),
    Action.MOD_PHOTO: _official(moderation.on_photo),
    Action.QUEUE: _official(moderation.on_queue_page),
    Action.MOD_SAVED_MENU: _official(saved_answers.on_menu),
    Action.MOD_SAVED_PICK: _official(saved_answers.on_pick),
    Action.MOD_SAVED_SEND: _official(saved_answers.on_send, moderation.PROMPT_REPLY),
    # broadcasts: officials
    Action.BROADCAST_SEND: _official(broadcast.on_send, broadcast.REFUSALS),
    Action.BROADCAST_SCHEDULE_MENU: _official(broadcast.on_schedule_menu, broadcast.REFUSALS),
    Action.BROADCAST_SCHEDULE: _official(broadcast.on_schedule, broadcast.REFUSALS),
    Action.BROADCAST_DRAFT: _official(broadcast.on_show, broadcast.REFUSALS),
    Action.BROADCAST_PAUSE: _official(broadcast.on_pause, broadcast.REFUSALS),
    Action.BROADCAST_RESUME: _official(broadcast.on_resume, broadcast.REFUSALS),
    Action.BROADCAST_CANCEL: _official(broadcast.on_cancel, broadcast.REFUSALS),
    Action.CORRECTION_PREPARE: _official(broadcast.on_prepare_correction, broadcast.REFUSALS),
    Action.BROADCAST_REPORT_PREPARE: _official(
        broadcast.on_prepare_report, broadcast.OFFERED_REPORT
    ),
    Action.BROADCAST_SEND_ASK: _official(broadcast.on_send_ask, broadcast.REFUSALS),
}
