"""The steps a broadcast goes through, shared by the service's methods and the outbox: when it
may be scheduled, what it is made from, starting it with its delivery rows, and what a draft
shows (the messages someone will receive, with the counts)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Collection, Mapping, Sequence
from dataclasses import dataclass

from bot.domain.errors import BroadcastRefused
from bot.domain.records import BroadcastRecord, FigureRecord
from bot.domain.statuses import BroadcastKind, BroadcastRefusal, BroadcastStatus, DeliveryStatus
from bot.i18n import LANGUAGES, Language
from bot.services.broadcasts.composition import figure_changes, last_told, recipients_of
from bot.services.broadcasts.model import CorrectionCandidate, Draft, Progress, ResidentMessage
from bot.services.kernel.audit import AuditNote
from bot.services.kernel.clock import LOCAL_TIME
from bot.services.kernel.live_knowledge import LiveKnowledge
from content.hanoi_places import BY_KEY
from storage.uow import UnitOfWork

# The programme's residents live in Hanoi: schedules are offered and shown in its time.
SCHEDULE_HOURS = ((0, 12), (0, 19), (1, 8), (1, 19), (2, 8))  # (days ahead, hour)
SCHEDULE_CHOICES = 3
SCHEDULE_MARGIN = dt.timedelta(minutes=15)
MAX_SCHEDULE_AHEAD = dt.timedelta(days=31)
HISTORY_LIMIT = 10
OPEN = (BroadcastStatus.DRAFT, BroadcastStatus.SCHEDULED)
RUNNING = (BroadcastStatus.SENDING, BroadcastStatus.PAUSED)
CONFIRMED = (*RUNNING, BroadcastStatus.DONE)  # went out (or is going out) to residents


def schedule_choices(now: dt.datetime) -> list[dt.datetime]:
    """Sensible times to send later, Hanoi time: today 12:00 or 19:00, tomorrow 08:00..."""
    local = now.astimezone(LOCAL_TIME)
    choices = []
    for days, hour in SCHEDULE_HOURS:
        day = local.date() + dt.timedelta(days=days)
        moment = dt.datetime.combine(day, dt.time(hour), tzinfo=LOCAL_TIME)
        if moment - local >= SCHEDULE_MARGIN:
            choices.append(moment.astimezone(dt.UTC))
    return choices[:SCHEDULE_CHOICES]


@dataclass(frozen=True, slots=True)
class DraftOrigin:
    """What a broadcast is made from: an official's text, a report (the figures it carries, so
    that a later correction knows who read which value), or a correction of an earlier one."""

    kind: BroadcastKind
    figures: Sequence[FigureRecord] = ()
    report_key: str | None = None
    corrects_id: int | None = None
    districts: tuple[str, ...] = ()  # only residents of these wards and communes
    written_in: Language | None = None  # a text written in one language only


async def start(
    uow: UnitOfWork,
    record: BroadcastRecord,
    knowledge: LiveKnowledge,
    now: dt.datetime,
    **values: int,
) -> bool:
    """Draft or scheduled → sending, with its delivery rows, within the caller's transaction.
    False when someone else already started it (the status had moved on)."""
    won = await uow.broadcasts.transition(
        record.id, OPEN, BroadcastStatus.SENDING, started_at=now, **values
    )
    if not won:
        return False
    recipients = recipients_of(record, knowledge.current.kb)
    created = await uow.deliveries.create_for(record.id, recipients, now)
    if created:
        await uow.broadcasts.change(record.id, recipients=created)
    else:  # nobody to send to: done at once, and the worker still reports it
        await uow.broadcasts.change(record.id, status=BroadcastStatus.DONE, finished_at=now)
    return True


def shown_draft(
    record: BroadcastRecord,
    messages: Mapping[Language, ResidentMessage],
    recipients: Mapping[str, int],
) -> Draft:
    """The messages someone will receive (Vietnamese always shown), with the counts."""
    counts = {language: recipients.get(language, 0) for language in LANGUAGES}
    shown = {
        language: message
        for language, message in messages.items()
        if counts[language] or language == "vi"
    }
    return Draft(record, shown, counts)


def prepared_note(
    record: BroadcastRecord, origin: DraftOrigin, recipients: Mapping[str, int]
) -> AuditNote:
    """What the audit log says of a draft just prepared: its id, what it is made from, where
    it goes and how many residents it would reach now, by language. Never who they are nor
    the text (the broadcast row keeps that)."""
    if origin.kind is BroadcastKind.CORRECTION:
        # It goes to whoever its broadcast reached, wherever they live: no places.
        made_of = f"correction of broadcast {origin.corrects_id}"
    else:
        if origin.kind is BroadcastKind.REPORT:
            made_of = f"report {origin.report_key}"
        else:
            made_of = "text" + (
                f" written in {origin.written_in} only" if origin.written_in else ""
            )
        made_of += "; places " + (" ".join(origin.districts) or "all")
    counts = ", ".join(f"{language} {recipients.get(language, 0)}" for language in LANGUAGES)
    total = sum(recipients.get(language, 0) for language in LANGUAGES)
    return AuditNote(
        to_status=BroadcastStatus.DRAFT,
        detail=f"broadcast {record.id}: {made_of}; recipients {total} ({counts})",
    )


def moved_note(
    progress: Progress, *, send_at: dt.datetime | None = None, cancelled: int | None = None
) -> AuditNote:
    """What the audit log says of a broadcast confirmed, scheduled, paused, resumed or
    cancelled: its new status, its deliveries (made on a start, cancelled on a cancel), the
    time it is scheduled for."""
    record = progress.broadcast
    if send_at is not None:
        detail = f"at {send_at.isoformat(timespec='minutes')}"
    else:
        detail = f"{progress.total} recipients, {progress.sent} sent"
        if cancelled is not None:  # those pending; the worker stops those in flight
            detail += f", {cancelled} unsent cancelled"
    detail = f"broadcast {record.id}: {detail}"
    return AuditNote(to_status=record.status, detail=detail)


async def correction_candidate(
    uow: UnitOfWork,
    knowledge: LiveKnowledge,
    broadcast_id: int,
    record: BroadcastRecord | None = None,
) -> CorrectionCandidate | None:
    """The figures of that broadcast (or the last correction of them) the live content now
    states differently, with how many residents it reached; None for a correction itself."""
    record = record or await uow.broadcasts.get(broadcast_id)
    if record is None or record.kind == BroadcastKind.CORRECTION:
        return None
    corrections = (await uow.broadcasts.corrections_of([broadcast_id])).get(broadcast_id, [])
    figures = await uow.broadcasts.figures([broadcast_id, *corrections])
    told = last_told(figures.get(broadcast_id, []), (figures.get(item, []) for item in corrections))
    changes = figure_changes(knowledge.current.kb, told)
    reached = (await uow.deliveries.counts([broadcast_id]))[broadcast_id]
    return CorrectionCandidate(record, changes, reached.get(DeliveryStatus.SENT, 0))


def checked_places(districts: Collection[str]) -> tuple[str, ...]:
    """The wards and communes asked for, each known; an unknown key is a forged form."""
    chosen = tuple(sorted(set(districts)))
    if any(key not in BY_KEY for key in chosen):
        raise BroadcastRefused(BroadcastRefusal.UNKNOWN_DISTRICT)
    return chosen


async def progress_of(uow: UnitOfWork, broadcast_id: int) -> Progress:
    record = await uow.broadcasts.get(broadcast_id)
    if record is None:
        raise BroadcastRefused(BroadcastRefusal.UNKNOWN_BROADCAST, broadcast_id)
    counts = await uow.deliveries.counts([broadcast_id])
    return Progress(record, counts[broadcast_id])
