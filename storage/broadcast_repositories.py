"""Repositories of subscriptions, broadcasts and the delivery outbox. They never commit."""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Collection, Iterable
from typing import Any, cast

from sqlalchemy import (
    ColumnElement,
    Table,
    and_,
    bindparam,
    case,
    delete,
    exists,
    func,
    insert,
    literal,
    or_,
    select,
    update,
)
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.ext.asyncio import AsyncSession

from storage.models import (
    Broadcast,
    BroadcastFigure,
    Delivery,
    Resident,
    Subscription,
    SubscriptionTopic,
    UtcDateTime,
)
from storage.records import (
    BroadcastContent,
    BroadcastRecord,
    ClaimedDelivery,
    DeliveryResult,
    FigureRecord,
    NewBroadcast,
    RecipientFilter,
    SubscriptionRecord,
)

ACTIVE = "active"
BLOCKED = "blocked"
PENDING = "pending"
IN_FLIGHT = "in_flight"
SENT = "sent"
# Broadcasts whose message went out (or is going out) to residents.
CONFIRMED_STATUSES = ("sending", "paused", "done")

_BROADCAST_FIELDS = [field.name for field in dataclasses.fields(BroadcastRecord)]


def _broadcast_record(row: Broadcast) -> BroadcastRecord:
    return BroadcastRecord(**{name: getattr(row, name) for name in _BROADCAST_FIELDS})


def _upsert(session: AsyncSession) -> Any:
    return postgresql.insert if session.get_bind().dialect.name == "postgresql" else sqlite.insert


def _reply_language() -> ColumnElement[str]:
    """The language a resident reads, in SQL so that 100,000 rows never reach Python.

    Mirrors bot.services.residents.reply_language without a question: the language chosen with
    /language, else Telegram's ("en", "en-GB"), else Vietnamese.
    """
    telegram = func.lower(func.coalesce(Resident.telegram_language, ""))
    return case(
        (Resident.language.in_(("vi", "en")), Resident.language),
        (or_(telegram == "en", func.substr(telegram, 1, 3).in_(("en-", "en_"))), "en"),
        else_="vi",
    )


class SubscriptionRepository:
    def __init__(self, session: AsyncSession) -> None:
        self._session = session

    async def get(self, resident_id: int) -> SubscriptionRecord | None:
        row = await self._session.get(Subscription, resident_id)
        if row is None:
            return None
        topics = await self._session.execute(
            select(SubscriptionTopic.kind, SubscriptionTopic.key).where(
                SubscriptionTopic.resident_id == resident_id
            )
        )
        return SubscriptionRecord(
            resident_id=row.resident_id,
            status=row.status,
            topics=frozenset((kind, key) for kind, key in topics.all()),
        )

    async def set_status(self, resident_id: int, status: str, now: dt.datetime) -> None:
        """Create or change the subscription; the resident row must exist."""
        statement = (
            _upsert(self._session)(Subscription)
            .values(resident_id=resident_id, status=status, created_at=now, updated_at=now)
            .on_conflict_do_update(
                index_elements=[Subscription.resident_id],
                set_={"status": status, "updated_at": now},
            )
        )
        await self._session.execute(statement)

    async def reactivate_blocked(self, resident_id: int, now: dt.datetime) -> bool:
        """A resident who had blocked the bot wrote again: they receive broadcasts again."""
        result = await self._session.execute(
            update(Subscription)
            .where(Subscription.resident_id == resident_id, Subscription.status == BLOCKED)
            .values(status=ACTIVE, updated_at=now)
        )
        return bool(result.rowcount)  # type: ignore[attr-defined]

    async def mark_blocked(self, resident_ids: Collection[int], now: dt.datetime) -> None:
        if resident_ids:
            await self._session.execute(
                update(Subscription)
                .where(Subscription.resident_id.in_(resident_ids), Subscription.status == ACTIVE)
                .values(status=BLOCKED, updated_at=now)
            )

    async def active_among(self, resident_ids: Collection[int]) -> set[int]:
        if not resident_ids:
            return set()
        rows = await self._session.execute(
            select(Subscription.resident_id).where(
                Subscription.resident_id.in_(resident_ids), Subscription.status == ACTIVE
            )
        )
        return set(rows.scalars())

    async def add_topic(self, resident_id: int, kind: str, key: str) -> None:
        statement = (
            _upsert(self._session)(SubscriptionTopic)
            .values(resident_id=resident_id, kind=kind, key=key)
            .on_conflict_do_nothing()
        )
        await self._session.execute(statement)

    async def remove_topic(self, resident_id: int, kind: str, key: str) -> None:
        await self._session.execute(
            delete(SubscriptionTopic).where(
                SubscriptionTopic.resident_id == resident_id,
                SubscriptionTopic.kind == kind,
                SubscriptionTopic.key == key,
            )
        )

    async def clear_topics(self, resident_id: int) -> None:
        await self._session.execute(
            delete(SubscriptionTopic).where(SubscriptionTopic.resident_id == resident_id)
        )

    async def count_recipients(self, recipients: RecipientFilter) -> dict[str, int]:
        """How many residents a broadcast would reach now, by language."""
        chosen = _recipients(recipients).subquery()
        rows = await self._session.execute(
            select(chosen.c.language, func.count()).group_by(chosen.c.language)
        )
        return {language: count for language, count in rows.all()}


def _recipients(recipients: RecipientFilter) -> Any:  # a Select of (chat_id, language)
    statement = (
        select(Subscription.resident_id.label("chat_id"), _reply_language().label("language"))
        .join(Resident, Resident.id == Subscription.resident_id)
        .where(Subscription.status == ACTIVE)
    )
    if recipients.reached_by is not None:
        reached = select(Delivery.chat_id).where(
            Delivery.broadcast_id == recipients.reached_by, Delivery.status == SENT
        )
        statement = statement.where(Subscription.resident_id.in_(reached))
    if recipients.topical:
        mine = SubscriptionTopic.resident_id == Subscription.resident_id
        matching = or_(
            and_(SubscriptionTopic.kind == "area", SubscriptionTopic.key.in_(recipients.areas)),
            and_(
                SubscriptionTopic.kind == "indicator",
                SubscriptionTopic.key.in_(recipients.indicators),
            ),
        )
        statement = statement.where(or_(~exists().where(mine), exists().where(mine, matching)))
    return statement


class BroadcastRepository:
    def __init__(self, session: AsyncSession) -> None:
        self._session = session

    async def add(self, broadcast: NewBroadcast, status: str) -> BroadcastRecord:
        row = Broadcast(**dataclasses.asdict(broadcast), status=status, recipients=0)
        self._session.add(row)
        await self._session.flush()
        return _broadcast_record(row)

    async def get(self, broadcast_id: int) -> BroadcastRecord | None:
        statement = select(*_columns()).where(Broadcast.id == broadcast_id)
        row = (await self._session.execute(statement)).one_or_none()
        return None if row is None else BroadcastRecord(*row)

    async def content(self, broadcast_id: int) -> BroadcastContent | None:
        row = await self._session.get(Broadcast, broadcast_id)
        if row is None:
            return None
        photos = {"vi": row.photo_vi, "en": row.photo_en}
        file_ids = {"vi": row.photo_file_id_vi, "en": row.photo_file_id_en}
        return BroadcastContent(
            id=row.id,
            texts={"vi": row.text_vi, "en": row.text_en},
            photos={language: data for language, data in photos.items() if data},
            photo_file_ids={language: value for language, value in file_ids.items() if value},
        )

    async def transition(
        self, broadcast_id: int, from_statuses: Iterable[str], to_status: str, **values: Any
    ) -> bool:
        """Change the status only from one of `from_statuses`: of two concurrent requests
        (a double confirmation, two workers starting a scheduled broadcast) one wins."""
        result = await self._session.execute(
            update(Broadcast)
            .where(Broadcast.id == broadcast_id, Broadcast.status.in_(tuple(from_statuses)))
            .values(status=to_status, **values)
        )
        return bool(result.rowcount)  # type: ignore[attr-defined]

    async def change(self, broadcast_id: int, **values: Any) -> None:
        await self._session.execute(
            update(Broadcast).where(Broadcast.id == broadcast_id).values(**values)
        )

    async def remember_file_id(self, broadcast_id: int, language: str, file_id: str) -> None:
        column = Broadcast.photo_file_id_en if language == "en" else Broadcast.photo_file_id_vi
        await self._session.execute(
            update(Broadcast)
            .where(Broadcast.id == broadcast_id, column.is_(None))
            .values({column: file_id})
        )

    async def due(self, now: dt.datetime) -> list[int]:
        rows = await self._session.execute(
            select(Broadcast.id)
            .where(Broadcast.status == "scheduled", Broadcast.send_at <= now)
            .order_by(Broadcast.send_at, Broadcast.id)
        )
        return list(rows.scalars())

    async def with_status(self, statuses: Iterable[str]) -> list[BroadcastRecord]:
        statement = (
            select(*_columns()).where(Broadcast.status.in_(tuple(statuses))).order_by(Broadcast.id)
        )
        return [BroadcastRecord(*row) for row in (await self._session.execute(statement)).all()]

    async def recent(self, limit: int) -> list[BroadcastRecord]:
        statement = (
            select(*_columns())
            .where(Broadcast.status != "draft")
            .order_by(Broadcast.id.desc())
            .limit(limit)
        )
        return [BroadcastRecord(*row) for row in (await self._session.execute(statement)).all()]

    async def add_figures(self, broadcast_id: int, figures: Iterable[FigureRecord]) -> None:
        values = [
            {"broadcast_id": broadcast_id, **dataclasses.asdict(figure)} for figure in figures
        ]
        if values:
            await self._session.execute(insert(BroadcastFigure), values)

    async def figures(self, broadcast_ids: Collection[int]) -> dict[int, list[FigureRecord]]:
        found: dict[int, list[FigureRecord]] = {}
        if not broadcast_ids:
            return found
        rows = await self._session.execute(
            select(BroadcastFigure)
            .where(BroadcastFigure.broadcast_id.in_(broadcast_ids))
            .order_by(BroadcastFigure.broadcast_id, BroadcastFigure.indicator_key)
        )
        for row in rows.scalars():
            found.setdefault(row.broadcast_id, []).append(
                FigureRecord(row.indicator_key, row.period_key, row.value, row.target)
            )
        return found

    async def confirmed_with_figures(self) -> list[BroadcastRecord]:
        """Broadcasts (not corrections) that started going out carrying figures, newest first."""
        carried = exists().where(BroadcastFigure.broadcast_id == Broadcast.id)
        statement = (
            select(*_columns())
            .where(
                Broadcast.started_at.is_not(None),  # cancelled midway, it still reached some
                Broadcast.corrects_id.is_(None),
                carried,
            )
            .order_by(Broadcast.id.desc())
        )
        return [BroadcastRecord(*row) for row in (await self._session.execute(statement)).all()]

    async def corrections_of(self, broadcast_ids: Collection[int]) -> dict[int, list[int]]:
        """Confirmed corrections of each broadcast, oldest first."""
        found: dict[int, list[int]] = {}
        if not broadcast_ids:
            return found
        rows = await self._session.execute(
            select(Broadcast.corrects_id, Broadcast.id)
            .where(
                Broadcast.corrects_id.in_(broadcast_ids),
                Broadcast.status.in_(CONFIRMED_STATUSES),
            )
            .order_by(Broadcast.id)
        )
        for original, correction in rows.all():
            if original is not None:
                found.setdefault(original, []).append(correction)
        return found


def _columns() -> list[Any]:
    return [getattr(Broadcast, name) for name in _BROADCAST_FIELDS]


class DeliveryRepository:
    def __init__(self, session: AsyncSession) -> None:
        self._session = session

    @property
    def shared_claims(self) -> bool:
        """Whether several workers can claim side by side (PostgreSQL's SKIP LOCKED)."""
        return self._session.get_bind().dialect.name == "postgresql"

    async def create_for(
        self, broadcast_id: int, recipients: RecipientFilter, now: dt.datetime
    ) -> int:
        """One pending row per recipient, in one statement: nothing passes through Python."""
        chosen = _recipients(recipients).subquery()
        rows = select(
            literal(broadcast_id),
            chosen.c.chat_id,
            chosen.c.language,
            literal(PENDING),
            literal(0),
            literal(now, UtcDateTime),
            literal(now, UtcDateTime),
        )
        columns = ["broadcast_id", "chat_id", "language", "status", "attempts"]
        result = await self._session.execute(
            insert(Delivery).from_select([*columns, "not_before", "updated_at"], rows)
        )
        return int(result.rowcount)  # type: ignore[attr-defined]

    async def claim(
        self, worker: str, limit: int, now: dt.datetime, lease_until: dt.datetime
    ) -> list[ClaimedDelivery]:
        """Mark up to `limit` due rows of running broadcasts as in flight for `worker`.

        On PostgreSQL the rows are locked with SKIP LOCKED, so concurrent workers each get
        different rows without waiting for one another; SQLite has one writer at a time.
        """
        sending = select(Broadcast.id).where(Broadcast.status == "sending")
        picked = (
            select(Delivery.id)
            .where(
                Delivery.status == PENDING,
                Delivery.not_before <= now,
                Delivery.broadcast_id.in_(sending),
            )
            .order_by(Delivery.id)
            .limit(limit)
        )
        if self.shared_claims:
            locked = picked.with_for_update(skip_locked=True, of=Delivery).cte("picked")
            condition: ColumnElement[bool] = Delivery.id == locked.c.id
        else:
            condition = Delivery.id.in_(picked.scalar_subquery())
        statement = (
            update(Delivery)
            .where(condition)
            .values(status=IN_FLIGHT, claimed_by=worker, lease_until=lease_until, updated_at=now)
            .returning(
                Delivery.id,
                Delivery.broadcast_id,
                Delivery.chat_id,
                Delivery.language,
                Delivery.attempts,
            )
        )
        rows = (await self._session.execute(statement)).all()
        return sorted((ClaimedDelivery(*row) for row in rows), key=lambda row: row.id)

    async def record(
        self, worker: str, results: Iterable[DeliveryResult], now: dt.datetime
    ) -> None:
        """Write outcomes of rows this worker still holds; a row another worker took over
        (its lease expired) is left to that worker."""
        table = cast(Table, Delivery.__table__)
        statement = (
            update(table)
            .where(
                table.c.id == bindparam("_id"),
                table.c.claimed_by == worker,
                table.c.status == IN_FLIGHT,
            )
            .values(
                status=bindparam("_status"),
                attempts=bindparam("_attempts"),
                not_before=bindparam("_not_before", type_=UtcDateTime),
                message_id=bindparam("_message_id"),
                error=bindparam("_error"),
                claimed_by=None,
                lease_until=None,
                updated_at=now,
            )
        )
        parameters = [
            {
                "_id": result.delivery_id,
                "_status": result.status,
                "_attempts": result.attempts,
                "_not_before": result.not_before or now,
                "_message_id": result.message_id,
                "_error": result.error[:200] if result.error else None,
            }
            for result in results
        ]
        if parameters:
            await self._session.execute(statement, parameters)

    async def finish(self, delivery_ids: Collection[int], status: str, now: dt.datetime) -> None:
        if delivery_ids:
            await self._session.execute(
                update(Delivery)
                .where(Delivery.id.in_(delivery_ids))
                .values(status=status, claimed_by=None, lease_until=None, updated_at=now)
            )

    async def release(self, worker: str, delivery_ids: Collection[int], now: dt.datetime) -> None:
        """Unsent rows go back: pending, or cancelled if their broadcast was cancelled."""
        if not delivery_ids:
            return
        cancelled = select(Broadcast.id).where(Broadcast.status == "cancelled")
        await self._session.execute(
            update(Delivery)
            .where(
                Delivery.id.in_(delivery_ids),
                Delivery.claimed_by == worker,
                Delivery.status == IN_FLIGHT,
            )
            .values(
                status=case((Delivery.broadcast_id.in_(cancelled), "cancelled"), else_=PENDING),
                claimed_by=None,
                lease_until=None,
                updated_at=now,
            )
        )

    async def release_stale(self, now: dt.datetime, *, everything: bool) -> int:
        """Rows left in flight by a dead worker: all of them, or those whose lease ran out."""
        condition: ColumnElement[bool] = Delivery.status == IN_FLIGHT
        if not everything:
            condition = and_(condition, Delivery.lease_until < now)
        result = await self._session.execute(
            update(Delivery)
            .where(condition)
            .values(status=PENDING, claimed_by=None, lease_until=None, updated_at=now)
        )
        return int(result.rowcount)  # type: ignore[attr-defined]

    async def cancel_pending(self, broadcast_id: int, now: dt.datetime) -> int:
        result = await self._session.execute(
            update(Delivery)
            .where(Delivery.broadcast_id == broadcast_id, Delivery.status == PENDING)
            .values(status="cancelled", updated_at=now)
        )
        return int(result.rowcount)  # type: ignore[attr-defined]

    async def counts(self, broadcast_ids: Collection[int]) -> dict[int, dict[str, int]]:
        found: dict[int, dict[str, int]] = {broadcast_id: {} for broadcast_id in broadcast_ids}
        if not broadcast_ids:
            return found
        rows = await self._session.execute(
            select(Delivery.broadcast_id, Delivery.status, func.count())
            .where(Delivery.broadcast_id.in_(broadcast_ids))
            .group_by(Delivery.broadcast_id, Delivery.status)
        )
        for broadcast_id, status, count in rows.all():
            found[broadcast_id][status] = count
        return found

    async def count_by_status(self) -> dict[str, int]:
        rows = await self._session.execute(
            select(Delivery.status, func.count()).group_by(Delivery.status)
        )
        return {status: int(count) for status, count in rows.all()}

    async def complete_broadcasts(self, now: dt.datetime) -> list[int]:
        """Running broadcasts with nothing left to send become done; returns their ids."""
        open_rows = exists().where(
            Delivery.broadcast_id == Broadcast.id, Delivery.status.in_((PENDING, IN_FLIGHT))
        )
        result = await self._session.execute(
            update(Broadcast)
            .where(Broadcast.status == "sending", ~open_rows)
            .values(status="done", finished_at=now)
            .returning(Broadcast.id)
        )
        return list(result.scalars())
