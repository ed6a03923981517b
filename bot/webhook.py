"""Webhook mode: Telegram posts each update to WEBHOOK_URL on the dashboard's server.

An update is answered 200 only after its handlers have run, so an instance that dies mid-update
leaves it unconfirmed and Telegram delivers it again (to this instance or another one).
Telegram also re-posts an update it thinks was lost (a slow answer, a dropped connection): the
ids of recent updates are kept (a bounded number), and a second post of one being handled waits
for it, of one handled is confirmed at once, handled once either way. The answer to an update
may carry its reply (bot/webhook_reply.py).
"""

from __future__ import annotations

import asyncio
import functools
import hmac
import json
import logging
from collections import OrderedDict
from typing import Any

from aiohttp import web
from telegram import Update
from telegram.ext import Application

from bot import webhook_reply

logger = logging.getLogger(__name__)

SECRET_HEADER = "X-Telegram-Bot-Api-Secret-Token"  # noqa: S105 - a header name
# Telegram's updates are a few kilobytes (a message is at most 4096 characters); a bigger body
# is not an update and is refused before it is read whole.
MAX_UPDATE_BYTES = 256 * 1024
# Telegram re-posts within minutes; thousands of ids cover that at any realistic rate, in a
# few hundred kilobytes.
RECENT_UPDATES = 10_000
# The replies answers carried (a few kilobytes each), for the re-posts of the most recent ones:
# Telegram re-posts within seconds to minutes, and a re-post of an older one gets no reply.
RECENT_REPLIES = 1_000
_json_dumps = functools.partial(json.dumps, ensure_ascii=False)


class WebhookReceiver:
    def __init__(
        self,
        application: Application[Any, Any, Any, Any, Any, Any],
        secret_token: str,
    ) -> None:
        self._application = application
        self._secret = secret_token.encode()
        self._accepting = True
        self._in_flight = 0
        self._drained = asyncio.Event()
        self._drained.set()
        # update_id -> its handling: done (True) once handled; dropped if handling failed.
        self._recent: OrderedDict[int, asyncio.Future[bool]] = OrderedDict()
        # update_id -> the reply its answer carried, for a re-post of it (fewer kept: bigger).
        self._replies: OrderedDict[int, bytes] = OrderedDict()

    async def handle(self, request: web.Request) -> web.Response:
        given = request.headers.get(SECRET_HEADER, "").encode()
        # Constant time: the comparison must not tell a guesser how much of the secret matched.
        if not hmac.compare_digest(given, self._secret):
            logger.warning("webhook: refused a request without the right secret token")
            return web.Response(status=401, text="wrong secret token")
        if not self._accepting:
            # Shutting down: Telegram retries, reaching another instance behind the proxy.
            return web.Response(status=503, text="stopping", headers={"Retry-After": "1"})
        body = await _bounded_body(request)
        if body is None:
            logger.warning("webhook: refused a body over %s bytes", MAX_UPDATE_BYTES)
            return web.Response(status=413, text="too large for an update")
        update = self._parse(body)
        if update is None:
            logger.warning("webhook: refused a body that is not an update")
            return web.Response(status=400, text="not an update")
        while (earlier := self._recent.get(update.update_id)) is not None:
            # A re-post: confirmed once the first post's handling is; handled again only if
            # that failed (then this post takes it over).
            if await asyncio.shield(earlier):
                logger.debug("webhook: update %s was posted again", update.update_id)
                # Telegram re-posts when it got no answer: the reply the answer carried, again.
                return self._answer(self._replies.get(update.update_id))
        handled = self._remember(update.update_id)
        self._in_flight += 1
        self._drained.clear()
        try:
            application = self._application
            with webhook_reply.answering() as slot:
                # The same path as polled updates: per-resident ordering and the concurrency cap.
                await application.update_processor.process_update(
                    update, application.process_update(update)
                )
                reply = slot.close()
            if reply is not None:
                self._keep_reply(update.update_id, _json_dumps(reply).encode())
        except BaseException:
            self._recent.pop(update.update_id, None)
            handled.set_result(False)
            raise
        finally:
            self._in_flight -= 1
            if self._in_flight == 0:
                self._drained.set()
        handled.set_result(True)
        logger.debug("webhook: update %s handled", update.update_id)
        return self._answer(self._replies.get(update.update_id))

    @staticmethod
    def _answer(reply: bytes | None) -> web.Response:
        """200, carrying the update's last call when it was a reply nobody reads the result of
        (bot/webhook_reply.py): Telegram runs it."""
        if reply is None:
            return web.Response(text="ok")
        return web.Response(body=reply, content_type="application/json")

    def _keep_reply(self, update_id: int, reply: bytes) -> None:
        self._replies[update_id] = reply
        while len(self._replies) > RECENT_REPLIES:
            self._replies.popitem(last=False)

    def _remember(self, update_id: int) -> asyncio.Future[bool]:
        handled: asyncio.Future[bool] = asyncio.get_running_loop().create_future()
        self._recent[update_id] = handled
        while len(self._recent) > RECENT_UPDATES:
            oldest, future = next(iter(self._recent.items()))
            if not future.done():
                break  # still being handled: kept, whatever the bound
            del self._recent[oldest]
        return handled

    def _parse(self, body: bytes) -> Update | None:
        try:
            data = json.loads(body)
            if not isinstance(data, dict) or not isinstance(data.get("update_id"), int):
                return None
            return Update.de_json(data, self._application.bot)
        except Exception:  # any malformed body is the sender's problem, never a crash
            return None

    async def close(self) -> None:
        """Refuse new updates and wait for those being handled."""
        self._accepting = False
        await self._drained.wait()


async def _bounded_body(request: web.Request) -> bytes | None:
    """The body, or None when it is over MAX_UPDATE_BYTES (said or found while reading)."""
    if request.content_length is not None and request.content_length > MAX_UPDATE_BYTES:
        return None
    body = bytearray()
    while chunk := await request.content.read(64 * 1024):
        body += chunk
        if len(body) > MAX_UPDATE_BYTES:
            return None
    return bytes(body)
