"""The emulator's Telegram-HTML, MarkdownV2 and legacy Markdown parsers: entities, UTF-16
offsets, and rejections worded as Telegram words them."""

from __future__ import annotations

import re
import unicodedata
from typing import Any

import pytest

from bot.sandbox.botapi.params import JsonDict
from bot.sandbox.entities.html import escape_html, parse_html
from bot.sandbox.entities.markdown import parse_markdown, parse_markdown_v2
from bot.sandbox.entities.text import EntityParseError, FormattedText, trim_formatted, utf16_len


def entity(offset: int, length: int, kind: str, **extra: Any) -> JsonDict:
    return {"offset": offset, "length": length, "type": kind, **extra}


# --- HTML parsing --------------------------------------------------------------------------------


def test_html_bold_and_italic_offsets_in_ascii() -> None:
    parsed = parse_html("<b>Hello</b>, <i>world</i>!")
    assert parsed.text == "Hello, world!"
    assert parsed.entities == [entity(0, 5, "bold"), entity(7, 5, "italic")]


def test_html_offsets_count_utf16_units_for_emoji_and_vietnamese() -> None:
    # "Xin chào " is 9 units (precomposed à), the emoji is a surrogate pair (2 units).
    parsed = parse_html("Xin chào 👋 <b>Hà Nội</b> 🇻🇳 <i>ổn</i>")
    assert parsed.text == "Xin chào 👋 Hà Nội 🇻🇳 ổn"
    # The flag is two regional indicators, each a surrogate pair: 4 units.
    assert parsed.entities == [entity(12, 6, "bold"), entity(24, 2, "italic")]


def test_html_offsets_with_decomposed_vietnamese() -> None:
    # Vietnamese typed with combining marks: every mark is one more UTF-16 unit.
    word = unicodedata.normalize("NFD", "Việt")
    assert utf16_len(word) == 6
    parsed = parse_html(f"{word} <u>Nam</u>")
    assert parsed.entities == [entity(7, 3, "underline")]


def test_html_every_supported_tag() -> None:
    source = (
        "<strong>b</strong><em>i</em><ins>u</ins><del>s</del><strike>s</strike>"
        '<span class="tg-spoiler">p</span><tg-spoiler>q</tg-spoiler>'
        '<a href="https://example.org/a?b=1&amp;c=2">link</a><code>x = 1</code>'
        '<pre><code class="language-python">print(1)</code></pre>'
        "<blockquote>quote</blockquote><blockquote expandable>more</blockquote>"
        '<tg-emoji emoji-id="5368324170671202286">👍</tg-emoji>'
    )
    parsed = parse_html(source)
    assert parsed.text == "biusspqlinkx = 1print(1)quotemore👍"
    assert parsed.entities == [
        entity(0, 1, "bold"),
        entity(1, 1, "italic"),
        entity(2, 1, "underline"),
        entity(3, 1, "strikethrough"),
        entity(4, 1, "strikethrough"),
        entity(5, 1, "spoiler"),
        entity(6, 1, "spoiler"),
        entity(7, 4, "text_link", url="https://example.org/a?b=1&c=2"),
        entity(11, 5, "code"),
        entity(16, 8, "pre", language="python"),
        entity(24, 5, "blockquote"),
        entity(29, 4, "expandable_blockquote"),
        entity(33, 2, "custom_emoji", custom_emoji_id="5368324170671202286"),
    ]


def test_html_nested_entities_are_sorted_outer_first() -> None:
    parsed = parse_html("<b>bold <i>both</i></b> <pre>raw</pre>")
    assert parsed.entities == [
        entity(0, 9, "bold"),
        entity(5, 4, "italic"),
        entity(10, 3, "pre"),
    ]


def test_html_character_references() -> None:
    parsed = parse_html("&lt;b&gt; &amp; &quot;x&quot; &#39; &#x1F600; &#272;")
    assert parsed.text == '<b> & "x" \' 😀 Đ'
    assert parsed.entities == []


def test_html_bare_ampersands_are_literal() -> None:
    assert parse_html("AT&T & co &nbsp; &#0; &#xZZ;").text == "AT&T & co &nbsp; &#0; &#xZZ;"


def test_html_links() -> None:
    parsed = parse_html(
        '<a href="tg://user?id=42">An</a> <a>https://danbiet.vn</a> '
        '<a href="javascript:alert(1)">bad</a> <a href=example.com>bare</a>'
    )
    assert parsed.text == "An https://danbiet.vn bad bare"
    assert parsed.entities == [
        entity(0, 2, "text_mention", user={"id": 42, "is_bot": False, "first_name": ""}),
        entity(3, 18, "text_link", url="https://danbiet.vn"),
        entity(26, 4, "text_link", url="http://example.com"),
    ]


def test_html_empty_elements_produce_no_entity() -> None:
    assert parse_html("<b></b>x<i></i>") == FormattedText("x", [])


@pytest.mark.parametrize(
    ("source", "message"),
    [
        ("<script>alert(1)</script>", 'Unsupported start tag "script" at byte offset 0'),
        ("1 < 2", 'Unsupported start tag "" at byte offset 2'),
        ("Chào <br> bạn", 'Unsupported start tag "br" at byte offset 6'),
        ("I <3 Hà Nội", 'Unsupported start tag "3" at byte offset 2'),
        ("<b>x</i>", 'Unmatched end tag at byte offset 4, expected "</b>", found "</i>"'),
        ("<b>unclosed", 'Can\'t find end tag corresponding to start tag "b"'),
        ("oops</b>", "Unexpected end tag at byte offset 4"),
        ("<b", "Unclosed start tag at byte offset 0"),
        ("<b>x</b", "Unclosed end tag at byte offset 4"),
        ("<span>x</span>", 'Tag "span" must have class "tg-spoiler" at byte offset 0'),
        ('<a href="x>y</a>', "Unclosed start tag at byte offset 0"),
        (
            "<a href>x</a>",
            'Expected equal sign in declaration of an attribute of the tag "a" at byte',
        ),
        ('<tg-emoji emoji-id="abc">x</tg-emoji>', "Invalid custom emoji identifier specified"),
    ],
)
def test_html_rejections_use_telegrams_wording(source: str, message: str) -> None:
    with pytest.raises(EntityParseError) as raised:
        parse_html(source)
    assert str(raised.value).startswith(message)


@pytest.mark.parametrize(
    "user_text",
    ["<3 & <b>", "a<b>c & d", "Tôi > bạn & <i>", "&lt; literally", "🙂 <tg-spoiler>", ""],
)
def test_escaped_user_text_round_trips(user_text: str) -> None:
    parsed = parse_html(f"<b>Tên:</b> {escape_html(user_text)}")
    assert parsed.text == f"Tên: {user_text}"
    assert parsed.entities == [entity(0, 4, "bold")]


def test_trim_clips_entities_to_the_stripped_text() -> None:
    trimmed = trim_formatted(parse_html("\n  <b> 👋 hi</b>  \n"))
    assert trimmed.text == "👋 hi"
    assert trimmed.entities == [entity(0, 5, "bold")]


# --- MarkdownV2 -----------------------------------------------------------------------------------


def test_markdown_v2_entities() -> None:
    parsed = parse_markdown_v2(
        "*đậm* _nghiêng_ __gạch__ ~xoá~ ||ẩn|| `mã` [link](https://x.vn/a\\)b) 1\\.5"
    )
    assert parsed.text == "đậm nghiêng gạch xoá ẩn mã link 1.5"
    assert parsed.entities == [
        entity(0, 3, "bold"),
        entity(4, 7, "italic"),
        entity(12, 4, "underline"),
        entity(17, 3, "strikethrough"),
        entity(21, 2, "spoiler"),
        entity(24, 2, "code"),
        entity(27, 4, "text_link", url="https://x.vn/a)b"),
    ]


def test_markdown_v2_pre_with_language_and_blockquote() -> None:
    parsed = parse_markdown_v2("```python\nprint(1)\n```\n>trích\n>dẫn\nhết")
    assert parsed.text == "print(1)\n\ntrích\ndẫn\nhết"
    assert parsed.entities == [
        entity(0, 9, "pre", language="python"),
        entity(10, 9, "blockquote"),
    ]


@pytest.mark.parametrize(
    ("source", "message"),
    [
        ("Giá: 1.000đ", "Character '.' is reserved and must be escaped with the preceding '\\'"),
        ("a-b", "Character '-' is reserved and must be escaped with the preceding '\\'"),
        ("Xin chào!", "Character '!' is reserved and must be escaped with the preceding '\\'"),
        ("*bold", "Can't find end of Bold entity at byte offset 0"),
        ("ờ _nghiêng", "Can't find end of Italic entity at byte offset 4"),
        ("[a](http://x", "Can't find end of a URL at byte offset 4"),
    ],
)
def test_markdown_v2_rejections(source: str, message: str) -> None:
    with pytest.raises(EntityParseError, match="^" + re.escape(message)):
        parse_markdown_v2(source)


def test_legacy_markdown() -> None:
    parsed = parse_markdown("*b* _i_ `c` [t](https://t.me/x) 1.5!")
    assert parsed.text == "b i c t 1.5!"
    assert [e["type"] for e in parsed.entities] == ["bold", "italic", "code", "text_link"]
    with pytest.raises(EntityParseError, match="Can't find end of the entity starting at byte"):
        parse_markdown("*open")
