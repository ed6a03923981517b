"""Feedback tickets rendered to Telegram HTML via the catalogs; every outside text escaped."""

from __future__ import annotations

import datetime as dt
from html import escape

from bot.domain.errors import DomainError
from bot.domain.records import OTHER_TOPIC, AuditRecord, TicketRecord
from bot.domain.statuses import TicketStatus
from bot.services.kernel.clock import LOCAL_TIME
from bot.services.kernel.plain_text import clip
from bot.services.tickets.model import (
    DraftView,
    Page,
    PublicAnswer,
    PublicPreview,
    TicketStats,
    TicketView,
)
from content.schema import Area
from handlers.errors import refusal_text
from handlers.render import Renderer

# Lengths in UTF-16 units, as Telegram counts: a whole message stays under its 4,096.
CARD_TEXT_CHARS = 2000  # the default longest feedback: whole on the card
CARD_REPLY_CHARS = 250
NAME_CHARS = 48  # Telegram names run to 128; eight history lines carry one each
CARD_REPLIES_SHOWN = 2
DETAIL_TEXT_CHARS = 1800  # the resident's own ticket: their text and the last two answers
DETAIL_REPLY_CHARS = 900
SUMMARY_TEXT_CHARS = 600
REGISTER_TEXT_CHARS = 550  # three entries of question and answer on a page


def time(value: dt.datetime) -> str:
    return value.astimezone(LOCAL_TIME).strftime("%H:%M %d/%m/%Y")


def day(r: Renderer, value: dt.datetime) -> str:
    return r.date(value.astimezone(LOCAL_TIME).date())


def topic_name(r: Renderer, key: str | None, area: Area | None) -> str:
    if area is not None:
        return escape(area.name.get(r.language))
    if key == OTHER_TOPIC:
        return r.t("feedback-topic-other")
    return escape(key or "")


def status_name(r: Renderer, status: TicketStatus | str) -> str:
    return r.t(f"ticket-status-{TicketStatus(status).value}")


def duration(r: Renderer, value: dt.timedelta) -> str:
    minutes = max(0, int(value.total_seconds() // 60))
    days, rest = divmod(minutes, 24 * 60)
    hours, minutes = divmod(rest, 60)
    if days:
        return r.t("duration-days", days=days, hours=hours)
    if hours:
        return r.t("duration-hours", hours=hours, minutes=minutes)
    return r.t("duration-minutes", minutes=minutes)


# --- the resident's conversation ----------------------------------------------------------


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


def error_text(r: Renderer, error: DomainError) -> str:
    """One polite sentence for each way a request is refused (bot/error_text.py words it)."""
    return refusal_text(r, error)


# --- the resident's tickets ---------------------------------------------------------------


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
    for reply in view.replies[-CARD_REPLIES_SHOWN:]:
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


def notification(r: Renderer, view: TicketView, event: str, reply_text: str | None) -> str:
    code = view.code
    if event == "answered":
        return r.t("notify-answered", code=code, text=escape(reply_text or ""))
    if event == "assigned" and view.department is not None:
        department = escape(view.department.name.get(r.language))
        return r.t("notify-assigned", code=code, department=department)
    if event == "rejected":
        reason = view.ticket.reject_reason or "off_topic"
        return r.t("notify-rejected", code=code, reason=r.t(f"reject-reason-{reason}"))
    return r.t(f"notify-{event}", code=code)


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


# --- officials ----------------------------------------------------------------------------


def card(r: Renderer, view: TicketView) -> str:
    """The ticket as officials see it in the admin group: what, who, and who did what."""
    ticket = view.ticket
    lines = [
        r.t("mod-card-title", code=ticket.code, status=status_name(r, ticket.status)),
        r.t("mod-card-topic", topic=topic_name(r, ticket.topic, view.topic)),
        r.t("mod-card-author", name=escape(clip(ticket.author_name, NAME_CHARS)))
        if ticket.author_name and not ticket.anonymous
        else r.t("mod-card-anonymous"),
        r.t("mod-card-filed", time=time(ticket.created_at)),
        "",
        escape(clip(ticket.text, CARD_TEXT_CHARS)),
        "",
    ]
    if ticket.photo_file_id:
        lines.append(r.t("mod-card-photo"))
    if ticket.latitude is not None and ticket.longitude is not None:
        url = (
            "https://www.openstreetmap.org/"
            f"?mlat={ticket.latitude:.6f}&mlon={ticket.longitude:.6f}#map=17/"
            f"{ticket.latitude:.6f}/{ticket.longitude:.6f}"
        )
        lines.append(r.t("mod-card-location", url=escape(url)))
    if view.residents_raising > 1:
        if view.group_code:
            lines.append(r.t("mod-card-group", count=view.residents_raising, code=view.group_code))
        else:
            lines.append(r.t("mod-card-group-first", count=view.residents_raising))
    if view.department is not None:
        department = escape(view.department.name.get(r.language))
        lines.append(r.t("mod-card-department", department=department))
    if ticket.reject_reason:
        reason = r.t(f"reject-reason-{ticket.reject_reason}")
        lines.append(r.t("mod-card-reject-reason", reason=reason))
    for reply in view.replies[-CARD_REPLIES_SHOWN:]:
        lines.append(
            r.t(
                "mod-card-reply",
                name=escape(clip(reply.official_name, NAME_CHARS)),
                time=time(reply.created_at),
                text=escape(clip(reply.text, CARD_REPLY_CHARS)),
            )
        )
    if ticket.published:
        lines.append(r.t("mod-card-published"))
    if ticket.rating:
        lines.append(r.t("mod-card-rating", stars=ticket.rating))
    if view.history:
        lines += ["", r.t("mod-card-history")]
        lines += [_history_line(r, entry) for entry in view.history]
    return "\n".join(line for line in _squeeze(lines))


def _history_line(r: Renderer, entry: AuditRecord) -> str:
    if entry.actor_kind == "resident" and entry.actor_name in ("anonymous", "resident"):
        who = r.t("mod-who-anonymous" if entry.actor_name == "anonymous" else "mod-who-resident")
    else:
        who = escape(clip(entry.actor_name, NAME_CHARS))
    action = r.t(f"mod-action-{entry.action}")
    if entry.action == "rated" and entry.detail:
        action = f"{action} {escape(entry.detail)}/5"
    return r.t("mod-history-line", time=time(entry.at), who=who, action=action)


def _squeeze(lines: list[str]) -> list[str]:
    """No blank line twice in a row, none at the end."""
    kept: list[str] = []
    for line in lines:
        if line == "" and (not kept or kept[-1] == ""):
            continue
        kept.append(line)
    while kept and kept[-1] == "":
        kept.pop()
    return kept


def queue(r: Renderer, page: Page[TicketRecord], areas: dict[str, Area], now: dt.datetime) -> str:
    if not page.total:
        return r.t("mod-queue-empty")
    lines = [r.t("mod-queue-title", total=page.total, page=page.page + 1, pages=page.pages)]
    for ticket in page.items:
        lines.append(
            r.t(
                "mod-queue-line",
                code=ticket.code,
                status=status_name(r, ticket.status),
                topic=topic_name(r, ticket.topic, areas.get(ticket.topic)),
                age=duration(r, now - ticket.created_at),
            )
        )
        lines.append(f"<i>{escape(clip(ticket.text, 100))}</i>")
    return "\n".join(lines)


def stats(r: Renderer, figures: TicketStats) -> str:
    lines = [r.t("mod-stats-title", total=figures.total, answered=figures.answered), ""]
    lines.append(r.t("mod-stats-by-status"))
    for status in TicketStatus:
        count = figures.by_status.get(status, 0)
        if count:
            lines.append(r.t("mod-stats-line", name=status_name(r, status), count=count))
    lines += ["", r.t("mod-stats-by-topic")]
    for area, key, count in figures.by_topic:
        lines.append(r.t("mod-stats-line", name=topic_name(r, key, area), count=count))
    lines.append("")
    if figures.median_first_answer is None:
        lines.append(r.t("mod-stats-no-answer"))
    else:
        lines.append(r.t("mod-stats-median", duration=duration(r, figures.median_first_answer)))
    return "\n".join(lines)


def publish_preview(r: Renderer, preview: PublicPreview) -> str:
    """The public version as /answers would show it, before the official confirms."""
    return r.t(
        "mod-publish-preview",
        code=escape(preview.code),
        question=escape(clip(preview.question, DETAIL_TEXT_CHARS)),
        answer=escape(clip(preview.answer, DETAIL_REPLY_CHARS)),
    )
