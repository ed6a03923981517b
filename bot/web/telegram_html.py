"""A broadcast's Telegram HTML, shown on the dashboard as residents will see it, safely.

Only the formatting Telegram itself allows is kept (bold, italic, underline, strike, code, pre,
quotes, links to http(s)); every attribute but a checked href is dropped, and everything else,
tags included, is shown as text. So an official previewing a broadcast never runs a script.
"""

from __future__ import annotations

from html.parser import HTMLParser
from urllib.parse import urlsplit

from markupsafe import Markup, escape

from bot.services.broadcasts.markup import TAGS

# Telegram's tags (the broadcasts' own list) → the HTML tag that shows them; a spoiler has no
# HTML counterpart, so the preview shows it as text.
ALLOWED = {tag: shown for tag, shown in TAGS.items() if tag != "tg-spoiler"}
SAFE_SCHEMES = ("http", "https")


class _Renderer(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.open: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        shown = ALLOWED.get(tag)
        if shown is None:
            return  # unknown tags vanish; their text stays
        if shown == "a":
            href = dict(attrs).get("href") or ""
            if urlsplit(href).scheme.lower() not in SAFE_SCHEMES:
                self.open.append("")  # the link's text stays, without a link
                return
            self.parts.append(
                str(Markup('<a href="{}" rel="noopener noreferrer nofollow">').format(href))
            )
        else:
            self.parts.append(f"<{shown}>")
        self.open.append(shown)

    def handle_endtag(self, tag: str) -> None:
        shown = ALLOWED.get(tag)
        if shown is None or not self.open:
            return
        # Close back to the matching tag; a stray closing tag is ignored.
        if shown == "a" and self.open[-1] == "":
            self.open.pop()
            return
        if shown not in self.open:
            return
        while self.open:
            top = self.open.pop()
            if top:
                self.parts.append(f"</{top}>")
            if top == shown:
                break

    def handle_data(self, data: str) -> None:
        self.parts.append(str(escape(data)))

    def close(self) -> None:
        super().close()
        while self.open:
            top = self.open.pop()
            if top:
                self.parts.append(f"</{top}>")


def telegram_html(text: str) -> Markup:
    renderer = _Renderer()
    renderer.feed(text)
    renderer.close()
    return Markup("".join(renderer.parts))  # noqa: S704 - built from escaped parts only
