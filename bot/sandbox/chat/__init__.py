"""The sandbox's browser chat page: Telegram-like chats with the bot, served by aiohttp.

``add_chat_routes`` adds to an aiohttp application:

* ``GET /`` the page (``static/index.html``), ``GET /static/{path}`` its ES modules
  (``static/js/``, served as they are, no build step), styles and icon, all with a
  Content-Security-Policy that allows no inline script or style;
* ``GET /files/{file_id}`` photos and documents the bot sent, read from the emulator's storage;
* ``GET /ws`` the WebSocket the page talks over (JSON text frames, see ``ChatHub``), opened
  only by the page itself: its Host must name this server and its Origin be the page's.

The page is a thin view of the emulator: what a resident types goes to
``BotApiEmulator.send_text`` / ``press_button``, and what the emulator's observers report
(messages, edits, deletions, callback answers, chat actions) comes back over the WebSocket.
Modules: ``hub`` (sessions and the protocol below), ``event_log`` (numbered events for
resuming), ``messages`` (splitting and the page's view of a message), ``command_menu``,
``emulator_view``, ``security`` (who may connect; page headers) and ``pages`` (the routes).

Protocol, client to server::

    {"type": "open", "view": "private" | "group", "user_id": int | null,
     "epoch": str | null, "since": int | null, "chat_id": int | null}
        # (re)attach to a chat; since/chat_id/epoch only when resuming after a reconnection
    {"type": "send", "text": str}                         # split into <= 4096-unit parts
    {"type": "press", "message_id": int, "data": str}     # an inline callback button
    {"type": "create_resident", "name": str, "language": "vi" | "en"}
    {"type": "commands"}                                  # the "/" menu, refreshed

server to client::

    {"type": "welcome", "epoch", "bot", "residents", "group", "official", "limits"}
    {"type": "ready", "view", "user", "acting_user_id", "chat", "seq", "commands": [...],
     "mode": "snapshot", "messages": [...]}  or  {..., "mode": "replay", "events": [...]}
    {"type": "event", "seq", "chat_id", "event": "message" | "edit", "message": {...}}
    {"type": "event", "seq", "chat_id", "event": "delete", "message_id": int}
    {"type": "event", "seq", "chat_id", "event": "callback_answer", "message_id",
     "text", "show_alert", "url"}                         # only to the presser
    {"type": "chat_action", "chat_id", "action"}          # "typing"..., not replayed
    {"type": "residents", "residents": [...]}             # someone created a resident
    {"type": "resident_created", "resident": {...}}       # to its creator
    {"type": "commands", "commands": [...]}
    {"type": "sent", "parts": int}
    {"type": "error", "code": str}

Every chat event gets a number from one increasing sequence (``seq``). The page remembers the
last number it applied; when its WebSocket comes back it sends ``open`` with that number and
the ``epoch`` it was given. If the hub still holds every event of that chat after it, ``ready``
replays exactly those ("replay"); otherwise (another epoch: the sandbox restarted, or the
history was trimmed) ``ready`` carries the chat's current messages ("snapshot"). Rendering is
keyed by message_id, so nothing can appear twice either way.
"""

from bot.sandbox.chat.hub import LANGUAGES, ChatHub, Resident
from bot.sandbox.chat.messages import MAX_MESSAGE_LENGTH, split_message
from bot.sandbox.chat.pages import CHAT_HUB, add_chat_routes, create_chat_app

__all__ = [
    "CHAT_HUB",
    "LANGUAGES",
    "MAX_MESSAGE_LENGTH",
    "ChatHub",
    "Resident",
    "add_chat_routes",
    "create_chat_app",
    "split_message",
]
