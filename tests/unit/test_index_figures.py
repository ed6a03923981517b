"""A figure asked by its value, particles ending a question, chatty syllables (issue 14): the
matcher's rules on small hand-made entries, none of these questions in a question set."""

from __future__ import annotations

from functools import cache

import pytest

from content.index import EntryKind, Outcome, SearchEntry, SearchIndex, entries_of
from content.index.figures import asked_figures, stated_figures
from content.loader import load_knowledge_base

IND, POL = EntryKind.INDICATOR, EntryKind.POLICY

ENTRIES = (
    SearchEntry(
        IND,
        "support",
        ("Hỗ trợ người dân", "Support to residents"),
        context=(
            "Trên 5,64 triệu lượt đối tượng, tổng số tiền 7.152,8 tỷ đồng.",
            "Over 5.64 million beneficiary-turns, 7,152.8 billion VND in all.",
        ),
        figures=("#5.64", "#5640000", "#7152.8", "#7152800000000"),
    ),
    SearchEntry(
        IND,
        "cremation",
        ("Tỷ lệ hỏa táng", "Cremation rate"),
        context=("Tỷ lệ hỏa táng đạt 68%.",),
        figures=("#68%",),
    ),
    SearchEntry(IND, "poor", ("Hộ nghèo", "Poor households"), figures=("#0.16", "#3612")),
    SearchEntry(POL, "resolution", ("Nghị quyết 68/NQ-CP", "Resolution 68"), figures=("#68",)),
    SearchEntry(POL, "credit", ("Tín dụng chính sách", "Policy credit"), ("cho vay", "vay vốn")),
)


def _index() -> SearchIndex:
    return SearchIndex.from_entries(ENTRIES)


@cache
def _content_index() -> SearchIndex:
    return SearchIndex.from_knowledge_base(load_knowledge_base())


def test_figures_are_read_with_the_separators_of_their_language() -> None:
    vi = stated_figures(["3.612 hộ, chiếm 0,16%; 7.152,8 tỷ đồng; năm 2022; quý 1"], ",")
    en = stated_figures(["3,612 households, 0.16%; 7,152.8 billion VND; in 2022; Q1"], ".")
    assert vi == en == {"#3612", "#0.16", "#7152.8", "#7152800000000"}


def test_a_whole_number_keeps_its_percent_sign_a_year_or_a_digit_is_no_figure() -> None:
    assert stated_figures(["hỏa táng đạt 68%", "Nghị quyết 68/NQ-CP"], ",") == {"#68%", "#68"}
    assert stated_figures(["năm 2025, 6 tháng, quý 2, 4 nghị quyết"], ",") == set()
    assert stated_figures(["68 tỷ lệ"], ",") == {"#68"}  # "tỷ lệ" is no scale


@pytest.mark.parametrize(
    ("question", "key"),
    [
        ("5,64 trieu luot la gi", "support"),  # Vietnamese decimal comma, scale word
        ("5.64 million beneficiaries?", "support"),  # English
        ("7152,8 ty dong la tien gi", "support"),
        ("68% la ti le gi", "cremation"),  # a percentage is not the resolution's number
        ("3.612 la so gi", "poor"),
    ],
)
def test_a_figure_asked_by_its_value_finds_the_entry_stating_it(question: str, key: str) -> None:
    result = _index().search(question)
    assert result.outcome is Outcome.CONFIDENT, question
    assert result.matches[0].key == key, question


@pytest.mark.parametrize(
    ("question", "key"),
    [
        ("0,16% là sao", "ho-ngheo"),
        ("1,38% la gi", "ho-can-ngheo"),
        ("50.019", "viec-lam"),
        ("giam 31,2%", "bao-hiem-that-nghiep"),
        ("68%", "hoa-tang"),
        ("18/27", "chi-tieu-hoan-thanh"),
        ("13.250 bac si", "bac-si"),
        ("160k lao dong", "viec-lam"),
    ],
)
def test_the_content_answers_a_figure_alone(question: str, key: str) -> None:
    result = _content_index().search(question)
    assert result.outcome is Outcome.CONFIDENT, question
    assert result.matches[0].key == key, question


def test_a_figure_no_entry_states_adds_nothing() -> None:
    known = {"#3612"}
    assert asked_figures("2,3% thất nghiệp toàn quốc, 3.612 hộ", known)[0].folded == "#3612"
    assert asked_figures("2,3% thất nghiệp toàn quốc", known) == []
    assert _index().search("ty le that nghiep toan quoc 2,3%").outcome is Outcome.NONE


def test_the_content_states_its_figures_as_words_of_its_entries() -> None:
    figures = {entry.key: entry.figures for entry in entries_of(load_knowledge_base())}
    assert {"#5.64", "#7152.8", "#6843", "#309.7"} <= set(figures["ho-tro-nq68"])
    assert "#68%" in figures["hoa-tang"]
    assert "#68" not in figures["hoa-tang"]
    assert {"#18", "#27"} <= set(figures["chi-tieu-hoan-thanh"])


def test_particles_ending_a_question_weigh_nothing_unless_they_stand_in_a_phrase() -> None:
    index = _index()
    # "vay" ending a question is "vậy", not the loan of the credit policy ...
    for question in ("ho ngheo bao nhieu vay a", "ho ngheo the nao vay ad", "ho ngheo xong chua"):
        result = index.search(question)
        assert result.outcome is Outcome.CONFIDENT, question
        assert result.matches[0].key == "poor", question
    # ... but "cho vay" ending it is the loan.
    result = index.search("chinh sach cho vay")
    assert result.outcome is Outcome.CONFIDENT
    assert result.matches[0].key == "credit"


def test_a_short_syllable_one_letter_apart_is_another_word_not_a_typo() -> None:
    index = SearchIndex.from_entries(
        (
            SearchEntry(IND, "tax", ("Thuế", "Tax")),
            SearchEntry(IND, "poor", ("Hộ nghèo", "Poor households")),
        )
    )
    # "thua" (to lose) is one letter from "thue" (thuế): another syllable, not a typo of it.
    assert index.search("thua").outcome is Outcome.NONE
    # A letter left out is still a typo: "ngeo" is "nghèo".
    result = index.search("ho ngeo")
    assert result.outcome is Outcome.CONFIDENT
    assert result.matches[0].key == "poor"
