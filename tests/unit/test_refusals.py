"""A domain error, whatever handler raises it, gets the one answer: an alert from the callback
router for a button, a reply from the registration's wrapper for a command or a message."""

from __future__ import annotations

from dataclasses import dataclass, field
from types import SimpleNamespace
from typing import Any

import pytest

from bot.domain.errors import (
    DomainError,
    DuplicateTicket,
    InvalidTransition,
    PermissionDenied,
    PromptUsed,
    TextTooLong,
    TicketNotFound,
    UnknownTopic,
)
from bot.domain.statuses import TicketMove, TicketStatus
from bot.i18n import Language, Translator
from handlers import callbacks, moderation, my_feedback
from handlers.callback_data import Action, encode
from handlers.common import Audience
from handlers.errors import answering_refusals


@dataclass
class _Message:
    replies: list[str] = field(default_factory=list)
    markups: list[Any] = field(default_factory=list)
    is_accessible: bool = False

    async def reply_text(self, text: str, reply_markup: Any = None) -> None:
        self.replies.append(text)
        self.markups.append(reply_markup)


@dataclass
class _Query:
    data: str
    answers: list[tuple[str | None, bool]] = field(default_factory=list)
    from_user: Any = field(default_factory=lambda: SimpleNamespace(id=7))
    message: Any = None  # as an inaccessible message: `show` replies instead of editing

    async def answer(self, text: str | None = None, show_alert: bool = False) -> None:
        self.answers.append((text, show_alert))


class _Residents:
    async def seen(self, _actor: Any, _text: str | None = None) -> Language:
        return "en"


class _Officials:
    """A private chat: never the officials' one."""

    def is_officials_chat(self, _chat_id: int | None) -> bool:
        return False


def _update(query: _Query | None = None) -> Any:
    user = SimpleNamespace(
        id=7, first_name="An", last_name=None, username=None, language_code="en", full_name="An"
    )
    return SimpleNamespace(
        callback_query=query,
        effective_message=_Message(),
        effective_user=user,
        effective_chat=SimpleNamespace(id=7),
    )


def _context(translate: Translator, args: list[str] | None = None) -> Any:
    services = SimpleNamespace(residents=_Residents(), officials=_Officials())
    return SimpleNamespace(
        args=args, bot_data=SimpleNamespace(translate=translate, services=services)
    )


def _raising(error: DomainError) -> Any:
    async def handler(*_args: Any) -> None:
        raise error

    return handler


async def test_a_refusal_from_a_button_is_an_alert_from_the_router(
    translate: Translator, monkeypatch: pytest.MonkeyPatch
) -> None:
    route = callbacks.Route(_raising(TextTooLong(limit=10, length=12)))
    monkeypatch.setitem(callbacks._ROUTES, Action.HELP, route)
    query = _Query(encode(Action.HELP))
    update = _update(query)
    await callbacks.on_button(update, _context(translate))
    expected = translate("en", "feedback-too-long", limit=10, length=12)
    assert query.answers == [(expected, True)]
    assert update.effective_message.replies == []


async def test_an_alert_is_plain_text(
    translate: Translator, monkeypatch: pytest.MonkeyPatch
) -> None:
    route = callbacks.Route(_raising(DuplicateTicket("GY-1")))
    monkeypatch.setitem(callbacks._ROUTES, Action.HELP, route)
    query = _Query(encode(Action.HELP))
    await callbacks.on_button(_update(query), _context(translate))
    html = translate("en", "feedback-duplicate", code="GY-1")
    assert "<b>" in html
    assert query.answers == [(html.replace("<b>", "").replace("</b>", ""), True)]


async def test_an_officials_button_is_refused_in_the_groups_language(
    translate: Translator, monkeypatch: pytest.MonkeyPatch
) -> None:
    route = callbacks.Route(_raising(PermissionDenied("no")), Audience.OFFICIAL)
    monkeypatch.setitem(callbacks._ROUTES, Action.MOD_CARD, route)
    query = _Query(encode(Action.MOD_CARD, "1"))
    await callbacks.on_button(_update(query), _context(translate))
    assert query.answers == [(translate("vi", "mod-not-official"), True)]


async def test_a_route_may_answer_a_refusal_with_a_screen(
    translate: Translator, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Feedback's steps offer the topics again instead of an alert."""
    route = callbacks._ROUTES[Action.FEEDBACK_TOPIC]
    topics = SimpleNamespace(areas=lambda: [])
    context = _context(translate)
    context.bot_data.services.catalog = topics
    monkeypatch.setitem(
        callbacks._ROUTES,
        Action.FEEDBACK_TOPIC,
        callbacks.Route(_raising(UnknownTopic("gone")), overrides=route.overrides),
    )
    query = _Query(encode(Action.FEEDBACK_TOPIC, "viec-lam"))
    update = _update(query)
    await callbacks.on_button(update, context)
    assert query.answers == [(None, False)]
    assert update.effective_message.replies == [translate("en", "feedback-unknown-topic")]


async def test_forged_data_gets_the_outdated_buttons_answer(translate: Translator) -> None:
    for data in ("garbage", "1:zz", "0:us", "1:xs:abc"):
        query = _Query(data)
        await callbacks.on_button(_update(query), _context(translate))
        assert query.answers == [(translate("en", "button-outdated"), True)], data


def test_every_action_has_one_route() -> None:
    assert set(callbacks._ROUTES) == set(Action)


async def test_a_refusal_from_a_command_is_a_reply(translate: Translator) -> None:
    command = answering_refusals(_raising(PermissionDenied("no")), Audience.OFFICIAL)
    update = _update()
    await command(update, _context(translate))
    assert update.effective_message.replies == [translate("vi", "mod-not-official")]

    residents = answering_refusals(_raising(TextTooLong(limit=5, length=9)), Audience.RESIDENT)
    update = _update()
    await residents(update, _context(translate))
    expected = translate("en", "feedback-too-long", limit=5, length=9)
    assert update.effective_message.replies == [expected]


async def test_a_command_words_a_refusal_as_declared_once(translate: Translator) -> None:
    ticket = answering_refusals(
        _raising(TicketNotFound("gy-12")), Audience.OFFICIAL, moderation.TYPED_CODE
    )
    update = _update()
    await ticket(update, _context(translate, ["#gy-12"]))
    assert update.effective_message.replies == [
        translate("vi", "mod-ticket-not-found", code="GY-12")
    ]

    for known, replies in ((True, [translate("vi", "mod-prompt-used")]), (False, [])):
        reply = answering_refusals(
            _raising(PromptUsed(known=known)), Audience.OFFICIAL, moderation.PROMPT_REPLY
        )
        update = _update()
        await reply(update, _context(translate))
        assert update.effective_message.replies == replies


async def test_anything_else_is_left_to_the_error_handler(translate: Translator) -> None:
    command = answering_refusals(_raising_other(), Audience.RESIDENT)
    with pytest.raises(RuntimeError):
        await command(_update(), _context(translate))


def _raising_other() -> Any:
    async def handler(*_args: Any) -> None:
        raise RuntimeError("a bug, not a refusal")

    return handler


async def test_a_residents_ticket_move_is_refused_in_the_residents_words(
    translate: Translator, monkeypatch: pytest.MonkeyPatch
) -> None:
    error = InvalidTransition(TicketStatus.CLOSED, TicketMove.REOPEN)
    route = callbacks.Route(_raising(error), overrides=my_feedback.MOVE_REFUSED)
    monkeypatch.setitem(callbacks._ROUTES, Action.TICKET_NOT_RESOLVED, route)
    query = _Query(encode(Action.TICKET_NOT_RESOLVED, "1"))
    await callbacks.on_button(_update(query), _context(translate))
    status = translate("en", "ticket-status-closed")
    assert query.answers == [(translate("en", "ticket-invalid-move", status=status), True)]
