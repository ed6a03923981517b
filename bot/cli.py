"""The `danbiet` console script."""

from __future__ import annotations

import asyncio
import datetime as dt
import logging
import signal
import sys
from collections.abc import AsyncIterator, Awaitable, Callable
from contextlib import asynccontextmanager
from pathlib import Path
from typing import TYPE_CHECKING, TypeVar

import click

from bot.cli_releases import check_draft, release_commands
from bot.domain.errors import AccountNotFound, InvalidUsername, UsernameTaken, WeakPassword
from bot.logging import configure_logging
from bot.services.access.model import AccountProfile
from bot.services.kernel.actor import Actor, Role
from bot.settings import Settings, SettingsError, load_settings
from content.loader import DEFAULT_CONTENT_DIR, check_content

if TYPE_CHECKING:
    from bot.services.container import Services

T = TypeVar("T")


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
    configure_logging(
        settings.log_level, json_lines=settings.log_json, secrets=settings.secrets_to_redact()
    )
    from bot import launcher  # imported late: the CLI's other commands stay light

    if reset_sandbox and settings.sandbox:
        deleted = launcher.reset_database(settings.sandbox_database_url)
        click.echo(f"sandbox database reset: {deleted}", err=True)
    from telegram.error import InvalidToken

    try:
        asyncio.run(_run(settings, launcher.run))
    except launcher.SandboxPortError as error:
        raise click.ClickException(str(error)) from None
    except InvalidToken:
        # PTB's message quotes the token whole: never let it (or its traceback) out.
        raise click.ClickException(
            "Telegram rejected TELEGRAM_BOT_TOKEN (or TELEGRAM_API_URL is not a Bot API "
            "server): check both"
        ) from None
    except Exception:
        # Any other failure: its traceback goes through the log handler, which redacts the
        # token and the other secrets, instead of Python's own printer, which does not.
        logging.getLogger(__name__).exception("danbiet stopped on an unexpected error")
        raise SystemExit(1) from None


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
    from bot.services.composition import upgrade_schema

    click.echo(
        f"database at revision {asyncio.run(upgrade_schema(_settings().database_url, revision))}"
    )


@db.command("downgrade")
@click.argument("revision")
def db_downgrade(revision: str) -> None:
    """Downgrade the schema to REVISION ("base" empties it)."""
    from bot.services.composition import downgrade_schema

    click.echo(
        f"database at revision {asyncio.run(downgrade_schema(_settings().database_url, revision))}"
    )


@main.group()
def content() -> None:
    """Published content: indicators, policies, FAQ, reports."""


@content.command("check")
@click.argument(
    "directory",
    required=False,
    type=click.Path(exists=True, file_okay=False, path_type=Path),
)
@click.option(
    "--draft",
    "draft_id",
    type=click.IntRange(1),
    help="Check the draft (or release) with this id in DATABASE_URL instead of a directory.",
)
def content_check(directory: Path | None, draft_id: int | None) -> None:
    """Validate every content file; errors name the file, line and field."""
    if draft_id is not None:
        if directory is not None:
            raise click.UsageError("give a DIRECTORY or --draft, not both")
        check_draft(draft_id)
        return
    target = directory or _settings().content_dir or DEFAULT_CONTENT_DIR
    errors = check_content(target)
    for error in errors:
        click.echo(str(error), err=True)
    if errors:
        raise click.ClickException(f"{len(errors)} problem(s) in {target}")
    click.echo(f"content in {target} is valid")


for _command in release_commands():
    content.add_command(_command)


@content.command("propose")
@click.argument("report", type=click.Path(path_type=Path))
@click.option("--date", "report_date", required=True, type=click.DateTime(["%Y-%m-%d"]))
@click.option("--json", "as_json", is_flag=True, help="Print a JSON array instead of a table.")
@click.option(
    "--content",
    "content_dir",
    type=click.Path(exists=True, file_okay=False, path_type=Path),
    help="Content whose indicators are proposed (default: the live content directory).",
)
def content_propose(
    report: Path, report_date: dt.datetime, as_json: bool, content_dir: Path | None
) -> None:
    """Propose a report's figures as observations: indicator, value, unit, quote."""
    # Imported here so that this command adds no line to the module's imports.
    import json

    from content.loader import ContentErrors, load_knowledge_base
    from content.proposals import ReportError, propose, read_report

    try:
        text = read_report(report)
    except ReportError as error:
        raise click.ClickException(str(error)) from None
    target = content_dir or _settings().content_dir or DEFAULT_CONTENT_DIR
    try:
        indicators = load_knowledge_base(target).indicators.values()
    except ContentErrors as error:
        raise click.ClickException(f"content in {target} is not valid: {error}") from None
    proposals = propose(text, report_date.date(), indicators)
    if as_json:
        rows = [proposal.as_dict() for proposal in proposals]
        click.echo(json.dumps(rows, ensure_ascii=False, indent=2))
        return
    for proposal in proposals:
        row = proposal.as_dict()
        extra = "".join(
            f" {name}={row[name]}"
            for name in ("plan", "percent_of_plan", "change", "qualifier")
            if row[name] is not None
        )
        click.echo(
            f"{row['indicator'] or '(new)':<22} {row['number']:>15} {row['unit'] or '':<22} "
            f"{row['kind']:<15}{extra}\n    “{' '.join(proposal.quote.split())}”"
        )
    period = proposals[0].period.vi if proposals else "-"
    click.echo(f"{len(proposals)} proposal(s), period {period}")


@asynccontextmanager
async def services_for_command() -> AsyncIterator[Services]:
    """The services against DATABASE_URL (migrated first), for one command: built as the bot
    builds them (bot.services.composition), sign-in policy included."""
    from bot.services.composition import wired

    async with wired(_settings()) as wiring:
        yield wiring.services


@main.group()
def questions() -> None:
    """The log of residents' questions."""


@questions.command("unanswered")
@click.option("--limit", default=20, show_default=True, type=click.IntRange(1, 1000))
def questions_unanswered(limit: int) -> None:
    """The questions the knowledge base could not answer, most asked first."""

    async def report() -> None:
        async with services_for_command() as services:
            for item in await services.questions.unanswered(Actor.system(), limit):
                click.echo(f"{item.times_asked:>5}  {item.last_asked:%Y-%m-%d}  {item.text}")

    asyncio.run(report())


@main.group()
def privacy() -> None:
    """Residents' personal data."""


@privacy.command("anonymise")
def privacy_anonymise() -> None:
    """Anonymise the closed tickets kept past PERSONAL_DATA_RETENTION_MONTHS (the bot also
    does it every few hours)."""

    async def run() -> int:
        async with services_for_command() as services:
            return await services.privacy.anonymise_expired()

    done = asyncio.run(run())
    click.echo(f"{done} closed ticket(s) anonymised")


@main.group()
def officials() -> None:
    """Dashboard accounts of officials (roles: moderator, broadcaster, administrator)."""


def _read_password(from_stdin: bool) -> str:
    if from_stdin:
        return sys.stdin.readline().rstrip("\r\n")
    return str(click.prompt("Password", hide_input=True, confirmation_prompt=True))


def _account_call(call: Callable[[Services], Awaitable[T]]) -> T:
    """Run one accounts call, turning refusals into a one-line error (never a traceback)."""

    async def go() -> T:
        async with services_for_command() as services:
            return await call(services)

    try:
        return asyncio.run(go())
    except WeakPassword as error:
        raise click.ClickException(PASSWORD_RULES[error.reason]) from None
    except InvalidUsername:
        raise click.ClickException(
            "a username is 3-64 characters: lower-case letters, digits, '.', '_' or '-'"
        ) from None
    except UsernameTaken as error:
        raise click.ClickException(f"the username {error} is taken") from None
    except AccountNotFound as error:
        raise click.ClickException(f"no account named {error}") from None


PASSWORD_RULES = {
    "too_short": "the password is too short: at least 12 characters",
    "too_long": "the password is too long: at most 256 characters",
    "contains_username": "the password must not contain the username",
    "too_simple": "the password is too simple: use a long phrase with varied characters",
}


@officials.command("add")
@click.argument("username")
@click.option(
    "--role",
    type=click.Choice([role.value for role in Role]),
    default=Role.MODERATOR.value,
    show_default=True,
)
@click.option("--name", help="Shown to colleagues and in the audit log (default: username).")
@click.option("--telegram-id", type=int, help="The official's Telegram user id, if any.")
@click.option("--password-stdin", is_flag=True, help="Read the password from standard input.")
def officials_add(
    username: str, role: str, name: str | None, telegram_id: int | None, password_stdin: bool
) -> None:
    """Create a dashboard account (asks for its password)."""
    password = _read_password(password_stdin)
    account = _account_call(
        lambda services: services.accounts.add(
            Actor.system(),
            username,
            password,
            Role(role),
            profile=AccountProfile(name, telegram_id),
        )
    )
    click.echo(f"account {account.username} ({account.role.value}) created")


@officials.command("list")
def officials_list() -> None:
    """Every dashboard account, with its role and state."""
    accounts = _account_call(lambda services: services.accounts.accounts(Actor.system()))
    for account in accounts:
        state = "disabled" if account.disabled else "active"
        last = f"{account.last_login_at:%Y-%m-%d %H:%M}" if account.last_login_at else "never"
        telegram = str(account.telegram_user_id) if account.telegram_user_id else "-"
        click.echo(
            f"{account.username:<24} {account.role.value:<14} {state:<9} "
            f"telegram={telegram:<12} last sign-in={last}  {account.display_name}"
        )
    if not accounts:
        click.echo("no accounts yet: add one with `danbiet officials add USERNAME`")


@officials.command("disable")
@click.argument("username")
def officials_disable(username: str) -> None:
    """Sign the account out everywhere and refuse its password."""
    account = _account_call(lambda services: services.accounts.disable(Actor.system(), username))
    click.echo(f"account {account.username} disabled")


@officials.command("enable")
@click.argument("username")
def officials_enable(username: str) -> None:
    """Allow a disabled (or locked-out) account to sign in again."""
    account = _account_call(lambda services: services.accounts.enable(Actor.system(), username))
    click.echo(f"account {account.username} enabled")


@officials.command("password")
@click.argument("username")
@click.option("--password-stdin", is_flag=True, help="Read the password from standard input.")
def officials_password(username: str, password_stdin: bool) -> None:
    """Set a new password (signs the account out everywhere)."""
    password = _read_password(password_stdin)
    account = _account_call(
        lambda services: services.accounts.set_password(Actor.system(), username, password)
    )
    click.echo(f"password of {account.username} changed")
