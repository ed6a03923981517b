"""/mydata (what danbiet holds about me), /forgetme (erase my identity, after a confirmation)
and /privacy (what is kept, why, for how long, and the resident's rights)."""

from __future__ import annotations

from html import escape

from telegram import InlineKeyboardMarkup, Update

from bot.context import Context
from bot.services.broadcasts.subscriptions import DISTRICT_KIND
from bot.services.privacy.residents_rights import ResidentData
from content.hanoi_places import BY_KEY
from handlers.callback_data import Action, CallbackData
from handlers.common import Screen, actor, answer_query, renderer, resident_language, show
from handlers.keyboards import button
from handlers.render import Renderer
from handlers.subscribe_views import place_name
from handlers.ticket_words import day, status_name

TICKETS_LISTED = 20  # /mydata lists the latest ones; the count covers all


async def my_data_command(update: Update, context: Context) -> None:
    r = renderer(context, await resident_language(update, context))
    data = await context.bot_data.services.privacy.my_data(actor(update))
    await show(update, Screen(my_data_text(r, data)))


async def forget_me_command(update: Update, context: Context) -> None:
    r = renderer(context, await resident_language(update, context))
    markup = InlineKeyboardMarkup(
        [
            [button(r.t("button-forget-confirm"), Action.FORGET_CONFIRM)],
            [button(r.t("button-cancel"), Action.FORGET_CANCEL)],
        ]
    )
    await show(update, Screen(r.t("forgetme-ask"), markup))


async def privacy_command(update: Update, context: Context) -> None:
    r = renderer(context, await resident_language(update, context))
    months = context.bot_data.services.privacy.retention_months
    await show(update, Screen(r.t("privacy-policy", months=months)))


async def on_forget_confirm(
    update: Update, context: Context, _data: CallbackData, r: Renderer
) -> None:
    forgotten = await context.bot_data.services.privacy.forget(actor(update))
    await answer_query(update)
    await show(update, Screen(r.t("forgetme-done", tickets=forgotten.tickets)))


async def on_forget_cancel(
    update: Update, _context: Context, _data: CallbackData, r: Renderer
) -> None:
    await answer_query(update)
    await show(update, Screen(r.t("forgetme-cancelled")))


def my_data_text(r: Renderer, data: ResidentData) -> str:
    if data.empty:
        return r.t("mydata-empty")
    lines = [r.t("mydata-title")]
    if data.resident is not None:
        language = data.resident.language or data.resident.telegram_language or "-"
        lines.append(
            r.t(
                "mydata-profile",
                id=str(data.resident.id),
                lang=escape(language),
                first=day(r, data.resident.first_seen),
                last=day(r, data.resident.last_seen),
            )
        )
    subscription = data.subscription
    if subscription is None or subscription.status != "active":
        lines.append(r.t("mydata-no-subscription"))
    else:
        chosen = sorted(subscription.topics)
        topics = ", ".join(escape(key) for kind, key in chosen if kind != DISTRICT_KIND)
        lines.append(r.t("mydata-subscription", topics=topics or r.t("mydata-all-topics")))
        # Where they said they live is kept beside the topics; shown as the place it names.
        for key in (key for kind, key in chosen if kind == DISTRICT_KIND and key in BY_KEY):
            lines.append(r.t("subscribe-district-some", place=escape(place_name(r, key))))
    lines.append(r.t("mydata-tickets", count=len(data.tickets)))
    for ticket in data.tickets[-TICKETS_LISTED:]:
        consent = "mydata-ticket-public" if ticket.publish_consent else "mydata-ticket-private"
        lines.append(
            r.t(
                "mydata-ticket",
                code=ticket.code,
                status=status_name(r, ticket.status),
                date=day(r, ticket.created_at),
                consent=r.t(consent),
                named=r.t("mydata-ticket-anonymous" if ticket.anonymous else "mydata-ticket-named"),
            )
        )
    lines.append(r.t("mydata-questions", count=data.questions))
    if data.has_draft:
        lines.append(r.t("mydata-draft"))
    lines += ["", r.t("mydata-footer")]
    return "\n".join(lines)
