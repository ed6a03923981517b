"""A rejection's facts: checked words and referral, and the notice row read back, including
rows written before words and referrals existed."""

from __future__ import annotations

import pytest

from bot.domain.errors import TextTooLong, UnfitReferral
from bot.domain.statuses import RejectReason
from bot.services.tickets.rejection import REJECT_WORDS_MAX, Referrals, Rejection
from content.where_to_go import default_where_to_go

REFERRALS = Referrals(default_where_to_go())


def test_words_are_cleaned_and_blank_words_are_none() -> None:
    checked = REFERRALS.checked(RejectReason.SPAM, "  Xin\u200b lỗi bạn \x00 ", None)
    assert checked.words == "Xin lỗi bạn"
    assert REFERRALS.checked(RejectReason.SPAM, " \n ... ", None).words is None
    with pytest.raises(TextTooLong):
        REFERRALS.checked(RejectReason.SPAM, "a" * (REJECT_WORDS_MAX + 1), None)


def test_a_referral_only_with_a_reason_it_fits_and_only_to_a_known_office() -> None:
    fitting = REFERRALS.checked(RejectReason.OFF_TOPIC, None, "so-ldtbxh")
    assert fitting.referral == "so-ldtbxh"
    with pytest.raises(UnfitReferral):
        REFERRALS.checked(RejectReason.SPAM, None, "so-ldtbxh")
    with pytest.raises(UnfitReferral):
        REFERRALS.checked(RejectReason.OFF_TOPIC, None, "nowhere")


def test_offices_the_text_names_come_first() -> None:
    choices = REFERRALS.for_text("Tôi bị mất việc, muốn hỏi trợ cấp thất nghiệp")
    named = [choice.office.key for choice in choices if choice.fits]
    assert named
    assert [choice.office.key for choice in choices[: len(named)]] == named
    assert len(choices) == len(default_where_to_go().offices)


@pytest.mark.parametrize(
    ("detail", "expected"),
    [
        (None, Rejection(RejectReason.DUPLICATE)),  # the ticket's own reason
        ("spam", Rejection(RejectReason.SPAM)),  # a row written before words existed
        ("nonsense", Rejection(RejectReason.DUPLICATE)),
        ("{broken json", Rejection(RejectReason.DUPLICATE)),
        ('{"reason": 3, "words": ["x"]}', Rejection(RejectReason.DUPLICATE)),
        (
            Rejection(RejectReason.OFF_TOPIC, "Lời <b>nhắn</b>", "so-ldtbxh").notice_detail(),
            Rejection(RejectReason.OFF_TOPIC, "Lời <b>nhắn</b>", "so-ldtbxh"),
        ),
    ],
)
def test_a_notice_row_reads_back(detail: str | None, expected: Rejection) -> None:
    assert Rejection.from_notice(detail, RejectReason.DUPLICATE) == expected
    assert Rejection.from_notice(None, None) is None
