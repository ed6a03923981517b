"""``danbiet content check`` for the guidance beside the content: where residents take a
personal case (guidance/where_to_go.yaml). Every office has a source: a report's sentence,
verbatim (checked against the report's seed), or official documents the file declares."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Mapping
from pathlib import Path

import yaml
from pydantic import ValidationError

from content.problems import ContentError, ParsedFile, format_field
from content.schema import Report
from content.where_to_go import WhereToGo


def guide_beside(directory: Path) -> Path | None:
    """The where-to-go file of a content directory: ``../guidance/where_to_go.yaml`` if any
    (content/data → content/guidance, the file the bot reads)."""
    candidate = directory.parent / "guidance" / "where_to_go.yaml"
    return candidate if candidate.is_file() else None


def squash(text: str) -> str:
    """No whitespace: the seeds run words together ("thành phốđã")."""
    return re.sub(r"\s+", "", unicodedata.normalize("NFC", text))


def where_to_go_errors(
    path: Path, reports: Mapping[str, Report], seeds: Path | None
) -> list[ContentError]:
    """Everything wrong with the where-to-go file: its schema (every office sourced, its
    documents declared), each quoted report defined, each quote verbatim in the report's
    seed (under ``seeds``, when the seed is there)."""
    try:
        text = path.read_text(encoding="utf-8")
        root = yaml.compose(text, Loader=yaml.SafeLoader)
        data = yaml.safe_load(text)
    except (OSError, UnicodeDecodeError, yaml.YAMLError) as error:
        return [ContentError(path, None, None, f"cannot read the file: {error}")]
    if not isinstance(root, yaml.MappingNode) or not isinstance(data, dict):
        return [ContentError(path, 1, None, "the file must be a mapping with `offices`")]
    parsed = ParsedFile(path, root, data)
    try:
        guide = WhereToGo.model_validate(data)
    except ValidationError as exc:
        return [
            ContentError(
                path,
                parsed.line_of(tuple(error["loc"])),
                format_field(tuple(error["loc"])) or None,
                str(error["msg"]),
            )
            for error in exc.errors()
        ]
    errors = []
    for position, office in enumerate(guide.offices):
        if office.source is None:
            continue
        loc = ("offices", position, "source")
        report = reports.get(office.source.report)
        if report is None:
            where = (*loc, "report")
            errors.append(
                ContentError(
                    path,
                    parsed.line_of(where),
                    format_field(where),
                    f"unknown report {office.source.report!r}",
                )
            )
            continue
        seed = seeds / report.seed_file if seeds is not None and report.seed_file else None
        if seed is None or not seed.is_file():
            continue
        if squash(office.source.quote) not in squash(seed.read_text(encoding="utf-8")):
            where = (*loc, "quote")
            errors.append(
                ContentError(
                    path,
                    parsed.line_of(where),
                    format_field(where),
                    f"quote not found verbatim in {report.key} ({report.seed_file})",
                )
            )
    return errors
