"""`danbiet run` without a token: the sandbox starts, says where to look, and stops cleanly."""

from __future__ import annotations

import asyncio
import os
import re
import signal
import sys
from collections.abc import AsyncIterator
from pathlib import Path

import aiohttp
import pytest

from tests.e2e.instances import die_with_parent

DANBIET = str(Path(sys.executable).parent / "danbiet")
STARTUP_SECONDS = 60


@pytest.fixture
def sandbox_environment(tmp_path: Path) -> dict[str, str]:
    environment = {
        key: value
        for key, value in os.environ.items()
        if key not in {"TELEGRAM_BOT_TOKEN", "DATABASE_URL", "ADMIN_CHAT_ID"}
    }
    environment["SANDBOX_DATABASE_URL"] = f"sqlite+aiosqlite:///{tmp_path / 'sandbox.sqlite3'}"
    return environment


async def _read_until_url(stream: asyncio.StreamReader) -> tuple[str, str]:
    """The page's address and the whole banner (it ends with how to stop)."""
    seen = ""
    while "Stop with Ctrl+C" not in seen:
        line = (await stream.readline()).decode()
        if not line:
            raise AssertionError(f"the sandbox ended before announcing its page:\n{seen}")
        seen += line
    found = re.search(r"Open (http://127\.0\.0\.1:\d+/)", seen)
    assert found, seen
    return found.group(1), seen


async def _start_sandbox(
    environment: dict[str, str], directory: Path, *flags: str, port: int = 0
) -> asyncio.subprocess.Process:
    return await asyncio.create_subprocess_exec(
        DANBIET,
        "run",
        "--port",
        str(port),
        *flags,
        env=environment,
        cwd=directory,
        stderr=asyncio.subprocess.PIPE,
        preexec_fn=die_with_parent,
    )


@pytest.fixture
async def sandbox_process(
    sandbox_environment: dict[str, str], tmp_path: Path
) -> AsyncIterator[tuple[asyncio.subprocess.Process, str, str]]:
    process = await _start_sandbox(sandbox_environment, tmp_path)
    assert process.stderr is not None
    try:
        url, banner = await asyncio.wait_for(_read_until_url(process.stderr), STARTUP_SECONDS)
        yield process, url, banner
    finally:
        if process.returncode is None:
            process.send_signal(signal.SIGTERM)
            await process.wait()


async def test_sandbox_serves_its_page_and_stops_on_sigterm(
    sandbox_process: tuple[asyncio.subprocess.Process, str, str], tmp_path: Path
) -> None:
    process, url, banner = sandbox_process
    assert "@BotFather" in banner
    assert str(tmp_path / "sandbox.sqlite3") in banner
    async with aiohttp.ClientSession() as session, session.get(url) as response:
        assert response.status == 200
        assert "text/html" in response.headers["Content-Type"]
    assert (tmp_path / "sandbox.sqlite3").exists()  # the bot migrated its database
    process.send_signal(signal.SIGTERM)
    assert await asyncio.wait_for(process.wait(), 30) == 0


async def test_reset_flag_deletes_the_sandbox_database(
    sandbox_environment: dict[str, str], tmp_path: Path
) -> None:
    database = tmp_path / "sandbox.sqlite3"
    database.write_bytes(b"not a database: would fail to migrate if it survived")
    process = await _start_sandbox(sandbox_environment, tmp_path, "--reset-sandbox")
    assert process.stderr is not None
    try:
        url, banner = await asyncio.wait_for(_read_until_url(process.stderr), STARTUP_SECONDS)
        assert "sandbox database reset" in banner
        assert url.startswith("http://127.0.0.1:")
    finally:
        process.send_signal(signal.SIGTERM)
        assert await asyncio.wait_for(process.wait(), 30) == 0


async def test_a_busy_port_is_named_with_what_to_change(
    sandbox_environment: dict[str, str], tmp_path: Path
) -> None:
    blocker = await asyncio.start_server(lambda _reader, _writer: None, "127.0.0.1", 0)
    port = blocker.sockets[0].getsockname()[1]
    try:
        process = await _start_sandbox(sandbox_environment, tmp_path, port=port)
        _, stderr = await asyncio.wait_for(process.communicate(), STARTUP_SECONDS)
    finally:
        blocker.close()
        await blocker.wait_closed()
    assert process.returncode == 1
    message = stderr.decode()
    assert f"127.0.0.1:{port}" in message
    assert "SANDBOX_PORT" in message
    assert "Traceback" not in message
