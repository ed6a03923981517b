"""Numbers written in words, to digits (content/numbers.py, content/lexicon/numbers.yaml): the
figure a resident reads out is the figure the matcher knows; words that only look like
numbers stay words. None of these questions is in a question set."""

from __future__ import annotations

import pytest

from content.index import Outcome, SearchIndex
from content.knowledge import KnowledgeBase
from content.numbers import spell_numbers


@pytest.mark.parametrize(
    ("text", "written"),
    [
        ("chín mốt phẩy tám phần trăm", "91,8%"),
        ("chin mot phay tam phan tram", "91,8%"),
        ("chin muoi mot phay tam phan tram", "91,8%"),  # "muoi" after a digit: mươi
        ("không phẩy mười sáu phần trăm", "0,16%"),
        ("khong phay muoi sau phan tram", "0,16%"),
        ("năm mươi nghìn không trăm mười chín lao động", "50019 lao động"),
        ("ba nghìn sáu trăm mười hai hộ", "3612 hộ"),
        ("năm triệu sáu trăm bốn mươi nghìn lượt", "5640000 lượt"),
        ("5 triệu 640 nghìn", "5640000"),
        ("5 vạn người", "50000 người"),
        ("16 vạn lao động", "160000 lao động"),
        ("1,5 vạn", "15000"),
        ("bảy nghìn một trăm năm mươi hai phẩy tám tỷ", "7152,8 tỷ"),
        ("sáu nghìn tám trăm bốn mươi ba tỷ", "6843 tỷ"),
        ("một trăm linh năm", "105"),
        ("hai lăm phần trăm", "25%"),
        ("5 triệu rưỡi", "5500000"),
        ("hai nghìn rưỡi", "2500"),
        ("hai mươi năm qua", "20 năm qua"),  # years, not 25: five after tens is "lăm"
        ("91,8 phần trăm", "91,8%"),
        ("ninety one point eight percent", "91,8%"),
        ("five point six four million", "5,64 million"),
        ("two hundred and", "200 and"),
    ],
)
def test_numbers_in_words_are_written_in_digits(text: str, written: str) -> None:
    assert spell_numbers(text) == written


@pytest.mark.parametrize(
    "text",
    [
        "năm 2022 có bao nhiêu hộ nghèo",  # năm: the year
        "tháng sáu năm 2022",
        "hai ba người",  # two numbers, or one: left as written
        "mot tram y te xa",  # trạm y tế, typed bare
        "ty le ho ngheo",  # tỷ lệ
        "co duoc ho tro khong",  # không: no
        "5,64 triệu",  # the figure matcher reads it as written
        "5.64 million",
        "mấy phần trăm",
        "quý tư",
        "what is the point",
    ],
)
def test_words_that_only_look_like_numbers_stay(text: str) -> None:
    assert spell_numbers(text) == text


@pytest.mark.parametrize(
    ("question", "key"),
    [
        ("chín mươi mốt phẩy tám phần trăm dân số là gì", "bao-phu-bhyt"),
        ("hai mươi nghìn tám trăm ba mươi chín học viên là chỉ tiêu nào", "tuyen-sinh-gdnn"),
        ("năm mươi nghìn không trăm mười chín lao động là gì", "viec-lam"),
        ("sixty eight percent is which rate", "hoa-tang"),
        ("six thousand eight hundred forty three billion is what", "ho-tro-nq68"),
    ],
)
def test_a_figure_read_out_in_words_finds_its_entry(
    kb: KnowledgeBase, question: str, key: str
) -> None:
    result = SearchIndex.from_knowledge_base(kb).search(question)
    assert result.matches, result
    assert result.matches[0].key == key, result
    assert result.outcome in (Outcome.CONFIDENT, Outcome.AMBIGUOUS)
