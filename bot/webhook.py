"""Webhook mode: Telegram posts each update to WEBHOOK_URL on the dashboard's server.

An update is answered 200 only after its handlers have run, so an instance that dies mid-update
leaves it unconfirmed and Telegram delivers it again (to this instance or another one).
"""

from __future__ import annotations

import asyncio
import hmac
import json
import logging
from typing import Any

from aiohttp import web
from telegram import Update
from telegram.ext import Application

logger = logging.getLogger(__name__)

SECRET_HEADER = "X-Telegram-Bot-Api-Secret-Token"  # noqa: S105 - a header name


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

    async def handle(self, request: web.Request) -> web.Response:
        given = request.headers.get(SECRET_HEADER, "").encode()
        # Constant time: the comparison must not tell a guesser how much of the secret matched.
        if not hmac.compare_digest(given, self._secret):
            logger.warning("webhook: refused a request without the right secret token")
            return web.Response(status=401, text="wrong secret token")
        if not self._accepting:
            # Shutting down: Telegram retries, reaching another instance behind the proxy.
            return web.Response(status=503, text="stopping", headers={"Retry-After": "1"})
        update = await self._parse(request)
        if update is None:
            logger.warning("webhook: refused a body that is not an update")
            return web.Response(status=400, text="not an update")
        self._in_flight += 1
        self._drained.clear()
        try:
            application = self._application
            # The same path as polled updates: per-resident ordering and the concurrency cap.
            await application.update_processor.process_update(
                update, application.process_update(update)
            )
        finally:
            self._in_flight -= 1
            if self._in_flight == 0:
                self._drained.set()
        logger.debug("webhook: update %s handled", update.update_id)
        return web.Response(text="ok")

    async def _parse(self, request: web.Request) -> Update | None:
        try:
            data = json.loads(await request.read())
            if not isinstance(data, dict) or not isinstance(data.get("update_id"), int):
                return None
            return Update.de_json(data, self._application.bot)
        except Exception:  # any malformed body is the sender's problem, never a crash
            return None

    async def close(self) -> None:
        """Refuse new updates and wait for those being handled."""
        self._accepting = False
        await self._drained.wait()
