"""The content loader: every malformed file gives one error naming its file, line and field."""

from __future__ import annotations

from pathlib import Path

import pytest

from content.knowledge import KnowledgeBase
from content.loader import (
    ContentError,
    ContentErrors,
    check_content,
    format_field,
    load_knowledge_base,
)
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


# ------------------------------------------------------------------------------ valid content


def test_valid_content_has_no_errors(content_dir: Path) -> None:
    assert check_content(content_dir) == []


def test_valid_content_loads_into_a_knowledge_base(content_dir: Path) -> None:
    write(content_dir, "policies.yaml", POLICIES)
    kb = load_knowledge_base(content_dir)
    assert isinstance(kb, KnowledgeBase)
    assert kb.programme.code == "08-CTr/TU"
    assert list(kb.indicators) == ["ho-ngheo"]
    assert list(kb.policies) == ["nq-68-cp"]
    assert kb.indicators["ho-ngheo"].latest().value == 3612
    assert [area.key for area in kb.areas_with_indicators()] == ["giam-ngheo"]


def test_files_are_merged_in_sorted_order(content_dir: Path) -> None:
    second = INDICATORS.replace("ho-ngheo", "ho-can-ngheo").replace("indicators:\n", "")
    write(content_dir, "indicators-2.yaml", "indicators:\n" + second)
    write(
        content_dir,
        "base.yaml",
        BASE.replace("indicators: [ho-ngheo]", "indicators: [ho-ngheo, ho-can-ngheo]"),
    )
    kb = load_knowledge_base(content_dir)
    assert list(kb.indicators) == ["ho-can-ngheo", "ho-ngheo"]  # indicators-2 < indicators


def test_yaml_is_read_safely(content_dir: Path) -> None:
    text = INDICATORS.replace("value: 3612", "value: !!python/object/apply:os.system ['true']")
    write(content_dir, "indicators.yaml", text)
    error = only_error(content_dir)
    assert error.path.name == "indicators.yaml"
    assert error.line == line_of(text, "value:")
    assert "python/object" in error.message


def test_a_utf8_byte_order_mark_is_accepted(content_dir: Path) -> None:
    (content_dir / "indicators.yaml").write_bytes(b"\xef\xbb\xbf" + INDICATORS.encode())
    assert check_content(content_dir) == []


# ------------------------------------------------------------------------------ one file


def test_yaml_syntax_error(content_dir: Path) -> None:
    text = INDICATORS.replace("area: giam-ngheo", "area: giam-ngheo: oops")
    write(content_dir, "indicators.yaml", text)
    assert_error(
        only_error(content_dir),
        file="indicators.yaml",
        line=line_of(text, "giam-ngheo: oops"),
        field=None,
        says="YAML syntax error: mapping values are not allowed here",
    )


def test_unterminated_string_names_where_it_starts(content_dir: Path) -> None:
    text = INDICATORS.replace('quote: "3.612 hộ nghèo"}', 'quote: "3.612 hộ nghèo}')
    write(content_dir, "indicators.yaml", text)
    error = only_error(content_dir)
    assert error.path.name == "indicators.yaml"
    assert error.line == len(text.splitlines()) + 1  # the end of the file
    assert f"starts at line {line_of(text, 'quote:')}" in error.message


def test_tab_indentation_is_explained(content_dir: Path) -> None:
    text = INDICATORS.replace("    area: giam-ngheo", "\tarea: giam-ngheo")
    write(content_dir, "indicators.yaml", text)
    error = only_error(content_dir)
    assert error.line == line_of(text, "area: giam-ngheo")
    assert "not tabs" in error.message


def test_wrong_type(content_dir: Path) -> None:
    text = INDICATORS.replace("value: 3612", "value: three thousand")
    write(content_dir, "indicators.yaml", text)
    assert_error(
        only_error(content_dir),
        file="indicators.yaml",
        line=line_of(text, "value: three thousand"),
        field="indicators[0].observations[0].value",
        says="Input should be a valid number",
    )


def test_wrong_type_of_a_whole_section(content_dir: Path) -> None:
    text = BASE.replace("areas:\n  - key: giam-ngheo", "areas: giam-ngheo\nxareas:\n  - key: x")
    write(content_dir, "base.yaml", text)
    errors = check_content(content_dir)
    fields = {(error.field, error.line) for error in errors}
    assert ("areas", line_of(text, "areas: giam-ngheo")) in fields
    assert ("xareas", line_of(text, "xareas:")) in fields


def test_missing_required_field_points_at_its_parent(content_dir: Path) -> None:
    text = INDICATORS.replace(
        '        statement: {vi: "3.612 hộ nghèo", en: "3,612 poor households"}\n', ""
    )
    write(content_dir, "indicators.yaml", text)
    assert_error(
        only_error(content_dir),
        file="indicators.yaml",
        line=line_of(text, "- period:"),
        field="indicators[0].observations[0].statement",
        says="required field is missing",
    )


def test_missing_nested_field(content_dir: Path) -> None:
    text = INDICATORS.replace(
        'name: {vi: "Hộ nghèo", en: "Poor households"}', 'name: {vi: "Hộ nghèo"}'
    )
    write(content_dir, "indicators.yaml", text)
    assert_error(
        only_error(content_dir),
        file="indicators.yaml",
        line=line_of(text, "name:"),
        field="indicators[0].name.en",
        says="required field is missing",
    )


def test_empty_text_is_rejected(content_dir: Path) -> None:
    text = INDICATORS.replace(
        'name: {vi: "Hộ nghèo", en: "Poor households"}', 'name: {vi: "  ", en: "x"}'
    )
    write(content_dir, "indicators.yaml", text)
    error = only_error(content_dir)
    assert error.line == line_of(text, "name:")
    assert error.field == "indicators[0].name.vi"
    assert "at least 1 character" in error.message


def test_unknown_field(content_dir: Path) -> None:
    text = INDICATORS.replace("    area: giam-ngheo\n", "    area: giam-ngheo\n    colour: red\n")
    write(content_dir, "indicators.yaml", text)
    assert_error(
        only_error(content_dir),
        file="indicators.yaml",
        line=line_of(text, "colour: red"),
        field="indicators[0].colour",
        says="unknown field",
    )


def test_misspelt_section_is_an_unknown_field(content_dir: Path) -> None:
    text = INDICATORS.replace("indicators:", "indicator:")
    write(content_dir, "indicators.yaml", text)
    errors = check_content(content_dir)
    assert errors
    assert_error(
        errors[0],
        file="base.yaml",
        line=line_of(BASE, "indicators: [ho-ngheo]"),
        field="reports[0].indicators[0]",
        says="unknown indicator 'ho-ngheo'",
    )
    assert_error(errors[1], file="indicators.yaml", line=1, field="indicator", says="unknown field")


def test_duplicate_yaml_key(content_dir: Path) -> None:
    text = INDICATORS.replace("        value: 3612\n", "        value: 3612\n        value: 3613\n")
    write(content_dir, "indicators.yaml", text)
    first = line_of(text, "value: 3612")
    assert_error(
        only_error(content_dir),
        file="indicators.yaml",
        line=line_of(text, "value: 3613"),
        field="indicators[0].observations[0].value",
        says=f"duplicate key 'value' in this mapping (first at line {first})",
    )


def test_duplicate_yaml_key_at_top_level(content_dir: Path) -> None:
    text = INDICATORS + "indicators: []\n"
    write(content_dir, "indicators.yaml", text)
    errors = check_content(content_dir)
    duplicate = [error for error in errors if "duplicate key" in error.message]
    assert len(duplicate) == 1
    assert_error(
        duplicate[0],
        file="indicators.yaml",
        line=line_of(text, "indicators: []"),
        field="indicators",
        says="duplicate key 'indicators'",
    )


def test_bad_key_pattern(content_dir: Path) -> None:
    text = INDICATORS.replace("key: ho-ngheo", "key: Hộ_Nghèo")
    write(content_dir, "indicators.yaml", text)
    write(content_dir, "base.yaml", BASE.replace("indicators: [ho-ngheo]", "indicators: []"))
    assert_error(
        only_error(content_dir),
        file="indicators.yaml",
        line=line_of(text, "key: Hộ_Nghèo"),
        field="indicators[0].key",
        says="not a valid key 'Hộ_Nghèo': use lowercase ASCII letters, digits and '-'",
    )


def test_key_too_long(content_dir: Path) -> None:
    key = "a" * 33
    text = INDICATORS.replace("key: ho-ngheo", f"key: {key}")
    write(content_dir, "indicators.yaml", text)
    write(content_dir, "base.yaml", BASE.replace("indicators: [ho-ngheo]", "indicators: []"))
    error = only_error(content_dir)
    assert error.line == line_of(text, f"key: {key}")
    assert error.field == "indicators[0].key"


def test_bad_period_key(content_dir: Path) -> None:
    text = INDICATORS.replace('period_key: "2022-Q1"', 'period_key: "Q1-2022"')
    write(content_dir, "indicators.yaml", text)
    error = only_error(content_dir)
    assert error.line == line_of(text, "period_key:")
    assert error.field == "indicators[0].observations[0].period_key"


def test_bad_date(content_dir: Path) -> None:
    text = INDICATORS.replace("as_of: 2022-04-13", "as_of: 13/4/2022")
    write(content_dir, "indicators.yaml", text)
    error = only_error(content_dir)
    assert error.line == line_of(text, "as_of:")
    assert error.field == "indicators[0].observations[0].as_of"


@pytest.mark.parametrize(
    ("written", "says"),
    [
        ("as_of: 2024-13-01", "'2024-13-01' is not a valid date"),  # looks like a date: isn't
        ("as_of: !!timestamp nope", "'nope' is not a valid date"),
        ("value: !!int abc", "'abc' is not a valid whole number"),
        ("value: !!bool maybe", "'maybe' is not a valid true/false"),
    ],
)
def test_a_value_its_tag_cannot_read_is_named_with_its_line(
    content_dir: Path, written: str, says: str
) -> None:
    field = written.split(":")[0]
    original = {"as_of": "as_of: 2022-04-13", "value": "value: 3612"}[field]
    text = INDICATORS.replace(original, written, 1)
    write(content_dir, "indicators.yaml", text)
    assert_error(
        only_error(content_dir),
        file="indicators.yaml",
        line=line_of(text, written),
        field=None,
        says=says,
    )


@pytest.mark.parametrize(
    ("text", "line", "says"),
    [
        ("programme: 1\nloop: &a [1, *a]\n", 2, "the alias *a refers to its own anchor &a"),
        ("programme: 1\nx: " + "[" * 600 + "]" * 600 + "\n", 2, "nested more than 40 levels"),
        (
            "programme: 1\na: &a [1, 1, 1, 1, 1, 1, 1, 1, 1, 1]\n"
            + "".join(
                f"{name}: &{name} [{', '.join([f'*{previous}'] * 10)}]\n"
                for previous, name in zip("abcde", "bcdef", strict=True)
            ),
            7,
            "over 200,000 values once its aliases are expanded",
        ),
    ],
    ids=["recursive-alias", "too-deep", "billion-laughs"],
)
def test_yaml_that_would_crash_or_stall_the_loader_is_refused_with_its_line(
    content_dir: Path, text: str, line: int, says: str
) -> None:
    write(content_dir, "zz-bad.yaml", text)
    assert_error(only_error(content_dir), file="zz-bad.yaml", line=line, field=None, says=says)


def test_an_alias_to_a_finished_anchor_is_still_fine(content_dir: Path) -> None:
    text = INDICATORS.replace(
        'source: {report: report-a, quote: "3.612 hộ nghèo"}',
        'source: &src {report: report-a, quote: "3.612 hộ nghèo"}',
        1,
    )
    write(content_dir, "indicators.yaml", text)
    assert check_content(content_dir) == []


def test_no_observation(content_dir: Path) -> None:
    text = INDICATORS.split("    observations:")[0] + "    observations: []\n"
    write(content_dir, "indicators.yaml", text)
    assert_error(
        only_error(content_dir),
        file="indicators.yaml",
        line=line_of(text, "observations: []"),
        field="indicators[0].observations",
        says="at least 1 item",
    )


def test_an_invalid_only_item_is_not_also_reported_as_missing(content_dir: Path) -> None:
    text = INDICATORS.replace("value: 3612", "value: many")
    write(content_dir, "indicators.yaml", text)
    assert [error.field for error in check_content(content_dir)] == [
        "indicators[0].observations[0].value"
    ]


@pytest.mark.parametrize("written", ["3.612", '"3.612"', "1.234.567"])
def test_thousands_separator_is_refused(content_dir: Path, written: str) -> None:
    text = INDICATORS.replace("value: 3612", f"value: {written}")
    write(content_dir, "indicators.yaml", text)
    assert_error(
        only_error(content_dir),
        file="indicators.yaml",
        line=line_of(text, f"value: {written}"),
        field="indicators[0].observations[0].value",
        says="looks like a number with a thousands separator",
    )


def test_thousands_separator_in_a_figure(content_dir: Path) -> None:
    figures = (
        "        figures:\n"
        '          - label: {vi: "Kinh phí", en: "Funds"}\n'
        "            value: 7.152\n"
        '            unit: {vi: "tỷ đồng", en: "billion VND"}\n'
    )
    text = INDICATORS.replace("        source:", figures + "        source:")
    write(content_dir, "indicators.yaml", text)
    error = only_error(content_dir)
    assert error.line == line_of(text, "value: 7.152")
    assert error.field == "indicators[0].observations[0].figures[0].value"
    assert "write 7152" in error.message


def test_decimals_are_accepted(content_dir: Path) -> None:
    text = INDICATORS.replace(
        "value: 3612",
        'value: 0.16\n        target: 1.2500\n        target_label: {vi: "kế hoạch", en: "plan"}',
    )
    write(content_dir, "indicators.yaml", text)
    assert check_content(content_dir) == []


def test_decimal_comma_is_explained(content_dir: Path) -> None:
    text = INDICATORS.replace("value: 3612", "value: 0,16")
    write(content_dir, "indicators.yaml", text)
    error = only_error(content_dir)
    assert error.line == line_of(text, "value: 0,16")
    assert "a decimal point" in error.message


def test_unknown_reference_suggests_a_close_key(content_dir: Path) -> None:
    text = INDICATORS.replace("area: giam-ngheo", "area: giam-ngeo")
    write(content_dir, "indicators.yaml", text)
    assert "did you mean 'giam-ngheo'?" in only_error(content_dir).message


def test_negative_target(content_dir: Path) -> None:
    text = INDICATORS.replace("value: 3612\n", "value: 3612\n        target: -5\n")
    write(content_dir, "indicators.yaml", text)
    error = only_error(content_dir)
    assert error.line == line_of(text, "target: -5")
    assert error.field == "indicators[0].observations[0].target"
    assert "target must be positive" in error.message


def test_not_a_mapping(content_dir: Path) -> None:
    write(content_dir, "indicators.yaml", "# a list\n- ho-ngheo\n- ho-can-ngheo\n")
    errors = check_content(content_dir)
    assert len(errors) == 1
    assert_error(
        errors[0],
        file="indicators.yaml",
        line=2,
        field=None,
        says="the file must be a mapping of sections",
    )


def test_a_single_value_is_not_a_mapping(content_dir: Path) -> None:
    write(content_dir, "indicators.yaml", "just some text\n")
    error = only_error(content_dir)
    assert error.line == 1
    assert "not a single value" in error.message


def test_invalid_utf8(content_dir: Path) -> None:
    raw = INDICATORS.encode("utf-8").replace("Hộ nghèo".encode(), "H\xf4 ngh\xe8o".encode("cp1258"))
    (content_dir / "indicators.yaml").write_bytes(raw)
    assert_error(
        only_error(content_dir),
        file="indicators.yaml",
        line=line_of(INDICATORS, "Hộ nghèo"),
        field=None,
        says="not valid UTF-8",
    )


@pytest.mark.parametrize("text", ["", "\n\n", "# only a comment\n", "---\n"])
def test_empty_file(content_dir: Path, text: str) -> None:
    write(content_dir, "empty.yaml", text)
    assert_error(
        only_error(content_dir),
        file="empty.yaml",
        line=1,
        field=None,
        says="the file is empty",
    )


def test_two_documents_in_one_file(content_dir: Path) -> None:
    text = INDICATORS + "---\nfaqs: []\n"
    write(content_dir, "indicators.yaml", text)
    error = only_error(content_dir)
    assert error.line == line_of(text, "---")
    assert "single document" in error.message


def test_several_errors_are_all_reported_sorted(content_dir: Path) -> None:
    text = INDICATORS.replace("value: 3612", "value: x").replace(
        "    area: giam-ngheo\n", "    area: giam-ngheo\n    colour: red\n"
    )
    write(content_dir, "indicators.yaml", text)
    write(content_dir, "a.yaml", "- not a mapping\n")
    errors = check_content(content_dir)
    assert [(error.path.name, error.line) for error in errors] == [
        ("a.yaml", 1),
        ("indicators.yaml", line_of(text, "colour: red")),
        ("indicators.yaml", line_of(text, "value: x")),
    ]


def test_empty_directory(tmp_path: Path) -> None:
    error = only_error(tmp_path)
    assert error.path == tmp_path
    assert "no *.yaml content file" in error.message


def test_missing_directory(tmp_path: Path) -> None:
    error = only_error(tmp_path / "nope")
    assert "does not exist" in error.message


def test_other_files_are_ignored(content_dir: Path) -> None:
    write(content_dir, "README.md", "not: [yaml")
    write(content_dir, "notes.yml.bak", "not: [yaml")
    assert check_content(content_dir) == []


# ------------------------------------------------------------------------------ errors


def test_load_raises_all_errors(content_dir: Path) -> None:
    write(content_dir, "indicators.yaml", INDICATORS.replace("area: giam-ngheo", "area: x"))
    write(content_dir, "empty.yaml", "")
    with pytest.raises(ContentErrors) as caught:
        load_knowledge_base(content_dir)
    errors = caught.value.errors
    assert [error.path.name for error in errors] == ["empty.yaml", "indicators.yaml"]
    text = str(caught.value)
    assert text.startswith("2 problems in the content files:")
    assert "empty.yaml:1: the file is empty" in text
    assert "indicators.yaml:" in text
    assert "indicators[0].area: unknown area 'x'" in text


def test_error_text_format() -> None:
    error = ContentError(
        Path("/elsewhere/content/data/indicators.yaml"),
        42,
        "indicators[3].observations[0].value",
        "Input should be a valid number",
    )
    assert str(error) == (
        "/elsewhere/content/data/indicators.yaml:42: indicators[3].observations[0].value: "
        "Input should be a valid number"
    )
    assert str(ContentError(Path("/x/a.yaml"), None, None, "broken")) == "/x/a.yaml: broken"


def test_error_path_is_shown_relative_to_the_working_directory(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    path = tmp_path / "content" / "data" / "indicators.yaml"
    error = ContentError(path, 7, "indicators[0].key", "bad")
    assert str(error) == "content/data/indicators.yaml:7: indicators[0].key: bad"


def test_errors_compare_by_value() -> None:
    first = ContentError(Path("a.yaml"), 1, "x", "m")
    assert first == ContentError(Path("a.yaml"), 1, "x", "m")
    assert len({first, ContentError(Path("a.yaml"), 1, "x", "m")}) == 1
    assert first != ContentError(Path("a.yaml"), 2, "x", "m")


@pytest.mark.parametrize(
    ("loc", "expected"),
    [
        (("indicators", 3, "observations", 0, "value"), "indicators[3].observations[0].value"),
        (("programme",), "programme"),
        ((), ""),
        (("reports", 0, "indicators", 2), "reports[0].indicators[2]"),
    ],
)
def test_format_field(loc: tuple[int | str, ...], expected: str) -> None:
    assert format_field(loc) == expected


def test_content_package_imports_nothing_upward() -> None:
    source = (Path(__file__).parents[2] / "content" / "loader.py").read_text(encoding="utf-8")
    for forbidden in ("bot", "handlers", "storage", "telegram", "aiohttp", "sqlalchemy"):
        assert f"import {forbidden}" not in source
        assert f"from {forbidden}" not in source


def test_a_qualifier_the_quote_gives_is_required_and_none_other_allowed(
    content_dir: Path,
) -> None:
    over = INDICATORS.replace('quote: "3.612 hộ nghèo"', 'quote: "trên 3.612 hộ nghèo"')
    write(content_dir, "indicators.yaml", over)
    assert "the quote says trên, the content says no qualifier" in only_error(content_dir).message
    write(
        content_dir,
        "indicators.yaml",
        over.replace("value: 3612", "value: 3612\n        qualifier: over"),
    )
    assert check_content(content_dir) == []
    about = INDICATORS.replace("value: 3612", "value: 3612\n        qualifier: about")
    write(content_dir, "indicators.yaml", about)
    assert "the quote says no qualifier, the content says khoảng" in only_error(content_dir).message


def test_a_target_is_a_plan_the_label_names(content_dir: Path) -> None:
    count = INDICATORS.replace(
        "value: 3612",
        'value: 3612\n        target: 5000\n        target_label: {vi: "tổng số hộ", en: "all"}',
    )
    write(content_dir, "indicators.yaml", count)
    assert "target is a plan" in only_error(content_dir).message
