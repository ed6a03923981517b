"""Proposals from reports: recall and precision of `danbiet content propose`, and its time.

    .venv/bin/python bench/proposals.py [--json]

Runs the real command (``.venv/bin/danbiet content propose FILE --date D --json``, a subprocess,
the shipped content) on the two programme reports (content/seeds/) and on a third, small report
written as a check against tuning (tests/data/reports/report-2023-q3.txt), and compares with
tests/data/facts_expected.yaml (every figure of the programme's fact sheet, written out by hand):

- recall: expected figures found by a proposal with the right indicator (or null for a new
  one), the value in the right field (value, plan, percent_of_plan, change) and a quote that is a
  verbatim span of the report containing the expected words;
- precision: proposals that are one of the expected figures (a year, a date, an article number
  or any other stray number counts against it);
- period: the proposals' period key against the report's.

Then the time of one run on a report of about 1 MB (the seed report repeated), end to end.
The matcher reads indicators' names, aliases and keywords only, never their observations or
quotes: the figures are found as they would be from empty content.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

import yaml

ROOT = Path(__file__).resolve().parent.parent
EXPECTED = ROOT / "tests" / "data" / "facts_expected.yaml"
DANBIET = ROOT / ".venv" / "bin" / "danbiet"
FIELDS = ("value", "plan", "percent_of_plan", "change")


def run(report: Path, date: str) -> list[dict[str, Any]]:
    command = [str(DANBIET), "content", "propose", str(report), "--date", date, "--json"]
    done = subprocess.run(command, capture_output=True, text=True, check=True, cwd=ROOT)  # noqa: S603
    rows: list[dict[str, Any]] = json.loads(done.stdout)
    return rows


def _holds(row: dict[str, Any], figure: dict[str, Any], text: str) -> bool:
    verbatim = text[row["quote_start"] : row["quote_end"]] == row["quote"]
    return (
        row["indicator"] == figure["indicator"]
        and row[figure["field"]] is not None
        and abs(float(row[figure["field"]]) - float(figure["value"])) < 1e-9
        and verbatim
        and figure["in_quote"] in row["quote"]
    )


def score(report: dict[str, Any]) -> dict[str, Any]:
    path = ROOT / report["file"]
    text = path.read_text(encoding="utf-8")
    rows = run(path, str(report["date"]))
    figures = report["figures"]
    used: set[int] = set()
    missed = []
    for figure in figures:
        hits = [index for index, row in enumerate(rows) if _holds(row, figure, text)]
        if hits:
            used.update(hits)
        else:
            missed.append(figure)
    stray = [row for index, row in enumerate(rows) if index not in used]
    periods = {row["period"]["key"] for row in rows}
    return {
        "report": report["file"],
        "figures": len(figures),
        "found": len(figures) - len(missed),
        "proposals": len(rows),
        "figure_proposals": len(used),
        "recall": (len(figures) - len(missed)) / len(figures),
        "precision": len(used) / len(rows) if rows else 1.0,
        "period_ok": periods == {report["period"]},
        "missed": missed,
        "stray": [
            {key: row[key] for key in ("indicator", "number", "unit", "quote")} for row in stray
        ],
    }


def big_report_seconds() -> tuple[int, float, int]:
    seed = (ROOT / "content" / "seeds" / "report-2022-q1.txt").read_text(encoding="utf-8")
    body = seed.split("Tin cùng chuyên mục")[0]
    repeated = body * (990_000 // len(body.encode("utf-8")))
    with tempfile.TemporaryDirectory() as directory:
        path = Path(directory) / "big.txt"
        path.write_text(repeated, encoding="utf-8")
        started = time.perf_counter()
        rows = run(path, "2022-04-13")
        return path.stat().st_size, time.perf_counter() - started, len(rows)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()
    reports = yaml.safe_load(EXPECTED.read_text(encoding="utf-8"))["reports"]
    results = [score(report) for report in reports]
    seeds = [result for result in results if result["report"].startswith("content/seeds/")]
    total = {
        "programme_recall": sum(r["found"] for r in seeds) / sum(r["figures"] for r in seeds),
        "programme_precision": sum(r["figure_proposals"] for r in seeds)
        / max(1, sum(r["proposals"] for r in seeds)),
    }
    size, seconds, count = big_report_seconds()
    total.update({"big_report_bytes": size, "big_report_seconds": round(seconds, 2)})
    total["big_report_proposals"] = count
    if args.json:
        print(json.dumps({"reports": results, "total": total}, ensure_ascii=False, indent=2))
        return 0
    header = ("report", "figures", "found", "recall", "props", "precision")
    print("{:<40} {:>7} {:>5} {:>7} {:>5} {:>9} period".format(*header))
    for r in results:
        print(
            f"{r['report']:<40} {r['figures']:>7} {r['found']:>5} {r['recall']:>7.1%} "
            f"{r['proposals']:>5} {r['precision']:>9.1%} {'ok' if r['period_ok'] else 'WRONG'}"
        )
        for figure in r["missed"]:
            print(f"    missed: {figure}")
        for row in r["stray"]:
            shown = f"{row['indicator']} {row['number']} {row['unit']}"
            print(f"    stray:  {shown} | {row['quote'][:70]}")
    print(
        f"programme reports: recall {total['programme_recall']:.1%}, "
        f"precision {total['programme_precision']:.1%}"
    )
    print(f"{size} bytes report: {seconds:.2f} s end to end, {count} proposals")
    return 0


if __name__ == "__main__":
    sys.exit(main())
