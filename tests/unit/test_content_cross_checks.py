"""Checks across content files: one programme, unique keys, references that resolve."""

from __future__ import annotations

from pathlib import Path

from content.loader import check_content
from tests.unit.content_samples import (
    BASE,
    INDICATORS,
    POLICIES,
    assert_error,
    content_dir,
    line_of,
    only_error,
    write,
)

__all__ = ["content_dir"]  # the fixture, used by name


def test_duplicate_entry_key_across_files(content_dir: Path) -> None:
    write(content_dir, "more.yaml", INDICATORS)
    assert_error(
        only_error(content_dir),
        file="more.yaml",
        line=line_of(INDICATORS, "key: ho-ngheo"),
        field="indicators[0].key",
        says=(
            "duplicate indicator key 'ho-ngheo' (first defined in indicators.yaml at line "
            f"{line_of(INDICATORS, 'key: ho-ngheo')})"
        ),
    )


def test_same_key_in_different_kinds_is_allowed(content_dir: Path) -> None:
    write(content_dir, "policies.yaml", POLICIES.replace("key: nq-68-cp", "key: ho-ngheo"))
    assert check_content(content_dir) == []


def test_duplicate_entry_key_within_one_file(content_dir: Path) -> None:
    body = INDICATORS.removeprefix("indicators:\n")
    text = INDICATORS + body
    write(content_dir, "indicators.yaml", text)
    assert_error(
        only_error(content_dir),
        file="indicators.yaml",
        line=line_of(text, "key: ho-ngheo", occurrence=2),
        field="indicators[1].key",
        says="duplicate indicator key 'ho-ngheo'",
    )


def test_unknown_area(content_dir: Path) -> None:
    text = INDICATORS.replace("area: giam-ngheo", "area: nowhere")
    write(content_dir, "indicators.yaml", text)
    assert_error(
        only_error(content_dir),
        file="indicators.yaml",
        line=line_of(text, "area: nowhere"),
        field="indicators[0].area",
        says="unknown area 'nowhere' (known: giam-ngheo)",
    )


def test_unknown_area_of_a_policy(content_dir: Path) -> None:
    text = POLICIES.replace("area: giam-ngheo", "area: nowhere")
    write(content_dir, "policies.yaml", text)
    assert_error(
        only_error(content_dir),
        file="policies.yaml",
        line=line_of(text, "area: nowhere"),
        field="policies[0].area",
        says="unknown area 'nowhere'",
    )


def test_unknown_report(content_dir: Path) -> None:
    text = INDICATORS.replace("report: report-a", "report: report-x")
    write(content_dir, "indicators.yaml", text)
    assert_error(
        only_error(content_dir),
        file="indicators.yaml",
        line=line_of(text, "report: report-x"),
        field="indicators[0].observations[0].source.report",
        says="unknown report 'report-x', did you mean 'report-a'? (known: report-a)",
    )


def test_unknown_report_in_block_style(content_dir: Path) -> None:
    faq = (
        "faqs:\n"
        "  - key: ai-lanh-dao\n"
        "    question: {vi: 'Ai?', en: 'Who?'}\n"
        "    answer: {vi: 'Ông Tuấn', en: 'Mr Tuấn'}\n"
        "    source:\n"
        "      quote: 'Nguyễn Ngọc Tuấn'\n"
        "      report: report-z\n"
    )
    write(content_dir, "faq.yaml", faq)
    assert_error(
        only_error(content_dir),
        file="faq.yaml",
        line=7,
        field="faqs[0].source.report",
        says="unknown report 'report-z'",
    )


def test_unknown_related_indicator(content_dir: Path) -> None:
    text = POLICIES.replace(
        "related_indicators: [ho-ngheo]", "related_indicators:\n      - ho-ngheo\n      - ho-giau"
    )
    write(content_dir, "policies.yaml", text)
    assert_error(
        only_error(content_dir),
        file="policies.yaml",
        line=line_of(text, "- ho-giau"),
        field="policies[0].related_indicators[1]",
        says="unknown indicator 'ho-giau'",
    )


def test_unknown_indicator_of_a_report(content_dir: Path) -> None:
    text = BASE.replace("indicators: [ho-ngheo]", "indicators: [ho-ngheo, viec-lam]")
    write(content_dir, "base.yaml", text)
    assert_error(
        only_error(content_dir),
        file="base.yaml",
        line=line_of(text, "indicators: [ho-ngheo, viec-lam]"),
        field="reports[0].indicators[1]",
        says="unknown indicator 'viec-lam'",
    )


def test_repeated_period_key_within_an_indicator(content_dir: Path) -> None:
    observation = INDICATORS.split("    observations:\n")[1]
    text = INDICATORS + observation
    write(content_dir, "indicators.yaml", text)
    assert_error(
        only_error(content_dir),
        file="indicators.yaml",
        line=line_of(text, "period_key:", occurrence=2),
        field="indicators[0].observations[1].period_key",
        says="period_key '2022-Q1' repeats within indicator 'ho-ngheo' (observations[0])",
    )


def test_two_programmes(content_dir: Path) -> None:
    programme = BASE.split("areas:")[0]
    write(content_dir, "second.yaml", programme)
    assert_error(
        only_error(content_dir),
        file="second.yaml",
        line=1,
        field="programme",
        says="a second programme: there must be exactly one across all files "
        "(first in base.yaml at line 1)",
    )


def test_no_programme(content_dir: Path) -> None:
    write(content_dir, "base.yaml", "areas:" + BASE.split("areas:")[1])
    error = only_error(content_dir)
    assert error.path == content_dir
    assert error.line is None
    assert error.field == "programme"
    assert "no file defines the programme" in error.message


def test_references_are_not_checked_when_a_file_is_unreadable(content_dir: Path) -> None:
    # The areas and reports may well be in the broken file: report that file only.
    write(content_dir, "base.yaml", BASE.replace("areas:\n", "areas: [\n"))
    errors = check_content(content_dir)
    assert [error.path.name for error in errors] == ["base.yaml"]


def test_an_invalid_entry_still_defines_its_key(content_dir: Path) -> None:
    text = BASE.replace('name: {vi: "Giảm nghèo", en: "Poverty reduction"}', "name: 5")
    write(content_dir, "base.yaml", text)
    assert [error.field for error in check_content(content_dir)] == ["areas[0].name"]


# ------------------------------------------------------------------------------ linked entries

LINKS = """\
links:
  - key: milk
    primary: "indicator:ho-ngheo"
    related: ["policy:nq-68-cp", "report:report-a"]
"""


def test_links_resolve(content_dir: Path) -> None:
    write(content_dir, "policies.yaml", POLICIES)
    write(content_dir, "links.yaml", LINKS)
    assert check_content(content_dir) == []


def test_a_link_to_an_unknown_entry_names_it(content_dir: Path) -> None:
    write(content_dir, "policies.yaml", POLICIES)
    write(content_dir, "links.yaml", LINKS.replace("policy:nq-68-cp", "policy:nq-68"))
    assert_error(
        only_error(content_dir),
        file="links.yaml",
        line=line_of(LINKS, "related:"),
        field="links[0].related[0]",
        says="unknown policy 'nq-68', did you mean 'nq-68-cp'?",
    )


def test_an_entry_in_two_links_is_refused(content_dir: Path) -> None:
    write(content_dir, "policies.yaml", POLICIES)
    second = LINKS.replace("links:\n", "").replace("key: milk", "key: again")
    write(content_dir, "links.yaml", LINKS + second)
    errors = check_content(content_dir)
    assert [error.field for error in errors] == [
        "links[1].primary",
        "links[1].related[0]",
        "links[1].related[1]",
    ]
    assert "already linked" in errors[0].message


def test_a_link_refuses_unknown_fields_and_a_report_as_primary(content_dir: Path) -> None:
    write(content_dir, "policies.yaml", POLICIES)
    text = LINKS.replace('primary: "indicator:ho-ngheo"', 'primary: "report:report-a"')
    text = text.replace(', "report:report-a"]', "]")
    write(content_dir, "links.yaml", text + "    weight: 2\n")
    errors = check_content(content_dir)
    assert sorted(str(error.field) for error in errors) == ["links[0].primary", "links[0].weight"]
    assert any(
        "not a report" in error.message or "answers residents" in error.message for error in errors
    )


def test_a_link_reference_must_name_a_kind(content_dir: Path) -> None:
    write(content_dir, "policies.yaml", POLICIES)
    write(content_dir, "links.yaml", LINKS.replace("policy:nq-68-cp", "nq-68-cp"))
    assert only_error(content_dir).field == "links[0].related[0]"


def test_unknown_report_in_a_further_faq_source(content_dir: Path) -> None:
    faq = (
        "faqs:\n"
        "  - key: ai-lanh-dao\n"
        "    question: {vi: 'Ai?', en: 'Who?'}\n"
        "    answer: {vi: 'Ông Tuấn', en: 'Mr Tuấn'}\n"
        "    source: {report: report-a, quote: 'Nguyễn Ngọc Tuấn'}\n"
        "    also:\n"
        "      - {report: report-b, quote: 'Trưởng ban Chỉ đạo'}\n"
    )
    write(content_dir, "faq.yaml", faq)
    assert_error(
        only_error(content_dir),
        file="faq.yaml",
        line=7,
        field="faqs[0].also[0].report",
        says="unknown report 'report-b'",
    )
