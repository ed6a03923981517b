"""The matcher's word lists and the abbreviations are data (content/lexicon/*.yaml): they load,
hold what the matcher relies on, and a word listed twice is caught."""

from __future__ import annotations

from collections import Counter

import yaml

from content.index import lexicon
from content.normalize import (
    ABBREVIATIONS,
    ABBREVIATIONS_FILE,
    CASED_ABBREVIATIONS,
    expand_abbreviations,
)


def test_abbreviations_come_from_the_data_file() -> None:
    raw = yaml.safe_load(ABBREVIATIONS_FILE.read_text(encoding="utf-8"))
    assert dict(ABBREVIATIONS) == raw["abbreviations"]
    assert dict(CASED_ABBREVIATIONS) == raw["cased_abbreviations"]
    assert expand_abbreviations("ty le BHYT dc bn") == "ty le bảo hiểm y tế được bao nhiêu"
    assert expand_abbreviations("CTr TU") == "chương trình thành ủy"


def test_word_lists_come_from_the_data_file() -> None:
    raw = yaml.safe_load(lexicon.LEXICON_FILE.read_text(encoding="utf-8"))
    assert set(raw) == {
        "stop_phrases",
        "stop_words_vi",
        "stop_words_en",
        "generic_phrases",
        "asking_number",
        "programme_names",
        "sentence_final",
        "bound_words",
        "doubt_breaks",
    }
    assert tuple(raw["programme_names"]) == lexicon.PROGRAMME_NAMES
    assert tuple(raw["sentence_final"]) == lexicon.SENTENCE_FINAL
    assert tuple(raw["bound_words"]) == lexicon.BOUND_WORDS == ("việc", "làm", "báo cáo", "report")
    assert tuple(raw["asking_number"]) == lexicon.ASKING_NUMBER_PHRASES
    assert tuple(raw["doubt_breaks"]) == lexicon.DOUBT_BREAKS
    assert tuple(raw["stop_phrases"]) == lexicon.STOP_PHRASES
    assert "bao nhiêu" in lexicon.STOP_PHRASES
    assert "hà nội" in lexicon.GENERIC_PHRASES


def test_no_phrase_is_listed_twice_within_a_class() -> None:
    for name in ("STOP_PHRASES", "STOP_WORDS_EN", "GENERIC_PHRASES"):
        repeated = [word for word, count in Counter(getattr(lexicon, name)).items() if count > 1]
        assert repeated == [], name
