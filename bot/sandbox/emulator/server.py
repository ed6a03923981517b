"""The emulator's HTTP side: the Bot API endpoint and file downloads, with planned faults."""

from __future__ import annotations

import asyncio
import functools
import json
from types import TracebackType
from typing import Self

from aiohttp import web

from bot.sandbox.botapi.params import ApiError, JsonDict, Parameters, read_parameters
from bot.sandbox.emulator.acting import UserActions
from bot.sandbox.emulator.control import ANSWER_HOLD, FaultInjection
from bot.sandbox.emulator.methods import BotApiMethods
from bot.sandbox.emulator.observing import Observation
from bot.sandbox.emulator.state import EmulatorState
from bot.sandbox.emulator.waiting import Waiting
from bot.sandbox.emulator.webhook_delivery import WebhookDelivery
from bot.sandbox.emulator.world_snapshot import WorldSnapshots
from bot.sandbox.fault_plan import FaultKind, FaultPlan
from bot.sandbox.rate_limit import RateLimiter, RateLimits

MAX_UPLOAD_BYTES = 50 * 1024 * 1024  # Telegram's limit for bots' uploads
_json_dumps = functools.partial(json.dumps, ensure_ascii=False)

BAD_GATEWAY_PAGE = "<html><head><title>502 Bad Gateway</title></head></html>"


def _error_response(error: ApiError) -> web.Response:
    return web.json_response(error.to_json(), status=error.error_code, dumps=_json_dumps)


class BotApiEmulator(UserActions, Observation, Waiting, FaultInjection, WorldSnapshots):
    """A Telegram Bot API server in this process; see the package docstring."""

    def __init__(  # noqa: PLR0913 - keyword-only, every one defaulted
        self,
        *,
        token: str = "123456:TEST-TOKEN",  # noqa: S107 - a test bot token
        bot_id: int = 123456,
        bot_username: str = "danbiet_bot",
        bot_first_name: str = "danbiet",
        group_privacy: bool = True,
        rate_limits: RateLimits | None = None,
    ) -> None:
        self.token = token
        # Telegram's flood limits (429 with retry_after), only when asked for.
        self.rate_limiter = RateLimiter(rate_limits) if rate_limits is not None else None
        self.bot_user: JsonDict = {
            "id": bot_id,
            "is_bot": True,
            "first_name": bot_first_name,
            "username": bot_username,
        }
        self._state = EmulatorState(self.bot_user, group_privacy=group_privacy)
        self._methods = BotApiMethods(self._state)
        self.webhook_delivery = WebhookDelivery(self._state, self._methods)
        self.fault_plan: FaultPlan | None = None
        self._holds: dict[str, asyncio.Event] = {}
        self._held: dict[str, int] = {}
        self._runner: web.AppRunner | None = None
        self._base_url: str | None = None
        self.app = web.Application(client_max_size=MAX_UPLOAD_BYTES)
        self.app.router.add_get("/bot{token}/{method}", self._handle_api)
        self.app.router.add_post("/bot{token}/{method}", self._handle_api)
        self.app.router.add_get("/file/bot{token}/{file_path:.+}", self._handle_file)

    # --- server --------------------------------------------------------------------------------

    async def start(self, host: str = "127.0.0.1", port: int = 0) -> None:
        """Serve on ``host``:``port`` (0 picks a free port); see ``base_url``."""
        if self._runner is not None:
            raise RuntimeError("the emulator is already running")
        self._state.closing = False
        # handler_cancellation ends a long poll as soon as its client goes away.
        runner = web.AppRunner(
            self.app, handler_cancellation=True, access_log=None, shutdown_timeout=1.0
        )
        await runner.setup()
        site = web.TCPSite(runner, host, port)
        await site.start()
        self._runner = runner
        await self.webhook_delivery.start()
        bound_port = runner.addresses[0][1]
        shown_host = f"[{host}]" if ":" in host else host
        self._base_url = f"http://{shown_host}:{bound_port}"

    async def stop(self) -> None:
        if self._runner is None:
            return
        self._state.closing = True  # wakes long polls so that shutdown does not wait for them
        await self._state.notify()
        await self.webhook_delivery.stop()
        await self._runner.cleanup()
        self._runner = None
        self._base_url = None

    async def __aenter__(self) -> Self:
        await self.start()
        return self

    async def __aexit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        await self.stop()

    @property
    def base_url(self) -> str:
        """The server root, e.g. "http://127.0.0.1:43121"; only while running."""
        if self._base_url is None:
            raise RuntimeError("the emulator is not running; await start() first")
        return self._base_url

    async def _handle_api(self, request: web.Request) -> web.Response:
        if request.match_info["token"] != self.token:
            return _error_response(ApiError(401, "Unauthorized"))
        requested = request.match_info["method"]
        found = self._methods.lookup(requested)
        method = found[0] if found else requested
        state = self._state
        # getUpdates long polls are always pending; they do not make the bot "busy".
        counted = method != "getUpdates"
        if counted:
            state.requests_in_flight += 1
            await state.notify()
        values: JsonDict = {}
        try:
            try:
                values = await read_parameters(request)
            finally:
                state.calls.append((method, values))
            if found is None:
                raise ApiError(404, "Not Found: method not found")
            fault = self._take_fault(method)
            if fault is not None:
                raise fault
            await self._wait_while_held(method)
            plan = self.fault_plan
            planned = plan.draw(method) if plan is not None else None
            if plan is not None and planned is not None and planned is not FaultKind.DROP_AFTER:
                return await self._fail(request, method, values, planned, plan)
            if self.rate_limiter is not None:
                self.rate_limiter.check(method, values)
            result = await found[1](Parameters(values))
            await self._wait_while_held(ANSWER_HOLD + method)
            if plan is not None and planned is FaultKind.DROP_AFTER:
                return await self._fail(request, method, values, planned, plan)
        except ApiError as error:
            state.failed_calls.append((method, values, error.error_code, error.description))
            return _error_response(error)
        finally:
            if counted:
                state.requests_in_flight -= 1
                await state.notify()
        return web.json_response({"ok": True, "result": result}, dumps=_json_dumps)

    async def _handle_file(self, request: web.Request) -> web.Response:
        if request.match_info["token"] != self.token:
            return _error_response(ApiError(401, "Unauthorized"))
        stored = self._state.files_by_path.get(request.match_info["file_path"])
        if stored is None:
            return _error_response(ApiError(404, "Not Found"))
        return web.Response(
            body=stored.data, content_type=stored.mime_type or "application/octet-stream"
        )

    async def _fail(
        self,
        request: web.Request,
        method: str,
        values: JsonDict,
        kind: FaultKind,
        plan: FaultPlan,
    ) -> web.Response:
        """Answer a call as the planned fault: an error, a stall, or a dropped connection."""
        if kind is FaultKind.RATE_LIMIT:
            seconds = plan.retry_after
            raise ApiError(429, f"Too Many Requests: retry after {seconds}", retry_after=seconds)
        if kind is FaultKind.BAD_GATEWAY:
            self._state.failed_calls.append((method, values, 502, "Bad Gateway"))
            return web.Response(status=502, text=BAD_GATEWAY_PAGE, content_type="text/html")
        if kind is FaultKind.TIMEOUT:
            # The stall is the fault itself; the client's own timeout ends it first.
            await asyncio.sleep(plan.hold_seconds)
        self._state.failed_calls.append((method, values, 0, f"connection dropped ({kind})"))
        if request.transport is not None:
            request.transport.abort()
        return web.Response(status=499)
