"""Unit of work: one session per service call; rollback unless the service commits."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Awaitable, Callable
from types import TracebackType
from typing import Any, Self, TypeVar

from sqlalchemy import Select, TextClause, text
from sqlalchemy.exc import DBAPIError
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from storage.db import reading_session_factory
from storage.outage import (
    FIRST_RECONNECT_PAUSE,
    LONGEST_RECONNECT_PAUSE,
    CommitInDoubt,
    ConnectionLost,
    DatabaseOutage,
    commit_sending,
    is_disconnect,
    patience_left,
)
from storage.repositories.audit import AuditRepository
from storage.repositories.bans import BanRepository
from storage.repositories.broadcasts import BroadcastRepository
from storage.repositories.content_releases import ContentReleaseRepository
from storage.repositories.deliveries import DeliveryRepository
from storage.repositories.faq_drafts import FaqDraftRepository
from storage.repositories.feedback_drafts import DraftRepository
from storage.repositories.notices import NoticeRepository
from storage.repositories.privacy import PrivacyRepository
from storage.repositories.questions import QuestionRepository
from storage.repositories.release_offers import ReleaseOfferRepository
from storage.repositories.replies import ReplyPromptRepository, ReplyRepository
from storage.repositories.residents import ResidentRepository
from storage.repositories.sign_in_attempts import SignInAttemptRepository
from storage.repositories.staff import StaffAccountRepository, StaffSessionRepository
from storage.repositories.stats import StatsRepository
from storage.repositories.subscriptions import SubscriptionRepository
from storage.repositories.ticket_work import (
    NoteRepository,
    ReminderRepository,
    SavedAnswerRepository,
)
from storage.repositories.tickets import TicketRepository

logger = logging.getLogger(__name__)

T = TypeVar("T")


class ResumableSession(AsyncSession):
    """A session that survives its connection dropping in the middle of a unit of work, when
    that is safe: as long as the unit of work has only read (no write, no row lock, nothing
    pending), a failed read is the whole unit's work lost, so the session waits for the
    database (up to the unit's patience), and runs the read again on a new connection. PostgreSQL
    reads each statement at READ COMMITTED anyway, so the result is one the first connection
    could have given. After a write the failure is raised: the transaction and its locks are
    gone, and nothing was committed; the unit of work reports it as ConnectionLost, and the
    whole service call runs again (storage/outage.py).
    """

    outage_patience: float = 0.0
    only_reads: bool = False  # a reading unit of work's (UnitOfWork.reading): no transaction
    _wrote: bool = False

    async def execute(self, statement: Any, *args: Any, **kwargs: Any) -> Any:
        read = _is_read(statement)
        if not read:
            self._may_write()
        result = await self._resuming(
            lambda: super(ResumableSession, self).execute(statement, *args, **kwargs), read
        )
        self._wrote = self._wrote or not read
        return result

    async def get(self, *args: Any, **kwargs: Any) -> Any:
        read = kwargs.get("with_for_update") is None
        if not read:
            self._may_write()
        result = await self._resuming(
            lambda: super(ResumableSession, self).get(*args, **kwargs), read
        )
        self._wrote = self._wrote or not read
        return result

    async def flush(self, *args: Any, **kwargs: Any) -> None:
        if self.new or self.dirty or self.deleted:
            self._may_write()
        self._wrote = True
        await super().flush(*args, **kwargs)

    def _may_write(self) -> None:
        if self.only_reads:
            # Outside a transaction each write would be committed at once, alone.
            raise RuntimeError("a reading unit of work cannot write")

    async def _resuming(self, call: Callable[[], Awaitable[T]], read: bool) -> T:
        try:
            return await call()
        except (OSError, DBAPIError) as error:
            if not (read and self._resumable() and is_disconnect(error)):
                raise
            logger.warning("database connection lost mid-way (%s); resuming", type(error).__name__)
        await self.rollback()  # drops the dead connection; nothing was written to lose
        await wait_for_database(self, patience_left(self.outage_patience))
        return await call()

    def _resumable(self) -> bool:
        return not (self._wrote or self.new or self.dirty or self.deleted) and (
            not self.in_nested_transaction()
        )

    async def commit(self) -> None:
        await super().commit()
        self._wrote = False

    async def rollback(self) -> None:
        await super().rollback()
        self._wrote = False


def _is_read(statement: Any) -> bool:
    """A plain SELECT: no write, no FOR UPDATE lock that a new connection would not hold."""
    if isinstance(statement, Select):
        return statement._for_update_arg is None
    if isinstance(statement, TextClause):
        sql = statement.text.strip().lower()
        return sql.startswith("select") and "for update" not in sql
    return False


async def wait_for_database(session: AsyncSession, patience: float) -> None:
    """Take a connection now; while the database is away, wait for it up to ``patience``."""
    loop = asyncio.get_running_loop()
    deadline = loop.time() + patience
    pause = FIRST_RECONNECT_PAUSE
    while True:
        try:
            await session.connection()
            return
        except (OSError, DBAPIError) as error:
            if loop.time() + pause > deadline:
                raise
            logger.warning(
                "database unreachable (%s); trying again in %.1f s",
                type(error).__name__,
                pause,
            )
        await session.rollback()  # discard the failed attempt's state before the next
        await asyncio.sleep(pause)
        pause = min(pause * 2, LONGEST_RECONNECT_PAUSE)


class UnitOfWork:
    ticket_notes: NoteRepository
    saved_answers: SavedAnswerRepository
    ticket_reminders: ReminderRepository
    residents: ResidentRepository
    questions: QuestionRepository
    tickets: TicketRepository
    replies: ReplyRepository
    audit: AuditRepository
    drafts: DraftRepository
    reply_prompts: ReplyPromptRepository
    bans: BanRepository
    subscriptions: SubscriptionRepository
    broadcasts: BroadcastRepository
    deliveries: DeliveryRepository
    notices: NoticeRepository
    staff_accounts: StaffAccountRepository
    staff_sessions: StaffSessionRepository
    sign_in_attempts: SignInAttemptRepository
    stats: StatsRepository
    faq_drafts: FaqDraftRepository
    privacy: PrivacyRepository
    content_releases: ContentReleaseRepository
    release_offers: ReleaseOfferRepository

    def __init__(
        self,
        session_factory: async_sessionmaker[AsyncSession],
        outage_patience: float = 0.0,
        reading_sessions: async_sessionmaker[AsyncSession] | None = None,
    ) -> None:
        self._session_factory = session_factory
        self._reading_sessions = reading_sessions or session_factory
        self._outage_patience = outage_patience
        self._session: AsyncSession | None = None
        self._committed = False
        self._only_reads = False

    def reading(self) -> Self:
        """This unit of work only reads: on PostgreSQL it runs without a transaction (no BEGIN,
        no ROLLBACK), and a write or a commit in it is refused (storage/db.py's
        reading_session_factory says why that reads the same rows)."""
        self._only_reads = True
        return self

    async def __aenter__(self) -> Self:
        if self._session is not None:
            raise RuntimeError("a unit of work is not re-entrant; make a new one per call")
        sessions = self._reading_sessions if self._only_reads else self._session_factory
        self._session = sessions()
        if isinstance(self._session, ResumableSession):
            self._session.only_reads = self._only_reads
        try:
            await self._connect(self._session)
        except BaseException:
            session, self._session = self._session, None
            await session.close()
            raise
        self.residents = ResidentRepository(self._session)
        self.questions = QuestionRepository(self._session)
        self.tickets = TicketRepository(self._session)
        self.replies = ReplyRepository(self._session)
        self.audit = AuditRepository(self._session)
        self.drafts = DraftRepository(self._session)
        self.reply_prompts = ReplyPromptRepository(self._session)
        self.bans = BanRepository(self._session)
        self.subscriptions = SubscriptionRepository(self._session)
        self.broadcasts = BroadcastRepository(self._session)
        self.deliveries = DeliveryRepository(self._session)
        self.notices = NoticeRepository(self._session)
        self.staff_accounts = StaffAccountRepository(self._session)
        self.staff_sessions = StaffSessionRepository(self._session)
        self.sign_in_attempts = SignInAttemptRepository(self._session)
        self.stats = StatsRepository(self._session)
        self.faq_drafts = FaqDraftRepository(self._session)
        self.privacy = PrivacyRepository(self._session)
        self.content_releases = ContentReleaseRepository(self._session)
        self.release_offers = ReleaseOfferRepository(self._session)
        self.ticket_notes = NoteRepository(self._session)
        self.saved_answers = SavedAnswerRepository(self._session)
        self.ticket_reminders = ReminderRepository(self._session)
        return self

    async def __aexit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        session, self._session = self._session, None
        if session is None:
            return
        lost = exc is not None and not isinstance(exc, DatabaseOutage) and is_disconnect(exc)
        try:
            if not self._committed:
                await session.rollback()  # undo anything the service did not commit
        except Exception:
            if not lost:
                raise
            # The connection is gone, and with it the transaction: nothing is left to undo.
            logger.debug("rollback after a lost connection failed", exc_info=True)
        finally:
            await session.close()
        if lost:
            # Told in storage's words, so the service call can be run again from the start.
            raise ConnectionLost("database connection lost before the commit") from exc

    async def _connect(self, session: AsyncSession) -> None:
        """Take a connection now; while the database is away, wait for it up to the patience.

        Nothing has been done yet, so waiting here is always safe: a resident's update is
        handled late instead of failing when the database restarts or fails over. A connection
        lost later is resumed by the session itself while that is safe (ResumableSession), and
        otherwise fails the unit with ConnectionLost: the service call runs again from the
        start (storage/outage.py), which waits only for what is left of its patience.
        """
        if isinstance(session, ResumableSession):
            session.outage_patience = self._outage_patience
        await wait_for_database(session, patience_left(self._outage_patience))

    async def ping(self) -> None:
        """A round trip to the database (raises when it cannot be reached)."""
        if self._session is None:
            raise RuntimeError("ping outside `async with`")
        await self._session.execute(text("SELECT 1"))

    async def commit(self) -> None:
        if self._session is None:
            raise RuntimeError("commit outside `async with`")
        if self._only_reads:
            raise RuntimeError("a reading unit of work has nothing to commit")
        # The writes go out first: a connection lost while they do loses them all, safely.
        await self._session.flush()
        commit_sending()
        try:
            await self._session.commit()
        except (OSError, DBAPIError) as error:
            if not is_disconnect(error):
                raise
            # The COMMIT may have been applied with only its answer lost: never run it again.
            raise CommitInDoubt("database connection lost while committing") from error
        self._committed = True


UnitOfWorkFactory = Callable[[], UnitOfWork]


def unit_of_work_factory(
    session_factory: async_sessionmaker[AsyncSession], *, outage_patience: float = 0.0
) -> UnitOfWorkFactory:
    """``outage_patience``: seconds a unit of work waits for an unreachable database."""
    reading = reading_session_factory(session_factory)
    return lambda: UnitOfWork(session_factory, outage_patience, reading)
