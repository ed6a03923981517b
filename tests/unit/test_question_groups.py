"""Unanswered questions grouped by meaning: folded text, then fuzzy clustering."""

from __future__ import annotations

import datetime as dt

import pytest
from rapidfuzz import fuzz

from bot.domain.records import UnansweredQuestion
from bot.services.kernel.question_groups import SIMILAR, group_questions
from content.message_kinds import default_classifier

T0 = dt.datetime(2026, 3, 2, 8, 0, tzinfo=dt.UTC)

# Rewordings of one question, and different questions of one field: the threshold lies
# between the two (see SIMILAR).
SAME = [
    ("mức trợ cấp người cao tuổi bao nhiêu", "trợ cấp người cao tuổi là bao nhiêu"),
    ("trợ cấp người cao tuổi bao nhiêu", "tro cap ngoui cao tuoi bao nhieu"),
    ("học bổng cho sinh viên nghèo", "hoc bong sinh vien ngheo"),
    ("nhà ở xã hội xây được bao nhiêu căn", "bao nhiêu căn nhà ở xã hội đã xây"),
    ("phí gửi xe ở bệnh viện", "phi gui xe benh vien bao nhieu"),
    ("trợ cấp khuyết tật bao nhiêu", "muc tro cap nguoi khuyet tat"),
    ("cho mình hỏi học bổng sinh viên nghèo ạ", "học bổng sinh viên nghèo"),
]
DIFFERENT = [
    ("trợ cấp người cao tuổi", "trợ cấp người khuyết tật"),
    ("học phí mầm non", "học phí đại học"),
    ("nhà ở xã hội xây được bao nhiêu căn", "nhà ở xã hội giá bao nhiêu"),
    ("hoc bong sinh vien ngheo", "hoc phi sinh vien ngheo"),
    ("tiền điện hộ nghèo", "tiền nước hộ nghèo"),
    ("học phí năm 2023", "học phí năm 2024"),  # numbers differ
    ("cây xanh hà đông", "cây xanh đống đa"),  # alike letter by letter, not word by word
]


def _asked(text: str, times: int = 1, minutes: int = 0) -> UnansweredQuestion:
    return UnansweredQuestion(text, times, T0 + dt.timedelta(minutes=minutes))


def _similarity(first: str, second: str) -> float:
    meaning = default_classifier().meaning
    return fuzz.token_sort_ratio(meaning(first), meaning(second))


@pytest.mark.parametrize(("first", "second"), SAME)
def test_rewordings_are_one_question(first: str, second: str) -> None:
    assert _similarity(first, second) >= SIMILAR
    assert len(group_questions([_asked(first), _asked(second)])) == 1


def test_the_threshold_lies_between_rewordings_and_different_questions() -> None:
    # The pairs told apart by the token-sort ratio alone (the others by numbers or words).
    closest_different = max(_similarity(*pair) for pair in DIFFERENT[:5])
    farthest_same = min(_similarity(*pair) for pair in SAME)
    assert closest_different < SIMILAR <= farthest_same


@pytest.mark.parametrize(("first", "second"), DIFFERENT)
def test_different_questions_stay_apart(first: str, second: str) -> None:
    assert len(group_questions([_asked(first), _asked(second)])) == 2


def test_groups_count_every_wording_biggest_first() -> None:
    groups = group_questions(
        [
            _asked("trợ cấp người cao tuổi là bao nhiêu", 3, minutes=1),
            _asked("Trợ cấp người cao tuổi là bao nhiêu?", 1, minutes=5),  # folds alike
            _asked("muc tro cap nguoi cao tuoi", 2, minutes=2),  # clustered
            _asked("học phí mầm non", 4, minutes=3),
            _asked("tiền nước hộ nghèo", 1, minutes=4),
            _asked("tiền điện hộ nghèo", 1, minutes=6),
        ]
    )
    assert [(group.text, group.times_asked, group.wordings) for group in groups] == [
        ("trợ cấp người cao tuổi là bao nhiêu", 6, 3),
        ("học phí mầm non", 4, 1),
        ("tiền điện hộ nghèo", 1, 1),  # as often as the next, but asked later
        ("tiền nước hộ nghèo", 1, 1),
    ]
    elderly = groups[0]
    assert elderly.folded == "tro cap nguoi cao tuoi la bao nhieu"
    assert elderly.last_asked == T0 + dt.timedelta(minutes=5)
    assert elderly.examples == (
        "muc tro cap nguoi cao tuoi",
        "Trợ cấp người cao tuổi là bao nhiêu?",
    )


def test_wordings_without_a_word_are_left_out() -> None:
    assert group_questions([_asked("???"), _asked("   ")]) == []


def test_five_thousand_wordings_lose_no_count() -> None:
    # What the dashboard scans at most: every time asked is in exactly one group.
    fields = ["trợ cấp", "học phí", "nhà ở", "tiền điện", "xe buýt", "vệ sinh", "cây xanh"]
    places = ["ba đình", "hoàn kiếm", "cầu giấy", "đống đa", "tây hồ", "long biên", "hà đông"]
    wordings = [
        _asked(f"{fields[index % 7]} {places[index // 7 % 7]} {'ạ ' * (index // 49 % 9)}", 1, index)
        for index in range(5000)
    ]
    groups = group_questions(wordings)
    assert sum(group.times_asked for group in groups) == 5000
    assert sum(group.wordings for group in groups) == 5000
    assert len(groups) == 49  # field x place; the trailing "ạ" changes nothing
