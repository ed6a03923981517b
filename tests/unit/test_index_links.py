"""Linked entries in search (content/index/links.py): a tie inside a group is one answer, the
group's primary; a choice remains between entries that are really different."""

from __future__ import annotations

from content.index import EntryKind, LinkedGroup, Outcome, SearchEntry, SearchIndex
from content.index.links import Links
from content.index.model import Match

IND, POL, FAQ = EntryKind.INDICATOR, EntryKind.POLICY, EntryKind.FAQ

ENTRIES = (
    SearchEntry(
        IND, "sua", ("Tỷ lệ trẻ em tham gia sữa học đường", "School milk", "sữa học đường")
    ),
    SearchEntry(POL, "sua-cs", ("Chương trình sữa học đường", "School milk", "sữa học đường")),
    SearchEntry(IND, "ho-ngheo", ("Hộ nghèo", "Poor households")),
)
MILK = LinkedGroup((IND, "sua"), ((IND, "sua"), (POL, "sua-cs")))


def test_a_tie_inside_a_group_is_answered_with_its_primary_and_offers_the_others() -> None:
    plain = SearchIndex.from_entries(ENTRIES).search("sua hoc duong")
    assert plain.outcome is Outcome.AMBIGUOUS  # what the resident got before links

    result = SearchIndex.from_entries(ENTRIES, [MILK]).search("sua hoc duong")
    assert result.outcome is Outcome.CONFIDENT
    assert (result.matches[0].kind, result.matches[0].key) == (IND, "sua")
    assert result.related == ((POL, "sua-cs"),)


def test_an_entry_named_outright_stays_the_answer_with_its_group_related() -> None:
    links = Links([MILK])
    scored = [Match(POL, "sua-cs", 95.0), Match(IND, "sua", 60.0)]
    result = links.decide(scored, 4)
    assert result.outcome is Outcome.CONFIDENT
    assert result.matches[0].key == "sua-cs"
    assert result.related == ((IND, "sua"),)


def test_different_entries_still_tie_with_one_button_per_group() -> None:
    links = Links([MILK])
    scored = [Match(POL, "sua-cs", 80.0), Match(IND, "sua", 79.0), Match(IND, "ho-ngheo", 78.0)]
    result = links.decide(scored, 4)
    assert result.outcome is Outcome.AMBIGUOUS
    assert [match.key for match in result.matches] == ["sua-cs", "ho-ngheo"]
    assert result.related == ()


def test_unlinked_results_are_unchanged() -> None:
    scored = [Match(IND, "ho-ngheo", 90.0), Match(IND, "sua", 50.0)]
    assert Links([MILK]).decide(scored, 4) == Links().decide(scored, 4)
    assert Links([MILK]).decide(scored, 4).related == ()
    assert Links([MILK]).decide([], 4).outcome is Outcome.NONE


def test_the_real_content_links_school_milk() -> None:
    from content.index import groups_of
    from content.loader import load_knowledge_base

    groups = groups_of(load_knowledge_base())
    milk = next(group for group in groups if group.primary == (IND, "sua-hoc-duong"))
    assert (POL, "chuong-trinh-sua-hoc-duong") in milk.members
    # Reports are linked in the content but are not search entries.
    assert all(kind in (IND, POL, FAQ) for group in groups for kind, _ in group.members)
