"""A content release as one JSON document: every file of ``content/data`` with its plain data.

The document is ``{"format": 1, "files": {"indicators.yaml": {...}, ...}}``: each file's data is
what the YAML holds (dates as ISO text), in the schema of ``content/data``. A document is checked
exactly as a directory is (``danbiet content check``: the same schema, the same cross-file
checks) by writing it out as YAML; so what the database stores is always what an official could
have written, and an exported release checks and publishes again unchanged (same checksum).

Pure: imports neither the bot nor the database.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import tempfile
import types
import typing
from collections.abc import Iterator, Mapping
from pathlib import Path
from typing import Any

import yaml
from pydantic import BaseModel

from content import schema
from content.knowledge import KnowledgeBase
from content.loader import (
    ContentError,
    check_content,
    load_with_files,
    merge_files,
)
from content.schema import ContentFile

FORMAT = 1
Document = dict[str, Any]


def _date_fields() -> frozenset[str]:
    """The schema's date fields: written back as YAML dates, not quoted text."""
    names: set[str] = set()
    for model in vars(schema).values():
        if isinstance(model, type) and issubclass(model, BaseModel):
            for name, field in model.model_fields.items():
                annotation = field.annotation
                members = typing.get_args(annotation) if _is_union(annotation) else (annotation,)
                if dt.date in members:
                    names.add(name)
    return frozenset(names)


def _is_union(annotation: object) -> bool:
    return typing.get_origin(annotation) in (typing.Union, types.UnionType)


DATE_FIELDS = _date_fields()


def _plain(value: Any) -> Any:
    """YAML's values as JSON's: dates become ISO text (read back as dates by the schema)."""
    if isinstance(value, dict):
        return {str(key): _plain(item) for key, item in value.items()}
    if isinstance(value, list | tuple):
        return [_plain(item) for item in value]
    if isinstance(value, dt.date):
        return value.isoformat()
    return value


def document_of(files: Mapping[str, Any]) -> Document:
    """The document for files' plain data, by file name, in file-name order."""
    return {"format": FORMAT, "files": {name: _plain(files[name]) for name in sorted(files)}}


def read_directory(directory: Path) -> tuple[KnowledgeBase, Document]:
    """Load a content directory; its knowledge base and its document. Raises ContentErrors."""
    kb, parsed = load_with_files(directory)
    return kb, document_of({item.path.name: item.data for item in parsed})


def to_json(document: Document) -> str:
    """The stored text: the files' key order kept (it is how officials wrote them)."""
    return json.dumps(document, ensure_ascii=False, separators=(",", ":"))


def from_json(text: str) -> Document:
    document = json.loads(text)
    if not isinstance(document, dict) or not isinstance(document.get("files"), dict):
        raise ValueError("not a content document")
    return document


def checksum(document: Document) -> str:
    """SHA-256 of the document with sorted keys: equal content, equal checksum."""
    canonical = json.dumps(document, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    return hashlib.sha256(canonical.encode("utf-8")).hexdigest()


def _with_dates(value: Any, name: str | None = None) -> Any:
    if isinstance(value, dict):
        return {key: _with_dates(item, key) for key, item in value.items()}
    if isinstance(value, list):
        return [_with_dates(item) for item in value]
    if name in DATE_FIELDS and isinstance(value, str):
        try:
            return dt.date.fromisoformat(value)
        except ValueError:
            return value  # left as text: the schema names it
    return value


class _Dumper(yaml.SafeDumper):
    """Texts with line breaks as literal blocks (`|`), as an official would write them."""


def _represent_text(dumper: yaml.SafeDumper, text: str) -> yaml.ScalarNode:
    style = "|" if "\n" in text else None
    return dumper.represent_scalar("tag:yaml.org,2002:str", text, style=style)


_Dumper.add_representer(str, _represent_text)


def file_yaml(data: Any) -> str:
    return yaml.dump(
        _with_dates(data),
        Dumper=_Dumper,
        allow_unicode=True,
        sort_keys=False,
        default_flow_style=False,
        width=96,
    )


def _file_names(document: Document) -> Iterator[tuple[str, Any]]:
    for name, data in document["files"].items():
        # A stored name is a plain file name: never a path out of the directory written to.
        if not isinstance(name, str) or Path(name).name != name or not name.endswith(".yaml"):
            raise ValueError(f"not a content file name: {name!r}")
        yield name, data


def write_directory(document: Document, directory: Path) -> list[Path]:
    """Write the document's files as YAML into ``directory`` (created if missing)."""
    directory.mkdir(parents=True, exist_ok=True)
    written = []
    for name, data in _file_names(document):
        path = directory / name
        path.write_text(file_yaml(data), encoding="utf-8")
        written.append(path)
    return written


def check_document(document: Document) -> list[ContentError]:
    """Everything `danbiet content check` would say of the document's files; [] if valid."""
    try:
        names = list(_file_names(document))
    except (ValueError, KeyError, TypeError, AttributeError) as error:
        return [ContentError(Path("release"), None, None, str(error))]
    if not names:
        return [ContentError(Path("release"), None, None, "no content file in the release")]
    with tempfile.TemporaryDirectory(prefix="danbiet-release-") as temporary:
        directory = Path(temporary)
        write_directory(document, directory)
        errors = check_content(directory)
    # Name the file as the release names it, not by the temporary directory.
    return [
        ContentError(Path(error.path.name), error.line, error.field, error.message)
        for error in errors
    ]


def knowledge_base(document: Document) -> KnowledgeBase:
    """The knowledge base of a stored document, checked when it was published (so the
    cross-file checks are not run again); raises ValueError if it does not hold valid content."""
    models = []
    for _name, data in sorted(_file_names(document)):
        if data is None:
            continue  # an empty file holds nothing
        models.append(ContentFile.model_validate(data))
    return merge_files(models, Path("release"))
