"""Content with one figure changed, as an official would publish the next report's number: the
poor households of Q1 2022, 3612 → 3498, in the value, the statements and the quotes."""

from __future__ import annotations

import copy
import datetime as dt
import shutil
from pathlib import Path
from typing import Any

from bot.domain.content_releases import NewRelease
from bot.domain.statuses import ReleaseState
from content import release_document
from content.loader import DEFAULT_CONTENT_DIR
from content.release_document import Document, read_directory
from storage.uow import UnitOfWorkFactory

OLD_FIGURE = "3.612 hộ"
NEW_FIGURE = "3.498 hộ"
_REPLACEMENTS = (("3.612", "3.498"), ("3,612", "3,498"))


def _replaced(value: Any) -> Any:
    if isinstance(value, dict):
        return {key: _replaced(item) for key, item in value.items()}
    if isinstance(value, list):
        return [_replaced(item) for item in value]
    if isinstance(value, str):
        for old, new in _REPLACEMENTS:
            value = value.replace(old, new)
    return value


def _changed(observation: dict[str, Any]) -> dict[str, Any]:
    changed: dict[str, Any] = _replaced(observation)
    changed["value"] = 3498
    return changed


def changed_document(document: Document | None = None) -> Document:
    """The shipped content (or `document`) with the figure changed."""
    if document is None:
        document = read_directory(DEFAULT_CONTENT_DIR)[1]
    changed = copy.deepcopy(document)
    for indicator in changed["files"]["indicators.yaml"]["indicators"]:
        for index, observation in enumerate(indicator.get("observations", [])):
            if observation.get("value") == 3612:
                indicator["observations"][index] = _changed(observation)
    return changed


def changed_directory(target: Path) -> Path:
    """A copy of content/data in `target` with the figure changed in indicators.yaml."""
    shutil.copytree(DEFAULT_CONTENT_DIR, target)
    path = target / "indicators.yaml"
    text = path.read_text(encoding="utf-8").replace("value: 3612", "value: 3498")
    for old, new in _REPLACEMENTS:
        text = text.replace(old, new)
    path.write_text(text, encoding="utf-8")
    return target


def _replace_in(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, (path, old)
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def report_reworded(directory: Path) -> Path:
    """`directory` with the H1 2023 report's summary worded otherwise (no figure changed)."""
    _replace_in(
        directory / "reports.yaml",
        "Chương trình tín dụng chính sách được",
        "Chương trình tín dụng chính sách tiếp tục được",
    )
    return directory


def department_renamed(directory: Path) -> Path:
    """`directory` with a department's name changed: nothing of any report."""
    _replace_in(directory / "departments.yaml", '"Sở Y tế"', '"Sở Y tế Hà Nội"')
    return directory


async def store_live(uow_factory: UnitOfWorkFactory, document: Document) -> int:
    """Store `document` as the live release past today's checks, as a release an older danbiet
    published may break a rule added since; the live one (if any) is retired. Its id. Unlike a
    start or a publish, no knowledge base is told: what the bot serves stays as it is."""
    published = dt.datetime(2026, 1, 5, 8, 0, tzinfo=dt.UTC)
    async with uow_factory() as uow:
        live = await uow.content_releases.live()
        if live is not None:
            await uow.content_releases.move(live.id, ReleaseState.LIVE, ReleaseState.RETIRED)
        release_id = await uow.content_releases.add(
            NewRelease(
                ReleaseState.LIVE,
                release_document.to_json(document),
                release_document.checksum(document),
                created_at=published,
                created_by="an older danbiet",
                published_at=published,
                published_by="an older danbiet",
                note=None,
                replaces_id=None if live is None else live.id,
            )
        )
        assert release_id is not None
        await uow.commit()
    return release_id
