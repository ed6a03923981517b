"""The word lists of the personal-data masking, read once from ``content/data/masking/*.txt``.

One entry a line (a word or a phrase); blank lines and lines starting with ``#`` are ignored.
The rules that use them live in ``bot/services/tickets/masking*.py``: the lists are data that a
reviewer can extend (a new surname, a street named after a person) without touching a rule.
"""

from __future__ import annotations

import unicodedata
from functools import cache
from pathlib import Path

__all__ = ["LISTS", "MaskingWordsError", "masking_words"]

DIRECTORY = Path(__file__).parent / "data" / "masking"

# Every list the rules read; a test checks that the directory holds exactly these.
LISTS = (
    "compounds",
    "english_not_names",
    "english_place_after",
    "family_words",
    "honorifics",
    "honorifics_bare",
    "location_prepositions",
    "location_prepositions_bare",
    "lower_name_stops",
    "middle_names",
    "name_breaks",
    "not_name_phrases",
    "not_name_words",
    "place_words",
    "place_words_bare",
    "places",
    "role_before_place",
    "role_pairs",
    "role_titles",
    "school_words",
    "surnames",
    "titles",
)


class MaskingWordsError(ValueError):
    """A word list is missing, unknown or empty: the masking must not run without it."""


@cache
def masking_words(name: str) -> tuple[str, ...]:
    """The entries of one list, NFC, in file order, without duplicates."""
    if name not in LISTS:
        raise MaskingWordsError(f"unknown masking word list {name!r}")
    path = DIRECTORY / f"{name}.txt"
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except OSError as error:
        raise MaskingWordsError(f"{path}: {error}") from error
    entries: dict[str, None] = {}
    for line in lines:
        entry = " ".join(unicodedata.normalize("NFC", line).split())
        if entry and not entry.startswith("#"):
            entries[entry] = None
    if not entries:
        raise MaskingWordsError(f"{path}: no entries")
    return tuple(entries)
