"""What the dashboard's search matches a ticket by: its text, a named author and the officials'
replies, folded the way residents' questions are (no tone marks, đ → d, lower case), so "hoc phi"
finds "học phí"; and its topic's title, matched by topic key at query time (titles can change
with the content, the stored text cannot)."""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from bot.domain.records import SearchWord
from content.normalize import fold
from content.schema import Area

MAX_QUERY_CHARS = 200
MAX_QUERY_WORDS = 8


def search_text(text: str, author_name: str | None, replies: Iterable[str] = ()) -> str:
    """A ticket's folded search text; pass author_name only for a named ticket."""
    return " ".join(fold(part) for part in (text, author_name or "", *replies) if part).strip()


def reply_search_text(reply: str) -> str:
    """What an answer adds to its ticket's search text."""
    return fold(reply)


def query_words(query: str) -> tuple[str, ...]:
    """The folded words of a search box entry; each must occur in a ticket's search text."""
    words = fold(query[:MAX_QUERY_CHARS]).split()
    return tuple(dict.fromkeys(words))[:MAX_QUERY_WORDS]


def search_words(query: str, areas: Mapping[str, Area]) -> tuple[SearchWord, ...]:
    """The query's words, each with the topics whose title (in either language) has it as a
    whole word: "y" finds the health topic, not every title with a y in it."""
    titles = {
        key: set(fold(area.name.vi).split()) | set(fold(area.name.en).split())
        for key, area in areas.items()
    }
    return tuple(
        SearchWord(word, tuple(sorted(key for key, words in titles.items() if word in words)))
        for word in query_words(query)
    )
