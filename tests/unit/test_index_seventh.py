"""Seventh round of issue 14's classes, on the real content: the programme's period asked with
time words is never answered with what the programme is; a phrase of the openness motto inside a
question about progress is never answered with the openness FAQ; figures read from a question
bound no span of a modified topic; the frame of a long English question (the asker, a month, a
comparison, what a figure refers to) does not drown its topic. The questions are none of the
question sets'."""

from __future__ import annotations

import pytest

from content.index import Outcome, SearchIndex
from content.index.facets import FACETS
from content.index.query import read_query
from content.index.respell import vietnamese_shape
from content.knowledge import KnowledgeBase
from content.normalize import analyze


@pytest.fixture(scope="module")
def real(kb: KnowledgeBase) -> SearchIndex:
    return SearchIndex.from_knowledge_base(kb)


def _answer(index: SearchIndex, question: str) -> str | None:
    result = index.search(question)
    if result.outcome is not Outcome.CONFIDENT:
        return None
    return f"{result.matches[0].kind}:{result.matches[0].key}"


def test_time_words_name_the_period_and_what_is_names_the_definition() -> None:
    assert FACETS.named(analyze("chương trình chạy tới năm nào"))["asks_about"] == {"period"}
    assert FACETS.named(analyze("how long will it last"))["asks_about"] == {"period"}
    assert FACETS.named(analyze("ct 08 là cái gì"))["asks_about"] == {"definition"}


@pytest.mark.parametrize(
    "question",
    [
        "chương trình an sinh chạy tới năm nào",
        "ctr 08 ket thuc khi nao",
        "when will programme 08 end",
    ],
)
def test_the_period_is_never_answered_with_what_the_programme_is(
    real: SearchIndex, question: str
) -> None:
    result = real.search(question)
    assert all(match.key != "chuong-trinh-la-gi" for match in result.matches), result
    assert _answer(real, question) in (None, "faq:thoi-gian-chuong-trinh")


def test_a_motto_phrase_in_a_progress_question_is_progress() -> None:
    assert FACETS.named(analyze("thành phố còn nợ mấy chỉ tiêu"))["targets_question"] == {
        "progress"
    }
    # the motto's own words are the motto, and "bn chỉ tiêu y tế" still the health targets
    assert FACETS.named(analyze("không nợ chỉ tiêu"))["targets_question"] == {"openness"}
    assert FACETS.named(analyze("bn chỉ tiêu y tế xong chưa"))["targets"] == {"health"}


@pytest.mark.parametrize(
    "question", ["hà nội còn nợ những chỉ tiêu nào", "tp đã xong hết chỉ tiêu chưa hay còn nợ"]
)
def test_progress_is_never_answered_with_the_openness_faq(real: SearchIndex, question: str) -> None:
    assert all(match.key != "vi-sao-cong-khai" for match in real.search(question).matches)
    assert _answer(real, question) in (None, "indicator:chi-tieu-hoan-thanh")


def test_the_motto_asked_is_still_the_openness_faq(real: SearchIndex) -> None:
    assert _answer(real, "khẩu hiệu không nợ chỉ tiêu là sao") == "faq:vi-sao-cong-khai"


def test_a_figure_bounds_no_span_of_a_modified_topic(real: SearchIndex) -> None:
    # "làng" stands after the topic, before the figure the question names: context still
    question = "bảo hiểm y tế đạt 91,8% mà sao làng tôi ai cũng than, con số đó thật không"
    assert _answer(real, question) == "indicator:bao-phu-bhyt"


def test_english_function_words_of_no_vietnamese_shape_weigh_nothing(real: SearchIndex) -> None:
    assert not vietnamese_shape("what")
    assert not vietnamese_shape("of")
    assert vietnamese_shape("the")  # thẻ: may be content
    assert not vietnamese_shape("end")
    words = real._vocabulary.words_of(read_query("what of"))
    assert [word.weight for word in words] == [0.0, 0.0]


@pytest.mark.parametrize(
    ("question", "expected"),
    [
        (
            "Student here. What share of households in Hanoi were poor as of July 2022?",
            "indicator:ho-ngheo",
        ),
        (
            "I'm a student: how many doctors does the city aim for per 10,000 people?",
            "indicator:bac-si",
        ),
        ("Compared with 2021, how many jobs were created in Q1 2022?", "indicator:viec-lam"),
    ],
)
def test_a_long_english_question_keeps_its_topic(
    real: SearchIndex, question: str, expected: str
) -> None:
    result = real.search(question)
    assert result.matches, result
    assert f"{result.matches[0].kind}:{result.matches[0].key}" == expected
    assert _answer(real, question) in (None, expected)  # never another figure


@pytest.mark.parametrize(
    "question",
    ["Journalist here. What is the weather in Hanoi in June?", "Student here: who won the match?"],
)
def test_a_long_english_question_out_of_scope_is_still_not_answered(
    real: SearchIndex, question: str
) -> None:
    assert real.search(question).outcome is Outcome.NONE
