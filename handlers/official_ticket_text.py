"""Officials' ticket texts in Telegram HTML via the catalogs, every outside text escaped: the
card in the admin group, the queue (/queue), the statistics (/stats) and the public version
shown before publishing."""

from __future__ import annotations

import datetime as dt
from html import escape

from bot.domain.records import AuditRecord, TicketRecord
from bot.domain.statuses import TicketStatus
from bot.services.kernel.plain_text import clip
from bot.services.tickets.model import Page, PublicPreview, TicketStats, TicketView
from content.schema import Area
from handlers.render import Renderer
from handlers.ticket_words import (
    CARD_REPLY_CHARS,
    CARD_TEXT_CHARS,
    DETAIL_REPLY_CHARS,
    DETAIL_TEXT_CHARS,
    NAME_CHARS,
    REPLIES_SHOWN,
    duration,
    status_name,
    time,
    topic_name,
)


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
    if view.due is not None:
        key = "ticket-deadline-card-overdue" if view.overdue else "ticket-deadline-card-due"
        lines.append(r.t(key, due=r.date(view.due)))
    if ticket.reject_reason:
        reason = r.t(f"reject-reason-{ticket.reject_reason}")
        lines.append(r.t("mod-card-reject-reason", reason=reason))
    for reply in view.replies[-REPLIES_SHOWN:]:
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
