"""The one Telegram-backed sender of broadcasts, with its own HTTP connection pool.

It is a separate `telegram.Bot` from the application's: a broadcast holding every connection
of a pool would make interactive replies queue behind it. Telegram's answers become outcomes
the outbox understands; a 429 becomes RateLimited, which the worker answers by pausing.
"""

from __future__ import annotations

import asyncio
import logging

from telegram import Bot, InlineKeyboardMarkup, LinkPreviewOptions, Message, ReplyParameters
from telegram.constants import ParseMode
from telegram.error import BadRequest, Forbidden, RetryAfter, TelegramError

from bot.domain.records import BroadcastContent
from bot.domain.statuses import SendOutcome
from bot.metrics import Metrics
from bot.services.broadcasts.composition import fits_caption
from bot.services.broadcasts.model import Job, SendResult
from bot.services.tickets.notices import NoticeJob, NoticeResult
from bot.telegram_http import AiohttpRequest
from bot.telegram_retry import retry_after_seconds

logger = logging.getLogger(__name__)

SEND_TIMEOUT_SECONDS = 20.0
REPORT_TRIES = 3
NO_PREVIEW = LinkPreviewOptions(is_disabled=True)


class RateLimited(Exception):
    """Telegram's 429: nobody may send for `retry_after` seconds."""

    def __init__(self, retry_after: float) -> None:
        super().__init__(f"retry after {retry_after} s")
        self.retry_after = retry_after


class TelegramSender:
    def __init__(self, bot: Bot, metrics: Metrics | None = None) -> None:
        self._bot = bot
        self._metrics = metrics

    @classmethod
    def connect(
        cls, token: str, api_url: str, *, connections: int, metrics: Metrics | None = None
    ) -> TelegramSender:
        request = AiohttpRequest(
            connections, timeout=SEND_TIMEOUT_SECONDS, media_timeout=SEND_TIMEOUT_SECONDS * 3
        )
        bot = Bot(
            token,
            base_url=f"{api_url}/bot",
            base_file_url=f"{api_url}/file/bot",
            request=request,
        )
        return cls(bot, metrics)

    async def start(self) -> None:
        await self._bot.initialize()

    async def stop(self) -> None:
        await self._bot.shutdown()

    async def deliver(self, job: Job, content: BroadcastContent) -> SendResult:
        """Send one row's message; raises RateLimited on 429 (not an attempt)."""
        language = job.language if job.language in content.texts else "vi"
        text = content.texts[language]
        file_id = content.photo_file_ids.get(language)
        photo = content.photos.get(language)
        try:
            media = file_id if file_id is not None else photo
            if media is not None and not fits_caption(text):
                return await self._text_then_chart(job, text, media, uploading=file_id is None)
            if media is not None:
                message = await self._bot.send_photo(
                    job.chat_id, media, caption=text, parse_mode=ParseMode.HTML
                )
                uploaded = _largest_photo(message) if file_id is None else None
                return SendResult(job, SendOutcome.SENT, message.message_id, None, uploaded)
            message = await self._bot.send_message(
                job.chat_id, text, parse_mode=ParseMode.HTML, link_preview_options=NO_PREVIEW
            )
            return SendResult(job, SendOutcome.SENT, message.message_id)
        except TelegramError as error:
            outcome, reason = self._classify(error, "broadcasts")
            return SendResult(job, outcome, error=reason)

    async def deliver_notice(
        self, job: NoticeJob, text: str, markup: InlineKeyboardMarkup | None
    ) -> NoticeResult:
        """Send a resident's notice; raises RateLimited on 429 (not an attempt)."""
        try:
            message = await self._bot.send_message(
                job.chat_id,
                text,
                parse_mode=ParseMode.HTML,
                reply_markup=markup,
                link_preview_options=NO_PREVIEW,
            )
        except TelegramError as error:
            outcome, reason = self._classify(error, "notices")
            return NoticeResult(job, outcome, error=reason)
        return NoticeResult(job, SendOutcome.SENT, message.message_id)

    def _classify(self, error: TelegramError, client: str) -> tuple[SendOutcome, str]:
        """Telegram's refusal as an outcome; a 429 is raised as RateLimited instead."""
        if isinstance(error, RetryAfter):
            if self._metrics is not None:
                self._metrics.rate_limited.labels(client).inc()
            raise RateLimited(retry_after_seconds(error)) from None
        if isinstance(error, Forbidden):
            return SendOutcome.BLOCKED, error.message
        if isinstance(error, BadRequest):  # "chat not found", bad markup: sending again won't help
            return SendOutcome.REJECTED, error.message
        # 5xx, time-outs, network: worth another attempt
        return SendOutcome.TRANSIENT, error.message or type(error).__name__

    async def _text_then_chart(
        self, job: Job, text: str, media: str | bytes, *, uploading: bool
    ) -> SendResult:
        """A summary too long for a caption: the text first (it carries every figure), then
        the chart. Once the text is out the row is sent: a chart that fails is logged, never
        retried, so a retry cannot send the summary twice."""
        message = await self._bot.send_message(
            job.chat_id, text, parse_mode=ParseMode.HTML, link_preview_options=NO_PREVIEW
        )
        uploaded = None
        try:
            chart = await self._bot.send_photo(job.chat_id, media)
            uploaded = _largest_photo(chart) if uploading else None
        except TelegramError as error:
            logger.warning("chart not sent to chat %s after its summary: %s", job.chat_id, error)
        return SendResult(job, SendOutcome.SENT, message.message_id, None, uploaded)

    async def show(
        self, chat_id: int, message_id: int | None, text: str, markup: InlineKeyboardMarkup | None
    ) -> int | None:
        """Edit the progress message in place, or post it; its id, or None if Telegram said no."""
        try:
            if message_id is not None:
                await self._bot.edit_message_text(
                    text,
                    chat_id,
                    message_id,
                    parse_mode=ParseMode.HTML,
                    reply_markup=markup,
                    link_preview_options=NO_PREVIEW,
                )
                return message_id
            message = await self._bot.send_message(
                chat_id, text, parse_mode=ParseMode.HTML, reply_markup=markup
            )
            return message.message_id
        except BadRequest as error:
            if "not modified" in error.message:
                return message_id
            logger.warning("could not show broadcast progress in chat %s: %s", chat_id, error)
        except TelegramError as error:  # progress is best effort; the next tick tries again
            logger.warning("could not show broadcast progress in chat %s: %s", chat_id, error)
        return message_id

    async def post(self, chat_id: int, text: str, reply_to: int | None = None) -> None:
        """The final report: waits out a 429 (a group gets ~20 messages a minute)."""
        reply = None if reply_to is None else ReplyParameters(reply_to)
        for _ in range(REPORT_TRIES):
            try:
                await self._bot.send_message(
                    chat_id, text, parse_mode=ParseMode.HTML, reply_parameters=reply
                )
                return
            except RetryAfter as error:
                await asyncio.sleep(retry_after_seconds(error))
            except TelegramError as error:
                logger.warning("could not post a broadcast report in chat %s: %s", chat_id, error)
                return
        logger.warning("could not post a broadcast report in chat %s: flood limits", chat_id)


def _largest_photo(message: Message) -> str | None:
    return message.photo[-1].file_id if message.photo else None
