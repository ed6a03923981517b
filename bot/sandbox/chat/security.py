"""Who may talk to the chat page: the WebSocket refuses other hosts and other sites, and
every page response forbids inline script, framing and foreign connections.

A site the resident visits can point its own domain at 127.0.0.1 (DNS rebinding) or open a
WebSocket to localhost from its page; either would let it act as a resident or an official of
the sandbox. Browsers always send ``Origin`` with a WebSocket handshake and cannot forge
``Host``, so the handshake is accepted only when ``Host`` names this server (a loopback name or
the address the connection reached, with the served port) and ``Origin`` is that same origin.
"""

from __future__ import annotations

import ipaddress
import re

from aiohttp import web

LOOPBACK_NAMES = frozenset({"localhost", "127.0.0.1", "[::1]"})
_SAFE_HOST = re.compile(r"[A-Za-z0-9.\-]+(:\d{1,5})?|\[[0-9A-Fa-f:.]+\](:\d{1,5})?")


def served_hosts(request: web.Request) -> frozenset[str]:
    """The ``Host`` values that name this server: loopback names or the local address the
    connection reached, each with the port it was served on (alone for port 80)."""
    transport = request.transport
    sockname = transport.get_extra_info("sockname") if transport is not None else None
    if not isinstance(sockname, tuple) or len(sockname) < 2:
        return frozenset()
    address, port = str(sockname[0]), int(sockname[1])
    names = set(LOOPBACK_NAMES)
    try:
        local = ipaddress.ip_address(address.split("%", 1)[0])
    except ValueError:
        local = None
    if local is not None and not local.is_unspecified:
        names.add(f"[{local}]" if local.version == 6 else str(local))
    hosts = {f"{name}:{port}" for name in names}
    if port == 80:
        hosts |= names
    return frozenset(hosts)


def refuse_foreign_websocket(request: web.Request) -> None:
    """Raise 403 unless ``Host`` names this server and ``Origin`` is this very page's origin
    (a missing ``Origin`` is refused: only a non-browser client omits it)."""
    host = request.headers.get("Host", "").lower()
    if host not in served_hosts(request):
        raise web.HTTPForbidden(text="WebSocket refused: unknown Host")
    origin = request.headers.get("Origin")
    if origin is None or origin.lower() not in {f"http://{host}", f"https://{host}"}:
        raise web.HTTPForbidden(text="WebSocket refused: cross-origin or no Origin")


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
