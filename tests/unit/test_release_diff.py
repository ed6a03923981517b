"""What a draft changes against the live release (pure: two documents): entities added, removed,
changed; figures old → new with their quotes, an observation or a policy note at a time; and
`content check`'s problems located at file, entity and field."""

from __future__ import annotations

import copy
from pathlib import Path
from typing import Any

import pytest

from bot.domain.content_drafts import Change, DraftProblem, FigureSide
from bot.services.knowledge.drafts_diff import entity_changes, figure_changes, located
from content.loader import DEFAULT_CONTENT_DIR, ContentError
from content.release_document import Document, check_document, read_directory


@pytest.fixture(scope="module")
def shipped() -> Document:
    return read_directory(DEFAULT_CONTENT_DIR)[1]


def entity(document: Document, file: str, section: str, key: str) -> dict[str, Any]:
    (found,) = [item for item in document["files"][file][section] if item["key"] == key]
    return found  # type: ignore[no-any-return]


def test_the_same_content_changes_nothing(shipped: Document) -> None:
    assert entity_changes(shipped, copy.deepcopy(shipped)) == ()
    assert figure_changes(shipped, copy.deepcopy(shipped)) == ()


def test_a_new_observation_adds_its_figures_and_a_removed_indicator_removes_them(
    shipped: Document,
) -> None:
    draft = copy.deepcopy(shipped)
    poor = entity(draft, "indicators.yaml", "indicators", "ho-ngheo")
    newer = copy.deepcopy(poor["observations"][0])
    newer["period_key"] = "2022-Q2"
    newer["value"] = 3400
    newer["source"]["quote"] = "toàn thành phố có 3.400 hộ nghèo, chiếm 0,16%"
    newer["figures"] = []
    poor["observations"].append(newer)
    indicators = draft["files"]["indicators.yaml"]["indicators"]
    gone = indicators.pop(next(i for i, item in enumerate(indicators) if item["key"] == "viec-lam"))

    changes = {(item.kind, item.key): item for item in entity_changes(shipped, draft)}
    assert changes["indicators", "ho-ngheo"].change is Change.CHANGED
    assert changes["indicators", "viec-lam"].change is Change.REMOVED
    assert changes["indicators", "viec-lam"].name == gone["name"]["vi"]
    figures = figure_changes(shipped, draft)
    (added,) = [item for item in figures if item.key == "ho-ngheo"]
    assert (added.at, added.label, added.change, added.old) == ("2022-Q2", None, Change.ADDED, None)
    assert added.new == FigureSide(3400, "hộ", newer["source"]["quote"], "report-2022-q1")
    removed = [item for item in figures if item.key == "viec-lam"]
    assert removed
    assert all(item.change is Change.REMOVED and item.new is None for item in removed)
    assert {item.at for item in removed} == {obs["period_key"] for obs in gone["observations"]}


def test_a_policy_notes_figure_is_compared_by_the_report_it_cites(shipped: Document) -> None:
    draft = copy.deepcopy(shipped)
    policy = entity(draft, "policies.yaml", "policies", "nq-68-cp")
    note = next(item for item in policy["notes"] if item.get("figures"))
    figure = next(item for item in note["figures"] if item["value"] == 309.7)
    figure["value"] = 310
    (change,) = figure_changes(shipped, draft)
    # Both notes of the policy cite the Q1 report: the one with the figures is the second.
    assert [item["source"]["report"] for item in policy["notes"]] == ["report-2022-q1"] * 2
    assert policy["notes"].index(note) == 1
    assert (change.kind, change.key, change.at) == ("policies", "nq-68-cp", "report-2022-q1 #2")
    assert change.label == figure["label"]["vi"]
    assert change.old is not None
    assert change.new is not None
    assert (change.old.value, change.new.value) == (309.7, 310)
    assert change.old.quote == change.new.quote == note["source"]["quote"]


def test_problems_are_located_at_the_entity_and_its_field(shipped: Document) -> None:
    draft = copy.deepcopy(shipped)
    entity(draft, "indicators.yaml", "indicators", "ho-ngheo")["observations"][1]["unit"] = 7
    draft["files"]["faq.yaml"]["faqs"].append({"question": {"vi": "Không có khóa?"}})
    problems = located(draft, check_document(draft))
    places = {(item.file, item.entity, item.field) for item in problems}
    assert ("indicators.yaml", "ho-ngheo", "observations[1].unit") in places
    # An entry without a key is named by its place in the file.
    index = len(draft["files"]["faq.yaml"]["faqs"]) - 1
    assert ("faq.yaml", None, f"faqs[{index}].key") in places


def test_a_problem_outside_any_entity_keeps_its_field() -> None:
    document: Document = {"format": 1, "files": {"programme.yaml": {"programme": {}}}}
    errors = [
        ContentError(Path("programme.yaml"), 3, "programme.name", "Field required"),
        ContentError(Path("programme.yaml"), None, None, "a file problem"),
        ContentError(Path("faq.yaml"), 1, "faqs[9].key", "not there"),
    ]
    assert located(document, errors) == (
        DraftProblem("programme.yaml", "programme", "name", "Field required"),
        DraftProblem("programme.yaml", None, None, "a file problem"),
        DraftProblem("faq.yaml", None, "faqs[9].key", "not there"),
    )
