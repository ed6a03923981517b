"""A token Telegram rejects at start (401, or 404 from a wrong TELEGRAM_API_URL) reaches no
output at all: `danbiet run` stops with a one-line message, no traceback quoting the token."""

from __future__ import annotations

import asyncio
import os
from collections.abc import AsyncIterator
from pathlib import Path

import pytest
from aiohttp import web
from aiohttp.test_utils import TestServer

from tests.e2e.instances import DANBIET, die_with_parent

TOKEN = "123456789:AAEsecretsecretsecretsecret_0123456"


@pytest.fixture(params=[401, 404])
async def standin(request: pytest.FixtureRequest) -> AsyncIterator[str]:
    """A Bot API stand-in that answers every call with 401 (token revoked) or 404 (not a Bot
    API server at that URL)."""
    status: int = request.param

    async def refuse(_request: web.Request) -> web.Response:
        return web.json_response(
            {"ok": False, "error_code": status, "description": "Unauthorized"}, status=status
        )

    application = web.Application()
    application.router.add_route("*", "/{tail:.*}", refuse)
    server = TestServer(application, host="127.0.0.1")
    await server.start_server()
    yield str(server.make_url("/bot"))
    await server.close()


async def test_a_rejected_token_is_not_printed(standin: str, tmp_path: Path) -> None:
    environment = {
        **os.environ,
        "TELEGRAM_BOT_TOKEN": TOKEN,
        "TELEGRAM_API_URL": standin,
        "DATABASE_URL": f"sqlite+aiosqlite:///{tmp_path / 'bot.sqlite3'}",
        "LOG_LEVEL": "DEBUG",
    }
    process = await asyncio.create_subprocess_exec(
        DANBIET,
        "run",
        env=environment,
        cwd=tmp_path,
        stdout=asyncio.subprocess.PIPE,
        stderr=asyncio.subprocess.PIPE,
        preexec_fn=die_with_parent,
    )
    stdout, stderr = await asyncio.wait_for(process.communicate(), 60)
    output = (stdout + stderr).decode(errors="replace")

    assert process.returncode == 1
    secret_part = TOKEN.split(":")[1]
    assert secret_part not in output
    assert "Traceback" not in output
    # At DEBUG the log goes on (the database closing) after the message: find it among them.
    errors = [line for line in output.splitlines() if line.startswith("Error:")]
    assert errors == [
        "Error: Telegram rejected TELEGRAM_BOT_TOKEN (or TELEGRAM_API_URL is not a Bot API "
        "server): check both"
    ]
