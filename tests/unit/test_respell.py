"""How residents spell, respelled to the index's words (content/index/respell.py), and the
programme's informal names written as one (content/normalize.py): voice typing and dialect
(tone marks, l/n, s/x, ch/tr, d/gi/r), words run together, departments named beside a topic.
None of these questions is in a question set."""

from __future__ import annotations

import pytest

from content.index import Outcome, SearchIndex
from content.index.query import read_query
from content.index.respell import Respeller
from content.knowledge import KnowledgeBase
from content.normalize import expand_abbreviations


@pytest.fixture(scope="module")
def index(kb: KnowledgeBase) -> SearchIndex:
    return SearchIndex.from_knowledge_base(kb)


@pytest.fixture(scope="module")
def respeller() -> Respeller:
    # A small index: "hà nội", "nông thôn", "bác sĩ", "bảo hiểm y tế", "hộ nghèo", "hộ cận
    # nghèo", "số lượng", "xã hội" and the English "pay out".
    return Respeller(
        indexed={"ha", "noi", "nong", "thon", "bac", "si", "bao", "hiem", "y", "te", "ho",
                 "ngheo", "can", "so", "luong", "xa", "hoi", "pay", "out", "long", "bien"},
        spellings={"hà", "nội", "nông", "thôn", "bác", "sĩ", "bảo", "hiểm", "y", "tế", "hộ",
                   "nghèo", "cận", "số", "lượng", "xã", "hội", "long", "biên"},
        pairs={("ha", "noi"), ("nong", "thon"), ("bac", "si"), ("bao", "hiem"), ("hiem", "y"),
               ("y", "te"), ("ho", "ngheo"), ("ho", "can"), ("can", "ngheo"), ("so", "luong"),
               ("xa", "hoi"), ("pay", "out"), ("long", "bien")},
    )  # fmt: skip


def _respelled(respeller: Respeller, text: str) -> list[str]:
    return [token.canonical for token in respeller.respell(read_query(text))]


@pytest.mark.parametrize(
    ("typed", "respelled"),
    [
        ("hà lội", ["hà", "nội"]),  # l for n, with diacritics
        ("ha loi", ["ha", "noi"]),  # ... without: "loi" beside "ha" in no phrase, "noi" is
        ("lông thôn", ["nông", "thôn"]),
        ("bác xỹ", ["bác", "sĩ"]),  # s/x and the tone mark's form
        ("hộ nghéo", ["hộ", "ngheo"]),  # a tone no entry spells: matched as typed bare
        ("bảo hiễm", ["bảo", "hiem"]),
        ("baohiemyte", ["bao", "hiem", "y", "te"]),  # run together
        ("hộcậnnghèo", ["ho", "can", "ngheo"]),
        ("hanoi", ["ha", "noi"]),
    ],
)
def test_a_spelling_the_index_lacks_becomes_the_one_it_has(
    respeller: Respeller, typed: str, respelled: list[str]
) -> None:
    assert _respelled(respeller, typed) == respelled


@pytest.mark.parametrize(
    "typed",
    [
        "long bien",  # a known word beside its neighbour as in a phrase: never respelled
        "hà nội",
        "cho tôi hỏi",  # words of the matcher's lists stay what they are ("hỏi", not "hội")
        "payouts",  # English: "ou" is no Vietnamese syllable
        "now",  # no Vietnamese syllable
        "loi",  # alone: nothing to disagree with
    ],
)
def test_what_the_index_or_the_lists_know_stays(respeller: Respeller, typed: str) -> None:
    assert _respelled(respeller, typed) == [token.canonical for token in read_query(typed)]


@pytest.mark.parametrize(
    ("question", "key"),
    [
        ("tỷ lệ hộ nghéo bây giờ", "ho-ngheo"),
        ("bao phủ bảo hiễm y tế đạt mấy phần trăm", "bao-phu-bhyt"),
        ("hộ cận nghèo ở hà lội còn bao nhiêu", "ho-can-ngheo"),
        ("có bao nhiêu bác xỹ trên một vạn dân", "bac-si"),
        ("tuyensinhgiaoducnghenghiep", "tuyen-sinh-gdnn"),
        ("tylehoatang", "hoa-tang"),
        ("tỷ lệ hỏa tán ở hà lội", "hoa-tang"),  # the final n for ng, l for n
        (
            "Sở Lao động - Thương binh và Xã hội tuyển sinh học nghề được bao nhiêu người",
            "tuyen-sinh-gdnn",
        ),
        ("Sở Y tế cho biết tỷ lệ bao phủ bảo hiểm y tế là bao nhiêu", "bao-phu-bhyt"),
        ("chuong trinh so 8 ty le ho ngheo", "ho-ngheo"),
        ("ct 08 giảm được bao nhiêu hộ nghèo", "ho-ngheo"),
    ],
)
def test_respelled_questions_are_answered(index: SearchIndex, question: str, key: str) -> None:
    result = index.search(question)
    assert result.outcome is Outcome.CONFIDENT, result
    assert result.matches[0].key == key


def test_a_department_alone_stays_the_topic(index: SearchIndex) -> None:
    result = index.search("Sở LĐTBXH có vai trò gì trong chương trình")
    assert result.matches, result
    assert result.matches[0].key == "co-quan-thuong-truc", result


@pytest.mark.parametrize(
    "name",
    [
        "ct 08",
        "CT08",
        "ctr số 8",
        "chương trình số 08-CTr/TU",
        "Chương trình 08-CTr/TU của Thành ủy",
        "chương trình số tám của thành ủy",
        "chuong trinh so tam",
        "chương trình an sinh của thành phố",
        "chương trình an sinh xã hội của Hà Nội",
    ],
)
def test_the_programme_has_one_name(name: str) -> None:
    assert expand_abbreviations(name) == "chương trình 08"


@pytest.mark.parametrize(
    "text",
    [
        "ct 8",  # "ct" is also chỉ tiêu: only "08" or "số" make it the programme
        "chương trình an sinh xã hội",  # without its owner: the words are the topic
        "chỉ tiêu 8",
        "chương trình sữa học đường",
    ],
)
def test_other_programmes_and_numbers_keep_their_words(text: str) -> None:
    assert "chương trình 08" not in expand_abbreviations(text)
