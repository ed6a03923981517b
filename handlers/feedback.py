"""Residents' /feedback conversation, /cancel, and the one-press "send to the committee"."""

from __future__ import annotations

import logging
from collections.abc import Awaitable

from telegram import Update

from bot.context import Context
from bot.domain.errors import DomainError, PermissionDenied, UnknownTopic
from bot.domain.statuses import Step
from bot.services.tickets.model import DraftView
from handlers import feedback_keyboards
from handlers.callback_data import CallbackData
from handlers.common import Screen, actor, answer_query, renderer, resident_language, show
from handlers.errors import Answer, Overrides, refusal_text, worded
from handlers.fallback import on_unsupported
from handlers.questions import on_question
from handlers.render import Renderer
from handlers.resident_feedback_text import draft_prompt

logger = logging.getLogger(__name__)


def step_screen(r: Renderer, context: Context, draft: DraftView, note: str = "") -> Screen:
    services = context.bot_data.services
    text = draft_prompt(r, draft, services.feedback_intake.limits.max_chars)
    markup = feedback_keyboards.draft(r, draft, services.catalog.areas())
    return Screen(f"{note}\n\n{text}" if note else text, markup)


async def feedback_command(update: Update, context: Context) -> None:
    r = renderer(context, await resident_language(update, context))
    await _start(update, context, r)


async def cancel_command(update: Update, context: Context) -> None:
    r = renderer(context, await resident_language(update, context))
    cancelled = await context.bot_data.services.feedback_intake.cancel(actor(update))
    await show(
        update, Screen(r.t("feedback-cancelled" if cancelled else "feedback-nothing-to-cancel"))
    )


async def on_private_text(update: Update, context: Context) -> None:
    """Text goes to a conversation waiting for it; otherwise it is a question."""
    message = update.effective_message
    if message is None or message.text is None:
        return
    intake = context.bot_data.services.feedback_intake
    if await intake.capturing(actor(update)) is None:
        await on_question(update, context)
        return
    r = renderer(context, await resident_language(update, context))
    draft = await intake.give_text(actor(update), message.text)
    await show(update, step_screen(r, context, draft))


async def on_private_attachment(update: Update, context: Context) -> None:
    """A photo or a location for the conversation; anything else is politely declined."""
    message = update.effective_message
    intake = context.bot_data.services.feedback_intake
    if message is None or await intake.capturing(actor(update)) is None:
        await on_unsupported(update, context)
        return
    r = renderer(context, await resident_language(update, context))
    if message.photo:
        largest = message.photo[-1]
        draft = await intake.give_photo(actor(update), largest.file_id, message.caption)
        note = "feedback-photo-needs-text" if draft.step is Step.TEXT else "feedback-photo-saved"
    elif message.location is not None:
        location = message.location
        draft = await intake.give_location(actor(update), location.latitude, location.longitude)
        note = "feedback-location-saved"
    else:
        await show(update, Screen(r.t("feedback-attachment-unsupported")))
        return
    markup = feedback_keyboards.draft(r, draft, context.bot_data.services.catalog.areas())
    await show(update, Screen(r.t(note), markup if draft.step is Step.ATTACH else None))


# --- buttons ------------------------------------------------------------------------------


async def on_start_button(
    update: Update, context: Context, _data: CallbackData, r: Renderer
) -> None:
    await _start(update, context, r)


async def on_topic(update: Update, context: Context, data: CallbackData, r: Renderer) -> None:
    intake = context.bot_data.services.feedback_intake
    await _step(update, context, r, intake.choose_topic(actor(update), data.argument))


async def on_change_topic(
    update: Update, context: Context, _data: CallbackData, r: Renderer
) -> None:
    await answer_query(update)
    markup = feedback_keyboards.topics(r, context.bot_data.services.catalog.areas())
    await show(update, Screen(r.t("feedback-choose-topic"), markup))


async def on_attached(update: Update, context: Context, _data: CallbackData, r: Renderer) -> None:
    intake = context.bot_data.services.feedback_intake
    await _step(update, context, r, intake.finish_attachments(actor(update)))


async def on_identity(update: Update, context: Context, data: CallbackData, r: Renderer) -> None:
    intake = context.bot_data.services.feedback_intake
    anonymous = data.argument == "anonymous"
    await _step(update, context, r, intake.choose_identity(actor(update), anonymous=anonymous))


async def on_consent(update: Update, context: Context, data: CallbackData, r: Renderer) -> None:
    intake = context.bot_data.services.feedback_intake
    allow = data.argument == "yes"
    await _step(update, context, r, intake.choose_consent(actor(update), allow=allow))


async def on_send(update: Update, context: Context, _data: CallbackData, r: Renderer) -> None:
    filed = await context.bot_data.services.feedback_intake.submit(actor(update))
    await answer_query(update)
    await show(update, Screen(r.t("feedback-sent", code=filed.view.code)))


async def on_cancel(update: Update, context: Context, _data: CallbackData, r: Renderer) -> None:
    cancelled = await context.bot_data.services.feedback_intake.cancel(actor(update))
    await answer_query(update)
    await show(update, Screen(r.t("feedback-cancelled" if cancelled else "feedback-no-draft")))


async def on_ask_committee(
    update: Update, context: Context, data: CallbackData, r: Renderer
) -> None:
    """One press files the unanswered question; the button goes, a confirmation comes."""
    query = update.callback_query
    if query is None:
        return
    filed = await context.bot_data.services.feedback.file_question(
        actor(update), int(data.argument)
    )
    key = "ask-committee-sent" if filed.created else "ask-committee-already"
    text = r.t(key, code=filed.view.code)
    await query.answer()
    if query.message is not None and query.message.is_accessible:
        await query.edit_message_reply_markup(None)
    if update.effective_chat is not None:
        await context.bot.send_message(update.effective_chat.id, text)


# ------------------------------------------------------------------------------------------


async def _start(update: Update, context: Context, r: Renderer) -> None:
    intake = context.bot_data.services.feedback_intake
    draft, resumed = await intake.start(actor(update), r.language)
    await answer_query(update)
    await show(update, step_screen(r, context, draft, r.t("feedback-resumed") if resumed else ""))


def _choose_topic_again(r: Renderer, context: Context, error: DomainError) -> Answer:
    """The chosen field left the content: say so and offer the fields again."""
    markup = feedback_keyboards.topics(r, context.bot_data.services.catalog.areas())
    return Screen(refusal_text(r, error), markup)


def _on_screen(r: Renderer, _context: Context, error: DomainError) -> Answer:
    """/feedback's own button says why it cannot start where the screen was, as the command."""
    return Screen(refusal_text(r, error))


# Refusals these handlers word their own way, answered by the one catch (handlers/errors.py).
TOPIC_AGAIN: Overrides = {UnknownTopic: _choose_topic_again}
ON_SCREEN: Overrides = {DomainError: _on_screen}
NOT_YOURS: Overrides = {PermissionDenied: worded("ask-committee-not-yours")}


async def _step(
    update: Update, context: Context, r: Renderer, change: Awaitable[DraftView]
) -> None:
    """Run one step of the conversation and show the next one; a refusal (an old button of a
    finished or moved-on conversation) is answered by the router, keeping the screen."""
    draft = await change
    await answer_query(update)
    await show(update, step_screen(r, context, draft))
