"""Fuzzing the proposer: any text gives proposals whose quotes are verbatim spans holding their
number, with finite values; never an exception."""

from __future__ import annotations

import datetime as dt
import math

from hypothesis import given, settings
from hypothesis import strategies as st

from content.proposals import propose

PIECES = st.sampled_from(
    [
        "3.612", "0,16", "7.152,8", "1,234,567", "50.019/160.000", "13/4", "7/5/1954", "2022",
        "68/NQ-CP", "08-CTr/TU", "024.3825.3470", "1.", "II.", "%", " hộ", " lao động",
        " triệu", " tỷđồng", " bác sỹ/vạn dân", " đạt", " kế hoạch", " tăng", " giảm",
        " so với cùng kỳ", " trên", " khoảng", " mục tiêu", " Quý I/2022", " 6 tháng đầu năm 2023",
        "(", ")", ";", ",", ". ", "\n", "“", "”", '"', " và ", " hộ nghèo", "Tin cùng chuyên mục",
        " ", "đ", "x", "9" * 40, "9" * 400, ".5", ",,", "..",
    ]
)  # fmt: skip
TEXTS = st.one_of(st.lists(PIECES, max_size=60).map("".join), st.text(max_size=300))


@settings(max_examples=300, deadline=None)
@given(TEXTS)
def test_any_text_gives_verbatim_quotes(text: str) -> None:
    for proposal in propose(text, dt.date(2023, 7, 1)):
        assert text[proposal.quote_start : proposal.quote_end] == proposal.quote
        assert text[proposal.start : proposal.start + len(proposal.number)] == proposal.number
        assert proposal.quote_start <= proposal.start < proposal.quote_end
        assert math.isfinite(proposal.value)
