"""Vietnamese folding: normalize, fold, one spelling per syllable, abbreviations, language."""

from __future__ import annotations

import unicodedata

import pytest

from content.normalize import (
    analyze,
    canonical,
    canonical_syllable,
    expand_abbreviations,
    fold,
    guess_language,
    has_diacritics,
    normalize,
)

# --------------------------------------------------------------------------- normalize


def test_normalize_composes_and_casefolds() -> None:
    decomposed = unicodedata.normalize("NFD", "HỘ NGHÈO Hà Nội")
    assert normalize(decomposed) == "hộ nghèo hà nội"
    assert normalize(decomposed) == unicodedata.normalize("NFC", normalize(decomposed))


def test_normalize_drops_zero_width_and_control_characters() -> None:
    assert normalize("hộ\u200b nghèo\u00ad\x00") == "hộ nghèo"
    assert normalize("\ufeffbảo\u200dhiểm") == "bảohiểm"


def test_normalize_turns_punctuation_symbols_and_emoji_into_spaces() -> None:
    assert normalize("Tỷ lệ BHYT???  (2022)!! 😀👍") == "tỷ lệ bhyt 2022"
    assert normalize("68/NQ-CP") == "68 nq cp"
    assert normalize("a\tb\n\nc\u00a0d") == "a b c d"


@pytest.mark.parametrize("text", ["", "   ", "😀😀", "?!…", "\u200b"])
def test_normalize_of_nothing_is_empty(text: str) -> None:
    assert normalize(text) == ""
    assert fold(text) == ""


# --------------------------------------------------------------------------- fold


@pytest.mark.parametrize(
    ("typed", "folded"),
    [
        ("Hộ nghèo", "ho ngheo"),
        ("ho ngheo", "ho ngheo"),
        ("ĐƯỜNG Đê", "duong de"),
        ("Bảo hiểm y tế", "bao hiem y te"),
        ("người", "nguoi"),
        ("Thủ đô", "thu do"),
    ],
)
def test_fold_strips_diacritics_and_maps_d(typed: str, folded: str) -> None:
    assert fold(typed) == folded


def test_fold_is_idempotent() -> None:
    text = "Tỷ lệ hộ cận nghèo ở Hà Nội"
    assert fold(fold(text)) == fold(text)


def test_has_diacritics() -> None:
    assert has_diacritics("hộ nghèo")
    assert has_diacritics("đi")
    assert not has_diacritics("ho ngheo")
    assert not has_diacritics("poor households")


# --------------------------------------------------------------------------- one spelling


@pytest.mark.parametrize(
    ("old", "new"),
    [
        ("hoà", "hòa"),
        ("thuỷ", "thủy"),
        ("khoẻ", "khỏe"),
        ("hoá", "hóa"),
        ("hoả", "hỏa"),
        ("loà", "lòa"),
    ],
)
def test_old_and_new_tone_placement_spell_alike(old: str, new: str) -> None:
    assert canonical_syllable(old) == canonical_syllable(new)


@pytest.mark.parametrize(
    ("y", "i"),
    [("tỷ", "tỉ"), ("sỹ", "sĩ"), ("kỳ", "kì"), ("quy", "qui"), ("lý", "lí"), ("mỹ", "mĩ")],
)
def test_i_and_y_variants_spell_alike(y: str, i: str) -> None:
    assert canonical_syllable(y) == canonical_syllable(i)


@pytest.mark.parametrize("word", ["thủy", "tay", "này", "yêu", "nguyễn", "quyết", "y", "ý"])
def test_y_that_is_not_a_variant_is_kept(word: str) -> None:
    assert "y" in fold(canonical_syllable(word))


@pytest.mark.parametrize(
    "word", ["người", "hoàng", "quốc", "giường", "gì", "của", "quả", "ngoài", "tuổi", "hộ"]
)
def test_tone_stays_where_it_belongs(word: str) -> None:
    assert canonical_syllable(word) == word


def test_canonical_keeps_distinct_words_distinct() -> None:
    assert canonical("cần") != canonical("cận")
    assert canonical("bác sỹ trên vạn dân") == canonical("Bác sĩ trên vạn dân")
    assert canonical("tỷ lệ hoả táng") == canonical("tỉ lệ hỏa táng")


# --------------------------------------------------------------------------- abbreviations


@pytest.mark.parametrize(
    ("typed", "expanded"),
    [
        ("BHYT", "bảo hiểm y tế"),
        ("bhxh", "bảo hiểm xã hội"),
        ("BHTN", "bảo hiểm thất nghiệp"),
        ("tuyển sinh GDNN", "tuyển sinh giáo dục nghề nghiệp"),
        ("Sở LĐTBXH", "sở lao động thương binh xã hội"),
        ("Sở LĐ-TB&XH", "sở lao động thương binh xã hội"),
        ("so LDTBXH", "so lao động thương binh xã hội"),
        ("HĐND", "hội đồng nhân dân"),
        ("UBND", "ủy ban nhân dân"),
        ("MTTQ", "mặt trận tổ quốc"),
        ("NQ 68", "nghị quyết 68"),
        ("NQ68", "nghị quyết 68"),
        ("68/NQ-CP", "68 nghị quyết chính phủ"),
        ("HN", "hà nội"),
        ("TP HCM", "thành phố hcm"),
        ("08-CTr/TU", "08 chương trình thành ủy"),
    ],
)
def test_institution_abbreviations(typed: str, expanded: str) -> None:
    assert expand_abbreviations(typed) == expanded


@pytest.mark.parametrize(
    ("typed", "expanded"),
    [
        ("ko", "không"),
        ("có dc ko", "có được không"),
        ("đc k", "được không"),
        ("bn", "bao nhiêu"),
        ("bnhieu", "bao nhiêu"),
        ("hộ nghèo là j", "hộ nghèo là gì"),
        ("làm ntn", "làm như thế nào"),
        ("cho e hỏi", "cho em hỏi"),
    ],
)
def test_chat_shorthand(typed: str, expanded: str) -> None:
    assert expand_abbreviations(typed) == expanded


def test_cased_abbreviation_only_in_capitals() -> None:
    assert expand_abbreviations("08-CTr/TU") == "08 chương trình thành ủy"
    assert expand_abbreviations("tu thien") == "tu thien"  # "từ thiện" typed without marks


def test_thousands_separators_are_dropped() -> None:
    assert expand_abbreviations("bác sĩ trên 10.000 dân") == "bác sĩ trên 10000 dân"
    assert expand_abbreviations("50.019/160.000") == "50019 160000"
    assert expand_abbreviations("0,16%") == "0 16"


def test_no_abbreviation_inside_ordinary_words() -> None:
    assert expand_abbreviations("Nguyen Hong Dan") == "nguyen hong dan"
    assert expand_abbreviations("khám bệnh") == "khám bệnh"


# --------------------------------------------------------------------------- tokens


def test_analyze_gives_canonical_and_folded_forms() -> None:
    tokens = analyze("Tỷ lệ hoà BHYT")
    assert [token.canonical for token in tokens] == ["tỉ", "lệ", "hòa", "bảo", "hiểm", "y", "tế"]
    assert [token.folded for token in tokens] == ["ti", "le", "hoa", "bao", "hiem", "y", "te"]
    assert all(token.marked for token in tokens if token.canonical != "y")
    assert not analyze("ti le")[0].marked


def test_analyze_squeezes_repeated_letters_and_english_endings() -> None:
    assert [token.folded for token in analyze("bao hiem y teee")] == ["bao", "hiem", "y", "te"]
    assert [token.folded for token in analyze("enrolled enrolment")] == ["enrol", "enrol"]
    assert [token.folded for token in analyze("households policies")] == ["household", "policy"]


def test_analyze_caps_the_text_it_reads() -> None:
    tokens = analyze("hộ nghèo " * 5000, max_chars=300)
    assert len(tokens) == 67  # 33 times "hộ nghèo " is 297 characters, then "hộ"


# --------------------------------------------------------------------------- language


@pytest.mark.parametrize(
    "text",
    [
        "tỷ lệ hộ nghèo",
        "ho ngheo bao nhieu",
        "cho minh hoi ty le bhyt",
        "BHYT",
        "bn ho ngheo o HN",
        "chuong trinh 08 la gi",
        "08-CTr/TU",
    ],
)
def test_guess_vietnamese(text: str) -> None:
    assert guess_language(text) == "vi"


@pytest.mark.parametrize(
    "text",
    [
        "how many poor households",
        "health insurance coverage",
        "what is the programme",
        "who leads the steering committee",
    ],
)
def test_guess_english(text: str) -> None:
    assert guess_language(text) == "en"


@pytest.mark.parametrize("text", ["", "😀", "2+2", "asdfgh", "ok"])
def test_guess_nothing(text: str) -> None:
    assert guess_language(text) is None
