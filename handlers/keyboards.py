"""Inline keyboards: one builder per screen, labels from the catalogs."""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from telegram import InlineKeyboardButton, InlineKeyboardMarkup

from bot.services.kernel.live_knowledge import FoundEntry
from content.index import EntryKind
from content.schema import Area, Faq, Indicator, Policy
from handlers.callback_data import Action, encode
from handlers.render import Renderer

BUTTON_LABEL_CHARS = 60
_ENTRY_ACTIONS = {
    EntryKind.INDICATOR: Action.INDICATOR,
    EntryKind.POLICY: Action.POLICY,
    EntryKind.FAQ: Action.FAQ,
}


def button(label: str, action: Action, argument: str = "") -> InlineKeyboardButton:
    if len(label) > BUTTON_LABEL_CHARS:
        label = label[: BUTTON_LABEL_CHARS - 1] + "…"
    return InlineKeyboardButton(label, callback_data=encode(action, argument))


def column(buttons: Iterable[InlineKeyboardButton]) -> list[list[InlineKeyboardButton]]:
    return [[button] for button in buttons]


def pairs(buttons: Sequence[InlineKeyboardButton]) -> list[list[InlineKeyboardButton]]:
    return [list(buttons[index : index + 2]) for index in range(0, len(buttons), 2)]


def main_menu(r: Renderer) -> InlineKeyboardMarkup:
    return InlineKeyboardMarkup(
        pairs(
            [
                button(r.t("menu-indicators"), Action.INDICATOR_AREAS),
                button(r.t("menu-policies"), Action.POLICY_AREAS),
                button(r.t("menu-faq"), Action.FAQS),
                button(r.t("menu-feedback"), Action.FEEDBACK_START),
                button(r.t("menu-answers"), Action.REGISTER, "0"),
                button(r.t("menu-subscribe"), Action.SUBSCRIBE),
                button(r.t("menu-language"), Action.LANGUAGE_MENU),
                button(r.t("menu-help"), Action.HELP),
            ]
        )
    )


def areas(r: Renderer, items: Sequence[Area], action: Action) -> InlineKeyboardMarkup:
    rows = pairs([button(r.area_title(area), action, area.key) for area in items])
    rows.append([button(r.t("button-menu"), Action.MENU)])
    return InlineKeyboardMarkup(rows)


def indicators(r: Renderer, items: Sequence[Indicator]) -> InlineKeyboardMarkup:
    rows = column(button(item.name.get(r.language), Action.INDICATOR, item.key) for item in items)
    rows.append([button(r.t("button-back-areas"), Action.INDICATOR_AREAS)])
    return InlineKeyboardMarkup(rows)


def policies(r: Renderer, items: Sequence[Policy]) -> InlineKeyboardMarkup:
    rows = column(button(item.name.get(r.language), Action.POLICY, item.key) for item in items)
    rows.append([button(r.t("button-back-areas"), Action.POLICY_AREAS)])
    return InlineKeyboardMarkup(rows)


def faqs(r: Renderer, items: Sequence[Faq]) -> InlineKeyboardMarkup:
    rows = column(button(item.question.get(r.language), Action.FAQ, item.key) for item in items)
    rows.append([button(r.t("button-menu"), Action.MENU)])
    return InlineKeyboardMarkup(rows)


def indicator_card(
    r: Renderer, indicator: Indicator, web_page: str | None = None
) -> InlineKeyboardMarkup:
    """`web_page`: the indicator's public page (PUBLIC_BASE_URL set), a "view on the web" link."""
    return InlineKeyboardMarkup(
        [
            [InlineKeyboardButton(r.t("button-share"), switch_inline_query=indicator.key)],
            *web_link(r, web_page),
            [
                button(r.t("button-back-area"), Action.INDICATOR_AREA, indicator.area),
                button(r.t("button-menu"), Action.MENU),
            ],
        ]
    )


def web_link(r: Renderer, web_page: str | None) -> list[list[InlineKeyboardButton]]:
    """The row of the "view on the web" link, or none."""
    if web_page is None:
        return []
    return [[InlineKeyboardButton(r.t("open-view-on-web"), url=web_page)]]


def policy_card(r: Renderer, policy: Policy, related: Sequence[Indicator]) -> InlineKeyboardMarkup:
    rows = column(
        button("📊 " + item.name.get(r.language), Action.INDICATOR, item.key) for item in related
    )
    rows.append(
        [
            button(r.t("button-back-area"), Action.POLICY_AREA, policy.area),
            button(r.t("button-menu"), Action.MENU),
        ]
    )
    return InlineKeyboardMarkup(rows)


def back_to_menu(r: Renderer) -> InlineKeyboardMarkup:
    return InlineKeyboardMarkup([[button(r.t("button-menu"), Action.MENU)]])


def back_to_faqs(r: Renderer) -> InlineKeyboardMarkup:
    return InlineKeyboardMarkup(
        [[button(r.t("button-back-faqs"), Action.FAQS), button(r.t("button-menu"), Action.MENU)]]
    )


def candidates(r: Renderer, found: Sequence[FoundEntry]) -> InlineKeyboardMarkup:
    return InlineKeyboardMarkup(
        column(
            button(entry_title(r, item), _ENTRY_ACTIONS[item.kind], item.entry.key)
            for item in found
        )
    )


def with_related(
    r: Renderer, markup: InlineKeyboardMarkup, related: Sequence[FoundEntry]
) -> InlineKeyboardMarkup:
    """A card's keyboard with buttons to the entries linked with it, above its own buttons
    (an entry the card already offers is not offered twice)."""
    offered = {key.callback_data for row in markup.inline_keyboard for key in row}
    rows = []
    for item in related:
        linked = button(entry_title(r, item), _ENTRY_ACTIONS[item.kind], item.entry.key)
        if linked.callback_data not in offered:
            rows.append([linked])
    return InlineKeyboardMarkup([*rows, *(list(row) for row in markup.inline_keyboard)])


def unanswered(r: Renderer, question_id: int | None) -> InlineKeyboardMarkup:
    rows = [[button(r.t("menu-indicators"), Action.INDICATOR_AREAS)]]
    if question_id is not None:  # only a committed question can be sent on
        rows.insert(
            0, [button(r.t("button-ask-committee"), Action.ASK_COMMITTEE, str(question_id))]
        )
    return InlineKeyboardMarkup(rows)


def personal(r: Renderer, question_id: int | None) -> InlineKeyboardMarkup:
    """A personal case: send it to officials in one press (once committed), or the menu."""
    rows = [[button(r.t("button-menu"), Action.MENU)]]
    if question_id is not None:
        rows.insert(
            0, [button(r.t("button-ask-committee"), Action.ASK_COMMITTEE, str(question_id))]
        )
    return InlineKeyboardMarkup(rows)


def languages(r: Renderer) -> InlineKeyboardMarkup:
    return InlineKeyboardMarkup(
        [
            [
                button(r.t("language-vi"), Action.LANGUAGE, "vi"),
                button(r.t("language-en"), Action.LANGUAGE, "en"),
            ]
        ]
    )


def entry_title(r: Renderer, found: FoundEntry) -> str:
    entry = found.entry
    if isinstance(entry, Faq):
        return "❓ " + entry.question.get(r.language)
    icon = "📊 " if isinstance(entry, Indicator) else "📜 "
    return icon + entry.name.get(r.language)
