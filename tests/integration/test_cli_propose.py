"""`danbiet content propose` end to end: the installed console script in a subprocess."""

from __future__ import annotations

import json
import os
import subprocess
from pathlib import Path
from typing import Any

import pytest
import yaml

ROOT = Path(__file__).resolve().parents[2]
DANBIET = ROOT / ".venv" / "bin" / "danbiet"
SEED = ROOT / "content" / "seeds" / "report-2022-q1.txt"
EXPECTED = ROOT / "tests" / "data" / "facts_expected.yaml"


def danbiet(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    env = {key: value for key, value in os.environ.items() if key != "TELEGRAM_BOT_TOKEN"}
    env["DATABASE_URL"] = f"sqlite+aiosqlite:///{cwd / 'cli.sqlite3'}"
    command = [str(DANBIET), "content", "propose", *args]
    return subprocess.run(  # noqa: S603 - our own console script, fixed arguments
        command, capture_output=True, text=True, cwd=cwd, env=env, timeout=120, check=False
    )


def test_json_lists_the_figures_of_a_report(tmp_path: Path) -> None:
    done = danbiet(str(SEED), "--date", "2022-04-13", "--json", cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    rows: list[dict[str, Any]] = json.loads(done.stdout)
    text = SEED.read_text(encoding="utf-8")
    for row in rows:
        assert {"indicator", "value", "unit", "quote", "period", "kind"} <= row.keys()
        assert isinstance(row["value"], int | float)
        assert row["quote"] in text
    jobs = next(row for row in rows if row["indicator"] == "viec-lam")
    assert (jobs["value"], jobs["plan"], jobs["unit"]) == (50019, 160000, "lao động")
    assert (jobs["percent_of_plan"], jobs["change"]) == (31.3, 29.2)
    assert jobs["period"]["key"] == "2022-Q1"
    assert "2022" not in {str(row["value"]) for row in rows}  # years are no figures


def test_the_table_is_readable(tmp_path: Path) -> None:
    done = danbiet(str(SEED), "--date", "2022-04-13", cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    assert "ho-ngheo" in done.stdout
    assert "3.612 hộ nghèo" in done.stdout
    assert "period 3 tháng đầu năm 2022" in done.stdout


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("missing.txt", None, "no such file"),
        ("utf16.txt", "Có 3.612 hộ nghèo".encode("utf-16"), "not UTF-8"),
        ("empty.txt", b"\n \n", "empty"),
        ("huge.txt", "Có 5 hộ nghèo. ".encode() * 70_000, "at most 1000000 bytes"),
    ],
    ids=["missing", "not-utf8", "empty", "over-1MB"],
)
def test_bad_reports_get_one_line_and_a_failure(
    tmp_path: Path, name: str, content: bytes | None, message: str
) -> None:
    path = tmp_path / name
    if content is not None:
        path.write_bytes(content)
    done = danbiet(str(path), "--date", "2022-04-13", "--json", cwd=tmp_path)
    assert done.returncode != 0
    assert done.stdout == ""
    lines = done.stderr.strip().splitlines()
    assert len(lines) == 1, done.stderr
    assert message in lines[0]


def test_a_bad_date_is_refused(tmp_path: Path) -> None:
    done = danbiet(str(SEED), "--date", "13/4/2022", cwd=tmp_path)
    assert done.returncode != 0
    assert "--date" in done.stderr


def test_a_report_of_nearly_one_megabyte_is_proposed(tmp_path: Path) -> None:
    body = SEED.read_text(encoding="utf-8").split("Tin cùng chuyên mục")[0]
    path = tmp_path / "big.txt"
    path.write_text(body * (990_000 // len(body.encode("utf-8"))), encoding="utf-8")
    done = danbiet(str(path), "--date", "2022-04-13", "--json", cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    rows = json.loads(done.stdout)
    assert len(rows) == 14 * (990_000 // len(body.encode("utf-8")))


def _holds(row: dict[str, Any], figure: dict[str, Any], text: str) -> bool:
    value = row[figure["field"]]
    return (
        row["indicator"] == figure["indicator"]
        and value is not None
        and abs(float(value) - float(figure["value"])) < 1e-9
        and text[row["quote_start"] : row["quote_end"]] == row["quote"]
        and figure["in_quote"] in row["quote"]
    )


@pytest.mark.parametrize(
    "report",
    yaml.safe_load(EXPECTED.read_text(encoding="utf-8"))["reports"],
    ids=lambda report: Path(report["file"]).stem,
)
def test_recall_and_precision_against_the_facts(tmp_path: Path, report: dict[str, Any]) -> None:
    """The issue's bar: ≥ 95% of the figures with the right quote and indicator, few strays."""
    path = ROOT / report["file"]
    text = path.read_text(encoding="utf-8")
    done = danbiet(str(path), "--date", str(report["date"]), "--json", cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    rows = json.loads(done.stdout)
    found = [any(_holds(row, figure, text) for row in rows) for figure in report["figures"]]
    useful = [any(_holds(row, figure, text) for figure in report["figures"]) for row in rows]
    assert sum(found) / len(found) >= 0.95, [
        f for f, ok in zip(report["figures"], found, strict=True) if not ok
    ]
    assert sum(useful) / len(useful) >= 0.9
    assert {row["period"]["key"] for row in rows} == {report["period"]}
