"""English word forms meet their base (content/lexicon/english.yaml); none of these questions is
in a question set."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from content.index import EntryKind, Outcome, SearchEntry, SearchIndex
from content.normalize import ENGLISH_IRREGULAR, analyze, has_diacritics, strip_diacritics

DATA = Path(__file__).resolve().parents[2] / "content" / "data"


@pytest.mark.parametrize(
    "forms",
    [
        ("spent", "spend", "spending", "spends"),
        ("paid", "pay", "pays", "paying"),
        ("supported", "support", "supporting", "supports"),
        ("children", "child"),
        ("built", "build", "building"),
    ],
)
def test_forms_of_one_word_fold_alike(forms: tuple[str, ...]) -> None:
    assert len({analyze(form)[0].folded for form in forms}) == 1, forms


def test_no_irregular_form_is_a_vietnamese_word_of_the_content() -> None:
    words = re.findall(r"\w+", " ".join(p.read_text(encoding="utf-8") for p in DATA.glob("*.yaml")))
    vietnamese = {strip_diacritics(w.casefold()) for w in words if has_diacritics(w)}
    assert not vietnamese & set(ENGLISH_IRREGULAR)


def test_a_past_form_finds_the_entry_written_in_another_form() -> None:
    index = SearchIndex.from_entries(
        (
            SearchEntry(
                EntryKind.INDICATOR, "relief", ("Tiền hỗ trợ đã chi", "Money paid out as relief")
            ),
            SearchEntry(EntryKind.INDICATOR, "doctors", ("Số bác sĩ", "Doctors per 10,000 people")),
        )
    )
    for question in ("relief they pay", "money paying relief"):
        result = index.search(question)
        assert result.outcome is Outcome.CONFIDENT, question
        assert result.matches[0].key == "relief"
