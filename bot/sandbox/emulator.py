"""An in-process Telegram Bot API server for end-to-end tests and the browser sandbox.

The real python-telegram-bot ``Application`` talks to it over HTTP exactly as it talks to
api.telegram.org::

    emulator = BotApiEmulator()
    await emulator.start()
    application = (
        ApplicationBuilder()
        .token(emulator.token)
        .base_url(f"{emulator.base_url}/bot")
        .base_file_url(f"{emulator.base_url}/file/bot")
        .build()
    )

Tests then act as users (``send_text``, ``press_button``, ``inline_query``...) and observe what
the bot did (``messages``, ``wait_for_bot_message``, ``calls``). Requests are validated the way
Telegram validates them, with Telegram's error codes and descriptions, so that bugs such as
un-escaped HTML or over-long callback data fail here first.

Observers registered with ``subscribe`` receive ``(event, payload)`` for these events:
``"message"`` (a new user or bot message), ``"edit"``, ``"delete"`` (the stored message),
``"callback_answer"``, ``"inline_answer"`` (the answer's parameters) and ``"chat_action"``.
Stored bot messages carry an extra ``"html"`` key with the HTML source when parse_mode was HTML.
"""

from __future__ import annotations

import asyncio
import functools
import json
import re
from collections.abc import Callable, Iterable
from types import TracebackType
from typing import Self, TypeVar

from aiohttp import web

from bot.sandbox.emulator_methods import BotApiMethods, scope_key
from bot.sandbox.emulator_params import ApiError, JsonDict, Parameters, read_parameters
from bot.sandbox.emulator_state import (
    TINY_PNG,
    EmulatorError,
    EmulatorState,
    Fault,
    Observer,
    public_message,
)
from bot.sandbox.emulator_validation import validate_scope
from bot.sandbox.fault_plan import FaultKind, FaultPlan
from bot.sandbox.html_entities import TRIMMED_WHITESPACE, utf16_len
from bot.sandbox.rate_limit import RateLimiter, RateLimits
from bot.sandbox.webhook_delivery import WebhookDelivery

__all__ = ["BotApiEmulator", "EmulatorError", "JsonDict", "command_entities"]

T = TypeVar("T")

MAX_UPLOAD_BYTES = 50 * 1024 * 1024  # Telegram's limit for bots' uploads
_BOT_COMMAND = re.compile(r"(?<![A-Za-z0-9_/])/[A-Za-z0-9_]{1,64}(?:@[A-Za-z0-9_]{3,32})?")
_json_dumps = functools.partial(json.dumps, ensure_ascii=False)


ANSWER_HOLD = "answer:"  # the key of holds on answers, beside holds on calls


def command_entities(text: str) -> list[JsonDict]:
    """bot_command entities for every "/command" or "/command@bot" in ``text``, as Telegram
    adds them to incoming messages (offsets and lengths in UTF-16 code units)."""
    entities = []
    for match in _BOT_COMMAND.finditer(text):
        offset = utf16_len(text[: match.start()])
        entities.append({"offset": offset, "length": len(match.group()), "type": "bot_command"})
    return entities


BAD_GATEWAY_PAGE = "<html><head><title>502 Bad Gateway</title></head></html>"


def _error_response(error: ApiError) -> web.Response:
    return web.json_response(error.to_json(), status=error.error_code, dumps=_json_dumps)


def _chat_instance(chat_id: int) -> str:
    # Stable per chat and opaque, like Telegram's.
    return str((chat_id * 2_654_435_761) % (1 << 63))


def _changed_since(state: EmulatorState, activity: int) -> bool | None:
    return True if state.activity != activity else None


class BotApiEmulator:
    def __init__(
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
        self.webhook_delivery = WebhookDelivery(self._state)
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

    def _take_fault(self, method: str) -> ApiError | None:
        faults = self._state.faults
        for fault in faults:
            # "*" spares getUpdates: the poller would swallow an error meant for the bot's code.
            if fault.method == method.lower() or (fault.method == "*" and method != "getUpdates"):
                fault.remaining -= 1
                if fault.remaining <= 0:
                    faults.remove(fault)
                return fault.error
        return None

    # --- records -----------------------------------------------------------------------------

    @property
    def pending_updates(self) -> int:
        """Updates the bot has not confirmed (getUpdates offset or webhook 2xx)."""
        return len(self._state.updates)

    @property
    def webhook(self) -> JsonDict | None:
        """The registered webhook (url, secret_token, max_connections), or None when polling."""
        return self._state.webhook

    @property
    def calls(self) -> list[tuple[str, JsonDict]]:
        """Every Bot API call as (method, decoded parameters), in order, failed ones included."""
        return self._state.calls

    @property
    def failed_calls(self) -> list[tuple[str, JsonDict, int, str]]:
        """Every call answered with an error: (method, parameters, error_code, description)."""
        return self._state.failed_calls

    @property
    def commands(self) -> dict[tuple[str, str], list[JsonDict]]:
        """setMyCommands storage: (scope JSON with sorted keys, language code or "") -> list."""
        return self._state.commands

    def commands_for(
        self, scope: JsonDict | None = None, language_code: str = ""
    ) -> list[JsonDict] | None:
        """The commands set for exactly this scope and language, or None."""
        return self._state.commands.get((scope_key(validate_scope(scope)), language_code))

    def calls_of(self, method: str) -> list[JsonDict]:
        return [params for name, params in self._state.calls if name == method]

    def messages(self, chat_id: int) -> list[JsonDict]:
        """The chat's current messages, users' and the bot's, oldest first."""
        return list(self._state.chat(chat_id).messages.values())

    def bot_messages(self, chat_id: int) -> list[JsonDict]:
        return list(self._state.iter_bot_messages(self._state.chat(chat_id)))

    def message(self, chat_id: int, message_id: int) -> JsonDict:
        message = self._state.chat(chat_id).messages.get(message_id)
        if message is None:
            raise EmulatorError(f"no message {message_id} in chat {chat_id}")
        return message

    def reply_keyboard(self, chat_id: int) -> JsonDict | None:
        """The reply keyboard (or force reply) the bot currently shows in the chat."""
        return self._state.chat(chat_id).reply_keyboard

    def force_reply_target(self, chat_id: int, user_id: int) -> int | None:
        """The message a Telegram client would make this user's next message reply to: the
        latest ForceReply prompt in the chat (a selective one only for the users it mentions)."""
        chat = self._state.chat(chat_id)
        if chat.force_reply_to is None or not (chat.reply_keyboard or {}).get("force_reply"):
            return None
        prompt = chat.messages.get(chat.force_reply_to)
        if prompt is None:
            return None
        if (chat.reply_keyboard or {}).get("selective"):
            mentioned = {
                entity.get("user", {}).get("id")
                for entity in prompt.get("entities", [])
                if entity.get("type") == "text_mention"
            }
            if user_id not in mentioned:
                return None
        return chat.force_reply_to

    def subscribe(self, callback: Observer) -> Callable[[], None]:
        """Observe events (see the module docstring); returns the unsubscribe function."""
        self._state.observers.append(callback)

        def unsubscribe() -> None:
            if callback in self._state.observers:
                self._state.observers.remove(callback)

        return unsubscribe

    def inject_error(
        self,
        method: str,
        *,
        error_code: int,
        description: str,
        retry_after: int | None = None,
        times: int = 1,
    ) -> None:
        """Make the next ``times`` calls of ``method`` ("*": any but getUpdates) fail."""
        if times < 1:
            raise ValueError("times must be at least 1")
        if method != "*" and self._methods.lookup(method) is None:
            raise ValueError(f"the emulator implements no Bot API method {method!r}")
        if error_code == 429 and retry_after is None:
            retry_after = 1
        error = ApiError(error_code, description, retry_after=retry_after)
        self._state.faults.append(Fault(method if method == "*" else method.lower(), error, times))

    def hold_calls(self, method: str) -> None:
        """Calls of ``method`` wait, unanswered, until ``release_calls``: a slow Telegram."""
        self._holds[method.lower()] = asyncio.Event()

    def release_calls(self, method: str) -> None:
        hold = self._holds.pop(method.lower(), None)
        if hold is not None:
            hold.set()

    def hold_answers(self, method: str) -> None:
        """Calls of ``method`` are carried out (the message is delivered) but their answers
        wait until ``release_answers``: a bot killed then never learns the call succeeded."""
        self.hold_calls(ANSWER_HOLD + method)

    def release_answers(self, method: str) -> None:
        self.release_calls(ANSWER_HOLD + method)

    async def wait_for_held_calls(self, method: str, count: int, timeout: float = 5.0) -> None:  # noqa: ASYNC109
        """Wait until ``count`` calls of ``method`` are being held."""
        key = method.lower()

        def enough() -> bool | None:
            return True if self._held.get(key, 0) >= count else None

        if await self._wait_for(enough, timeout) is None:
            raise TimeoutError(f"{self._held.get(key, 0)} of {count} {method} calls held")

    async def _wait_while_held(self, method: str) -> None:
        key = method.lower()
        hold = self._holds.get(key)
        if hold is None:
            return
        self._held[key] = self._held.get(key, 0) + 1
        await self._state.notify()
        try:
            await hold.wait()
        finally:
            self._held[key] -= 1

    def inject_faults(self, plan: FaultPlan | None) -> None:
        """From now on, fail a share of calls as ``plan`` says (None: stop)."""
        self.fault_plan = plan

    def clear_injected_errors(self) -> None:
        self._state.faults.clear()

    # --- users and chats -----------------------------------------------------------------------

    def add_user(
        self,
        user_id: int,
        first_name: str,
        *,
        language_code: str | None = "vi",
        username: str | None = None,
        last_name: str | None = None,
    ) -> JsonDict:
        """Register a user and their private chat with the bot (chat id == user id)."""
        return self._state.add_user(
            user_id,
            first_name,
            language_code=language_code,
            username=username,
            last_name=last_name,
        )

    def add_group(
        self,
        chat_id: int,
        title: str,
        *,
        administrators: Iterable[int] = (),
        members: Iterable[int] = (),
        creator: int | None = None,
        username: str | None = None,
        bot_status: str = "member",
    ) -> JsonDict:
        """Register a group with the bot in it (``bot_status``); ids from -100... make it a
        supergroup, as on Telegram."""
        chat = self._state.add_group(chat_id, title, username=username)
        self.set_member_status(chat_id, self.bot_user["id"], bot_status)
        for user_id in members:
            self.set_member_status(chat_id, user_id, "member")
        for user_id in administrators:
            self.set_member_status(chat_id, user_id, "administrator")
        if creator is not None:
            self.set_member_status(chat_id, creator, "creator")
        return chat

    def set_member_status(self, chat_id: int, user_id: int, status: str) -> None:
        """Set a user's (or the bot's) status in a group: creator, administrator, member,
        restricted, left or kicked."""
        self._state.set_member_status(chat_id, user_id, status)

    def block_bot(self, user_id: int, blocked: bool = True) -> None:
        """The user blocks (or unblocks) the bot: sends to them fail with 403."""
        self._state.user(user_id)
        if blocked:
            self._state.blocked_by.add(user_id)
        else:
            self._state.blocked_by.discard(user_id)

    # --- what users do -------------------------------------------------------------------------

    async def send_text(
        self,
        user_id: int,
        text: str,
        *,
        chat_id: int | None = None,
        reply_to_message_id: int | None = None,
    ) -> JsonDict:
        """The user sends a text message; returns the Update (queued unless filtered)."""
        text = text.strip(TRIMMED_WHITESPACE)  # Telegram clients and servers trim messages
        if not text:
            raise EmulatorError("Telegram does not send empty messages")
        content: JsonDict = {"text": text}
        entities = command_entities(text)
        if entities:
            content["entities"] = entities
        return await self._state.post_user_message(user_id, chat_id, content, reply_to_message_id)

    async def send_sticker(
        self, user_id: int, *, emoji: str = "👍", chat_id: int | None = None
    ) -> JsonDict:
        stored = self._state.store_file("sticker", b"RIFF\x00\x00\x00\x00WEBP")
        sticker = {
            "file_id": stored.file_id,
            "file_unique_id": stored.file_unique_id,
            "type": "regular",
            "width": 512,
            "height": 512,
            "is_animated": False,
            "is_video": False,
            "emoji": emoji,
            "file_size": len(stored.data),
        }
        return await self._state.post_user_message(user_id, chat_id, {"sticker": sticker}, None)

    async def send_photo(
        self, user_id: int, *, caption: str | None = None, chat_id: int | None = None
    ) -> JsonDict:
        content: JsonDict = {"photo": self._state.store_photo(TINY_PNG)}
        if caption:
            content["caption"] = caption
        return await self._state.post_user_message(user_id, chat_id, content, None)

    async def send_location(
        self, user_id: int, latitude: float, longitude: float, *, chat_id: int | None = None
    ) -> JsonDict:
        location = {"latitude": latitude, "longitude": longitude}
        return await self._state.post_user_message(user_id, chat_id, {"location": location}, None)

    async def press_button(
        self, user_id: int, chat_id: int, message_id: int, callback_data: str
    ) -> str:
        """The user presses an inline button carrying ``callback_data`` (not checked against
        the keyboard, so tests can forge data); returns the callback query id."""
        state = self._state
        user = state.user(user_id)
        chat = state.chat(chat_id)
        message = chat.messages.get(message_id)
        if message is None:
            raise EmulatorError(f"no message {message_id} in chat {chat_id}")
        query_id = state.next_query_id()
        query = {
            "id": query_id,
            "from": user,
            "message": public_message(message),
            "chat_instance": _chat_instance(chat.id),
            "data": callback_data,
        }
        state.open_callback_queries.add(query_id)
        state.enqueue("callback_query", query)
        await state.notify()
        return query_id

    async def press_button_by_text(
        self, user_id: int, chat_id: int, message_id: int, button_text: str
    ) -> str:
        """Press the callback button labelled ``button_text`` on the message's keyboard."""
        message = self.message(chat_id, message_id)
        rows = message.get("reply_markup", {}).get("inline_keyboard", [])
        buttons = [button for row in rows for button in row]
        for button in buttons:
            if button.get("text") == button_text:
                if "callback_data" not in button:
                    raise EmulatorError(f"button {button_text!r} is not a callback button")
                return await self.press_button(
                    user_id, chat_id, message_id, button["callback_data"]
                )
        labels = [button.get("text") for button in buttons]
        raise EmulatorError(
            f"no button {button_text!r} on message {message_id} in chat {chat_id}; "
            f"buttons: {labels}"
        )

    async def inline_query(self, user_id: int, query: str, *, offset: str = "") -> str:
        """The user types "@bot query"; returns the inline query id."""
        state = self._state
        query_id = state.next_query_id()
        payload = {
            "id": query_id,
            "from": state.user(user_id),
            "query": query,
            "offset": offset,
            "chat_type": "sender",
        }
        state.open_inline_queries.add(query_id)
        state.enqueue("inline_query", payload)
        await state.notify()
        return query_id

    # --- waiting -------------------------------------------------------------------------------

    async def _wait_for(self, find: Callable[[], T | None], within: float) -> T | None:
        """The first non-None ``find()``, re-checked on every change; None on timeout."""
        found = find()
        if found is not None:
            return found
        results: list[T] = []

        def check() -> bool:
            value = find()
            if value is not None:
                results.append(value)
            return value is not None

        try:
            async with asyncio.timeout(within), self._state.changed:
                await self._state.changed.wait_for(check)
        except TimeoutError:
            return None
        return results[-1]

    async def wait_for_webhook_error(self, timeout: float = 5.0) -> str:  # noqa: ASYNC109
        """The next failed webhook delivery's description (as getWebhookInfo reports it)."""
        self._state.webhook_error = None

        def find() -> str | None:
            error = self._state.webhook_error
            return error[1] if error is not None else None

        found = await self._wait_for(find, timeout)
        if found is None:
            raise TimeoutError(f"no webhook delivery failed within {timeout}s")
        return found

    async def wait_for_bot_message(
        self,
        chat_id: int,
        predicate: Callable[[JsonDict], bool] | None = None,
        *,
        timeout: float = 5.0,  # noqa: ASYNC109 - part of the specified test API
        after: int | None = None,
    ) -> JsonDict:
        """The first bot message in the chat newer than ``after`` (default: newer than any
        message at the time of the call) that satisfies ``predicate``.

        When other awaits separate the triggering action from this call, pass
        ``after=update["message"]["message_id"]`` so that a quick reply is not missed.
        """
        chat = self._state.chat(chat_id)
        newer_than = chat.last_message_id if after is None else after

        def find() -> JsonDict | None:
            for message in chat.messages_after(newer_than):
                if self._state.is_bot_message(message) and (
                    predicate is None or predicate(message)
                ):
                    return message
            return None

        found = await self._wait_for(find, timeout)
        if found is None:
            wanted = "matching the predicate " if predicate is not None else ""
            raise TimeoutError(
                f"no bot message {wanted}in chat {chat_id} after message_id {newer_than} "
                f"within {timeout}s\n{self._state.describe_recent(chat)}"
            )
        return found

    async def wait_for_edit(
        self,
        chat_id: int,
        message_id: int,
        predicate: Callable[[JsonDict], bool] | None = None,
        *,
        timeout: float = 5.0,  # noqa: ASYNC109 - part of the specified test API
    ) -> JsonDict:
        """The message once it has been edited (at least once) and satisfies ``predicate``."""
        chat = self._state.chat(chat_id)

        def find() -> JsonDict | None:
            message = chat.messages.get(message_id)
            if message is None or not chat.edit_counts.get(message_id):
                return None
            return message if predicate is None or predicate(message) else None

        found = await self._wait_for(find, timeout)
        if found is None:
            state = "deleted" if message_id not in chat.messages else "not edited as expected"
            raise TimeoutError(
                f"message {message_id} in chat {chat_id} {state} within {timeout}s\n"
                f"{self._state.describe_recent(chat)}"
            )
        return found

    async def wait_for_callback_answer(
        self,
        callback_query_id: str,
        timeout: float = 5.0,  # noqa: ASYNC109 - part of the specified test API
    ) -> JsonDict:
        """The answerCallbackQuery parameters for that query."""
        state = self._state
        if callback_query_id not in state.open_callback_queries | state.callback_answers.keys():
            raise EmulatorError(f"unknown callback query {callback_query_id}")
        found = await self._wait_for(lambda: state.callback_answers.get(callback_query_id), timeout)
        if found is None:
            raise TimeoutError(
                f"callback query {callback_query_id} not answered within {timeout}s"
                f"{self._state.describe_failed_calls()}"
            )
        return found

    async def wait_for_inline_answer(
        self,
        inline_query_id: str,
        timeout: float = 5.0,  # noqa: ASYNC109 - part of the specified test API
    ) -> JsonDict:
        """The answerInlineQuery parameters for that query, with "results" parsed."""
        state = self._state
        if inline_query_id not in state.open_inline_queries | state.inline_answers.keys():
            raise EmulatorError(f"unknown inline query {inline_query_id}")
        found = await self._wait_for(lambda: state.inline_answers.get(inline_query_id), timeout)
        if found is None:
            raise TimeoutError(
                f"inline query {inline_query_id} not answered within {timeout}s"
                f"{self._state.describe_failed_calls()}"
            )
        return found

    async def wait_until_idle(
        self,
        timeout: float = 5.0,  # noqa: ASYNC109 - part of the specified test API
        *,
        quiet_period: float = 0.05,
    ) -> None:
        """Wait until every queued update was confirmed by getUpdates, no bot request is in
        flight, and that stays so for ``quiet_period`` seconds.

        The quiet period covers the moment between the bot confirming an update and its
        handler's first request, which no server can observe.
        """
        state = self._state
        loop = asyncio.get_running_loop()
        deadline = loop.time() + timeout

        def idle() -> bool | None:
            return True if not state.updates and state.requests_in_flight == 0 else None

        while True:
            if await self._wait_for(idle, max(deadline - loop.time(), 0)) is None:
                raise TimeoutError(
                    f"the bot is not idle after {timeout}s: {len(state.updates)} updates not "
                    f"confirmed, {state.requests_in_flight} requests in flight"
                )
            activity = state.activity
            quiet = max(min(quiet_period, deadline - loop.time()), 0)
            changed = await self._wait_for(
                functools.partial(_changed_since, state, activity), quiet
            )
            if changed is None and idle():
                return
