"""Every inline button press: decode (untrusted), route to a screen, answer the query."""

from __future__ import annotations

import logging
from collections.abc import Awaitable, Callable

from telegram import Update

from bot.context import Context
from bot.i18n import as_language
from handlers import feedback, keyboards, moderation, my_feedback, privacy, screens
from handlers.callback_data import Action, CallbackData, InvalidCallbackData, decode
from handlers.common import (
    Screen,
    actor,
    answer_query,
    first_name,
    renderer,
    resident_language,
    show,
)
from handlers.render import Renderer

logger = logging.getLogger(__name__)

ScreenBuilder = Callable[[Renderer, Context, CallbackData], Screen | None]

_SCREENS: dict[Action, ScreenBuilder] = {
    Action.INDICATOR_AREAS: lambda r, c, _d: screens.indicator_areas(
        r, c.bot_data.services.catalog
    ),
    Action.INDICATOR_AREA: lambda r, c, d: screens.indicator_area(
        r, c.bot_data.services.catalog, d.argument
    ),
    Action.INDICATOR: lambda r, c, d: screens.indicator(r, c.bot_data.services.catalog, d.argument),
    Action.POLICY_AREAS: lambda r, c, _d: screens.policy_areas(r, c.bot_data.services.catalog),
    Action.POLICY_AREA: lambda r, c, d: screens.policy_area(
        r, c.bot_data.services.catalog, d.argument
    ),
    Action.POLICY: lambda r, c, d: screens.policy(r, c.bot_data.services.catalog, d.argument),
    Action.FAQS: lambda r, c, _d: screens.faqs(r, c.bot_data.services.catalog),
    Action.FAQ: lambda r, c, d: screens.faq(r, c.bot_data.services.catalog, d.argument),
    Action.HELP: lambda r, _c, _d: screens.help_screen(r),
    Action.LANGUAGE_MENU: lambda r, _c, _d: screens.language_menu(r),
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
    await answer_query(update)
    await show(update, screens.main_menu(r, context.bot_data.services.catalog, first_name(update)))


async def _choose_language(
    update: Update, context: Context, data: CallbackData, _r: Renderer
) -> None:
    chosen = as_language(data.argument) or "vi"
    language = await context.bot_data.services.residents.choose_language(actor(update), chosen)
    r = renderer(context, language)
    await answer_query(update, r.t("language-set"))
    await show(update, Screen(r.t("language-set"), keyboards.back_to_menu(r)))


_ACTIONS: dict[Action, Callable[[Update, Context, CallbackData, Renderer], Awaitable[None]]] = {
    Action.MENU: _main_menu,
    Action.LANGUAGE: _choose_language,
    Action.ASK_COMMITTEE: feedback.on_ask_committee,
    Action.FEEDBACK_START: feedback.on_start_button,
    Action.FEEDBACK_TOPIC: feedback.on_topic,
    Action.FEEDBACK_TOPICS: feedback.on_change_topic,
    Action.FEEDBACK_ATTACHED: feedback.on_attached,
    Action.FEEDBACK_IDENTITY: feedback.on_identity,
    Action.FEEDBACK_CONSENT: feedback.on_consent,
    Action.FEEDBACK_SEND: feedback.on_send,
    Action.FEEDBACK_CANCEL: feedback.on_cancel,
    Action.MY_TICKETS: my_feedback.on_my_tickets,
    Action.MY_TICKET: my_feedback.on_my_ticket,
    Action.TICKET_RESOLVED: my_feedback.on_resolved,
    Action.TICKET_NOT_RESOLVED: my_feedback.on_not_resolved,
    Action.TICKET_RATE: my_feedback.on_rate,
    Action.TICKET_WITHDRAW_CONSENT: my_feedback.on_withdraw_consent,
    Action.REGISTER: my_feedback.on_register,
    Action.FORGET_CONFIRM: privacy.on_forget_confirm,
    Action.FORGET_CANCEL: privacy.on_forget_cancel,
    Action.MOD_CARD: moderation.on_card,
    Action.MOD_APPROVE: moderation.on_approve,
    Action.MOD_REJECT_MENU: moderation.on_reject_menu,
    Action.MOD_REJECT: moderation.on_reject,
    Action.MOD_ASSIGN_MENU: moderation.on_assign_menu,
    Action.MOD_ASSIGN: moderation.on_assign,
    Action.MOD_REPLY: moderation.on_reply,
    Action.MOD_CLOSE: moderation.on_close,
    Action.MOD_PUBLISH: moderation.on_publish,
    Action.MOD_PUBLISH_CONFIRM: moderation.on_publish_confirm,
    Action.MOD_UNPUBLISH: moderation.on_unpublish,
    Action.MOD_PHOTO: moderation.on_photo,
    Action.QUEUE: moderation.on_queue_page,
}
