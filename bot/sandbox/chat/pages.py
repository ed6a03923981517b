"""The chat page's routes: the page, its static files, the bot's files and the WebSocket."""

from __future__ import annotations

from pathlib import Path
from typing import Final
from urllib.parse import quote

from aiohttp import web

from bot.sandbox.chat.hub import ChatHub
from bot.sandbox.chat.security import page_headers
from bot.sandbox.emulator import BotApiEmulator

STATIC_DIR: Final = Path(__file__).parent.parent / "static"
# By extension: an ES module is refused by browsers unless served with a JavaScript MIME type.
STATIC_TYPES: Final = {".js": "text/javascript", ".css": "text/css", ".svg": "image/svg+xml"}


def _static_files() -> dict[str, Path]:
    """What /static/ serves: the page's assets, by path under static/ (index.html aside)."""
    return {
        path.relative_to(STATIC_DIR).as_posix(): path
        for path in STATIC_DIR.rglob("*")
        if path.is_file() and path.suffix in STATIC_TYPES
    }


STATIC_FILES: Final = _static_files()


async def _page(request: web.Request) -> web.StreamResponse:
    return web.FileResponse(
        STATIC_DIR / "index.html",
        headers={**page_headers(request), "Content-Type": "text/html; charset=utf-8"},
    )


async def _static(request: web.Request) -> web.StreamResponse:
    path = STATIC_FILES.get(request.match_info["path"])
    if path is None:
        raise web.HTTPNotFound()
    content_type = STATIC_TYPES[path.suffix]
    return web.FileResponse(
        path, headers={**page_headers(request), "Content-Type": f"{content_type}; charset=utf-8"}
    )


async def _serve_file(request: web.Request) -> web.StreamResponse:
    """A photo (inline) or document (download) from the emulator's storage."""
    stored = request.app[CHAT_HUB].file(request.match_info["file_id"])
    if stored is None:
        raise web.HTTPNotFound()
    headers = {
        # Whatever a document holds, it never runs as a page of this origin.
        "Content-Security-Policy": "default-src 'none'; sandbox",
        "X-Content-Type-Options": "nosniff",
        "Cache-Control": "private, max-age=3600",
    }
    image_type = _image_type(stored.data) if stored.kind in {"photo", "sticker"} else None
    if image_type is not None:
        content_type = image_type
        headers["Content-Disposition"] = "inline"
    else:
        content_type = "application/octet-stream"
        name = stored.file_name or stored.file_path.rsplit("/", 1)[-1]
        headers["Content-Disposition"] = f"attachment; filename*=UTF-8''{quote(name)}"
    return web.Response(body=stored.data, content_type=content_type, headers=headers)


_IMAGE_SIGNATURES = (
    (b"\x89PNG\r\n\x1a\n", "image/png"),
    (b"\xff\xd8\xff", "image/jpeg"),
    (b"GIF8", "image/gif"),
)


def _image_type(data: bytes) -> str | None:
    for signature, mime_type in _IMAGE_SIGNATURES:
        if data.startswith(signature):
            return mime_type
    if data[:4] == b"RIFF" and data[8:12] == b"WEBP":
        return "image/webp"
    return None


CHAT_HUB: Final = web.AppKey("danbiet_chat_hub", ChatHub)


def add_chat_routes(
    app: web.Application,
    emulator: BotApiEmulator,
    *,
    admin_chat_id: int | None = None,
    official_user_id: int | None = None,
    bot_username: str = "danbiet_bot",
) -> None:
    """Serve the chat page at ``/`` of ``app``; ``app[CHAT_HUB]`` is its ``ChatHub``.

    Registers the preset residents (Lan, vi; Sam, en) with the emulator. With
    ``admin_chat_id`` (a group the emulator knows) the page offers the officials' group,
    where it writes as ``official_user_id``.
    """
    hub = ChatHub(
        emulator,
        admin_chat_id=admin_chat_id,
        official_user_id=official_user_id,
        bot_username=bot_username,
    )
    app[CHAT_HUB] = hub
    app.router.add_get("/", _page)
    app.router.add_get("/static/{path:.+}", _static)
    app.router.add_get("/files/{file_id}", _serve_file)
    app.router.add_get("/ws", hub.websocket)
    app.on_shutdown.append(hub.close)


def create_chat_app(
    emulator: BotApiEmulator,
    *,
    admin_chat_id: int | None = None,
    official_user_id: int | None = None,
    bot_username: str = "danbiet_bot",
) -> web.Application:
    """A stand-alone application serving only the chat page."""
    app = web.Application()
    add_chat_routes(
        app,
        emulator,
        admin_chat_id=admin_chat_id,
        official_user_id=official_user_id,
        bot_username=bot_username,
    )
    return app
