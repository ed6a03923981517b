"""What every ticket text shares, whoever reads it: times, dates, durations, the names of a
topic and a status, and the length budgets that keep a message under Telegram's limit."""

from __future__ import annotations

import datetime as dt
from html import escape

from bot.domain.records import OTHER_TOPIC
from bot.domain.statuses import TicketStatus
from bot.services.kernel.clock import LOCAL_TIME
from content.schema import Area
from handlers.render import Renderer

# Lengths in UTF-16 units, as Telegram counts: a whole message stays under its 4,096.
CARD_TEXT_CHARS = 2000  # the default longest feedback: whole on the card
CARD_REPLY_CHARS = 250
NAME_CHARS = 48  # Telegram names run to 128; eight history lines carry one each
REPLIES_SHOWN = 2  # the last answers on a card and on the resident's own ticket
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
