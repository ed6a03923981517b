"""A FAQ draft (an official's answer to residents' unanswered question) as an entry of a draft
content release: no YAML to paste, the entry joins the draft and goes live when approved."""

from __future__ import annotations

import copy
from typing import Any

from bot.domain.errors import DraftNotReady
from bot.domain.faq_drafts import DraftProblem, ProblemKind
from content.release_document import Document

FAQ_SECTION = "faqs"
FAQ_FILE = "faq.yaml"  # where the entry goes when no file of the release holds FAQs yet


def with_faq(document: Document, entry: dict[str, Any]) -> Document:
    """The document with `entry` appended to the FAQs (of the first file that holds them);
    DraftNotReady if the release already has a FAQ with its key."""
    changed = copy.deepcopy(document)
    files: dict[str, Any] = changed.setdefault("files", {})
    holders = [
        data
        for _name, data in sorted(files.items())
        if isinstance(data, dict) and isinstance(data.get(FAQ_SECTION), list)
    ]
    for data in holders:
        for item in data[FAQ_SECTION]:
            if isinstance(item, dict) and item.get("key") == entry.get("key"):
                raise DraftNotReady((DraftProblem("faq_key", ProblemKind.KEY_TAKEN),))
    if holders:
        holders[0][FAQ_SECTION].append(entry)
    else:
        target = files.setdefault(FAQ_FILE, {})
        if not isinstance(target, dict):
            target = files[FAQ_FILE] = {}
        target[FAQ_SECTION] = [entry]
    return changed
