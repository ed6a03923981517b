"""Officials' replies to tickets, and the prompts (messages) they answer in Telegram."""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Collection

from sqlalchemy import select, update
from sqlalchemy.ext.asyncio import AsyncSession

from bot.domain.records import (
    ReplyPromptRecord,
    ReplyRecord,
)
from storage.models import ReplyPrompt, TicketReply
from storage.repositories.common import row_record as _record


class ReplyRepository:
    def __init__(self, session: AsyncSession) -> None:
        self._session = session

    async def add(self, reply: ReplyRecord) -> None:
        self._session.add(TicketReply(**dataclasses.asdict(reply)))
        await self._session.flush()

    async def for_ticket(self, ticket_id: int) -> list[ReplyRecord]:
        statement = (
            select(TicketReply)
            .where(TicketReply.ticket_id == ticket_id)
            .order_by(TicketReply.created_at, TicketReply.id)
        )
        return [
            _record(ReplyRecord, row) for row in (await self._session.execute(statement)).scalars()
        ]

    async def texts_for(self, ticket_ids: Collection[int]) -> dict[int, list[str]]:
        """The replies' texts of many tickets at once, oldest first (for the search backfill)."""
        if not ticket_ids:
            return {}
        statement = (
            select(TicketReply.ticket_id, TicketReply.text)
            .where(TicketReply.ticket_id.in_(list(ticket_ids)))
            .order_by(TicketReply.ticket_id, TicketReply.created_at, TicketReply.id)
        )
        texts: dict[int, list[str]] = {}
        for ticket_id, text in (await self._session.execute(statement)).all():
            texts.setdefault(int(ticket_id), []).append(text)
        return texts


class ReplyPromptRepository:
    def __init__(self, session: AsyncSession) -> None:
        self._session = session

    async def add(self, prompt: ReplyPromptRecord) -> None:
        self._session.add(ReplyPrompt(**dataclasses.asdict(prompt)))
        await self._session.flush()

    async def get(self, chat_id: int, message_id: int) -> ReplyPromptRecord | None:
        row = await self._session.get(ReplyPrompt, (chat_id, message_id))
        if row is None:
            return None
        return _record(ReplyPromptRecord, row)

    async def mark_answered(self, chat_id: int, message_id: int, at: dt.datetime) -> None:
        await self._session.execute(
            update(ReplyPrompt)
            .where(ReplyPrompt.chat_id == chat_id, ReplyPrompt.message_id == message_id)
            .values(answered_at=at)
        )
