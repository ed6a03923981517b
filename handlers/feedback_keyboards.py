"""Inline keyboards of the feedback conversation, residents' tickets and officials' cards."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from telegram import InlineKeyboardButton, InlineKeyboardMarkup

from bot.domain.records import OTHER_TOPIC, TicketRecord
from bot.domain.statuses import RejectReason, Step, TicketMove, TicketStatus
from bot.domain.ticket_states import PUBLISHABLE_STATUSES, allowed
from bot.domain.ticket_work import SavedAnswerRecord
from bot.services.tickets.model import DraftView, Page, TicketView
from content.schema import Area, Department
from handlers.callback_data import Action
from handlers.keyboards import button, column, pairs
from handlers.render import Renderer


def topics(r: Renderer, areas: Sequence[Area]) -> InlineKeyboardMarkup:
    buttons = [
        button(f"{area.emoji} {area.name.get(r.language)}".strip(), Action.FEEDBACK_TOPIC, area.key)
        for area in areas
    ]
    buttons.append(button(r.t("feedback-topic-other"), Action.FEEDBACK_TOPIC, OTHER_TOPIC))
    rows = column(buttons)
    rows.append([button(r.t("button-cancel"), Action.FEEDBACK_CANCEL)])
    return InlineKeyboardMarkup(rows)


def draft(r: Renderer, view: DraftView, areas: Sequence[Area]) -> InlineKeyboardMarkup | None:
    """The buttons of the draft's current step (the text step has only "cancel")."""
    cancel = button(r.t("button-cancel"), Action.FEEDBACK_CANCEL)
    if view.step is Step.TOPIC:
        return topics(r, areas)
    if view.step is Step.ATTACH:
        return InlineKeyboardMarkup(
            [[button(r.t("button-continue"), Action.FEEDBACK_ATTACHED)], [cancel]]
        )
    if view.step is Step.IDENTITY:
        named = (
            r.t("button-show-name", name=view.author_name)
            if view.author_name
            else r.t("button-show-name-plain")
        )
        return InlineKeyboardMarkup(
            [
                [button(named, Action.FEEDBACK_IDENTITY, "named")],
                [button(r.t("button-anonymous"), Action.FEEDBACK_IDENTITY, "anonymous")],
                [cancel],
            ]
        )
    if view.step is Step.CONSENT:
        return InlineKeyboardMarkup(
            [
                [button(r.t("button-consent-yes"), Action.FEEDBACK_CONSENT, "yes")],
                [button(r.t("button-consent-no"), Action.FEEDBACK_CONSENT, "no")],
                [cancel],
            ]
        )
    if view.step is Step.CONFIRM:
        return InlineKeyboardMarkup(
            [
                [button(r.t("button-send"), Action.FEEDBACK_SEND)],
                [
                    button(r.t("button-change-topic"), Action.FEEDBACK_TOPICS),
                    cancel,
                ],
            ]
        )
    return InlineKeyboardMarkup([[cancel]])


def my_tickets(r: Renderer, page: Page[TicketRecord]) -> InlineKeyboardMarkup | None:
    rows = [[button(f"{ticket.code}", Action.MY_TICKET, str(ticket.id))] for ticket in page.items]
    rows += _pager(r, page, Action.MY_TICKETS)
    return InlineKeyboardMarkup(rows) if rows else None


def ticket_detail(r: Renderer, view: TicketView) -> InlineKeyboardMarkup:
    ticket_id = str(view.ticket.id)
    rows: list[list[InlineKeyboardButton]] = []
    if view.status is TicketStatus.ANSWERED:
        rows.append(
            [
                button(r.t("button-resolved"), Action.TICKET_RESOLVED, ticket_id),
                button(r.t("button-not-resolved"), Action.TICKET_NOT_RESOLVED, ticket_id),
            ]
        )
    if view.status in PUBLISHABLE_STATUSES and view.replies:
        rows.append(_stars(view))
    if view.ticket.publish_consent:
        rows.append(
            [button(r.t("button-withdraw-consent"), Action.TICKET_WITHDRAW_CONSENT, ticket_id)]
        )
    rows.append([button(r.t("button-my-tickets"), Action.MY_TICKETS, "0")])
    return InlineKeyboardMarkup(rows)


def rating(r: Renderer, view: TicketView) -> InlineKeyboardMarkup:
    return InlineKeyboardMarkup(
        [_stars(view), [button(r.t("button-my-tickets"), Action.MY_TICKETS, "0")]]
    )


def _stars(view: TicketView) -> list[InlineKeyboardButton]:
    return [
        button("⭐" * stars, Action.TICKET_RATE, f"{view.ticket.id}:{stars}")
        for stars in range(1, 6)
    ]


def register(r: Renderer, page: Page[Any]) -> InlineKeyboardMarkup | None:
    rows = _pager(r, page, Action.REGISTER)
    return InlineKeyboardMarkup(rows) if rows else None


def _pager(r: Renderer, page: Page[Any], action: Action) -> list[list[InlineKeyboardButton]]:
    buttons = []
    if page.has_previous:
        buttons.append(button(r.t("button-previous"), action, str(page.page - 1)))
    if page.has_next:
        buttons.append(button(r.t("button-next"), action, str(page.page + 1)))
    return [buttons] if buttons else []


# --- officials ----------------------------------------------------------------------------


def card(r: Renderer, view: TicketView) -> InlineKeyboardMarkup | None:
    """Only the moves the ticket's status allows; a rejected or closed ticket has few."""
    ticket_id = str(view.ticket.id)
    status = view.status
    buttons: list[InlineKeyboardButton] = []
    if allowed(status, TicketMove.APPROVE):
        buttons.append(button(r.t("mod-button-approve"), Action.MOD_APPROVE, ticket_id))
    if allowed(status, TicketMove.ANSWER):
        buttons.append(button(r.t("mod-button-reply"), Action.MOD_REPLY, ticket_id))
        buttons.append(button(r.t("mod-button-saved"), Action.MOD_SAVED_MENU, ticket_id))
    if allowed(status, TicketMove.ASSIGN):
        buttons.append(button(r.t("mod-button-assign"), Action.MOD_ASSIGN_MENU, ticket_id))
    if allowed(status, TicketMove.REJECT):
        buttons.append(button(r.t("mod-button-reject"), Action.MOD_REJECT_MENU, ticket_id))
    if status in PUBLISHABLE_STATUSES and view.replies:
        if view.ticket.published:
            buttons.append(button(r.t("mod-button-unpublish"), Action.MOD_UNPUBLISH, ticket_id))
        else:
            buttons.append(button(r.t("mod-button-publish"), Action.MOD_PUBLISH, ticket_id))
    if allowed(status, TicketMove.CLOSE):
        buttons.append(button(r.t("mod-button-close"), Action.MOD_CLOSE, ticket_id))
    if view.ticket.photo_file_id:
        buttons.append(button(r.t("mod-button-photo"), Action.MOD_PHOTO, ticket_id))
    return InlineKeyboardMarkup(pairs(buttons)) if buttons else None


def reject_reasons(r: Renderer, ticket_id: int) -> InlineKeyboardMarkup:
    rows = column(
        button(r.t(f"reject-reason-{reason.value}"), Action.MOD_REJECT, f"{ticket_id}:{reason}")
        for reason in RejectReason
    )
    rows.append([button(r.t("mod-button-back"), Action.MOD_CARD, str(ticket_id))])
    return InlineKeyboardMarkup(rows)


def departments(r: Renderer, ticket_id: int, items: Sequence[Department]) -> InlineKeyboardMarkup:
    rows = column(
        button(item.name.get(r.language), Action.MOD_ASSIGN, f"{ticket_id}:{item.key}")
        for item in items
    )
    rows.append([button(r.t("mod-button-back"), Action.MOD_CARD, str(ticket_id))])
    return InlineKeyboardMarkup(rows)


def queue(r: Renderer, page: Page[TicketRecord]) -> InlineKeyboardMarkup | None:
    buttons = [button(ticket.code, Action.MOD_CARD, str(ticket.id)) for ticket in page.items]
    rows = pairs(buttons) + _pager(r, page, Action.QUEUE)
    return InlineKeyboardMarkup(rows) if rows else None


def saved_answers(
    r: Renderer, ticket_id: int, answers: Sequence[SavedAnswerRecord]
) -> InlineKeyboardMarkup:
    rows = column(
        button(answer.title[:60], Action.MOD_SAVED_PICK, f"{ticket_id}:{answer.id}")
        for answer in answers
    )
    rows.append([button(r.t("mod-button-back"), Action.MOD_CARD, str(ticket_id))])
    return InlineKeyboardMarkup(rows)


def saved_answer_confirmation(r: Renderer, ticket_id: int, answer_id: int) -> InlineKeyboardMarkup:
    ids = f"{ticket_id}:{answer_id}"
    return InlineKeyboardMarkup(
        [
            [button(r.t("mod-button-saved-send"), Action.MOD_SAVED_SEND, ids)],
            [button(r.t("mod-button-reply"), Action.MOD_REPLY, str(ticket_id))],
            [button(r.t("mod-button-back"), Action.MOD_SAVED_MENU, str(ticket_id))],
        ]
    )


def publish_confirmation(r: Renderer, ticket_id: int) -> InlineKeyboardMarkup:
    return InlineKeyboardMarkup(
        [
            [button(r.t("mod-button-publish-confirm"), Action.MOD_PUBLISH_CONFIRM, str(ticket_id))],
            [button(r.t("mod-button-back"), Action.MOD_CARD, str(ticket_id))],
        ]
    )
