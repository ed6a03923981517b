"""The `danbiet` console script."""

from __future__ import annotations

import asyncio
import signal
from collections.abc import Awaitable, Callable
from pathlib import Path

import click

from bot.logging import configure_logging
from bot.settings import Settings, SettingsError, load_settings
from content.loader import DEFAULT_CONTENT_DIR, check_content


def _settings() -> Settings:
    try:
        return load_settings()
    except SettingsError as error:
        raise click.ClickException(str(error)) from None


@click.group()
def main() -> None:
    """danbiet: the published results of Hanoi's programme 08-CTr/TU, on Telegram."""


@main.command()
@click.option(
    "--reset-sandbox", is_flag=True, help="Sandbox only: delete its database before starting."
)
@click.option("--port", type=click.IntRange(0, 65535), help="Sandbox page port (SANDBOX_PORT).")
def run(reset_sandbox: bool, port: int | None) -> None:
    """Run the bot: on Telegram with TELEGRAM_BOT_TOKEN, else the local sandbox."""
    settings = _settings()
    if port is not None:
        settings = settings.model_copy(update={"sandbox_port": port})
    token = settings.telegram_bot_token
    secrets = [token.get_secret_value()] if token else []
    configure_logging(settings.log_level, json_lines=settings.log_json, secrets=secrets)
    from bot import launcher  # imported late: the CLI's other commands stay light

    if reset_sandbox and settings.sandbox:
        deleted = launcher.reset_database(settings.sandbox_database_url)
        click.echo(f"sandbox database reset: {deleted}", err=True)
    try:
        asyncio.run(_run(settings, launcher.run))
    except launcher.SandboxPortError as error:
        raise click.ClickException(str(error)) from None


async def _run(
    settings: Settings,
    runner: Callable[[Settings, asyncio.Event, Callable[[str], None]], Awaitable[None]],
) -> None:
    stop = asyncio.Event()
    loop = asyncio.get_running_loop()
    for signum in (signal.SIGINT, signal.SIGTERM):
        loop.add_signal_handler(signum, stop.set)
    await runner(settings, stop, lambda text: click.echo(text, err=True))


@main.group()
def db() -> None:
    """Database schema migrations."""


@db.command("upgrade")
@click.argument("revision", default="head")
def db_upgrade(revision: str) -> None:
    """Upgrade the schema to REVISION (default: the newest)."""
    from storage import migrate
    from storage.db import create_engine

    async def upgrade() -> str | None:
        engine = create_engine(_settings().database_url)
        try:
            await migrate.upgrade(engine, revision)
            return await migrate.current_revision(engine)
        finally:
            await engine.dispose()

    click.echo(f"database at revision {asyncio.run(upgrade())}")


@db.command("downgrade")
@click.argument("revision")
def db_downgrade(revision: str) -> None:
    """Downgrade the schema to REVISION ("base" empties it)."""
    from storage import migrate
    from storage.db import create_engine

    async def downgrade() -> str | None:
        engine = create_engine(_settings().database_url)
        try:
            await migrate.downgrade(engine, revision)
            return await migrate.current_revision(engine)
        finally:
            await engine.dispose()

    click.echo(f"database at revision {asyncio.run(downgrade())}")


@main.group()
def content() -> None:
    """Published content: indicators, policies, FAQ, reports."""


@content.command("check")
@click.argument(
    "directory",
    required=False,
    type=click.Path(exists=True, file_okay=False, path_type=Path),
)
def content_check(directory: Path | None) -> None:
    """Validate every content file; errors name the file, line and field."""
    target = directory or _settings().content_dir or DEFAULT_CONTENT_DIR
    errors = check_content(target)
    for error in errors:
        click.echo(str(error), err=True)
    if errors:
        raise click.ClickException(f"{len(errors)} problem(s) in {target}")
    click.echo(f"content in {target} is valid")


@main.group()
def questions() -> None:
    """The log of residents' questions."""


@questions.command("unanswered")
@click.option("--limit", default=20, show_default=True, type=click.IntRange(1, 1000))
def questions_unanswered(limit: int) -> None:
    """The questions the knowledge base could not answer, most asked first."""
    from bot.services.container import Services
    from bot.services.dto import Actor
    from bot.services.knowledge import LiveKnowledge
    from storage.db import create_engine, create_session_factory
    from storage.migrate import upgrade
    from storage.uow import unit_of_work_factory

    async def report() -> None:
        settings = _settings()
        engine = create_engine(settings.database_url)
        try:
            await upgrade(engine)
            uow = unit_of_work_factory(create_session_factory(engine))
            services = Services.build(uow, LiveKnowledge.load(settings.content_dir))
            for item in await services.questions.unanswered(Actor.system(), limit):
                click.echo(f"{item.times_asked:>5}  {item.last_asked:%Y-%m-%d}  {item.text}")
        finally:
            await engine.dispose()

    asyncio.run(report())
