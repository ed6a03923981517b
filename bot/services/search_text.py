"""What the dashboard's search matches a ticket by: its text and a named author, folded the way
residents' questions are (no tone marks, đ → d, lower case), so "hoc phi" finds "học phí"."""

from __future__ import annotations

from content.normalize import fold

MAX_QUERY_CHARS = 200
MAX_QUERY_WORDS = 8


def search_text(text: str, author_name: str | None) -> str:
    return fold(f"{text} {author_name or ''}").strip()


def query_words(query: str) -> tuple[str, ...]:
    """The folded words of a search box entry; each must occur in a ticket's search text."""
    words = fold(query[:MAX_QUERY_CHARS]).split()
    return tuple(dict.fromkeys(words))[:MAX_QUERY_WORDS]
