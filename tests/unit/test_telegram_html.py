"""A broadcast's Telegram HTML on the dashboard: Telegram's formatting kept, nothing runnable."""

from __future__ import annotations

import pytest

from bot.web.telegram_html import telegram_html


@pytest.mark.parametrize(
    ("source", "shown"),
    [
        ("<b>Đậm</b> &amp; <i>nghiêng</i>", "<b>Đậm</b> &amp; <i>nghiêng</i>"),
        (
            "<strong>a</strong><em>b</em><ins>c</ins><del>d</del>",
            "<b>a</b><i>b</i><u>c</u><s>d</s>",
        ),
        ("<script>alert(1)</script>x", "alert(1)x"),
        ('"><img src=x onerror=alert(1)>', "&#34;&gt;"),
        ('<a href="javascript:alert(1)">bấm</a>', "bấm"),
        (
            '<a href="https://hanoi.gov.vn/?a=1&amp;b=2">nguồn</a>',
            '<a href="https://hanoi.gov.vn/?a=1&amp;b=2" rel="noopener noreferrer nofollow">'
            "nguồn</a>",
        ),
        ('<b onclick="steal()">y</b>', "<b>y</b>"),
        ("<b><i>lồng</b> ngoài", "<b><i>lồng</i></b> ngoài"),
        ("<b>không đóng", "<b>không đóng</b>"),
        ("</i>thừa", "thừa"),
        ("&lt;script&gt; và 3 < 5", "&lt;script&gt; và 3 &lt; 5"),
        ("<pre><code>x = 1</code></pre>", "<pre><code>x = 1</code></pre>"),
    ],
)
def test_only_telegram_formatting_survives(source: str, shown: str) -> None:
    assert str(telegram_html(source)) == shown
