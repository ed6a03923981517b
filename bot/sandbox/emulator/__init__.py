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

``BotApiEmulator`` (``server``: the HTTP side) is assembled from parts by concern: ``acting``
(what users do), ``observing`` (what tests read back), ``waiting`` and ``control`` (injected
errors, held calls, fault plans). The Bot API methods live in ``methods/``, one module per group;
the emulated world in ``state`` and ``records``; webhook pushes in ``webhook_delivery``.
"""

from bot.sandbox.botapi.params import JsonDict
from bot.sandbox.emulator.acting import command_entities
from bot.sandbox.emulator.records import EmulatorError
from bot.sandbox.emulator.server import BotApiEmulator

__all__ = ["BotApiEmulator", "EmulatorError", "JsonDict", "command_entities"]
