"""A resident's subscription screens: status, topics as toggle buttons, single indicators."""

from __future__ import annotations

from collections.abc import Sequence
from html import escape

from telegram import InlineKeyboardButton, InlineKeyboardMarkup

from bot.services.broadcasts.subscriptions import SubscriptionView, Topic, TopicKind
from content.knowledge import KnowledgeBase
from handlers.callback_data import Action, encode
from handlers.common import Screen
from handlers.render import Renderer

BUTTON_LABEL_CHARS = 60


def _button(label: str, action: Action, argument: str = "") -> InlineKeyboardButton:
    if len(label) > BUTTON_LABEL_CHARS:
        label = label[: BUTTON_LABEL_CHARS - 1] + "…"
    return InlineKeyboardButton(label, callback_data=encode(action, argument))


def _pairs(buttons: Sequence[InlineKeyboardButton]) -> list[list[InlineKeyboardButton]]:
    return [list(buttons[index : index + 2]) for index in range(0, len(buttons), 2)]


def _toggle(r: Renderer, on: bool, name: str) -> str:
    return r.t("subscribe-topic-on" if on else "subscribe-topic-off", name=name)


def subscription(r: Renderer, view: SubscriptionView, kb: KnowledgeBase, intro: str) -> Screen:
    """What they get, their topics, how to stop; toggles for areas, a way to single indicators."""
    lines = [r.t(intro), ""]
    if view.topics:
        lines.append(r.t("subscribe-topics-some", topics=escape(_topic_names(r, view, kb))))
    else:
        lines.append(r.t("subscribe-topics-all"))
    if view.active:
        lines += ["", r.t("subscribe-how-to-stop")]
    areas = [
        _button(
            _toggle(r, view.has(TopicKind.AREA, area.key), r.area_title(area)),
            Action.SUBSCRIBE_AREA,
            area.key,
        )
        for area in kb.areas_with_indicators()
    ]
    rows = _pairs(areas)
    rows.append([_button(r.t("subscribe-button-indicators"), Action.SUBSCRIBE_INDICATOR_AREAS)])
    if view.topics:
        rows.append([_button(r.t("subscribe-button-everything"), Action.SUBSCRIBE_EVERYTHING)])
    if view.active:
        rows.append([_button(r.t("subscribe-button-stop"), Action.UNSUBSCRIBE)])
    else:
        rows.append([_button(r.t("subscribe-button-subscribe"), Action.SUBSCRIBE)])
    return Screen("\n".join(lines), InlineKeyboardMarkup(rows))


def _topic_names(r: Renderer, view: SubscriptionView, kb: KnowledgeBase) -> str:
    names = []
    for topic in sorted(view.topics):
        if topic.kind is TopicKind.AREA and topic.key in kb.areas:
            names.append(r.area_title(kb.areas[topic.key]))
        elif topic.kind is TopicKind.INDICATOR and topic.key in kb.indicators:
            names.append(kb.indicators[topic.key].name.get(r.language))
    return ", ".join(names)


def indicator_areas(r: Renderer, kb: KnowledgeBase) -> Screen:
    areas = [
        _button(r.area_title(area), Action.SUBSCRIBE_INDICATOR_AREA, area.key)
        for area in kb.areas_with_indicators()
    ]
    rows = _pairs(areas)
    rows.append([_button(r.t("subscribe-button-back"), Action.SUBSCRIPTION)])
    return Screen(r.t("subscribe-indicator-areas-title"), InlineKeyboardMarkup(rows))


def indicators(
    r: Renderer, view: SubscriptionView, kb: KnowledgeBase, area_key: str
) -> Screen | None:
    area = kb.areas.get(area_key)
    items = kb.indicators_in(area_key)
    if area is None or not items:
        return None
    rows = [
        [
            _button(
                _toggle(r, view.has(TopicKind.INDICATOR, item.key), item.name.get(r.language)),
                Action.SUBSCRIBE_INDICATOR,
                item.key,
            )
        ]
        for item in items
    ]
    rows.append([_button(r.t("subscribe-button-back"), Action.SUBSCRIBE_INDICATOR_AREAS)])
    title = r.t("subscribe-indicators-title", area=escape(r.area_title(area)))
    return Screen(title, InlineKeyboardMarkup(rows))


def unsubscribed(r: Renderer, view: SubscriptionView) -> Screen:
    key = "unsubscribe-done" if view.changed else "unsubscribe-not-subscribed"
    button = _button(r.t("unsubscribe-button-again"), Action.SUBSCRIBE)
    return Screen(r.t(key), InlineKeyboardMarkup([[button]]))


def topic_of(action: Action, key: str) -> Topic:
    kind = TopicKind.AREA if action is Action.SUBSCRIBE_AREA else TopicKind.INDICATOR
    return Topic(kind, key)
