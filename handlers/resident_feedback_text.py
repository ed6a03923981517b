"""Residents' feedback screens in Telegram HTML via the catalogs, every outside text escaped:
the /feedback conversation, their own tickets (/myfeedback), the notices of officials' actions
and the public register (/answers)."""

from __future__ import annotations

from html import escape

from bot.domain.records import OTHER_TOPIC, TicketRecord
from bot.domain.statuses import TicketStatus
from bot.services.kernel.plain_text import clip
from bot.services.tickets.model import DraftView, Page, PublicAnswer, TicketView
from bot.services.tickets.rejection import RejectionNotice, referred_office
from handlers.render import Renderer
from handlers.ticket_words import (
    DETAIL_REPLY_CHARS,
    DETAIL_TEXT_CHARS,
    REGISTER_TEXT_CHARS,
    REPLIES_SHOWN,
    SUMMARY_TEXT_CHARS,
    day,
    status_name,
    topic_name,
)

# --- the conversation ---------------------------------------------------------------------


def draft_prompt(r: Renderer, draft: DraftView, max_chars: int) -> str:
    """What to ask at the draft's current step."""
    if draft.step == "topic":
        return r.t("feedback-choose-topic")
    if draft.step == "text":
        return r.t(
            "feedback-ask-text", topic=topic_name(r, draft.topic_key, draft.topic), max=max_chars
        )
    if draft.step == "attach":
        return r.t("feedback-ask-attachments")
    if draft.step == "identity":
        return r.t("feedback-ask-identity")
    if draft.step == "consent":
        return r.t("feedback-ask-consent")
    return draft_summary(r, draft)


def draft_summary(r: Renderer, draft: DraftView) -> str:
    lines = [
        r.t(
            "feedback-summary",
            topic=topic_name(r, draft.topic_key, draft.topic),
            text=escape(clip(draft.text or "", SUMMARY_TEXT_CHARS)),
        )
    ]
    if draft.has_photo:
        lines.append(r.t("feedback-summary-photo"))
    if draft.has_location:
        lines.append(r.t("feedback-summary-location"))
    if draft.anonymous or not draft.author_name:
        lines.append(r.t("feedback-summary-anonymous"))
    else:
        lines.append(r.t("feedback-summary-named", name=escape(draft.author_name)))
    consent = "feedback-summary-consent" if draft.publish_consent else "feedback-summary-no-consent"
    lines.append(r.t(consent))
    lines += ["", r.t("feedback-summary-confirm")]
    return "\n".join(lines)


# --- their tickets ------------------------------------------------------------------------


def my_tickets(r: Renderer, page: Page[TicketRecord]) -> str:
    if not page.total:
        return r.t("myfeedback-empty")
    lines = [r.t("myfeedback-title", total=page.total, page=page.page + 1, pages=page.pages)]
    for ticket in page.items:
        lines.append(
            r.t(
                "myfeedback-line",
                code=ticket.code,
                status=status_name(r, ticket.status),
                date=day(r, ticket.created_at),
            )
        )
        lines.append(f"<i>{escape(clip(ticket.text, 80))}</i>")
    return "\n".join(lines)


def ticket_detail(r: Renderer, view: TicketView) -> str:
    ticket = view.ticket
    lines = [
        r.t(
            "ticket-detail",
            code=ticket.code,
            status=status_name(r, ticket.status),
            topic=topic_name(r, ticket.topic, view.topic),
            date=day(r, ticket.created_at),
            text=escape(clip(ticket.text, DETAIL_TEXT_CHARS)),
        )
    ]
    lines.append(
        r.t("ticket-detail-consent" if ticket.publish_consent else "ticket-detail-no-consent")
    )
    if view.department is not None:
        department = escape(view.department.name.get(r.language))
        lines.append(r.t("ticket-detail-department", department=department))
    if ticket.reject_reason:
        lines.append(
            r.t("ticket-detail-rejected", reason=r.t(f"reject-reason-{ticket.reject_reason}"))
        )
        lines += _rejection_extras(r, ticket)
    for reply in view.replies[-REPLIES_SHOWN:]:
        lines += [
            "",
            r.t(
                "ticket-detail-reply",
                date=day(r, reply.created_at),
                text=escape(clip(reply.text, DETAIL_REPLY_CHARS)),
            ),
        ]
    if ticket.rating:
        lines.append(r.t("ticket-detail-rating", stars=ticket.rating))
    if view.status is TicketStatus.ANSWERED:
        lines += ["", r.t("ticket-ask-resolution")]
    return "\n".join(lines)


def _rejection_extras(r: Renderer, ticket: TicketRecord) -> list[str]:
    """The official's words and the office named with a rejection, as the notice said them."""
    lines = []
    if ticket.reject_words:
        words = escape(clip(ticket.reject_words, DETAIL_REPLY_CHARS))
        lines.append(r.t("reject-notice-words", words=words))
    office = referred_office(ticket.referral)
    if office is not None:
        name, role = escape(office.name.get(r.language)), escape(office.role.get(r.language))
        lines.append(r.t("reject-notice-referral", office=name, role=role))
    return lines


def notification(
    r: Renderer,
    view: TicketView,
    event: str,
    reply_text: str | None,
    rejection: RejectionNotice | None = None,
) -> str:
    code = view.code
    if event == "answered":
        return r.t("notify-answered", code=code, text=escape(reply_text or ""))
    if event == "assigned" and view.department is not None:
        department = escape(view.department.name.get(r.language))
        return r.t("notify-assigned", code=code, department=department)
    if event == "rejected":
        return rejected(r, view, rejection)
    return r.t(f"notify-{event}", code=code)


def rejected(r: Renderer, view: TicketView, told: RejectionNotice | None) -> str:
    """The reason, the official's words (plain text, escaped) and the office to go to."""
    reason = view.ticket.reject_reason or "off_topic"
    lines = [r.t("notify-rejected", code=view.code, reason=r.t(f"reject-reason-{reason}"))]
    if told is not None and told.rejection.words:
        lines += ["", r.t("reject-notice-words", words=escape(told.rejection.words))]
    referral = told.office if told is not None else None
    if referral is not None:
        name = escape(referral.name.get(r.language))
        role = escape(referral.role.get(r.language))
        lines += ["", r.t("reject-notice-referral", office=name, role=role)]
    return "\n".join(lines)


def register(r: Renderer, page: Page[PublicAnswer]) -> str:
    if not page.total:
        return r.t("register-empty")
    blocks = [r.t("register-title", total=page.total, page=page.page + 1, pages=page.pages)]
    for entry in page.items:
        blocks.append(
            r.t(
                "register-entry",
                code=entry.code,
                topic=topic_name(r, OTHER_TOPIC, entry.topic),  # no area: "other"
                date=day(r, entry.answered_at),
                status=status_name(r, entry.status),
                question=escape(clip(entry.question, REGISTER_TEXT_CHARS)),
                answer=escape(clip(entry.answer, REGISTER_TEXT_CHARS)),
            )
        )
    blocks.append(r.t("register-masked-note"))
    return "\n\n".join(blocks)
