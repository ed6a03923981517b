"""Every feedback message fits Telegram's 4,096 UTF-16 units at its largest, in both languages,
and carries the whole of what must not be cut (an official's answer) however it escapes."""

from __future__ import annotations

import datetime as dt

import pytest

from bot.domain.records import AuditRecord, ReplyRecord, TicketRecord
from bot.domain.statuses import RejectReason, Step, TicketStatus
from bot.i18n import LANGUAGES, Language, Translator
from bot.sandbox.entities.html import parse_html
from bot.sandbox.entities.text import utf16_len
from bot.services.kernel.plain_text import clip, telegram_length
from bot.services.tickets.model import DraftView, Page, PublicAnswer, TicketView
from bot.services.tickets.views import HISTORY_SHOWN
from bot.settings import Settings
from content.knowledge import KnowledgeBase
from handlers import official_ticket_text, resident_feedback_text
from handlers.render import Renderer

TELEGRAM_LIMIT = 4096
NOW = dt.datetime(2025, 11, 20, 9, 30, tzinfo=dt.UTC)
NAME = "Nguyễn Thị Phương " * 8  # Telegram allows 64 + 64 characters of name
# The worst text for each limit: astral characters count two units, "&" escapes to five.
WIDE = "😀&"


def longest_feedback() -> str:
    ceiling = Settings.model_fields["feedback_max_chars"].metadata
    most = max(getattr(item, "le", 0) or 0 for item in ceiling)
    return clip(WIDE * most, most)


def visible_length(html: str) -> int:
    """What Telegram counts: the text once the HTML is parsed (it refuses bad HTML too)."""
    return utf16_len(parse_html(html).text)


def biggest_view(kb: KnowledgeBase, status: TicketStatus) -> TicketView:
    area = next(iter(kb.areas.values()))
    department = next(iter(kb.departments.values()))
    ticket = TicketRecord(
        resident_id=1,
        topic=area.key,
        text=longest_feedback(),
        photo_file_id="photo",
        latitude=21.0245,
        longitude=105.8412,
        anonymous=False,
        author_name=NAME,
        language="vi",
        status=status,
        cluster_id=None,
        source_question_id=None,
        created_at=NOW,
        id=2_147_483_647,
        code="K7M2QX",
        reject_reason=RejectReason.OFF_TOPIC,
        department=department.key,
        published=True,
        admin_chat_id=None,
        admin_message_id=None,
        rating=5,
        updated_at=NOW,
        first_answered_at=NOW,
    )
    reply = ReplyRecord(ticket.id, 7, NAME, WIDE * 3000, NOW)
    history = tuple(
        AuditRecord(NOW, "official", 7, NAME, "rated", ticket.id, detail="5")
        for _ in range(HISTORY_SHOWN)
    )
    return TicketView(
        ticket=ticket,
        topic=area,
        department=department,
        replies=(reply, reply, reply),
        history=history,
        residents_raising=99_999,
        group_code="ABCDEF",
        resident_language="vi",
    )


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("status", [TicketStatus.ANSWERED, TicketStatus.REJECTED])
def test_cards_and_details_fit_at_their_largest(
    kb: KnowledgeBase, translate: Translator, language: Language, status: TicketStatus
) -> None:
    r = Renderer(translate, language)
    view = biggest_view(kb, status)
    for text in (official_ticket_text.card(r, view), resident_feedback_text.ticket_detail(r, view)):
        assert "{???}" not in text
        assert visible_length(text) <= TELEGRAM_LIMIT


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_public_register_fits_at_its_largest(
    kb: KnowledgeBase, translate: Translator, language: Language
) -> None:
    entry = PublicAnswer(
        "K7M2QX", next(iter(kb.areas.values())), WIDE * 3000, WIDE * 3000, NOW, TicketStatus.CLOSED
    )
    page = Page(items=(entry, entry, entry), page=9998, pages=9999, total=99_999)
    text = resident_feedback_text.register(Renderer(translate, language), page)
    assert "{???}" not in text
    assert visible_length(text) <= TELEGRAM_LIMIT


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("answer", ["a&<>\"'" * 500, "😀" * 1500, "ok " * 1000])
def test_an_answer_reaches_the_resident_whole(
    kb: KnowledgeBase, translate: Translator, language: Language, answer: str
) -> None:
    # The service takes answers up to 3,000 units (bot/services/tickets/model.FeedbackLimits).
    assert telegram_length(answer) <= 3000
    view = biggest_view(kb, TicketStatus.ANSWERED)
    text = resident_feedback_text.notification(
        Renderer(translate, language), view, "answered", answer
    )
    shown = parse_html(text).text
    assert answer in shown
    assert utf16_len(shown) <= TELEGRAM_LIMIT


@pytest.mark.parametrize("language", LANGUAGES)
def test_a_long_draft_summary_shows_its_text_not_a_placeholder(
    translate: Translator, language: Language
) -> None:
    draft = DraftView(Step.CONFIRM, None, None, "&" * 2000, True, True, False, NAME)
    text = resident_feedback_text.draft_summary(Renderer(translate, language), draft)
    assert "{???}" not in text
    assert "&" * 500 in parse_html(text).text
    assert visible_length(text) <= TELEGRAM_LIMIT
