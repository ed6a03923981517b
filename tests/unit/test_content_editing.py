"""The content editor's pure part: each entity read as form values and written back, every
rule of `danbiet content check` said at its field, bad input refused with nothing changed, and a
pasted report's figures accepted into the document."""

from __future__ import annotations

import copy
from pathlib import Path
from typing import Any

import pytest

from content.editing import (
    accept_proposal,
    edit_entity,
    form_values,
    proposal_form,
    proposals_for,
    remove_entity,
    sections,
)
from content.editing.entities import EntityKind, UnknownEntity
from content.editing.errors import FieldError
from content.editing.values import BadValue, read_date, read_number, show_number
from content.loader import DEFAULT_CONTENT_DIR
from content.proposals import MAX_REPORT_BYTES
from content.release_document import Document, check_document, read_directory

SEEDS = DEFAULT_CONTENT_DIR.parent / "seeds"
SCRIPT = "<script>alert('x')</script>"


@pytest.fixture(scope="module")
def shipped() -> Document:
    return read_directory(DEFAULT_CONTENT_DIR)[1]


@pytest.fixture
def document(shipped: Document) -> Document:
    return copy.deepcopy(shipped)


def _entry(document: Document, section: str, key: str) -> dict[str, Any]:
    found = sections.find(document, section, key)
    assert found is not None, key
    return found[1]


def _fields(edit_errors: tuple[FieldError, ...]) -> dict[str, str]:
    return {error.field: error.key for error in edit_errors}


def new_report(text: str, **changes: str) -> dict[str, str]:
    values = {
        "key": "report-2024-h1",
        "title_vi": "Báo cáo 6 tháng đầu năm 2024",
        "title_en": "Report on H1 2024",
        "published": "10/7/2024",
        "publisher_vi": "Sở Lao động - Thương binh và Xã hội Hà Nội",
        "publisher_en": "Hanoi DOLISA",
        "summary_vi": "Kết quả 6 tháng đầu năm 2024.",
        "summary_en": "Results of H1 2024.",
        "text": text,
    }
    return {**values, **changes}


def next_report_text() -> str:
    return (SEEDS / "report-2023-h1.txt").read_text(encoding="utf-8").replace("2023", "2024")


# ------------------------------------------------------------------------ values


@pytest.mark.parametrize(
    ("typed", "value"),
    [("2.981", 2981), ("0,13", 0.13), ("7.152,8", 7152.8), ("3612", 3612), ("-31,2", -31.2)],
)
def test_numbers_are_read_as_vietnamese_write_them(typed: str, value: float) -> None:
    assert read_number(typed) == pytest.approx(value)


@pytest.mark.parametrize("typed", ["abc", "1.2.3", "12x"])
def test_a_number_that_is_no_number_is_refused(typed: str) -> None:
    with pytest.raises(BadValue):
        read_number(typed)


def test_numbers_are_shown_as_the_reports_write_them() -> None:
    assert [show_number(3612), show_number(0.16), show_number(-31.2)] == ["3.612", "0,16", "-31,2"]


def test_dates_typed_either_way() -> None:
    assert read_date("13/4/2022") == read_date("2022-04-13") == "2022-04-13"
    with pytest.raises(BadValue):
        read_date("31/2/2022")


# ------------------------------------------------------------------------ reading and writing


def test_an_observation_written_back_unchanged_is_the_same_document(document: Document) -> None:
    values = form_values(document, "observation", "ho-ngheo", 0)
    assert values["value"] == "3.612"
    edit = edit_entity(document, "observation", values, key="ho-ngheo", index=0)
    assert edit.ok, edit.errors
    assert edit.document == document


@pytest.mark.parametrize(
    ("kind", "key"),
    [("indicator", "ho-ngheo"), ("policy", "nq-68-cp"), ("faq", "chuong-trinh-la-gi")],
)
def test_every_kind_written_back_unchanged_checks(
    document: Document, kind: EntityKind, key: str
) -> None:
    values = form_values(document, kind, key)
    edit = edit_entity(document, kind, values, key=key)
    assert edit.ok, edit.errors
    assert edit.document == document


def test_a_shipped_report_shows_its_seed_text_and_keeps_it_when_saved(document: Document) -> None:
    values = form_values(document, "report", "report-2022-q1")
    assert "3.612" in values["text"]
    edit = edit_entity(document, "report", values, key="report-2022-q1")
    assert edit.ok, edit.errors
    assert _entry(edit.document, "reports", "report-2022-q1")["text"] == values["text"]
    assert check_document(edit.document) == []


def test_aliases_and_keywords_one_a_line(document: Document) -> None:
    values = form_values(document, "indicator", "ho-ngheo")
    values["aliases_vi"] += "\r\nhộ nghèo mới\n\n"
    edit = edit_entity(document, "indicator", values, key="ho-ngheo")
    assert edit.ok
    entry = _entry(edit.document, "indicators", "ho-ngheo")
    assert entry["aliases"]["vi"][-1] == "hộ nghèo mới"


def test_html_and_script_are_kept_as_text(document: Document) -> None:
    values = form_values(document, "indicator", "ho-ngheo")
    values["name_en"] = SCRIPT
    edit = edit_entity(document, "indicator", values, key="ho-ngheo")
    assert edit.ok
    entry = _entry(edit.document, "indicators", "ho-ngheo")
    assert entry["name"]["en"] == SCRIPT
    assert check_document(edit.document) == []


def test_an_unknown_entity_is_refused(document: Document) -> None:
    with pytest.raises(UnknownEntity):
        form_values(document, "indicator", "khong-co")
    with pytest.raises(UnknownEntity):
        edit_entity(document, "observation", {}, key="ho-ngheo", index=99)


# ------------------------------------------------------------------------ the rules, at their field


def test_a_quote_not_in_the_report_is_refused(document: Document) -> None:
    values = form_values(document, "observation", "ho-ngheo", 0)
    values["quote"] = "Toàn thành phố có 3.612 hộ nghèo theo báo cáo bịa đặt"
    edit = edit_entity(document, "observation", values, key="ho-ngheo", index=0)
    assert _fields(edit.errors)["quote"] == "content-editor-error-quote-not-in-report"
    assert edit.document == document


def test_a_faq_quote_not_in_the_report_is_refused(document: Document) -> None:
    values = form_values(document, "faq", "chuong-trinh-la-gi")
    values["quote"] = "Một câu không có trong báo cáo"
    edit = edit_entity(document, "faq", values, key="chuong-trinh-la-gi")
    assert _fields(edit.errors) == {"quote": "content-editor-error-quote-not-in-report"}


def test_a_number_not_in_its_quote_is_refused(document: Document) -> None:
    values = form_values(document, "observation", "ho-ngheo", 0)
    values["value"] = "3.613"
    edit = edit_entity(document, "observation", values, key="ho-ngheo", index=0)
    assert _fields(edit.errors) == {"value": "content-editor-error-number-not-in-quote"}
    assert edit.errors[0].args == {"number": "3.613"}


def test_a_plan_not_in_its_quote_is_refused(document: Document) -> None:
    values = form_values(document, "observation", "ho-ngheo", 0)
    values |= {"target": "4.000", "target_label_vi": "kế hoạch", "target_label_en": "plan"}
    edit = edit_entity(document, "observation", values, key="ho-ngheo", index=0)
    assert _fields(edit.errors) == {"target": "content-editor-error-number-not-in-quote"}


def test_a_duplicate_key_is_refused(document: Document) -> None:
    values = form_values(document, "indicator", "ho-ngheo")
    edit = edit_entity(document, "indicator", values)  # a new one, with the same key
    assert _fields(edit.errors)["key"] == "content-editor-error-duplicate-key"
    report = new_report(next_report_text(), key="report-2022-q1")
    assert _fields(edit_entity(document, "report", report).errors) == {
        "key": "content-editor-error-duplicate-key"
    }


def test_a_period_twice_in_one_indicator_is_refused(document: Document) -> None:
    values = form_values(document, "observation", "ho-ngheo", 0)
    edit = edit_entity(document, "observation", values, key="ho-ngheo")  # added again
    assert _fields(edit.errors) == {"period_key": "content-editor-error-period-repeats"}


def test_unknown_references_and_bad_fields_each_at_their_field(document: Document) -> None:
    values = form_values(document, "policy", "nq-68-cp")
    values |= {"area": "khong-co", "related_indicators": "ho-ngheo\nkhong-co", "name_vi": " "}
    edit = edit_entity(document, "policy", values, key="nq-68-cp")
    assert _fields(edit.errors) == {
        "area": "content-editor-error-unknown-areas",
        "related_indicators": "content-editor-error-unknown-indicators",
        "name_vi": "content-editor-error-required",
    }
    observation = form_values(document, "observation", "ho-ngheo", 0)
    observation |= {"value": "ba nghìn", "as_of": "hôm qua", "period_key": "Q1"}
    errors = _fields(edit_entity(document, "observation", observation, key="ho-ngheo").errors)
    assert errors["value"] == "content-editor-error-number"
    assert errors["as_of"] == "content-editor-error-date"


def test_a_new_key_must_be_a_key(document: Document) -> None:
    values = form_values(document, "indicator", "ho-ngheo")
    values["key"] = "Hộ Nghèo!"
    assert _fields(edit_entity(document, "indicator", values).errors)["key"] == (
        "content-editor-error-key"
    )


# ------------------------------------------------------------------------ a pasted report


def test_a_pasted_report_gets_its_period_from_its_text(document: Document) -> None:
    edit = edit_entity(document, "report", new_report(next_report_text()))
    assert edit.ok, edit.errors
    report = _entry(edit.document, "reports", "report-2024-h1")
    assert report["period_key"] == "2024-H1"
    assert report["period"] == {"vi": "6 tháng đầu năm 2024", "en": "H1 2024"}
    assert check_document(edit.document) == []


def test_a_new_report_needs_its_text(document: Document) -> None:
    edit = edit_entity(document, "report", new_report("   "))
    assert _fields(edit.errors)["text"] == "content-editor-error-required"


def test_a_report_of_one_megabyte_works_and_a_larger_one_is_refused(document: Document) -> None:
    text = next_report_text()
    filler = "Nội dung khác của báo cáo, không có số liệu nào. " * 40000
    big = (text + "\n" + filler)[:MAX_REPORT_BYTES]
    while len(big.encode("utf-8")) > MAX_REPORT_BYTES:
        big = big[:-1000]
    edit = edit_entity(document, "report", new_report(big))
    assert edit.ok, edit.errors
    assert len(proposals_for(edit.document, "report-2024-h1")) >= 5
    too_big = new_report(big + "x" * (MAX_REPORT_BYTES // 2))
    assert _fields(edit_entity(document, "report", too_big).errors) == {
        "text": "content-editor-error-report-too-long"
    }


def test_proposals_accepted_into_the_document(document: Document) -> None:
    document = edit_entity(document, "report", new_report(next_report_text())).document
    shown = proposals_for(document, "report-2024-h1")
    first = shown[0]
    assert (first.figure, first.proposal.value, first.accepted) == ("4 Nghị quyết", 4.0, False)
    assert first.figure in first.proposal.quote
    assert first.before + first.figure + first.after == first.proposal.quote
    values = proposal_form(document, "report-2024-h1", 0)
    assert values["indicator"] == "van-ban-ban-hanh"
    assert (values["value"], values["unit_en"], values["period_key"]) == (
        "4",
        "resolutions",
        "2024-H1",
    )
    values["statement_en"] = "4 resolutions of the City People's Council"
    edit = accept_proposal(document, values)
    assert edit.ok, edit.errors
    assert proposals_for(edit.document, "report-2024-h1")[0].accepted
    observation = _entry(edit.document, "indicators", "van-ban-ban-hanh")["observations"][-1]
    assert observation["source"] == {"report": "report-2024-h1", "quote": first.proposal.quote}
    report = _entry(edit.document, "reports", "report-2024-h1")
    assert report["indicators"] == ["van-ban-ban-hanh"]
    assert check_document(edit.document) == []


def test_an_edited_proposal_keeps_the_rules(document: Document) -> None:
    document = edit_entity(document, "report", new_report(next_report_text())).document
    values = proposal_form(document, "report-2024-h1", 0)
    values |= {"statement_en": "x", "value": "5"}
    assert _fields(accept_proposal(document, values).errors) == {
        "value": "content-editor-error-number-not-in-quote"
    }
    values |= {"value": "4", "quote": values["quote"] + " và thêm lời"}
    assert _fields(accept_proposal(document, values).errors) == {
        "quote": "content-editor-error-quote-not-in-report"
    }


def test_a_proposal_accepted_into_a_new_indicator(document: Document) -> None:
    document = edit_entity(document, "report", new_report(next_report_text())).document
    values = proposal_form(document, "report-2024-h1", 0)
    values |= {"indicator": "", "statement_en": "4 resolutions"}
    assert set(_fields(accept_proposal(document, values).errors)) == {
        "new_key",
        "new_area",
        "new_name_vi",
        "new_name_en",
    }
    values |= {"new_key": "ho-ngheo", "new_area": "y-te", "new_name_vi": "A", "new_name_en": "B"}
    assert _fields(accept_proposal(document, values).errors) == {
        "new_key": "content-editor-error-duplicate-key"
    }
    values["new_key"] = "nghi-quyet-moi"
    edit = accept_proposal(document, values)
    assert edit.ok, edit.errors
    indicator = _entry(edit.document, "indicators", "nghi-quyet-moi")
    assert indicator["name"] == {"vi": "A", "en": "B"}
    assert len(indicator["observations"]) == 1
    assert check_document(edit.document) == []


def test_a_report_without_text_has_no_proposals(document: Document, tmp_path: Path) -> None:
    with pytest.raises(UnknownEntity):
        proposals_for(document, "khong-co")
    with pytest.raises(UnknownEntity):
        proposal_form(document, "report-2022-q1", 10_000)


# ------------------------------------------------------------------------ a policy's notes


def test_a_policy_note_keeps_its_quote_and_numbers(document: Document) -> None:
    values = form_values(document, "note", "nq-68-cp", 0)
    edit = edit_entity(document, "note", values, key="nq-68-cp", index=0)
    assert edit.ok, edit.errors
    assert edit.document == document
    values["quote"] = "Một câu không có trong báo cáo"
    assert _fields(edit_entity(document, "note", values, key="nq-68-cp", index=0).errors) == {
        "quote": "content-editor-error-quote-not-in-report"
    }


def test_a_note_added_to_a_policy(document: Document) -> None:
    values = form_values(document, "note", "nq-68-cp")
    values |= {
        "note_vi": "Quý I/2022: hỗ trợ hơn 5,64 triệu lượt đối tượng.",
        "note_en": "Q1 2022: over 5.64 million beneficiary-turns supported.",
        "source_report": "report-2022-q1",
        "quote": form_values(document, "note", "nq-68-cp", 0)["quote"],
    }
    edit = edit_entity(document, "note", values, key="nq-68-cp")
    assert edit.ok, edit.errors
    notes = _entry(edit.document, "policies", "nq-68-cp")["notes"]
    assert edit.index == len(notes) - 1
    assert notes[-1]["text"]["en"].startswith("Q1 2022")
    assert check_document(edit.document) == []
    with pytest.raises(UnknownEntity):
        form_values(document, "note", None)


def test_control_characters_are_dropped(document: Document) -> None:
    values = form_values(document, "indicator", "ho-ngheo")
    values["name_en"] = "Poor\x00 households\x0c"
    edit = edit_entity(document, "indicator", values, key="ho-ngheo")
    assert edit.ok, edit.errors
    assert _entry(edit.document, "indicators", "ho-ngheo")["name"]["en"] == "Poor households"


def test_removing_an_entity_leaves_what_refers_to_it_for_the_check(document: Document) -> None:
    without = remove_entity(document, "indicator", "ho-ngheo")
    assert sections.find(without, "indicators", "ho-ngheo") is None
    assert sections.find(document, "indicators", "ho-ngheo") is not None  # a new document
    fields = {error.field for error in check_document(without)}
    assert any(field and field.startswith("policies[") for field in fields), fields
    observations = _entry(document, "indicators", "ho-ngheo")["observations"]
    fewer = remove_entity(document, "observation", "ho-ngheo", 0)
    assert _entry(fewer, "indicators", "ho-ngheo")["observations"] == observations[1:]
    notes = _entry(document, "policies", "dau-tu-cong")["notes"]
    kept = remove_entity(document, "note", "dau-tu-cong", 1)
    assert _entry(kept, "policies", "dau-tu-cong")["notes"] == [notes[0], notes[2]]
    removals: tuple[tuple[EntityKind, str, int | None], ...] = (
        ("faq", "khong-co", None),
        ("observation", "viec-lam", None),
        ("observation", "viec-lam", 99),
    )
    for kind, key, index in removals:
        with pytest.raises(UnknownEntity):
            remove_entity(document, kind, key, index)


def test_an_observations_further_figures_are_added_edited_and_removed(document: Document) -> None:
    values = form_values(document, "observation", "ho-ngheo", 0)
    assert values["figures-0-value"] == "0,16"
    sent = {**values, "rows": "1"}
    # A number the quote does not state is refused at its row's field.
    wrong = edit_entity(
        document, "observation", {**sent, "figures-0-value": "0,17"}, key="ho-ngheo", index=0
    )
    assert (
        FieldError(
            "figures-0-value", "content-editor-error-number-not-in-quote", {"number": "0,17"}
        )
        in wrong.errors
    )
    unreadable = edit_entity(
        document, "observation", {**sent, "figures-0-value": "abc"}, key="ho-ngheo", index=0
    )
    assert [error.key for error in unreadable.errors if error.field == "figures-0-value"] == [
        "content-editor-error-number"
    ]
    # Removed (ticked), a blank row added: none; a new row at position 1 is the entry's 0.
    added = {
        **sent,
        "figures-0-remove": "1",
        "figures-1-label_vi": "Số hộ nghèo",
        "figures-1-label_en": "Poor households",
        "figures-1-value": "3.612",
        "figures-1-unit_vi": "hộ",
        "figures-1-unit_en": "households",
        "figures-2-label_vi": "",
    }
    edit = edit_entity(document, "observation", added, key="ho-ngheo", index=0)
    assert edit.ok, edit.errors
    (figure,) = _entry(edit.document, "indicators", "ho-ngheo")["observations"][0]["figures"]
    assert figure == {
        "label": {"vi": "Số hộ nghèo", "en": "Poor households"},
        "value": 3612,
        "unit": {"vi": "hộ", "en": "households"},
    }
    assert check_document(edit.document) == []
    # A problem of the new row is named at the form's row, not the entry's position.
    missing = edit_entity(
        document, "observation", {**added, "figures-1-unit_en": ""}, key="ho-ngheo", index=0
    )
    assert {error.field for error in missing.errors} == {"figures-1-unit_en"}
    half = {**added, "figures-1-value": "3.613"}
    refused = edit_entity(document, "observation", half, key="ho-ngheo", index=0)
    assert {error.field for error in refused.errors} == {"figures-1-value"}
    # A form without its rows leaves them as they were.
    kept = edit_entity(document, "observation", values, key="ho-ngheo", index=0)
    assert kept.ok
    observation = _entry(kept.document, "indicators", "ho-ngheo")["observations"][0]
    assert observation["figures"][0]["value"] == 0.16


def test_a_faqs_further_sources_are_checked_like_its_source(document: Document) -> None:
    values = {**form_values(document, "faq", "ai-bao-cao"), "rows": "1"}
    assert values["also-1-source_report"] == "report-2023-h1"
    forged = {**values, "also-1-quote": "Một câu không có trong báo cáo"}
    edit = edit_entity(document, "faq", forged, key="ai-bao-cao")
    assert [(error.field, error.key) for error in edit.errors] == [
        ("also-1-quote", "content-editor-error-quote-not-in-report")
    ]
    unknown = edit_entity(
        document, "faq", {**values, "also-2-source_report": "khong-co"}, key="ai-bao-cao"
    )
    assert "also-2-source_report" in {error.field for error in unknown.errors}
    fewer = edit_entity(document, "faq", {**values, "also-0-remove": "1"}, key="ai-bao-cao")
    assert fewer.ok, fewer.errors
    before = _entry(document, "faqs", "ai-bao-cao")["also"]
    assert _entry(fewer.document, "faqs", "ai-bao-cao")["also"] == before[1:]
