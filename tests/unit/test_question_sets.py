"""The holdout question sets (tests/data/questions_holdout*.yaml) that bench/qa.py measures: each
loads, each item is a question with `none` or entries that exist in the real content. Only the
files' shape is checked here: the holdouts are never tuned on, so no accuracy is asserted."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from content.index import entries_of
from content.knowledge import KnowledgeBase

DATA = Path(__file__).resolve().parent.parent / "data"
HOLDOUTS = sorted(DATA.glob("questions_holdout*.yaml"))


def test_every_holdout_set_is_found() -> None:
    names = {path.name for path in HOLDOUTS}
    assert {"questions_holdout_d.yaml", "questions_holdout_e.yaml"} <= names


@pytest.mark.parametrize("path", HOLDOUTS, ids=lambda path: path.stem)
def test_holdout_set_loads_and_names_existing_entries(path: Path, kb: KnowledgeBase) -> None:
    entries = {f"{entry.kind}:{entry.key}" for entry in entries_of(kb)}
    items = yaml.safe_load(path.read_text(encoding="utf-8"))["questions"]
    assert items, path.name
    texts = []
    for item in items:
        text, expected = item["q"], item["expected"]
        assert isinstance(text, str), item
        assert text.strip(), item
        texts.append(text)
        if expected == "none":
            continue
        keys = [expected] if isinstance(expected, str) else expected
        assert isinstance(keys, list), item
        assert keys, item
        assert set(keys) <= entries, (text, set(keys) - entries)
    assert len(texts) == len(set(texts)), "a question is repeated"
