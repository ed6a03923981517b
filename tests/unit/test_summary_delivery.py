"""A quarterly summary longer than a photo's caption: the sender sends the summary, then the
chart; a chart that fails after the summary went out does not make the row fail (a retry would
send the summary twice)."""

from __future__ import annotations

from typing import Any, cast

from telegram import Bot
from telegram.error import NetworkError

from bot.delivery.sender import TelegramSender
from bot.domain.records import BroadcastContent, ClaimedDelivery
from bot.domain.statuses import SendOutcome
from bot.services.broadcasts.model import MAX_CAPTION_CHARS

CHAT = 4242


class FakeBot:
    """Records what is sent; the chart fails when told to."""

    def __init__(self, *, chart_fails: bool = False) -> None:
        self.sent: list[tuple[str, dict[str, Any]]] = []
        self.chart_fails = chart_fails

    async def send_message(self, chat_id: int, text: str, **_options: Any) -> Any:
        self.sent.append(("text", {"chat_id": chat_id, "text": text}))
        return _Message(len(self.sent), photo=())

    async def send_photo(self, chat_id: int, _photo: Any, **options: Any) -> Any:
        if self.chart_fails:
            raise NetworkError("connection reset")
        self.sent.append(("photo", {"chat_id": chat_id, **options}))
        return _Message(len(self.sent), photo=(_Photo("small"), _Photo("large")))


class _Photo:
    def __init__(self, file_id: str) -> None:
        self.file_id = file_id


class _Message:
    def __init__(self, message_id: int, photo: tuple[_Photo, ...]) -> None:
        self.message_id = message_id
        self.photo = photo


def content(text: str) -> BroadcastContent:
    return BroadcastContent(1, {"vi": text}, {"vi": b"\x89PNG chart"}, {})


JOB = ClaimedDelivery(id=7, broadcast_id=1, chat_id=CHAT, language="vi", attempts=0)
LONG = "• <b>trên 5,64 triệu</b> lượt đối tượng\n" * 40  # over a caption's 1,024


async def test_a_long_summary_goes_before_its_chart() -> None:
    assert len(LONG) > MAX_CAPTION_CHARS
    bot = FakeBot()
    result = await TelegramSender(cast(Bot, bot)).deliver(JOB, content(LONG))
    assert [kind for kind, _ in bot.sent] == ["text", "photo"]
    assert bot.sent[0][1]["text"] == LONG
    assert "caption" not in bot.sent[1][1]
    assert result.outcome is SendOutcome.SENT
    assert result.message_id == 1  # the summary's
    assert result.photo_file_id == "large"  # uploaded once, then reused


async def test_a_chart_that_fails_after_its_summary_still_counts_as_sent() -> None:
    bot = FakeBot(chart_fails=True)
    result = await TelegramSender(cast(Bot, bot)).deliver(JOB, content(LONG))
    assert [kind for kind, _ in bot.sent] == ["text"]
    assert result.outcome is SendOutcome.SENT
    assert result.photo_file_id is None


async def test_a_short_summary_is_the_charts_caption() -> None:
    bot = FakeBot()
    result = await TelegramSender(cast(Bot, bot)).deliver(JOB, content("<b>3.612 hộ</b>"))
    assert [kind for kind, _ in bot.sent] == ["photo"]
    assert bot.sent[0][1]["caption"] == "<b>3.612 hộ</b>"
    assert result.outcome is SendOutcome.SENT
