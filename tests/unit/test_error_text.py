"""Domain errors name real catalog messages, and both front ends word them as before."""

from __future__ import annotations

import datetime as dt

import pytest

from bot.domain import errors
from bot.domain.errors import (
    BroadcastRefused,
    DomainError,
    DuplicateTicket,
    InvalidTransition,
    PermissionDenied,
    RatingOutOfRange,
    TextTooLong,
    TooManyTickets,
    WeakPassword,
)
from bot.domain.statuses import BroadcastRefusal, TicketMove, TicketStatus
from bot.error_text import Term, chat_message, dashboard_message
from bot.i18n import LANGUAGES, Translator
from handlers.errors import refusal_text
from handlers.render import Renderer


def _error_classes() -> list[type[DomainError]]:
    return [
        item
        for item in vars(errors).values()
        if isinstance(item, type) and issubclass(item, DomainError)
    ]


def test_every_error_names_messages_the_catalogs_have(translate: Translator) -> None:
    for language in LANGUAGES:
        known = translate.keys(language)
        for kind in _error_classes():
            assert kind.key in known, (kind.__name__, kind.key)
            if kind.dashboard_key is not None and "{" not in kind.dashboard_key:
                assert kind.dashboard_key in known, (kind.__name__, kind.dashboard_key)
        for reason in BroadcastRefusal:
            assert BroadcastRefused.reason_keys[reason] in known
            refused = dashboard_message(BroadcastRefused(reason))
            assert refused is not None
            assert refused.key in known
        for why in ("too_short", "too_long", "contains_username", "too_simple"):
            weak = dashboard_message(WeakPassword(why))
            assert weak is not None
            assert weak.key in known


def test_the_chat_words_a_refused_move_with_the_moves_and_the_statuss_names(
    translate: Translator,
) -> None:
    r = Renderer(translate, "vi")
    error = InvalidTransition(TicketStatus.RESOLVED, TicketMove.APPROVE)
    expected = translate(
        "vi",
        "mod-invalid-move",
        move=translate("vi", "mod-move-approve"),
        status=translate("vi", "ticket-status-resolved"),
    )
    assert refusal_text(r, error) == expected


def test_the_chat_escapes_text_and_shows_local_time(translate: Translator) -> None:
    r = Renderer(translate, "en")
    assert refusal_text(r, DuplicateTicket("<b>X</b>")) == translate(
        "en", "feedback-duplicate", code="&lt;b&gt;X&lt;/b&gt;"
    )
    noon_utc = dt.datetime(2026, 3, 2, 5, 30, tzinfo=dt.UTC)
    assert refusal_text(r, TooManyTickets(3, noon_utc)) == translate(
        "en", "feedback-too-many", limit=3, time="12:30 02/03/2026"
    )


def test_an_error_without_its_own_text_says_the_button_is_outdated(
    translate: Translator,
) -> None:
    r = Renderer(translate, "vi")
    assert refusal_text(r, RatingOutOfRange()) == translate("vi", "button-outdated")
    assert chat_message(PermissionDenied("no")).key == "mod-not-official"


@pytest.mark.parametrize(
    ("error", "key", "args"),
    [
        (TextTooLong(limit=2000, length=2500), "web-tickets-refused-too-long", {"limit": 2000}),
        (
            InvalidTransition(TicketStatus.CLOSED, TicketMove.ASSIGN),
            "web-tickets-refused-transition",
            {"status": Term("web-stats-status-closed")},
        ),
        (BroadcastRefused(BroadcastRefusal.FINISHED, 7), "web-broadcast-refused-finished", {}),
    ],
)
def test_the_dashboard_has_its_own_wording(
    error: DomainError, key: str, args: dict[str, object]
) -> None:
    message = dashboard_message(error)
    assert message is not None
    assert (message.key, dict(message.args)) == (key, args)


def test_the_dashboard_shows_no_notice_for_what_it_never_refuses() -> None:
    assert dashboard_message(DuplicateTicket("ABC123")) is None
