"""Real `danbiet run` processes against the emulator, for tests of several instances."""

from __future__ import annotations

import asyncio
import ctypes
import json
import os
import signal
import socket
import sys
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import aiohttp

from bot.sandbox.emulator import BotApiEmulator

DANBIET = str(Path(sys.executable).parent / "danbiet")
PR_SET_PDEATHSIG = 1


def die_with_parent() -> None:
    """Linux: the instance is killed when the test process dies (a timed-out test, Ctrl+C), so
    no stray bot keeps polling or holding the leader lock."""
    libc = ctypes.CDLL("libc.so.6", use_errno=True)
    libc.prctl(PR_SET_PDEATHSIG, signal.SIGKILL)


def free_port() -> int:
    # A fixed port, as behind a real reverse proxy; the OS picked it free a moment ago.
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@dataclass(slots=True)
class Instance:
    process: asyncio.subprocess.Process
    url: str  # the dashboard's root, with /healthz and /metrics
    log: Path

    async def health(self) -> dict[str, Any] | None:
        """/healthz's answer, or None while the server does not answer."""
        try:
            async with (
                aiohttp.ClientSession() as session,
                session.get(
                    self.url + "healthz", timeout=aiohttp.ClientTimeout(total=10)
                ) as response,
            ):
                return dict(json.loads(await response.text()))
        except (aiohttp.ClientError, TimeoutError):
            return None

    async def wait_for_updates_source(self, *sources: str, timeout: float = 30) -> str:  # noqa: ASYNC109
        """Poll /healthz until this instance reports one of ``sources`` (or it died)."""
        loop = asyncio.get_running_loop()
        deadline = loop.time() + timeout
        while loop.time() < deadline:
            if self.process.returncode is not None:
                raise AssertionError(f"the instance exited: {self.log.read_text()[-2000:]}")
            health = await self.health()
            if health is not None and health.get("updates") in sources:
                return str(health["updates"])
            # Polling an HTTP endpoint has no event to wait on; 50 ms between looks.
            await asyncio.sleep(0.05)
        raise TimeoutError(f"not {sources} after {timeout}s: {self.log.read_text()[-2000:]}")

    async def wait_for_log(self, text: str, timeout: float = 30) -> None:  # noqa: ASYNC109
        """Poll the instance's log until a line contains ``text``."""
        loop = asyncio.get_running_loop()
        deadline = loop.time() + timeout
        while text not in self.log.read_text(errors="replace"):
            if loop.time() > deadline:
                raise TimeoutError(f"{text!r} not logged within {timeout}s")
            # A log file has no event to wait on; 20 ms between looks.
            await asyncio.sleep(0.02)

    def kill(self) -> None:
        self.process.send_signal(signal.SIGKILL)


@asynccontextmanager
async def instances() -> AsyncIterator[list[Instance]]:
    """Start instances with ``start``; every one still running is stopped with SIGTERM, also
    when the test fails (a live instance would go on polling under the next test)."""
    started: list[Instance] = []
    try:
        yield started
    finally:
        for instance in started:
            if instance.process.returncode is None:
                instance.process.send_signal(signal.SIGTERM)
                await asyncio.wait_for(instance.process.wait(), 30)


async def start(
    emulator: BotApiEmulator,
    database_url: str,
    directory: Path,
    started: list[Instance],
    **settings: str,
) -> Instance:
    port = free_port()
    number = len(started) + 1
    log = directory / f"instance-{number}.log"
    environment = {
        **os.environ,
        "TELEGRAM_BOT_TOKEN": emulator.token,
        "TELEGRAM_API_URL": emulator.base_url,
        "DATABASE_URL": database_url,
        "WEB_PORT": str(port),
        "LOG_LEVEL": "INFO",
        **{name.upper(): value for name, value in settings.items()},
    }
    port = int(environment["WEB_PORT"])
    if "{port}" in environment.get("WEBHOOK_URL", ""):
        environment["WEBHOOK_URL"] = environment["WEBHOOK_URL"].format(port=port)
    with log.open("ab") as output:
        process = await asyncio.create_subprocess_exec(
            DANBIET,
            "run",
            env=environment,
            cwd=directory,
            stdout=output,
            stderr=output,
            preexec_fn=die_with_parent,
        )
    instance = Instance(process, f"http://127.0.0.1:{port}/", log)
    started.append(instance)
    return instance
