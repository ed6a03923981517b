"""A resident's subscription screens: status, topics as toggle buttons, single indicators."""

from __future__ import annotations

from collections.abc import Sequence
from html import escape

from telegram import InlineKeyboardButton, InlineKeyboardMarkup

from bot.services.broadcasts.subscriptions import SubscriptionView, Topic, TopicKind
from content.hanoi_places import BY_KEY, SOURCE, PlaceKind, places_of
from content.knowledge import KnowledgeBase
from handlers.callback_data import Action, encode
from handlers.common import Screen
from handlers.render import Renderer

BUTTON_LABEL_CHARS = 60
PLACES_PER_PAGE = 16  # eight rows of two: a phone shows a page without scrolling far


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
    lines.append(district_line(r, view))
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
    rows.append([_button(r.t("subscribe-button-district"), Action.SUBSCRIBE_DISTRICTS, "ward:0")])
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


def place_name(r: Renderer, key: str) -> str:
    place = BY_KEY[key]
    return r.t(f"subscribe-place-{place.kind}", name=place.name)


def district_line(r: Renderer, view: SubscriptionView) -> str:
    if view.district is None or view.district not in BY_KEY:
        return r.t("subscribe-district-none")
    return r.t("subscribe-district-some", place=escape(place_name(r, view.district)))


def districts(r: Renderer, view: SubscriptionView, kind: PlaceKind, page: int) -> Screen | None:
    """One page of Hanoi's wards or communes, two a row; the other list; not saying."""
    items = places_of(kind)
    pages = max(1, -(-len(items) // PLACES_PER_PAGE))
    if not 0 <= page < pages:
        return None
    shown = items[page * PLACES_PER_PAGE : (page + 1) * PLACES_PER_PAGE]
    rows = _pairs(
        [
            _button(
                _toggle(r, view.district == place.key, place_name(r, place.key)),
                Action.SUBSCRIBE_DISTRICT,
                place.key,
            )
            for place in shown
        ]
    )
    turn = []
    if page > 0:
        turn.append(_button("◀️", Action.SUBSCRIBE_DISTRICTS, f"{kind}:{page - 1}"))
    if page + 1 < pages:
        turn.append(_button("▶️", Action.SUBSCRIBE_DISTRICTS, f"{kind}:{page + 1}"))
    if turn:
        rows.append(turn)
    other = PlaceKind.COMMUNE if kind is PlaceKind.WARD else PlaceKind.WARD
    rows.append(
        [_button(r.t(f"subscribe-button-{other}s"), Action.SUBSCRIBE_DISTRICTS, f"{other}:0")]
    )
    if view.district is not None:
        rows.append([_button(r.t("subscribe-button-no-district"), Action.SUBSCRIBE_DISTRICT, "-")])
    rows.append([_button(r.t("subscribe-button-back"), Action.SUBSCRIPTION)])
    title = r.t(
        f"subscribe-districts-title-{kind}", page=page + 1, pages=pages, source=escape(SOURCE)
    )
    return Screen(f"{title}\n{district_line(r, view)}", InlineKeyboardMarkup(rows))


def unsubscribed(r: Renderer, view: SubscriptionView) -> Screen:
    key = "unsubscribe-done" if view.changed else "unsubscribe-not-subscribed"
    button = _button(r.t("unsubscribe-button-again"), Action.SUBSCRIBE)
    return Screen(r.t(key), InlineKeyboardMarkup([[button]]))


def topic_of(action: Action, key: str) -> Topic:
    kind = TopicKind.AREA if action is Action.SUBSCRIBE_AREA else TopicKind.INDICATOR
    return Topic(kind, key)
