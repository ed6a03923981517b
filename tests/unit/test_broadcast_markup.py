"""What officials type becomes Telegram HTML: their formatting rendered, everything else escaped,
every tag closed; and Hanoi's wards and communes as the 2025 resolution lists them."""

from __future__ import annotations

import re
from html.parser import HTMLParser

import pytest

from bot.services.broadcasts.markup import telegram_markup
from content.hanoi_places import BY_KEY, COMMUNES, PLACES, WARDS, PlaceKind, find_place, places_of
from content.schema import KEY_PATTERN


@pytest.mark.parametrize(
    ("typed", "sent"),
    [
        (
            "**Họp** dân lúc *9h* tại _nhà văn hoá_",
            "<b>Họp</b> dân lúc <i>9h</i> tại <i>nhà văn hoá</i>",
        ),
        ("<b>đậm</b> và <strong>mạnh</strong>", "<b>đậm</b> và <b>mạnh</b>"),
        ("~~cũ~~ `mã` __gạch__", "<s>cũ</s> <code>mã</code> <u>gạch</u>"),
        ("[lịch](https://x.vn/a?b=1&c=2)", '<a href="https://x.vn/a?b=1&amp;c=2">lịch</a>'),
        ('<a href="https://ok.vn">ok</a>', '<a href="https://ok.vn">ok</a>'),
        # Not formatting: shown as typed.
        ("<script>alert(1)</script>", "&lt;script&gt;alert(1)&lt;/script&gt;"),
        ("a < b & c > d", "a &lt; b &amp; c &gt; d"),
        ("2*3*4 = 24, snake_case_name", "2*3*4 = 24, snake_case_name"),
        ("[xấu](javascript:alert(1))", "[xấu](javascript:alert(1))"),
        ('<a href="javascript:alert(1)">chữ</a>', "chữ"),
        ('<b onclick="x()">đậm</b>', "<b>đậm</b>"),
        # Balanced whatever was typed.
        ("<b>mở mà không đóng", "<b>mở mà không đóng</b>"),
        ("</i>đóng lạc", "đóng lạc"),
        ("<b><i>chéo</b></i>", "<b><i>chéo</i></b>"),
    ],
)
def test_typed_formatting_becomes_telegram_html(typed: str, sent: str) -> None:
    assert telegram_markup(typed) == sent


class _Tags(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.open: list[str] = []
        self.seen: set[str] = set()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.open.append(tag)
        self.seen.add(tag)
        assert all(name == "href" for name, _ in attrs)

    def handle_endtag(self, tag: str) -> None:
        assert self.open.pop() == tag


@pytest.mark.parametrize(
    "typed",
    ["<<b>>", "<a href='https://x'><b>x</a></b>", "**a <i>b** c</i>", "<pre><code>x</pre>", "<"],
)
def test_whatever_is_typed_the_result_is_balanced_telegram_html(typed: str) -> None:
    tags = _Tags()
    tags.feed(telegram_markup(typed))
    assert tags.open == []
    assert tags.seen <= {"b", "i", "u", "s", "code", "pre", "a", "blockquote"}


def test_hanoi_has_126_wards_and_communes_each_with_a_key_buttons_can_carry() -> None:
    assert len(WARDS) == 51
    assert len(COMMUNES) == 75
    assert len(PLACES) == len(BY_KEY) == 126
    assert len(places_of(PlaceKind.WARD)) == 51
    assert all(re.match(KEY_PATTERN, place.key) for place in PLACES)
    assert BY_KEY["p-van-mieu-quoc-tu-giam"].name == "Văn Miếu - Quốc Tử Giám"
    assert BY_KEY["x-doai-phuong"].kind is PlaceKind.COMMUNE


@pytest.mark.parametrize(
    ("written", "key"),
    [
        ("Hoàn Kiếm", "p-hoan-kiem"),
        ("phường hoàn kiếm", "p-hoan-kiem"),
        ("xa Soc Son", "x-soc-son"),
        ("x. Đoài Phương", "x-doai-phuong"),
        ("p-ba-dinh", "p-ba-dinh"),
        ("Văn Miếu - Quốc Tử Giám", "p-van-mieu-quoc-tu-giam"),
        ("Quận 1", None),
        ("xã Hoàn Kiếm", None),  # a ward, not a commune
        ("", None),
    ],
)
def test_an_official_names_a_place_as_they_would_write_it(written: str, key: str | None) -> None:
    place = find_place(written)
    assert (place.key if place else None) == key
