"""What `danbiet run` starts: the bot against Telegram, or, without a token, the sandbox.

The sandbox is our Bot API emulator on loopback, the real bot polling it, and a web chat page
where anyone can try the bot in a browser, with no Telegram account.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import secrets
from collections.abc import AsyncIterator, Callable
from contextlib import asynccontextmanager
from dataclasses import dataclass
from pathlib import Path

from aiohttp import web
from pydantic import SecretStr

from bot.app import run_until_stopped, running_bot
from bot.domain.errors import AccountNotFound
from bot.sandbox.archive import ARCHIVE_SUFFIX, SandboxArchive, archive_path
from bot.sandbox.chat import CHAT_HUB, ChatHub, add_chat_routes
from bot.sandbox.emulator import BotApiEmulator
from bot.services.access.model import AccountProfile
from bot.services.container import Services
from bot.services.kernel.actor import Actor, Role
from bot.settings import Settings

logger = logging.getLogger(__name__)

SANDBOX_ADMIN_CHAT_ID = -1001000000001
SANDBOX_ADMIN_CHAT_TITLE = "Ban Chỉ đạo 08-CTr/TU (sandbox)"
SANDBOX_OFFICIAL_ID = 900001
SANDBOX_OFFICIAL_NAME = "Cán bộ"
SANDBOX_DASHBOARD_USERNAME = "canbo"


class SandboxPortError(RuntimeError):
    """The page's port is taken or not allowed; the message says what to change."""


@dataclass(frozen=True, slots=True)
class Sandbox:
    emulator: BotApiEmulator
    hub: ChatHub  # the page's residents and connections
    url: str
    database_path: Path | None
    admin_chat_id: int
    official_user_id: int
    dashboard_url: str
    dashboard_password: str  # of SANDBOX_DASHBOARD_USERNAME, kept until --reset-sandbox
    services: Services


def sqlite_path(database_url: str) -> Path | None:
    prefix = "sqlite+aiosqlite:///"
    return Path(database_url.removeprefix(prefix)) if database_url.startswith(prefix) else None


def reset_database(database_url: str) -> Path | None:
    """Delete the sandbox's SQLite file (and its WAL companions); returns what was deleted."""
    path = sqlite_path(database_url)
    if path is None:
        raise ValueError("only a SQLite sandbox database can be reset")
    for suffix in ("", "-wal", "-shm", ARCHIVE_SUFFIX):
        path.with_name(path.name + suffix).unlink(missing_ok=True)
    return path


@asynccontextmanager
async def running_sandbox(settings: Settings, *, host: str = "127.0.0.1") -> AsyncIterator[Sandbox]:
    """Emulator, bot and chat page, all on loopback; everything stops on exit. The chats,
    residents and the official's password of an earlier run come back (bot/sandbox/archive.py)."""
    emulator = BotApiEmulator()
    await emulator.start(host, 0)
    admin_chat_id = settings.admin_chat_id or SANDBOX_ADMIN_CHAT_ID
    emulator.add_user(SANDBOX_OFFICIAL_ID, SANDBOX_OFFICIAL_NAME, language_code="vi")
    emulator.add_group(
        admin_chat_id, SANDBOX_ADMIN_CHAT_TITLE, administrators=[SANDBOX_OFFICIAL_ID]
    )
    database_path = sqlite_path(settings.sandbox_database_url)
    kept_at = archive_path(database_path)
    archive = SandboxArchive(kept_at, emulator) if kept_at is not None else None
    kept = archive.load() if archive is not None else None
    if archive is not None and kept is not None:
        archive.restore(kept)
    bot_settings = settings.model_copy(
        update={
            "telegram_bot_token": SecretStr(emulator.token),
            "telegram_api_url": emulator.base_url,
            "database_url": settings.sandbox_database_url,
            "admin_chat_id": admin_chat_id,
            "admin_user_ids": settings.admin_user_ids | {SANDBOX_OFFICIAL_ID},
        }
    )
    page = web.Application()
    add_chat_routes(
        page,
        emulator,
        admin_chat_id=admin_chat_id,
        official_user_id=SANDBOX_OFFICIAL_ID,
        bot_username=emulator.bot_user["username"],
    )
    hub = page[CHAT_HUB]
    if kept is not None:
        hub.restore_residents(kept.get("residents", []))
    runner = web.AppRunner(page, access_log=None)
    await runner.setup()
    try:
        site = web.TCPSite(runner, host, settings.sandbox_port)
        try:
            await site.start()
        except OSError as error:
            raise SandboxPortError(
                f"cannot serve the sandbox page on {host}:{settings.sandbox_port} "
                f"({error.strerror}); choose another port with SANDBOX_PORT or "
                "`danbiet run --port N`"
            ) from None
        port = runner.addresses[0][1]
        async with running_bot(bot_settings) as runtime:
            kept_password = kept.get("dashboard_password") if kept is not None else None
            password = await sandbox_official_account(
                runtime.services, kept_password if isinstance(kept_password, str) else None
            )
            keeping = (
                asyncio.create_task(archive.keep(hub, password)) if archive is not None else None
            )
            try:
                yield Sandbox(
                    emulator=emulator,
                    hub=hub,
                    url=f"http://{host}:{port}/",
                    database_path=database_path,
                    admin_chat_id=admin_chat_id,
                    official_user_id=SANDBOX_OFFICIAL_ID,
                    dashboard_url=runtime.dashboard_url,
                    dashboard_password=password,
                    services=runtime.services,
                )
            finally:
                if keeping is not None:
                    keeping.cancel()
                    with contextlib.suppress(asyncio.CancelledError):
                        await keeping
    finally:
        await runner.cleanup()
        await emulator.stop()


async def sandbox_official_account(services: Services, kept: str | None = None) -> str:
    """The sandbox official's dashboard account (an administrator, linked to the sandbox
    official's Telegram id), with the password an earlier run kept, else a fresh one that the
    banner shows."""
    password = kept or secrets.token_urlsafe(12)
    try:
        await services.accounts.set_password(Actor.system(), SANDBOX_DASHBOARD_USERNAME, password)
        await services.accounts.enable(Actor.system(), SANDBOX_DASHBOARD_USERNAME)
    except AccountNotFound:
        await services.accounts.add(
            Actor.system(),
            SANDBOX_DASHBOARD_USERNAME,
            password,
            Role.ADMINISTRATOR,
            profile=AccountProfile(SANDBOX_OFFICIAL_NAME, SANDBOX_OFFICIAL_ID),
        )
    return password


SANDBOX_BANNER = """\
danbiet sandbox is running: no Telegram account needed.

  Open {url} in a browser to chat with the bot.
  Each browser tab is its own resident; switch to the officials' group from the page.
  Officials' dashboard: {dashboard}  (user {username}, password {password})
  Sandbox data: {database}   (chats, residents and password are kept;
  start with `danbiet run --reset-sandbox` to wipe them)

To run on real Telegram instead: get a token from @BotFather (/newbot), put
  TELEGRAM_BOT_TOKEN=123456789:AAE...
in .env, and run `make run` again. Stop with Ctrl+C.
"""


async def run(settings: Settings, stop: asyncio.Event, announce: Callable[[str], None]) -> None:
    """The bot against Telegram when a token is set; else the sandbox."""
    if not settings.sandbox:
        await run_until_stopped(settings, stop)
        return
    async with running_sandbox(settings) as sandbox:
        database = str(sandbox.database_path.resolve()) if sandbox.database_path else "-"
        announce(
            SANDBOX_BANNER.format(
                url=sandbox.url,
                database=database,
                dashboard=sandbox.dashboard_url,
                username=SANDBOX_DASHBOARD_USERNAME,
                password=sandbox.dashboard_password,
            )
        )
        await stop.wait()
    logger.info("sandbox stopped")
