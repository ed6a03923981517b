"""What an official writes becomes Telegram HTML: formatting rendered, everything else escaped.

Officials write the way chat apps taught them: `**bold**`, `*italic*` or `_italic_`, `~~struck~~`,
`` `code` ``, `[words](https://link)`, or Telegram's own HTML tags (`<b>`, `<i>`, `<a href>`...).
Either way residents must see bold as bold, never the marks or the tags. Anything that is not
Telegram formatting (`<script>`, `<div>`, a `javascript:` link, a lone `<` or `&`) is escaped
and reaches them as the text it is. The result is balanced: every tag opened is closed.
"""

from __future__ import annotations

import html
import re
from urllib.parse import urlsplit

# Telegram's HTML tags (https://core.telegram.org/bots/api#html-style) → the tag we write.
TAGS = {
    "b": "b",
    "strong": "b",
    "i": "i",
    "em": "i",
    "u": "u",
    "ins": "u",
    "s": "s",
    "strike": "s",
    "del": "s",
    "code": "code",
    "pre": "pre",
    "blockquote": "blockquote",
    "tg-spoiler": "tg-spoiler",
    "a": "a",
}
LINK_SCHEMES = ("http", "https", "tg")

_TAG = re.compile(r"<(/?)([A-Za-z][A-Za-z0-9-]*)((?:\s[^<>]*)?)/?>")
_HREF = re.compile(r"""href\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'>]+))""", re.IGNORECASE)
# Markdown as chat apps write it, applied to escaped text outside tags (so never inside a link).
_LINK = re.compile(r"\[([^\[\]\n]+)\]\(([^()\s]+)\)")
_MARKS = (
    (re.compile(r"\*\*(?=\S)(.+?)(?<=\S)\*\*", re.DOTALL), "b"),
    (re.compile(r"~~(?=\S)(.+?)(?<=\S)~~", re.DOTALL), "s"),
    (re.compile(r"`([^`\n]+)`"), "code"),
    (re.compile(r"(?<![\w*])\*(?=\S)([^*\n]+?)(?<=\S)\*(?![\w*])"), "i"),
    (re.compile(r"(?<![\w_])_(?=\S)([^_\n]+?)(?<=\S)_(?![\w_])"), "i"),
    (re.compile(r"(?<![\w_])__(?=\S)([^_\n]+?)(?<=\S)__(?![\w_])"), "u"),
)


def safe_link(url: str) -> str | None:
    """The address if residents may be sent there (http, https, tg), else None."""
    url = url.strip()
    try:
        scheme = urlsplit(url).scheme.lower()
    except ValueError:
        return None
    return url if scheme in LINK_SCHEMES else None


def telegram_markup(text: str) -> str:
    """Telegram HTML for what an official wrote; see the module's docstring."""
    parts: list[str] = []
    stack: list[str] = []  # tags open, as written ("" for a link that was refused)
    position = 0
    for match in _TAG.finditer(text):
        parts.append(_markdown(text[position : match.start()]))
        position = match.end()
        closing, name, attributes = match.group(1), match.group(2).lower(), match.group(3)
        tag = TAGS.get(name)
        if tag is None:
            parts.append(html.escape(match.group(0), quote=False))  # shown as written
        elif closing:
            parts.append(_close(stack, tag))
        else:
            parts.append(_open(stack, tag, attributes))
    parts.append(_markdown(text[position:]))
    parts.extend(f"</{tag}>" for tag in reversed(stack) if tag)
    return "".join(parts)


def _open(stack: list[str], tag: str, attributes: str) -> str:
    if tag != "a":
        stack.append(tag)
        return f"<{tag}>"
    found = _HREF.search(attributes or "")
    href = safe_link(html.unescape(next(filter(None, found.groups()), ""))) if found else None
    if href is None:
        stack.append("")  # the words stay, without the link
        return ""
    stack.append("a")
    return f'<a href="{html.escape(href, quote=True)}">'


def _close(stack: list[str], tag: str) -> str:
    """Close back to the matching tag; a closing tag nothing opened is dropped."""
    wanted = "" if tag == "a" and stack and stack[-1] == "" else tag
    if wanted not in stack:
        return ""
    closed = []
    while stack:
        top = stack.pop()
        if top:
            closed.append(f"</{top}>")
        if top == wanted:
            break
    return "".join(closed)


def _markdown(segment: str) -> str:
    escaped = html.escape(segment, quote=False)
    pieces: list[str] = []
    position = 0
    for match in _LINK.finditer(escaped):
        pieces.append(_marks(escaped[position : match.start()]))
        href = safe_link(html.unescape(match.group(2)))
        words = _marks(match.group(1))
        if href is None:
            pieces.append(_marks(match.group(0)))
        else:
            pieces.append(f'<a href="{html.escape(href, quote=True)}">{words}</a>')
        position = match.end()
    pieces.append(_marks(escaped[position:]))
    return "".join(pieces)


def _marks(escaped: str) -> str:
    for pattern, tag in _MARKS:
        escaped = pattern.sub(rf"<{tag}>\1</{tag}>", escaped)
    return escaped
