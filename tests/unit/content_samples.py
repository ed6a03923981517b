"""A small valid content set, split over two files like the real one, and the assertions
the content-loader tests share (tests/unit/test_content_loader.py, test_content_cross_checks.py)."""

from __future__ import annotations

from pathlib import Path

import pytest

from content.loader import ContentError, check_content

# A small valid content set, split over two files like the real one.
BASE = """\
programme:
  code: "08-CTr/TU"
  name: {vi: "Chương trình số 08-CTr/TU", en: "Programme 08-CTr/TU"}
  issuer: {vi: "Thành ủy Hà Nội (khóa XVII)", en: "Hanoi Party Committee"}
  start_year: 2021
  end_year: 2025
  standing_agency: {vi: "Sở Lao động - Thương binh và Xã hội Hà Nội", en: "DOLISA"}
  leaders:
    - name: "Nguyễn Ngọc Tuấn"
      role: {vi: "Trưởng ban Chỉ đạo", en: "Head of the steering committee"}
  motto: {vi: "dân biết, dân bàn", en: "the people know, discuss"}
  source: {report: report-a, quote: "công khai để dân biết"}
areas:
  - key: giam-ngheo
    name: {vi: "Giảm nghèo", en: "Poverty reduction"}
    emoji: "🏠"
reports:
  - key: report-a
    title: {vi: "Báo cáo quý I/2022", en: "Q1 2022 report"}
    period: {vi: "Quý I/2022", en: "Q1 2022"}
    period_key: "2022-Q1"
    published: 2022-04-13
    publisher: {vi: "Ban Chỉ đạo", en: "Steering committee"}
    summary: {vi: "Tóm tắt", en: "Summary"}
    indicators: [ho-ngheo]
"""

INDICATORS = """\
indicators:
  - key: ho-ngheo
    area: giam-ngheo
    name: {vi: "Hộ nghèo", en: "Poor households"}
    aliases: {vi: ["số hộ nghèo"], en: ["poor households"]}
    observations:
      - period: {vi: "Quý I/2022", en: "Q1 2022"}
        period_key: "2022-Q1"
        as_of: 2022-04-13
        value: 3612
        unit: {vi: "hộ", en: "households"}
        statement: {vi: "3.612 hộ nghèo", en: "3,612 poor households"}
        source: {report: report-a, quote: "3.612 hộ nghèo"}
"""

POLICIES = """\
policies:
  - key: nq-68-cp
    area: giam-ngheo
    name: {vi: "Nghị quyết 68/NQ-CP", en: "Resolution 68/NQ-CP"}
    summary: {vi: "Hỗ trợ", en: "Support"}
    related_indicators: [ho-ngheo]
"""


def write(directory: Path, name: str, text: str) -> Path:
    path = directory / name
    path.write_text(text, encoding="utf-8")
    return path


def line_of(text: str, marker: str, occurrence: int = 1) -> int:
    """The 1-based number of the line holding ``marker`` (its n-th occurrence)."""
    lines = [number for number, line in enumerate(text.splitlines(), 1) if marker in line]
    assert len(lines) >= occurrence, f"{marker!r} not in the text"
    return lines[occurrence - 1]


@pytest.fixture
def content_dir(tmp_path: Path) -> Path:
    write(tmp_path, "base.yaml", BASE)
    write(tmp_path, "indicators.yaml", INDICATORS)
    return tmp_path


def only_error(directory: Path) -> ContentError:
    errors = check_content(directory)
    assert len(errors) == 1, "\n".join(str(error) for error in errors)
    return errors[0]


def assert_error(
    error: ContentError, *, file: str, line: int | None, field: str | None, says: str
) -> None:
    assert error.path.name == file
    assert error.line == line
    assert error.field == field
    assert says in error.message
    text = str(error)
    assert file in text
    if line is not None:
        assert f"{file}:{line}: " in text
    if field is not None:
        assert f": {field}: " in text
    assert says in text
