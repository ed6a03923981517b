"""The emulator's side of webhooks: pending updates are POSTed to the registered URL.

As Telegram does: one update at a time per chat (in order), up to ``max_connections`` requests
at once, the secret token in X-Telegram-Bot-Api-Secret-Token, and an update is forgotten only
when the webhook answers 2xx; otherwise it is posted again after a growing delay and
getWebhookInfo reports the last error. A 2xx answer whose body is a JSON object with "method"
is that Bot API call, run as if the bot had made it (its result goes nowhere, a failure only
to ``failed_calls``), and recorded in ``webhook_replies``, not in ``calls``: it was no request.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import logging
import time

import aiohttp

from bot.sandbox.botapi.params import ApiError, JsonDict, Parameters, normalize_parameters
from bot.sandbox.emulator.methods import BotApiMethods
from bot.sandbox.emulator.state import EmulatorState

logger = logging.getLogger(__name__)

SECRET_HEADER = "X-Telegram-Bot-Api-Secret-Token"  # noqa: S105 - a header name
REQUEST_TIMEOUT_SECONDS = 30
# Telegram waits minutes between retries; tests and the sandbox want seconds at most.
FIRST_RETRY_SECONDS = 0.05
LONGEST_RETRY_SECONDS = 1.0


def queue_key(update: JsonDict) -> object:
    """Updates with the same key are delivered one after another, in order."""
    for kind, payload in update.items():
        if kind == "update_id" or not isinstance(payload, dict):
            continue
        chat = payload.get("chat") or (payload.get("message") or {}).get("chat")
        if isinstance(chat, dict) and "id" in chat:
            return ("chat", chat["id"])
        sender = payload.get("from")
        if isinstance(sender, dict) and "id" in sender:
            return ("user", sender["id"])
    return ("update", update["update_id"])


class WebhookDelivery:
    def __init__(self, state: EmulatorState, methods: BotApiMethods) -> None:
        self._state = state
        self._methods = methods
        self._task: asyncio.Task[None] | None = None
        self._session: aiohttp.ClientSession | None = None
        self._posts: set[asyncio.Task[None]] = set()
        self._retry_at: dict[int, float] = {}
        self._failures: dict[int, int] = {}
        self.delivered = 0  # updates the webhook confirmed

    async def start(self) -> None:
        self._session = aiohttp.ClientSession(
            timeout=aiohttp.ClientTimeout(total=REQUEST_TIMEOUT_SECONDS)
        )
        self._task = asyncio.create_task(self._run(), name="emulator-webhook-delivery")

    async def stop(self) -> None:
        if self._task is not None:
            self._task.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await self._task
            self._task = None
        for post in list(self._posts):
            post.cancel()
        await asyncio.gather(*self._posts, return_exceptions=True)
        if self._session is not None:
            await self._session.close()
            self._session = None

    async def _run(self) -> None:
        state = self._state
        loop = asyncio.get_running_loop()
        while True:
            async with state.changed:
                ready = self._ready(loop.time())
                if not ready:
                    wait = self._next_retry(loop.time())
                    # asyncio.timeout, not wait_for: Python 3.11's wait_for could swallow the
                    # cancellation of stop() and keep this loop running.
                    with contextlib.suppress(TimeoutError):
                        async with asyncio.timeout(wait):
                            await state.changed.wait()
                    continue
            webhook = state.webhook
            if webhook is None:
                continue
            for update in ready:
                state.webhook_in_flight.add(update["update_id"])
                post = asyncio.create_task(self._post(webhook, update))
                self._posts.add(post)
                post.add_done_callback(self._posts.discard)

    def _ready(self, now: float) -> list[JsonDict]:
        """Updates to post now: the first pending one of each idle chat, within the cap."""
        state = self._state
        if state.webhook is None or state.closing:
            return []
        room = int(state.webhook["max_connections"]) - len(state.webhook_in_flight)
        busy = {
            queue_key(update)
            for update in state.updates
            if update["update_id"] in state.webhook_in_flight
        }
        ready: list[JsonDict] = []
        for update in state.updates:
            if len(ready) >= room:
                break
            key = queue_key(update)
            if key in busy:
                continue
            busy.add(key)  # later updates of this chat wait for this one
            if self._retry_at.get(update["update_id"], 0.0) <= now:
                ready.append(update)
        return ready

    def _next_retry(self, now: float) -> float | None:
        waiting = [at for at in self._retry_at.values() if at > now]
        return min(waiting) - now if waiting else None

    async def _post(self, webhook: JsonDict, update: JsonDict) -> None:
        state = self._state
        update_id = update["update_id"]
        headers = {SECRET_HEADER: webhook["secret_token"]} if webhook["secret_token"] else {}
        error: str | None = None
        try:
            if self._session is None:
                raise RuntimeError("webhook delivery is not running")
            async with self._session.post(webhook["url"], json=update, headers=headers) as answer:
                body = await answer.read()
                if not 200 <= answer.status < 300:
                    error = f"Wrong response from the webhook: {answer.status} {answer.reason}"
                elif answer.content_type == "application/json":
                    await self._run_reply(body)
        except TimeoutError:
            error = "Read timeout expired"
        except aiohttp.ClientError as failure:
            error = f"Connection failed: {type(failure).__name__}"
        finally:
            state.webhook_in_flight.discard(update_id)
        if error is None:
            self._confirm(update)
        else:
            failures = self._failures.get(update_id, 0) + 1
            self._failures[update_id] = failures
            delay = min(FIRST_RETRY_SECONDS * 2 ** (failures - 1), LONGEST_RETRY_SECONDS)
            self._retry_at[update_id] = asyncio.get_running_loop().time() + delay
            state.webhook_error = (int(time.time()), error)
        await state.notify()

    async def _run_reply(self, body: bytes) -> None:
        """The Bot API call in a webhook's answer, as Telegram runs it: no result to anyone."""
        try:
            call = json.loads(body)
        except ValueError:
            return
        if not isinstance(call, dict) or not isinstance(call.get("method"), str):
            return
        raw = {name: value for name, value in call.items() if name != "method"}
        found = self._methods.lookup(call["method"])
        method = found[0] if found else call["method"]
        values: JsonDict = raw
        try:
            values = normalize_parameters(raw)
            self._state.webhook_replies.append((method, values))
            if found is None:
                raise ApiError(404, "Not Found: method not found")
            await found[1](Parameters(values))
        except ApiError as failure:
            self._state.failed_calls.append(
                (method, values, failure.error_code, failure.description)
            )

    def _confirm(self, update: JsonDict) -> None:
        update_id = update["update_id"]
        self._retry_at.pop(update_id, None)
        self._failures.pop(update_id, None)
        with contextlib.suppress(ValueError):
            self._state.updates.remove(update)
        self.delivered += 1
