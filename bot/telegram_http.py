"""python-telegram-bot's requests over aiohttp, for the replies, the polling and the sender.

PTB's default transport (httpx/httpcore) re-checks every pooled connection on each request;
at hundreds of messages a second that bookkeeping cost more CPU than anything else a reply does
(py-spy on `danbiet run` under bench/throughput.py: over half of a reply's time in the main
thread was httpx; bench/broadcast.py found the same for the sender). aiohttp, already a
dependency, keeps its pool in constant time. PTB still builds the calls, applies the rate
limiter and turns Telegram's errors into exceptions.

Timeouts follow PTB's meaning: a call may pass its own read, write, connect and pool timeouts
(getUpdates adds its long-poll time to the read timeout); otherwise this request's defaults.
"""

from __future__ import annotations

import aiohttp
from telegram.error import NetworkError, TimedOut
from telegram.request import BaseRequest, RequestData
from typing_extensions import override

_DEFAULT = BaseRequest.DEFAULT_NONE


def _chosen(value: float | object | None, default: float | None) -> float | None:
    """A call's timeout (None: wait for ever) or, when the call gave none, the default."""
    if value is _DEFAULT or not (value is None or isinstance(value, int | float)):
        return default
    return None if value is None else float(value)


class AiohttpRequest(BaseRequest):
    def __init__(self, connections: int, timeout: float, media_timeout: float) -> None:
        self._connections = connections
        self._timeout = timeout
        self._media_timeout = media_timeout
        self._session: aiohttp.ClientSession | None = None

    @property
    def read_timeout(self) -> float:
        return self._timeout

    async def initialize(self) -> None:
        if self._session is None or self._session.closed:
            connector = aiohttp.TCPConnector(limit=self._connections)
            self._session = aiohttp.ClientSession(connector=connector)

    async def shutdown(self) -> None:
        if self._session is not None:
            await self._session.close()
            self._session = None

    @override  # PTB's BaseRequest signature, called by keyword
    async def do_request(
        self,
        url: str,
        method: str,
        request_data: RequestData | None = None,
        read_timeout: float | object | None = _DEFAULT,
        write_timeout: float | object | None = _DEFAULT,
        connect_timeout: float | object | None = _DEFAULT,
        pool_timeout: float | object | None = _DEFAULT,
    ) -> tuple[int, bytes]:
        session = self._session
        if session is None:
            raise RuntimeError("AiohttpRequest is not initialized")
        data: aiohttp.FormData | dict[str, str] | None = None
        write_default = self._timeout
        if request_data is not None:
            if request_data.contains_files:
                data = _form(request_data)
                write_default = self._media_timeout
            else:
                data = request_data.json_parameters
        # aiohttp has no write timeout of its own: sending counts against the whole call's
        # budget (connect + read + write); reading alone against sock_read.
        connect = _chosen(connect_timeout, self._timeout)
        read = _chosen(read_timeout, self._timeout)
        write = _chosen(write_timeout, write_default)
        pool = _chosen(pool_timeout, self._timeout)
        budget = (connect, read, write)
        timeout = aiohttp.ClientTimeout(
            total=None if None in budget else sum(part or 0.0 for part in budget),
            connect=pool,  # waiting for a pooled connection (and opening it)
            sock_connect=connect,
            sock_read=read,
        )
        try:
            async with session.request(
                method, url, data=data, timeout=timeout, headers={"User-Agent": self.USER_AGENT}
            ) as response:
                return response.status, await response.read()
        except TimeoutError as error:
            raise TimedOut from error
        except aiohttp.ClientError as error:
            raise NetworkError(f"aiohttp.{type(error).__name__}: {error}") from error


def _form(request_data: RequestData) -> aiohttp.FormData:
    form = aiohttp.FormData()
    for name, value in request_data.json_parameters.items():
        form.add_field(name, value)
    for name, upload in request_data.multipart_data.items():
        filename, content, mime_type = upload
        form.add_field(name, content, filename=filename or name, content_type=mime_type)
    return form
