"""`danbiet content export|publish|rollback|releases` and `content check --draft ID`: the content
releases from the shell.

The content lives in the database as releases (bot/services/knowledge/releases.py); an operator
exports the live one as YAML, edits it, and publishes it back: checked like `content check`,
stored, live on every instance within seconds, audited under the name given with --by.
"""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator, Callable, Coroutine
from contextlib import asynccontextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

import click

from bot.domain.errors import ContentRejected, NoEarlierRelease, ReleaseChanged, ReleaseNotFound
from bot.services.kernel.actor import Actor, ActorKind
from content.loader import check_content

if TYPE_CHECKING:
    from bot.domain.content_drafts import DraftView
    from bot.domain.content_releases import ReleaseSummary
    from bot.services.container import Services
    from bot.services.knowledge.releases import Published
    from content.release_document import Document

T = TypeVar("T")


@asynccontextmanager
async def _services() -> AsyncIterator[Services]:
    from bot.cli import services_for_command  # the one way every command builds them

    async with services_for_command() as services:
        yield services


def release_commands() -> list[click.Command]:
    return [content_export, content_publish, content_rollback, content_releases]


@click.command("export")
@click.argument("directory", type=click.Path(file_okay=False, path_type=Path))
def content_export(directory: Path) -> None:
    """Write the live content release as YAML files into DIRECTORY (new, or without YAML)."""
    from content.release_document import write_directory

    if directory.is_dir() and any(directory.glob("*.yaml")):
        # Files left from another export would be published with this one.
        raise click.ClickException(f"{directory} already holds YAML files: choose a new directory")

    async def live() -> tuple[ReleaseSummary, Document] | None:
        async with _services() as services:
            return await services.releases.live()

    found = asyncio.run(live())
    if found is None:  # pragma: no cover - the start stores the shipped content first
        raise click.ClickException("no live content release")
    release, document = found
    written = write_directory(document, directory)
    click.echo(f"release {release.id} written to {directory} ({len(written)} files)")


@click.command("publish")
@click.argument("directory", type=click.Path(exists=True, file_okay=False, path_type=Path))
@click.option("--note", help="Why this release (shown in `danbiet content releases`).")
@click.option("--by", "by", default="operator", show_default=True, help="Named in the audit log.")
def content_publish(directory: Path, note: str | None, by: str) -> None:
    """Check DIRECTORY like `content check`, store it as a release and make it live."""
    from content.loader import ContentErrors
    from content.release_document import read_directory

    errors = check_content(directory)
    for error in errors:
        click.echo(str(error), err=True)
    if errors:
        refusal = ContentRejected([str(error) for error in errors])

        async def refused() -> None:
            async with _services() as services:
                await services.releases.refused(_operator(by), "publish", refusal)

        asyncio.run(refused())
        raise click.ClickException(f"{len(errors)} problem(s) in {directory}: nothing published")
    try:
        _, document = read_directory(directory)
    except ContentErrors as error:  # pragma: no cover - checked just above
        raise click.ClickException(str(error)) from None

    async def publish() -> Published:
        async with _services() as services:
            return await services.releases.publish(_operator(by), document, note)

    published = _release_call(publish)
    if not published.changed:
        click.echo(f"the content is release {published.release.id}, already live: nothing to do")
        return
    click.echo(f"release {published.release.id} is live")


@click.command("rollback")
@click.option("--by", "by", default="operator", show_default=True, help="Named in the audit log.")
def content_rollback(by: str) -> None:
    """Make live again the release the live one replaced."""

    async def rollback() -> ReleaseSummary:
        async with _services() as services:
            return await services.releases.rollback(_operator(by))

    release = _release_call(rollback)
    click.echo(f"release {release.id} is live again")


@click.command("releases")
@click.option("--limit", default=20, show_default=True, type=click.IntRange(1, 1000))
def content_releases(limit: int) -> None:
    """The content releases, newest first."""

    async def listing() -> list[ReleaseSummary]:
        async with _services() as services:
            return await services.releases.releases(limit)

    for release in asyncio.run(listing()):
        published = f"{release.published_at:%Y-%m-%d %H:%M}" if release.published_at else "-"
        click.echo(
            f"{release.id:>5}  {release.state.value:<9} {published:<16} "
            f"{release.published_by or release.created_by:<20} {release.checksum[:12]}  "
            f"{release.note or ''}"
        )


def check_draft(draft_id: int) -> None:
    """`danbiet content check --draft ID`: the rules of `content check` applied to a draft (or
    any release) in the database, each problem at its file, entity and field."""

    async def draft() -> DraftView:
        async with _services() as services:
            return await services.content_drafts.get(_operator("operator"), draft_id)

    try:
        view = asyncio.run(draft())
    except ReleaseNotFound:
        raise click.ClickException(f"no content release {draft_id}") from None
    for problem in view.problems:
        where = [problem.file, problem.entity, problem.field]
        click.echo(": ".join([*(part for part in where if part), problem.message]), err=True)
    what = f"{view.summary.state.value} {draft_id} (version {view.version})"
    if view.problems:
        raise click.ClickException(f"{len(view.problems)} problem(s) in {what}")
    click.echo(f"{what} is valid")


def _operator(name: str) -> Actor:
    """The operator at the shell: the system, named as they say in the audit log."""
    return Actor(ActorKind.SYSTEM, None, name=name[:128] or "operator")


def _release_call(call: Callable[[], Coroutine[Any, Any, T]]) -> T:
    try:
        return asyncio.run(call())
    except ContentRejected as error:
        for problem in error.problems:
            click.echo(problem, err=True)
        raise click.ClickException(f"{len(error.problems)} problem(s): nothing published") from None
    except NoEarlierRelease:
        raise click.ClickException(
            "no release before the live one: nothing to roll back to"
        ) from None
    except ReleaseChanged:
        raise click.ClickException(
            "the live release changed meanwhile (another publish or rollback): try again"
        ) from None
