"""Fifth round of issue 14's classes (content/index/lexicon.py ``unbound``, facets.yaml
``targets``): a bound word standing apart is generic ("làm những việc gì" is not "việc làm");
a question about the health (or the hard) targets is not answered with the count of all of
them. Small hand-made indexes; the questions are none of the question sets'."""

from __future__ import annotations

from content.index import EntryKind, Outcome, SearchEntry, SearchIndex
from content.index.facets import FACETS
from content.index.lexicon import unbound
from content.loader import load_knowledge_base
from content.normalize import analyze

IND, FAQ = EntryKind.INDICATOR, EntryKind.FAQ

JOBS = (
    SearchEntry(
        IND,
        "jobs",
        ("Số lao động được giải quyết việc làm", "Jobs found", "việc làm", "tạo việc làm"),
    ),
    SearchEntry(FAQ, "tasks", ("Nhiệm vụ trọng tâm quý II", "Priorities of Q2", "nhiệm vụ quý 2")),
)

TARGETS = (
    SearchEntry(
        IND,
        "health",
        ("Các chỉ tiêu về y tế", "The health indicators", "chỉ tiêu y tế", "health targets"),
    ),
    SearchEntry(
        FAQ,
        "all",
        (
            "Đã hoàn thành bao nhiêu chỉ tiêu",
            "How many targets are met",
            "targets met",
            "all targets",
            "27 chỉ tiêu",
        ),
        # as the real FAQ: its answer names good results, the people's health care among them
        context=("some targets achieved good results, such as the people's health care",),
    ),
)


def test_a_bound_word_apart_is_generic_beside_its_partner_a_topic() -> None:
    pairs = {("viec", "lam")}
    assert unbound(analyze("làm những việc gì"), pairs) == [True, False, True, False]
    assert unbound(analyze("tạo việc làm"), pairs) == [False, False, False]
    assert unbound(analyze("viec lam quy 1"), pairs) == [False, False, False, False]


def test_what_things_were_done_is_not_the_jobs_figure() -> None:
    index = SearchIndex.from_entries(JOBS)
    done = index.search("quý 2 thành phố làm những việc gì")
    assert not (done.outcome is Outcome.CONFIDENT and done.matches[0].key == "jobs"), done
    jobs = index.search("viec lam quy 2")
    assert jobs.outcome is Outcome.CONFIDENT
    assert jobs.matches[0].key == "jobs"


def test_which_targets_are_asked_of_is_a_facet() -> None:
    assert FACETS.named(analyze("bn chỉ tiêu y tế xong rồi"))["targets"] == {"health"}
    assert FACETS.named(analyze("are the health targets met"))["targets"] == {"health"}
    assert FACETS.named(analyze("nhung chi tieu kho"))["targets"] == {"hard"}
    assert FACETS.named(analyze("all 27 targets done"))["targets"] == {"all"}


def test_the_health_targets_are_not_answered_with_all_of_them() -> None:
    index = SearchIndex.from_entries(TARGETS)
    result = index.search("are the health targets met")
    assert result.outcome is Outcome.CONFIDENT, result
    assert result.matches[0].key == "health"
    assert [match.key for match in result.matches] == ["health"]
    care = index.search("health care targets met")
    assert care.matches[0].key == "health", care
    every = index.search("are all targets met")
    assert every.matches[0].key == "all", every


def test_one_phrase_names_a_value_in_every_facet_listing_it() -> None:
    named = FACETS.named(analyze("số người hưởng bảo hiểm thất nghiệp"))
    assert named["insurance"] == {"unemployment"}
    assert named["unemployment"] == {"insurance"}
    assert FACETS.named(analyze("ty le that nghiep"))["unemployment"] == {"unemployed"}
    assert FACETS.named(analyze("số người thất nghiệp"))["unemployment"] == {"unemployed"}


def test_the_unemployment_rate_is_not_answered_with_the_insurance_card() -> None:
    index = SearchIndex.from_entries(
        (
            SearchEntry(
                IND,
                "bhtn",
                ("Lao động hưởng bảo hiểm thất nghiệp", "Unemployment-insurance recipients"),
            ),
        )
    )
    assert index.search("tỷ lệ thất nghiệp ở Hà Nội").matches == ()
    assert index.search("unemployment rate hanoi").matches == ()
    assert index.search("so nguoi huong bao hiem that nghiep").matches[0].key == "bhtn"


HOUSEHOLDS = (
    SearchEntry(IND, "poor", ("Số hộ nghèo", "Poor households", "hộ nghèo")),
    SearchEntry(IND, "near", ("Số hộ cận nghèo", "Near-poor households", "hộ cận nghèo")),
)


def test_the_residents_own_context_before_the_question_is_dropped() -> None:
    index = SearchIndex.from_entries(HOUSEHOLDS)
    text = "tôi là giáo viên về hưu ở Sóc Sơn, cho tôi hỏi toàn thành phố còn bao nhiêu hộ nghèo"
    result = index.search(text)
    assert result.outcome is Outcome.CONFIDENT, result
    assert result.matches[0].key == "poor"


INSURANCE = (
    SearchEntry(IND, "bhyt", ("Tỷ lệ bao phủ bảo hiểm y tế", "Health-insurance coverage")),
    SearchEntry(IND, "bhtn", ("Lao động hưởng bảo hiểm thất nghiệp", "Unemployment insurance")),
    SearchEntry(IND, "poor", ("Số hộ nghèo", "Poor households", "hộ nghèo")),
)


def test_a_later_clause_is_not_answered_when_the_dropped_ones_name_something_else() -> None:
    index = SearchIndex.from_entries(INSURANCE)
    assert index.search("tỷ lệ bao phủ là bao nhiêu").matches[0].key == "bhyt"
    for text in (
        "về bảo hiểm thất nghiệp, tỷ lệ bao phủ là bao nhiêu",  # a facet named before
        "hộ nghèo thì sao, tỷ lệ bao phủ là bao nhiêu",  # another entry named before
    ):
        result = index.search(text)
        assert not (result.outcome is Outcome.CONFIDENT and result.matches[0].key == "bhyt"), (
            text,
            result,
        )


def test_the_head_is_not_answered_with_the_deputy() -> None:
    assert FACETS.named(analyze("phó trưởng ban thường trực là ai"))["office"] == {"deputy"}
    assert FACETS.named(analyze("trưởng ban chỉ đạo là ông nào"))["office"] == {"head"}
    index = SearchIndex.from_entries(
        (
            SearchEntry(FAQ, "head", ("Ai là Trưởng ban Chỉ đạo?", "trưởng ban chỉ đạo")),
            SearchEntry(FAQ, "deputy", ("Ai là Phó trưởng ban Chỉ đạo?", "phó trưởng ban")),
        )
    )
    result = index.search("trưởng ban chỉ đạo là ông nào")
    assert [match.key for match in result.matches] == ["head"], result


def test_a_scale_word_after_a_number_is_part_of_the_figure_not_a_topic() -> None:
    index = SearchIndex.from_knowledge_base(load_knowledge_base())
    words = {word.token.folded: word for word in index._vocabulary.query_words("309,7 tỷ")}
    assert not words["ti"].informative
    assert index._vocabulary.query_words("tỷ lệ hộ nghèo")[0].token.folded == "ti"
    result = index.search("309,7 tỷ cho vay là khoản gì")
    assert result.outcome is Outcome.CONFIDENT, result
    assert result.matches[0].key == "ho-tro-nq68"


def test_a_year_no_entry_names_is_offered_never_answered() -> None:
    index = SearchIndex.from_entries(
        (SearchEntry(IND, "poor", ("Số hộ nghèo", "hộ nghèo"), context=("Quý I/2022",)),)
    )
    assert index.search("hộ nghèo 2022").outcome is Outcome.CONFIDENT
    result = index.search("hộ nghèo năm 2024")
    assert result.outcome is Outcome.AMBIGUOUS, result
    assert [match.key for match in result.matches] == ["poor"]
