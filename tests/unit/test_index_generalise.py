"""Classes of question nobody tuned for (issue 14): none of these questions is in a question set."""

from __future__ import annotations

from content.index import EntryKind, Outcome, SearchEntry, SearchIndex
from content.index.model import Match
from content.index.scoring import decide

IND, FAQ = EntryKind.INDICATOR, EntryKind.FAQ

ENTRIES = (
    SearchEntry(IND, "poor", ("Số hộ nghèo", "Number of poor households")),
    SearchEntry(IND, "near-poor", ("Số hộ cận nghèo", "Number of near-poor households")),
    SearchEntry(IND, "jobs", ("Lao động được tạo việc làm", "Workers given jobs")),
    SearchEntry(IND, "water", ("Tỷ lệ hộ dùng nước sạch", "Households using clean water")),
)


def _index() -> SearchIndex:
    return SearchIndex.from_entries(ENTRIES)


def test_a_chatty_question_keeps_the_entry_it_names() -> None:
    # Words found in no entry (where the resident lives, who asks) weigh less than the rarest
    # word of the index: they still count, but no longer hide the entry named.
    result = _index().search("em la sinh vien o Thanh Xuan, cho em hoi so ho dung nuoc sach voi")
    assert result.outcome is Outcome.CONFIDENT
    assert result.matches[0].key == "water"


def test_a_question_only_about_other_things_still_finds_nothing() -> None:
    for question in ("giá vàng SJC chiều nay", "kết quả bóng đá tối qua", "weather tomorrow"):
        assert _index().search(question).outcome is Outcome.NONE, question


PROGRAMME = (
    SearchEntry(
        FAQ,
        "programme",
        ("Chương trình 08-CTr/TU là gì?", "What is Programme 08-CTr/TU?", "chương trình 08"),
    ),
    SearchEntry(
        IND,
        "done",
        ("Số chỉ tiêu đã hoàn thành", "Indicators completed", "indicators done"),
    ),
    SearchEntry(IND, "water", ("Tỷ lệ hộ dùng nước sạch", "Households using clean water")),
)


def test_the_programme_name_is_context_when_the_question_names_something_else() -> None:
    index = SearchIndex.from_entries(PROGRAMME)
    for question, key in (
        ("chuong trinh 08 hoan thanh duoc may chi tieu", "done"),
        ("programme 08: how many indicators done so far", "done"),
        ("chương trình 08: tỷ lệ hộ dùng nước sạch bao nhiêu", "water"),
    ):
        result = index.search(question)
        assert result.outcome is Outcome.CONFIDENT, question
        assert result.matches[0].key == key, question


def test_the_programme_name_alone_is_the_topic() -> None:
    for question in ("chương trình số 08 nói về gì", "cho hỏi chương trình 08 là chương trình gì"):
        result = SearchIndex.from_entries(PROGRAMME).search(question)
        assert result.outcome is Outcome.CONFIDENT, question
        assert result.matches[0].key == "programme", question


def test_a_fair_lone_match_well_ahead_is_answered_a_close_one_offered() -> None:
    # CLEAR_MARGIN (20, the middle of the tuning set's plateau 15-22): a fair match that
    # nothing comes within 20 points of is what was asked; closer, the resident chooses.
    lone = decide([Match(IND, "jobs", 60.0), Match(IND, "water", 39.0)], 4)
    assert lone.outcome is Outcome.CONFIDENT
    assert lone.matches[0].key == "jobs"
    close = decide([Match(IND, "jobs", 60.0), Match(IND, "water", 45.0)], 4)
    assert close.outcome is Outcome.AMBIGUOUS
