"""Who may talk to the chat page: the WebSocket refuses other sites, and every page response
forbids inline script, framing and foreign connections."""

from __future__ import annotations

import re

from aiohttp import web

_SAFE_HOST = re.compile(r"[A-Za-z0-9.\-]+(:\d{1,5})?|\[[0-9A-Fa-f:.]+\](:\d{1,5})?")


def refuse_cross_origin_websocket(request: web.Request) -> None:
    """Raise 403 when the handshake comes from a page of another origin."""
    origin = request.headers.get("Origin")
    if origin is not None and origin not in {f"http://{request.host}", f"https://{request.host}"}:
        raise web.HTTPForbidden(text="cross-origin WebSocket refused")


def content_security_policy(request: web.Request) -> str:
    host = request.host if _SAFE_HOST.fullmatch(request.host) else ""
    sockets = f" ws://{host} wss://{host}" if host else ""
    return (
        "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
        f"connect-src 'self'{sockets}; manifest-src 'self'; base-uri 'none'; "
        "form-action 'none'; frame-ancestors 'none'"
    )


def page_headers(request: web.Request) -> dict[str, str]:
    return {
        "Content-Security-Policy": content_security_policy(request),
        "X-Content-Type-Options": "nosniff",
        "Referrer-Policy": "no-referrer",
        "Cache-Control": "no-cache",
    }
