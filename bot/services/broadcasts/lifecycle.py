"""Officials' broadcasts: prepare (a preview), confirm now or for later, pause, cancel, review,
and correct figures that went out wrong. Every method checks that the actor is an official.

Each step is audited in its transaction: preparing a draft (`broadcast_prepared`: who, what it
is made from, where it goes, how many it would reach) and every move that changes a broadcast
(`broadcast_started|scheduled|paused|resumed|cancelled`). Nothing is sent before a
confirmation. Confirming creates one delivery row per recipient in the same transaction as the
status change, and only from a draft: confirming twice creates nothing twice. The delivery
worker (bot/delivery) sends the rows.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Collection, Mapping

from bot.domain.errors import BroadcastRefused
from bot.domain.records import BroadcastRecord, NewBroadcast
from bot.domain.statuses import BroadcastKind, BroadcastRefusal, BroadcastStatus
from bot.i18n import LANGUAGES, Language
from bot.services.broadcasts.composition import (
    carried_figures,
    corrected_figures,
    recipients_of,
    render_charts,
    report_digest,
    report_recipients,
    visible_length,
)
from bot.services.broadcasts.markup import telegram_markup
from bot.services.broadcasts.model import (
    MAX_TEXT_CHARS,
    BroadcastComposer,
    Confirmation,
    ConfirmOutcome,
    CorrectionCandidate,
    Draft,
    Offers,
    Progress,
    ReportOffer,
    ResidentMessage,
    text_languages,
)
from bot.services.broadcasts.signals import BroadcastSignals
from bot.services.broadcasts.steps import (
    CONFIRMED,
    HISTORY_LIMIT,
    MAX_SCHEDULE_AHEAD,
    OPEN,
    RUNNING,
    DraftOrigin,
    checked_places,
    correction_candidate,
    moved_note,
    prepared_note,
    progress_of,
    shown_draft,
    start,
)
from bot.services.kernel.actor import Actor
from bot.services.kernel.audit import audit_entry
from bot.services.kernel.backing import Backing
from bot.services.kernel.officials import Official, Officials, Permission
from storage.uow import UnitOfWork


class BroadcastService:
    def __init__(
        self,
        backing: Backing,
        officials: Officials,
        composer: BroadcastComposer,
        signals: BroadcastSignals,
        *,
        admin_chat_id: int | None = None,
    ) -> None:
        # Where officials run broadcasts and watch their progress (None: wherever they are).
        self.admin_chat_id = admin_chat_id
        self._uow = backing.uow
        self._knowledge = backing.knowledge
        self._officials = officials
        self._composer = composer
        self._signals = signals
        self._clock = backing.clock

    # -- preparing: a draft and its preview --------------------------------------------------

    async def prepare_text(
        self,
        actor: Actor,
        text: str | Mapping[Language, str],
        *,
        chat_id: int | None,
        districts: Collection[str] = (),
    ) -> Draft:
        """What the official wrote, one text for everyone or one per language (a language left
        empty reads another's: the draft says who reads which). Their formatting (`**bold**`,
        Telegram's tags) becomes Telegram HTML; anything else is escaped (markup.py)."""
        official = await self._officials.require(actor, Permission.BROADCAST)
        places = checked_places(districts)
        written = text_languages(text)
        if not written:
            raise BroadcastRefused(BroadcastRefusal.EMPTY_TEXT)
        # A language left empty reads another's message whole, never a text under a heading
        # in a language it is not written in.
        source = {
            language: language if language in written else next(iter(written))
            for language in LANGUAGES
        }
        messages = {
            language: ResidentMessage(
                self._composer.text_message(
                    source[language], telegram_markup(written[source[language]])
                )
            )
            for language in LANGUAGES
        }
        only = next(iter(written)) if len(written) == 1 else None
        origin = DraftOrigin(BroadcastKind.TEXT, districts=places, written_in=only)
        return await self._save_draft(actor, official, messages, origin, chat_id=chat_id)

    async def prepare_report(
        self,
        actor: Actor,
        report_key: str,
        *,
        chat_id: int | None,
        districts: Collection[str] = (),
    ) -> Draft:
        """A quarterly summary from the content, with its chart against the plan."""
        official = await self._officials.require(actor, Permission.BROADCAST)
        places = checked_places(districts)
        kb = self._knowledge.current.kb
        report = kb.reports.get(report_key)
        if report is None:
            raise BroadcastRefused(BroadcastRefusal.UNKNOWN_REPORT)
        digest = report_digest(kb, report)
        charts = await render_charts(self._composer, digest)
        # The whole summary, up to a text message's limit: it goes out as the chart's caption
        # when it fits one, else as a message of its own with the chart after it.
        messages = {
            language: ResidentMessage(
                self._composer.report_message(language, digest, MAX_TEXT_CHARS),
                charts.get(language),
            )
            for language in LANGUAGES
        }
        origin = DraftOrigin(
            BroadcastKind.REPORT, carried_figures(digest), report_key=report.key, districts=places
        )
        return await self._save_draft(actor, official, messages, origin, chat_id=chat_id)

    async def prepare_correction(
        self, actor: Actor, broadcast_id: int, *, chat_id: int | None
    ) -> Draft:
        """The old and new value of every figure of that broadcast the content now corrects,
        for exactly the residents it reached."""
        official = await self._officials.require(actor, Permission.BROADCAST)
        async with self._uow() as uow:
            candidate = await correction_candidate(uow, self._knowledge, broadcast_id)
        if candidate is None or not candidate.changes:
            raise BroadcastRefused(BroadcastRefusal.NOTHING_TO_CORRECT, broadcast_id)
        reports = self._knowledge.current.kb.reports
        messages = {
            language: ResidentMessage(
                self._composer.correction_message(
                    language, candidate.broadcast, candidate.changes, reports
                )
            )
            for language in LANGUAGES
        }
        origin = DraftOrigin(
            BroadcastKind.CORRECTION,
            corrected_figures(candidate.changes),
            corrects_id=broadcast_id,
        )
        return await self._save_draft(actor, official, messages, origin, chat_id=chat_id)

    async def _save_draft(
        self,
        actor: Actor,
        official: Official,
        messages: Mapping[Language, ResidentMessage],
        origin: DraftOrigin,
        *,
        chat_id: int | None,
    ) -> Draft:
        for message in messages.values():
            if visible_length(message.text) > MAX_TEXT_CHARS:
                raise BroadcastRefused(BroadcastRefusal.TEXT_TOO_LONG)
        new = NewBroadcast(
            kind=origin.kind,
            text_vi=messages["vi"].text,
            text_en=messages["en"].text,
            photo_vi=messages["vi"].photo,
            photo_en=messages["en"].photo,
            report_key=origin.report_key,
            corrects_id=origin.corrects_id,
            created_by=official.user_id or None,
            created_by_name=official.label,
            created_at=self._clock(),
            admin_chat_id=chat_id,
            districts=" ".join(origin.districts) or None,
            written_in=origin.written_in,
        )
        async with self._uow() as uow:
            record = await uow.broadcasts.add(new, BroadcastStatus.DRAFT)
            await uow.broadcasts.add_figures(record.id, origin.figures)
            kb = self._knowledge.current.kb
            recipients = await uow.subscriptions.count_recipients(recipients_of(record, kb))
            await uow.audit.add(
                audit_entry(
                    actor,
                    official.label,
                    "broadcast_prepared",
                    new.created_at,
                    prepared_note(record, origin, recipients),
                )
            )
            await uow.commit()
        return shown_draft(record, messages, recipients)

    # -- confirming, pausing, cancelling ---------------------------------------------------------

    async def confirm(
        self,
        actor: Actor,
        broadcast_id: int,
        *,
        send_at: dt.datetime | None = None,
        message_id: int | None = None,
    ) -> Confirmation:
        """Send now (rows made in this transaction) or at `send_at`; `message_id` is the
        admin-chat message that will show the progress."""
        official = await self._officials.require(actor, Permission.BROADCAST)
        now = self._clock()
        if send_at is not None and not now < send_at <= now + MAX_SCHEDULE_AHEAD:
            raise BroadcastRefused(BroadcastRefusal.TIME_PASSED, broadcast_id)
        async with self._uow() as uow:
            record = await self._get(uow, broadcast_id)
            if record.status == BroadcastStatus.CANCELLED:
                raise BroadcastRefused(BroadcastRefusal.FINISHED, broadcast_id)
            shown = {} if message_id is None else {"progress_message_id": message_id}
            if send_at is not None:
                won = await uow.broadcasts.transition(
                    broadcast_id,
                    [BroadcastStatus.DRAFT],
                    BroadcastStatus.SCHEDULED,
                    send_at=send_at,
                    **shown,
                )
                outcome = ConfirmOutcome.SCHEDULED
            else:
                won = await start(uow, record, self._knowledge, now, **shown)
                outcome = ConfirmOutcome.STARTED
            progress = await progress_of(uow, broadcast_id)
            if won:
                note = moved_note(progress, send_at=send_at)
                action = f"broadcast_{outcome.value}"  # broadcast_started|scheduled
                await uow.audit.add(audit_entry(actor, official.label, action, now, note))
            await uow.commit()
        if not won:
            return Confirmation(ConfirmOutcome.ALREADY, progress)
        self._signals.wake()
        return Confirmation(outcome, progress)

    async def pause(self, actor: Actor, broadcast_id: int) -> Progress:
        return await self._move(actor, broadcast_id, [BroadcastStatus.SENDING], "paused")

    async def resume(self, actor: Actor, broadcast_id: int) -> Progress:
        return await self._move(actor, broadcast_id, [BroadcastStatus.PAUSED], "resumed")

    async def cancel(self, actor: Actor, broadcast_id: int) -> Progress:
        """Stops at once: rows not yet sent are cancelled; a draft is discarded."""
        return await self._move(actor, broadcast_id, [*OPEN, *RUNNING], "cancelled")

    async def _move(
        self, actor: Actor, broadcast_id: int, from_statuses: list[BroadcastStatus], move: str
    ) -> Progress:
        """The move (paused, resumed, cancelled) audited as `broadcast_<move>`; pressed twice,
        the second changes nothing and is not audited."""
        official = await self._officials.require(actor, Permission.BROADCAST)
        target = BroadcastStatus.SENDING if move == "resumed" else BroadcastStatus(move)
        now = self._clock()
        async with self._uow() as uow:
            await self._get(uow, broadcast_id)
            extra = {"finished_at": now} if target is BroadcastStatus.CANCELLED else {}
            if not await uow.broadcasts.transition(broadcast_id, from_statuses, target, **extra):
                current = await progress_of(uow, broadcast_id)
                if current.status is target:  # pressed twice: already so
                    return current
                raise BroadcastRefused(BroadcastRefusal.FINISHED, broadcast_id)
            cancelled = None
            if target is BroadcastStatus.CANCELLED:
                cancelled = await uow.deliveries.cancel_pending(broadcast_id, now)
            progress = await progress_of(uow, broadcast_id)
            note = moved_note(progress, cancelled=cancelled)
            await uow.audit.add(audit_entry(actor, official.label, f"broadcast_{move}", now, note))
            await uow.commit()
        if target is BroadcastStatus.SENDING:
            self._signals.wake()
        else:
            self._signals.halt(broadcast_id)
        return progress

    # -- reviewing -------------------------------------------------------------------------------

    async def history(self, actor: Actor, limit: int = HISTORY_LIMIT) -> list[Progress]:
        """The latest broadcasts (drafts left out) with what became of their deliveries."""
        await self._officials.require(actor, Permission.BROADCAST)
        async with self._uow() as uow:
            records = await uow.broadcasts.recent(limit)
            counts = await uow.deliveries.counts([record.id for record in records])
        return [Progress(record, counts[record.id]) for record in records]

    async def progress(self, actor: Actor, broadcast_id: int) -> Progress:
        await self._officials.require(actor, Permission.BROADCAST)
        async with self._uow() as uow:
            await self._get(uow, broadcast_id)
            return await progress_of(uow, broadcast_id)

    async def ask_to_send(self, actor: Actor, broadcast_id: int) -> Draft | Progress:
        """ "Send now" asks first: the draft with today's counts, or, when it went out
        already, its progress (nothing left to ask)."""
        await self._officials.require(actor, Permission.BROADCAST)
        async with self._uow() as uow:
            record = await self._get(uow, broadcast_id)
            if record.status not in OPEN:
                return await progress_of(uow, broadcast_id)
            return await self._preview(uow, record)

    async def preview(self, actor: Actor, broadcast_id: int) -> Draft:
        """What residents get (or got) from a broadcast, with today's recipient count: the
        dashboard shows a draft again after the page that prepared it."""
        await self._officials.require(actor, Permission.BROADCAST)
        async with self._uow() as uow:
            return await self._preview(uow, await self._get(uow, broadcast_id))

    async def _preview(self, uow: UnitOfWork, record: BroadcastRecord) -> Draft:
        content = await uow.broadcasts.content(record.id)
        kb = self._knowledge.current.kb
        recipients = await uow.subscriptions.count_recipients(recipients_of(record, kb))
        if content is None:
            raise BroadcastRefused(BroadcastRefusal.UNKNOWN_BROADCAST, record.id)
        messages = {
            language: ResidentMessage(content.texts[language], content.photos.get(language))
            for language in LANGUAGES
        }
        return shown_draft(record, messages, recipients)

    async def corrections(self, actor: Actor) -> list[CorrectionCandidate]:
        """Broadcasts that carried a figure the content now states differently."""
        await self._officials.require(actor, Permission.BROADCAST)
        async with self._uow() as uow:
            sent = await uow.broadcasts.confirmed_with_figures()
            found = [
                await correction_candidate(uow, self._knowledge, record.id, record)
                for record in sent
            ]
        return [item for item in found if item is not None and item.changes]

    async def offers(self, actor: Actor, among: Collection[str] | None = None) -> Offers:
        """What a publish leaves to broadcast: the live content's reports no broadcast has
        carried yet (newest first; with `among`, only those of these keys), and the corrections
        of figures it changed."""
        await self._officials.require(actor, Permission.BROADCAST)
        kb = self._knowledge.current.kb
        async with self._uow() as uow:
            confirmed = await uow.broadcasts.with_status(CONFIRMED)
            sent = {record.report_key for record in confirmed if record.report_key}
            fresh = sorted(
                (
                    report
                    for report in kb.reports.values()
                    if report.key not in sent and (among is None or report.key in among)
                ),
                key=lambda report: report.published,
                reverse=True,
            )
            reports = [
                ReportOffer(
                    report,
                    sum(
                        (
                            await uow.subscriptions.count_recipients(
                                report_recipients(kb, report.key)
                            )
                        ).values()
                    ),
                )
                for report in fresh
            ]
        return Offers(tuple(reports), tuple(await self.corrections(actor)))

    async def _get(self, uow: UnitOfWork, broadcast_id: int) -> BroadcastRecord:
        record = await uow.broadcasts.get(broadcast_id)
        if record is None:
            raise BroadcastRefused(BroadcastRefusal.UNKNOWN_BROADCAST, broadcast_id)
        return record
