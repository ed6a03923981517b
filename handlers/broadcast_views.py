"""What officials see of broadcasts in the admin chat: the draft's buttons, progress, reports,
history and corrections, each a function of the officials' Renderer. The delivery worker edits
the progress message in place through `ProgressTexts`, so the message an official pressed
"Send now" on becomes the one progress message."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from html import escape

from babel.dates import format_datetime
from telegram import InlineKeyboardButton, InlineKeyboardMarkup

from bot.domain.errors import DomainError
from bot.domain.records import BroadcastRecord
from bot.domain.statuses import BroadcastKind, BroadcastStatus, DeliveryStatus
from bot.i18n import Translator, format_number
from bot.services.broadcasts.model import (
    CorrectionCandidate,
    Draft,
    FigureChange,
    Progress,
    ProgressView,
)
from bot.services.broadcasts.release_offers import ReleaseOffer
from bot.services.kernel.clock import LOCAL_TIME
from content.hanoi_places import BY_KEY
from content.knowledge import KnowledgeBase
from handlers.callback_data import Action, encode
from handlers.common import ADMIN_LANGUAGE, Screen
from handlers.errors import refusal_text
from handlers.render import Renderer

MAX_OFFERED_REPORTS = 5  # more are named by count: the dashboard lists them all


def _button(label: str, action: Action, argument: str | int = "") -> InlineKeyboardButton:
    return InlineKeyboardButton(label, callback_data=encode(action, str(argument)))


class ProgressTexts:
    """The delivery worker's ProgressPresenter (bot/delivery/worker.py), in the officials'
    group language."""

    def __init__(self, translate: Translator) -> None:
        self._r = Renderer(translate, ADMIN_LANGUAGE)

    def progress(self, view: ProgressView) -> tuple[str, InlineKeyboardMarkup | None]:
        screen = progress(self._r, view)
        return screen.text, screen.markup

    def report(self, view: ProgressView) -> str:
        return report(self._r, view)


# -- the draft and its schedule -------------------------------------------------------------


def draft(r: Renderer, draft: Draft) -> Screen:
    broadcast_id = draft.broadcast.id
    text = r.t(
        "broadcast-draft",
        id=str(broadcast_id),
        total=draft.total,
        vi=draft.recipients.get("vi", 0),
        en=draft.recipients.get("en", 0),
    )
    if not draft.total:
        text += "\n" + r.t("broadcast-draft-nobody")
    text += "".join("\n" + line for line in _who_reads_what(r, draft))
    return Screen(text, _draft_buttons(r, broadcast_id))


def _who_reads_what(r: Renderer, draft: Draft) -> list[str]:
    """Where it is aimed, and who reads a language the official did not write in."""
    lines = []
    if draft.broadcast.district_keys:
        lines.append(r.t("broadcast-draft-districts", places=escape(places(r, draft))))
    elif draft.broadcast.kind is not BroadcastKind.CORRECTION:  # a correction: who got it
        lines.append(r.t("broadcast-draft-everywhere"))
    lines += [
        r.t(
            "broadcast-draft-borrowed",
            readers=r.t(f"broadcast-language-{reader}"),
            count=draft.recipients.get(reader, 0),
            written=r.t(f"broadcast-language-{written}"),
        )
        for reader, written in draft.borrowed.items()
    ]
    return lines


def places(r: Renderer, draft: Draft) -> str:
    return ", ".join(
        r.t(f"subscribe-place-{BY_KEY[key].kind}", name=BY_KEY[key].name)
        for key in sorted(draft.broadcast.district_keys)
        if key in BY_KEY
    )


def confirm_send(r: Renderer, draft: Draft) -> Screen:
    """The last step before anything is sent: how many residents, in which language."""
    broadcast_id = draft.broadcast.id
    lines = [
        r.t(
            "broadcast-confirm-ask",
            id=str(broadcast_id),
            total=draft.total,
            vi=draft.recipients.get("vi", 0),
            en=draft.recipients.get("en", 0),
        ),
        *_who_reads_what(r, draft),
    ]
    buttons = [
        [
            _button(
                r.t("broadcast-button-confirm", total=draft.total),
                Action.BROADCAST_SEND,
                broadcast_id,
            )
        ],
        [_button(r.t("broadcast-button-back"), Action.BROADCAST_DRAFT, broadcast_id)],
    ]
    return Screen("\n".join(lines), InlineKeyboardMarkup(buttons))


def _draft_buttons(r: Renderer, broadcast_id: int) -> InlineKeyboardMarkup:
    return InlineKeyboardMarkup(
        [
            [
                _button(r.t("broadcast-button-send"), Action.BROADCAST_SEND_ASK, broadcast_id),
                _button(
                    r.t("broadcast-button-schedule"),
                    Action.BROADCAST_SCHEDULE_MENU,
                    broadcast_id,
                ),
            ],
            [_button(r.t("broadcast-button-cancel"), Action.BROADCAST_CANCEL, broadcast_id)],
        ]
    )


def schedule_menu(r: Renderer, broadcast_id: int, choices: Sequence[dt.datetime]) -> Screen:
    rows = [
        [
            _button(
                r.t("broadcast-schedule-option", when=when(r, moment)),
                Action.BROADCAST_SCHEDULE,
                f"{broadcast_id}:{int(moment.timestamp())}",
            )
        ]
        for moment in choices
    ]
    rows.append([_button(r.t("broadcast-button-back"), Action.BROADCAST_DRAFT, broadcast_id)])
    return Screen(
        r.t("broadcast-schedule-choose", id=str(broadcast_id)), InlineKeyboardMarkup(rows)
    )


def when(r: Renderer, moment: dt.datetime) -> str:
    """Hanoi time, as each language writes it."""
    pattern = "HH:mm EEEE dd/MM/yyyy" if r.language == "vi" else "EEE d MMM yyyy, HH:mm"
    return str(format_datetime(moment, pattern, tzinfo=LOCAL_TIME, locale=r.language))


# -- progress (the worker edits this message in place) -------------------------------------


def progress(r: Renderer, view: ProgressView) -> Screen:
    progress = view.progress
    broadcast = progress.broadcast
    status = progress.status
    if status is BroadcastStatus.SCHEDULED and broadcast.send_at is not None:
        lines = [
            r.t(
                "broadcast-state-scheduled",
                id=str(broadcast.id),
                when=when(r, broadcast.send_at),
            )
        ]
    else:
        lines = [r.t(f"broadcast-state-{status}", id=str(broadcast.id))]
    if status is not BroadcastStatus.DRAFT and progress.total:
        lines.append(_counts(r, progress))
    cancelled = progress.count(DeliveryStatus.CANCELLED)
    if cancelled:
        lines.append(r.t("broadcast-counts-cancelled", count=cancelled))
    if status is BroadcastStatus.SENDING:
        lines.append(_rate(r, view))
    return Screen("\n".join(lines), _progress_buttons(r, broadcast.id, status))


def _counts(r: Renderer, progress: Progress) -> str:
    return r.t(
        "broadcast-counts",
        sent=progress.sent,
        total=progress.total,
        remaining=progress.remaining,
        blocked=progress.count(DeliveryStatus.BLOCKED),
        failed=progress.count(DeliveryStatus.FAILED),
        skipped=progress.count(DeliveryStatus.SKIPPED),
    )


def _rate(r: Renderer, view: ProgressView) -> str:
    if view.rate is None or view.time_left is None:
        return r.t("broadcast-rate-unknown")
    rate = format_number(r.language, view.rate, digits=1)
    return r.t("broadcast-rate", rate=rate, left=duration(r, view.time_left))


def _progress_buttons(
    r: Renderer, broadcast_id: int, status: BroadcastStatus
) -> InlineKeyboardMarkup | None:
    cancel = _button(r.t("broadcast-button-cancel"), Action.BROADCAST_CANCEL, broadcast_id)
    if status is BroadcastStatus.DRAFT:
        return _draft_buttons(r, broadcast_id)
    if status is BroadcastStatus.SCHEDULED:
        send = _button(r.t("broadcast-button-send"), Action.BROADCAST_SEND_ASK, broadcast_id)
        return InlineKeyboardMarkup([[send, cancel]])
    if status is BroadcastStatus.SENDING:
        pause = _button(r.t("broadcast-button-pause"), Action.BROADCAST_PAUSE, broadcast_id)
        return InlineKeyboardMarkup([[pause, cancel]])
    if status is BroadcastStatus.PAUSED:
        resume = _button(r.t("broadcast-button-resume"), Action.BROADCAST_RESUME, broadcast_id)
        return InlineKeyboardMarkup([[resume, cancel]])
    return None


def report(r: Renderer, view: ProgressView) -> str:
    progress = view.progress
    broadcast = progress.broadcast
    began = broadcast.started_at or broadcast.created_at
    ended = broadcast.finished_at or began
    return r.t(
        "broadcast-report",
        id=str(broadcast.id),
        sent=progress.sent,
        blocked=progress.count(DeliveryStatus.BLOCKED),
        failed=progress.count(DeliveryStatus.FAILED),
        skipped=progress.count(DeliveryStatus.SKIPPED),
        duration=duration(r, ended - began),
    )


def duration(r: Renderer, span: dt.timedelta) -> str:
    total = max(0, round(span.total_seconds()))
    hours, rest = divmod(total, 3600)
    minutes, seconds = divmod(rest, 60)
    if hours:
        return r.t("broadcast-duration-hours", hours=hours, minutes=minutes)
    if minutes:
        return r.t("broadcast-duration-minutes", minutes=minutes, seconds=seconds)
    return r.t("broadcast-duration-seconds", seconds=seconds)


# -- history and corrections ----------------------------------------------------------------


def history(r: Renderer, items: Sequence[Progress], kb: KnowledgeBase) -> Screen:
    if not items:
        return Screen(r.t("broadcast-history-empty"))
    lines = [r.t("broadcast-history-title"), ""]
    for item in items:
        broadcast = item.broadcast
        moment = broadcast.started_at or broadcast.send_at or broadcast.created_at
        lines.append(
            r.t(
                "broadcast-history-line",
                id=str(broadcast.id),
                when=when(r, moment),
                kind=_kind(r, broadcast, kb),
                state=r.t(f"broadcast-history-state-{item.status}"),
                sent=item.sent,
                total=item.total,
                blocked=item.count(DeliveryStatus.BLOCKED),
                failed=item.count(DeliveryStatus.FAILED),
            )
        )
    return Screen("\n".join(lines))


def _kind(r: Renderer, broadcast: BroadcastRecord, kb: KnowledgeBase) -> str:
    if broadcast.kind == BroadcastKind.REPORT:
        report = kb.reports.get(broadcast.report_key or "")
        period = report.period.get(r.language) if report else broadcast.report_key or ""
        return r.t("broadcast-kind-report", period=escape(period))
    if broadcast.kind == BroadcastKind.CORRECTION:
        return r.t("broadcast-kind-correction", id=str(broadcast.corrects_id or ""))
    return r.t("broadcast-kind-text")


def corrections(r: Renderer, items: Sequence[CorrectionCandidate]) -> Screen:
    if not items:
        return Screen(r.t("correction-none"))
    lines, rows = _corrections(r, items)
    return Screen("\n".join([r.t("correction-list-title"), *lines]), InlineKeyboardMarkup(rows))


def release_offer(r: Renderer, offer: ReleaseOffer) -> Screen:
    """What a publish left to send, posted once to the group: each report not broadcast yet
    (newest first, the first few with a button) and each correction, with their counts."""
    reports = offer.offers.reports
    lines = [r.t("offer-title", release=str(offer.release_id))]
    rows = []
    for item in reports[:MAX_OFFERED_REPORTS]:
        report = item.report
        lines.append(
            r.t(
                "offer-report",
                title=escape(report.title.get(r.language)),
                period=escape(report.period.get(r.language)),
                count=item.recipients,
            )
        )
        label = r.t("offer-report-button", period=report.period.get(r.language))
        rows.append([_button(label, Action.BROADCAST_REPORT_PREPARE, report.key)])
    if len(reports) > MAX_OFFERED_REPORTS:
        lines.append(r.t("offer-more-reports", count=len(reports) - MAX_OFFERED_REPORTS))
    if reports:
        lines += ["", r.t("offer-report-hint")]
    correction_lines, correction_rows = _corrections(r, offer.offers.corrections)
    if correction_lines:
        lines += ["", r.t("offer-corrections"), *correction_lines]
    return Screen("\n".join(lines), InlineKeyboardMarkup([*rows, *correction_rows]))


def _corrections(
    r: Renderer, items: Sequence[CorrectionCandidate]
) -> tuple[list[str], list[list[InlineKeyboardButton]]]:
    lines: list[str] = []
    rows = []
    for item in items:
        broadcast = item.broadcast
        sent_on = (broadcast.started_at or broadcast.created_at).astimezone(LOCAL_TIME)
        lines += [
            "",
            r.t(
                "correction-list-item",
                id=str(broadcast.id),
                date=r.date(sent_on.date()),
                reached=item.reached,
            ),
        ]
        lines += [_change(r, change) for change in item.changes]
        label = r.t("correction-button", id=str(broadcast.id), reached=item.reached)
        rows.append([_button(label, Action.CORRECTION_PREPARE, broadcast.id)])
    return lines, rows


def _change(r: Renderer, change: FigureChange) -> str:
    now = change.now
    source = now or change.indicator.headline()
    unit = source.unit.get(r.language) if source.unit else ""

    def value(number: float | None) -> str:
        return r.t("correction-no-value") if number is None else r.quantity(number, unit)

    return r.t(
        "correction-list-change",
        name=escape(change.indicator.name.get(r.language)),
        period=escape(now.period.get(r.language) if now else change.period_key),
        old=escape(value(change.old_value)),
        new=escape(value(now.value if now else None)),
    )


# -- refusals -------------------------------------------------------------------------------


def refusal(r: Renderer, error: DomainError, kb: KnowledgeBase, wanted: str = "") -> str:
    """A broadcast's refusal names the report asked for and lists those there are."""
    reports = ", ".join(f"<code>{escape(item)}</code>" for item in kb.reports)
    return refusal_text(r, error, wanted=escape(wanted), reports=reports)
