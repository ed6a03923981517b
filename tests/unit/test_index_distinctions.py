"""Classes of wrong answer the matcher must not give (content/index/facets.py, links.py,
search.py): an entry about another kind of insurance, group of households or another kind of
"who" (a person, a body) than the question names; a linked group answered by a summary when the
question asks one part of it; a policy answering a number it does not state. The questions are
none of the question sets' (tests/data/questions*.yaml): each class, not a question, is tested."""

from __future__ import annotations

import pytest

from content.index import EntryKind, LinkedGroup, Outcome, SearchEntry, SearchIndex
from content.index.facets import FACETS, conflicts
from content.index.links import Links
from content.index.model import Match
from content.index.scoring import decide
from content.normalize import analyze

IND, POL, FAQ = EntryKind.INDICATOR, EntryKind.POLICY, EntryKind.FAQ

INSURANCE = (
    SearchEntry(IND, "bhyt", ("Tỷ lệ bao phủ bảo hiểm y tế", "Health-insurance coverage")),
    SearchEntry(IND, "bhxh", ("Người tham gia bảo hiểm xã hội", "Social-insurance participation")),
    SearchEntry(
        IND, "bhtn", ("Lao động hưởng bảo hiểm thất nghiệp", "Unemployment-insurance recipients")
    ),
)


def _first(result: object) -> tuple[EntryKind, str] | None:
    matches = getattr(result, "matches", ())
    return (matches[0].kind, matches[0].key) if matches else None


@pytest.mark.parametrize(
    ("question", "kind"),
    [
        ("unemployment insurance coverage rate", "bhtn"),
        ("social-insurance coverage of workers", "bhxh"),
        ("bao phu bao hiem xa hoi", "bhxh"),
        ("BHTN bao phủ bao nhiêu", "bhtn"),
        ("độ bao phủ BHXH", "bhxh"),
    ],
)
def test_a_named_kind_of_insurance_is_never_answered_with_another(question: str, kind: str) -> None:
    result = SearchIndex.from_entries(INSURANCE).search(question)
    # Right, or a choice, or nothing; never the health-insurance figure for another kind.
    assert all(match.key in (kind,) for match in result.matches), result
    if result.outcome is Outcome.CONFIDENT:
        assert result.matches[0].key == kind


def test_an_entry_naming_no_kind_is_not_concerned_and_the_kind_named_answers() -> None:
    result = SearchIndex.from_entries(INSURANCE).search("health insurance coverage")
    assert result.outcome is Outcome.CONFIDENT
    assert result.matches[0].key == "bhyt"


def test_facets_read_abbreviations_and_the_longest_phrase() -> None:
    assert FACETS.named(analyze("bhtn quý này"))["insurance"] == {"unemployment"}
    assert FACETS.named(analyze("ho can ngheo o quan"))["households"] == {"near_poor"}
    assert FACETS.named(analyze("hộ nghèo vay vốn"))["households"] == {"poor"}
    # "who" as a relative is no question for a person.
    assert "asks_for" not in FACETS.named(analyze("people who received support"))
    # An entry naming both kinds answers a question naming either.
    both = FACETS.of_texts(["khó khăn về BHXH và BHYT"])
    assert not conflicts(both, FACETS.named(analyze("bao hiem xa hoi")))


def test_a_body_asked_for_is_not_answered_with_a_person() -> None:
    entries = (
        SearchEntry(
            FAQ,
            "head",
            ("Ai là Trưởng ban Chỉ đạo?", "Who heads the steering committee?"),
            ("who is in charge", "ai phụ trách chương trình"),
        ),
        SearchEntry(FAQ, "agency", ("Cơ quan nào là cơ quan thường trực?", "Which agency?")),
    )
    index = SearchIndex.from_entries(entries)
    for question in ("which agency is in charge of it", "đơn vị nào phụ trách chương trình"):
        result = index.search(question)
        assert _first(result) != (FAQ, "head"), (question, result)
    # ... and a person asked for still gets the person.
    result = index.search("ai phụ trách chương trình")
    assert result.outcome is Outcome.CONFIDENT
    assert result.matches[0].key == "head"


# --------------------------------------------------------------------------- linked groups

PLAN = LinkedGroup((POL, "plan"), ((POL, "plan"), (FAQ, "fields"), (FAQ, "priorities")))


def test_a_group_whose_primary_is_no_figure_answers_with_the_member_asked_of() -> None:
    scored = [Match(FAQ, "fields", 90.0), Match(POL, "plan", 86.0), Match(FAQ, "other", 30.0)]
    result = Links([PLAN]).decide(scored, 4)
    assert result.outcome is Outcome.CONFIDENT
    assert result.matches[0].key == "fields"
    assert set(result.related) == {(POL, "plan"), (FAQ, "priorities")}


def test_a_group_whose_primary_is_the_figure_answers_with_it() -> None:
    group = LinkedGroup((IND, "milk"), ((IND, "milk"), (POL, "milk-scheme")))
    scored = [Match(POL, "milk-scheme", 88.0), Match(IND, "milk", 86.0)]
    result = Links([group]).decide(scored, 4)
    assert result.outcome is Outcome.CONFIDENT
    assert result.matches[0].key == "milk"


# --------------------------------------------------------------------------- numbers


def test_a_policy_related_by_a_keyword_does_not_answer_a_number() -> None:
    entries = (
        SearchEntry(POL, "invest", ("Ưu tiên đầu tư công", "Public investment"), ("bệnh viện",)),
        SearchEntry(IND, "doctors", ("Số bác sỹ/vạn dân", "Doctors per 10,000 people")),
    )
    index = SearchIndex.from_entries(entries)
    for question in ("bao nhiêu bệnh viện ở hà nội", "how many benh vien"):
        assert index.search(question).outcome is not Outcome.CONFIDENT, question
    # Not asking a number, the keyword still answers; and a name always does.
    assert index.search("bệnh viện").outcome is Outcome.CONFIDENT
    assert index.search("có bao nhiêu vốn đầu tư công").matches[0].key == "invest"


def test_an_entry_of_another_kind_is_no_rival_of_the_kind_named() -> None:
    # The health-insurance entry scores higher ("insurance coverage" is its name) but names
    # another kind than the question: neither the answer nor a rival of the social one.
    scored = [Match(IND, "bhyt", 75.7, answerable=False, offered=False), Match(IND, "bhxh", 60.0)]
    result = decide(scored, 4)
    assert result.outcome is Outcome.CONFIDENT
    assert [match.key for match in result.matches] == ["bhxh"]


def test_a_garbled_message_is_offered_never_answered() -> None:
    index = SearchIndex.from_entries(INSURANCE)
    assert index.search("bảo hiểm xã hội").outcome is Outcome.CONFIDENT
    garbled = index.search("bảo hiểm xã hội " + "qwertyuiopasdfghjklzxcvbnmqwert")
    assert garbled.outcome is not Outcome.CONFIDENT
