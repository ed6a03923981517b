"""Sixth round of issue 14's classes: a period is no topic ("Q2" is read "q" + "2"); a quarter
other than the one an entry names; a word the content never uses inside the words a lone match
covered modifies the topic ("trẻ em *suy* dinh dưỡng"); the programme named by its subject; the
report, where every figure comes from, is the topic only as who reported.
Small hand-made indexes; the questions are none of the question sets'."""

from __future__ import annotations

from content.index import EntryKind, Outcome, SearchEntry, SearchIndex
from content.index.facets import FACETS
from content.index.lexicon import periods, typed_stop, unbound
from content.normalize import analyze

IND, POL, FAQ = EntryKind.INDICATOR, EntryKind.POLICY, EntryKind.FAQ

TASKS = (
    SearchEntry(
        FAQ,
        "tasks",
        ("Quý II/2022 thành phố tập trung vào những nhiệm vụ gì?", "Priorities for Q2 2022"),
        ("nhiệm vụ", "quý 2", "tasks", "Q2 2022 tasks"),
    ),
    SearchEntry(IND, "poor", ("Tỷ lệ hộ nghèo", "Poverty rate", "hộ nghèo"), ("giảm nghèo",)),
)

MILK = (
    SearchEntry(
        IND,
        "milk",
        ("Tỷ lệ trẻ em uống sữa học đường", "School milk coverage"),
        ("trẻ em", "dinh dưỡng học đường", "mẫu giáo"),
    ),
    SearchEntry(IND, "poor", ("Tỷ lệ hộ nghèo", "Poverty rate", "hộ nghèo"), ("giảm nghèo",)),
    SearchEntry(POL, "credit", ("Tín dụng chính sách", "Policy credit", "vay vốn"), ()),
)

PROGRAMME = (
    SearchEntry(
        FAQ,
        "programme",
        ("Chương trình 08 là gì?", "What is the programme?", "chương trình an sinh xã hội"),
        ("an sinh xã hội", "phúc lợi xã hội"),
    ),
    SearchEntry(
        FAQ,
        "head",
        ("Ai là Trưởng ban Chỉ đạo?", "Who heads the steering committee?", "trưởng ban chỉ đạo"),
        ("Ban Chỉ đạo", "trưởng ban"),
    ),
    SearchEntry(IND, "poor", ("Tỷ lệ hộ nghèo", "Poverty rate", "hộ nghèo"), ("giảm nghèo",)),
)


def test_a_period_letter_before_its_number_marks_a_period() -> None:
    assert periods(analyze("Q2 2022")) == [True, False, False]
    assert periods(analyze("h1/2023 ho ngheo")) == [True, False, False, False, False]
    assert periods(analyze("quý II")) == [False, True]
    assert periods(analyze("q a")) == [False, False]  # a letter alone is no period


def test_a_period_alone_is_no_topic() -> None:
    index = SearchIndex.from_entries(TASKS)
    for alone in ("Q2", "q2 2022", "quý II", "Q2/2022 thì sao"):
        assert index.search(alone).outcome is Outcome.NONE, alone
    named = index.search("nhiem vu Q2")
    assert named.outcome is Outcome.CONFIDENT
    assert named.matches[0].key == "tasks"


def test_another_quarter_than_the_entry_names_is_not_it() -> None:
    assert FACETS.named(analyze("nhiệm vụ quý 1"))["quarter"] == {"first"}
    assert FACETS.named(analyze("Q2 tasks"))["quarter"] == {"second"}
    index = SearchIndex.from_entries(TASKS)
    other = index.search("nhiệm vụ quý 1 năm 2022")
    assert all(match.key != "tasks" for match in other.matches), other
    assert index.search("nhiệm vụ quý hai").matches[0].key == "tasks"


def test_an_unknown_word_inside_the_matched_topic_is_not_answered_at_once() -> None:
    index = SearchIndex.from_entries(MILK)
    for modified in ("tỷ lệ trẻ em béo phì dinh dưỡng", "ti le tre em beo phi dinh duong"):
        result = index.search(modified)
        assert result.outcome is not Outcome.CONFIDENT, (modified, result)
    # words the content never uses before or after the topic are the resident's context
    context = index.search("nhà mình ở Phù Đổng, trẻ em mẫu giáo dinh dưỡng học đường")
    assert context.outcome is Outcome.CONFIDENT
    assert context.matches[0].key == "milk"


def test_the_programme_named_by_its_subject_is_context() -> None:
    index = SearchIndex.from_entries(PROGRAMME)
    head = index.search("trưởng ban chỉ đạo chương trình an sinh là ông nào")
    assert head.outcome is Outcome.CONFIDENT
    assert head.matches[0].key == "head"
    # alone, or beside words no entry uses, it is the topic
    for alone in ("chương trình an sinh xã hội", "chuong trinh an sinh xa hoi nham muc dich gi"):
        result = index.search(alone)
        assert result.outcome is Outcome.CONFIDENT, (alone, result)
        assert result.matches[0].key == "programme"
    # asked when it runs, it is never answered with what the programme is (the seventh round:
    # "kéo dài tới đâu" asks its period; test_index_seventh.py)
    period = index.search("chuong trinh an sinh xa hoi keo dai toi dau")
    assert all(match.key != "programme" for match in period.matches), period


def test_english_light_verbs_and_relations_weigh_nothing() -> None:
    for word in ("went", "related", "regarding"):
        (token,) = analyze(word)
        assert typed_stop(token), word


REPORTERS = (
    SearchEntry(
        FAQ,
        "reporter",
        ("Ai báo cáo kết quả thực hiện Chương trình?", "Who presented the results?"),
        ("ai báo cáo", "người báo cáo", "who presented the report"),
    ),
    SearchEntry(IND, "poor", ("Tỷ lệ hộ nghèo", "Poverty rate", "hộ nghèo"), ("giảm nghèo",)),
    SearchEntry(IND, "jobs", ("Việc làm mới", "New jobs", "việc làm"), ()),
)


def test_the_report_is_the_topic_only_as_who_reported() -> None:
    pairs = {("ai", "bao"), ("bao", "cao"), ("cao", "ket")}
    assert unbound(analyze("theo báo cáo mới"), pairs) == [False, True, True, False]
    assert unbound(analyze("ai báo cáo"), pairs) == [False, False, False]
    index = SearchIndex.from_entries(REPORTERS)
    for when in ("bao giờ có báo cáo mới", "khi nao co bao cao moi", "when is the next report"):
        result = index.search(when)
        assert result.outcome is not Outcome.CONFIDENT, (when, result)
    poor = index.search("theo báo cáo mới nhất còn bao nhiêu hộ nghèo")
    assert poor.outcome is Outcome.CONFIDENT
    assert poor.matches[0].key == "poor"
    who = index.search("nguoi bao cao la ai")
    assert who.outcome is Outcome.CONFIDENT
    assert who.matches[0].key == "reporter"


def test_an_indicator_and_the_faq_quoting_its_sentence_are_a_pair() -> None:
    from content.index import groups_of
    from content.loader import load_knowledge_base

    groups = groups_of(load_knowledge_base())
    pairs = {(group.primary, group.members) for group in groups if len(group.members) == 2}
    social = (IND, "tham-gia-bhxh")
    assert (social, (social, (FAQ, "kho-khan"))) in pairs
    health = (IND, "bao-phu-bhyt")
    assert (health, (health, (FAQ, "kho-khan"))) in pairs


def test_an_entry_of_several_pairs_collapses_only_what_it_shares() -> None:
    from content.index import LinkedGroup, Match
    from content.index.links import Links

    social, health, hard = (IND, "social"), (IND, "health"), (FAQ, "hard")
    links = Links([LinkedGroup(social, (social, hard)), LinkedGroup(health, (health, hard))])
    # the indicator and the FAQ quoting it tie: the figure answers, the FAQ under it
    tie = links.decide([Match(*social, 87.0), Match(*hard, 85.0)], 4)
    assert tie.outcome is Outcome.CONFIDENT
    assert tie.matches[0].key == "social"
    assert tie.related == (hard,)
    # two indicators the FAQ quotes are still two things: a choice
    both = links.decide([Match(*social, 87.0), Match(*hard, 86.0), Match(*health, 85.0)], 4)
    assert both.outcome is Outcome.AMBIGUOUS
    assert {match.key for match in both.matches} == {"social", "health"}
    # the FAQ found only by a keyword, an indicator it quotes relevant: the figure first
    keyword = Match(*hard, 80.0, by_keyword=True)
    figure = links.decide([keyword, Match(*health, 42.0)], 4)
    assert figure.outcome is Outcome.CONFIDENT
    assert [match.key for match in figure.matches] == ["health", "hard"]
    # ... unless two figures it quotes are as relevant: which one is unclear, the FAQ stays
    unclear = links.decide([keyword, Match(*health, 42.0), Match(*social, 40.0)], 4)
    assert unclear.matches[0].key == "hard"
    # the FAQ named outright (by its question or an alias) stays the answer
    named = links.decide([Match(*hard, 80.0), Match(*health, 62.0)], 4)
    assert named.outcome is Outcome.CONFIDENT
    assert named.matches[0].key == "hard"
