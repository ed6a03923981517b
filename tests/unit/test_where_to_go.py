"""Where residents take a personal case (content/guidance/where_to_go.yaml) is content under
``danbiet content check``: every office has a source, a report's sentence quoted verbatim or
official documents the file declares (content/guidance_checks.py)."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
import yaml

from content.loader import DEFAULT_CONTENT_DIR, check_content
from content.where_to_go import WHERE_TO_GO_FILE, read_where_to_go

CONTENT = DEFAULT_CONTENT_DIR.parent


def test_the_published_file_is_checked_and_valid() -> None:
    assert check_content() == []
    guide = read_where_to_go()
    for office in guide.offices:
        assert office.source is not None or office.official, office.key
        for key in office.official:
            document = guide.document(key)
            assert document.number
            assert document.title.vi
            assert document.title.en


def _copy(tmp_path: Path, edit: dict[str, object] | None = None) -> tuple[Path, Path]:
    """The content, its seeds and a where-to-go file edited as given; (data dir, guide)."""
    shutil.copytree(CONTENT / "data", tmp_path / "data")
    shutil.copytree(CONTENT / "seeds", tmp_path / "seeds")
    (tmp_path / "guidance").mkdir()
    raw = yaml.safe_load(WHERE_TO_GO_FILE.read_text(encoding="utf-8"))
    for key, change in (edit or {}).items():
        office = next(item for item in raw["offices"] if item["key"] == key)
        office.update(change)
        for field in [name for name, value in office.items() if value is None]:
            del office[field]
    guide = tmp_path / "guidance" / "where_to_go.yaml"
    guide.write_text(yaml.safe_dump(raw, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return tmp_path / "data", guide


def _messages(data: Path) -> list[str]:
    return [f"{error.field}: {error.message}" for error in check_content(data)]


def test_a_copy_beside_its_content_is_checked(tmp_path: Path) -> None:
    data, _ = _copy(tmp_path)
    assert check_content(data) == []


def test_an_office_without_a_source_is_reported(tmp_path: Path) -> None:
    data, guide = _copy(tmp_path, {"trung-tam-dich-vu-viec-lam": {"official": None}})
    errors = check_content(data)
    assert len(errors) == 1
    assert errors[0].path == guide
    assert errors[0].line is not None
    assert "trung-tam-dich-vu-viec-lam: no source" in errors[0].message


def test_an_undeclared_document_is_reported(tmp_path: Path) -> None:
    data, _ = _copy(tmp_path, {"bhxh-quan-huyen": {"official": ["luat-khong-co"]}})
    assert any("undeclared document luat-khong-co" in text for text in _messages(data))


@pytest.mark.parametrize(
    ("source", "expected"),
    [
        (
            {"report": "report-2022-q1", "quote": "UBND các quận đã phát 1.000 tỷ đồng."},
            "quote not found verbatim in report-2022-q1",
        ),
        ({"report": "bao-cao-khac", "quote": "Cơ quan thường trực"}, "unknown report"),
    ],
)
def test_a_quote_not_in_its_report_is_reported(
    tmp_path: Path, source: dict[str, str], expected: str
) -> None:
    data, _ = _copy(tmp_path, {"ubnd-quan-huyen": {"source": source}})
    messages = _messages(data)
    assert len(messages) == 1
    assert messages[0].startswith("offices[1].source.")
    assert expected in messages[0]
