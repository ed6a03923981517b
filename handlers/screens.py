"""Screens: a rendered text with its keyboard, shared by commands, buttons and deep links."""

from __future__ import annotations

from html import escape

from bot.services.kernel.live_knowledge import FoundEntry
from bot.services.knowledge.catalog import CatalogService
from bot.services.knowledge.model import Answer, Refusal
from content.index import Outcome
from content.message_kinds import MessageKind, SmallTalk
from content.schema import Faq, Indicator, Policy
from handlers import keyboards
from handlers.callback_data import Action
from handlers.common import Screen
from handlers.render import Renderer


def main_menu(r: Renderer, catalog: CatalogService, first_name: str, bot_username: str) -> Screen:
    return Screen(r.welcome(first_name, catalog.programme, bot_username), keyboards.main_menu(r))


def help_screen(r: Renderer, bot_username: str) -> Screen:
    return Screen(r.t("help", bot=escape(bot_username)), keyboards.back_to_menu(r))


def indicator_areas(r: Renderer, catalog: CatalogService) -> Screen:
    return Screen(
        r.t("indicator-areas-title"),
        keyboards.areas(r, catalog.indicator_areas(), Action.INDICATOR_AREA),
    )


def indicator_area(r: Renderer, catalog: CatalogService, area_key: str) -> Screen | None:
    area = catalog.area(area_key)
    items = catalog.indicators_in(area_key)
    if area is None or not items:
        return None
    lines = [f"<b>{escape(r.area_title(area))}</b>", ""]
    lines += [
        f"• {escape(item.name.get(r.language))}: {escape(r.summary_line(item))}" for item in items
    ]
    return Screen("\n".join(lines), keyboards.indicators(r, items))


def indicator(r: Renderer, catalog: CatalogService, key: str) -> Screen | None:
    item = catalog.indicator(key)
    if item is None:
        return None
    return indicator_screen(r, catalog, item)


def indicator_screen(r: Renderer, catalog: CatalogService, item: Indicator) -> Screen:
    text = r.indicator_card(item, catalog.reports)
    web_page = catalog.web_page(item.key, r.language)
    return Screen(text, keyboards.indicator_card(r, item, web_page))


def policy_areas(r: Renderer, catalog: CatalogService) -> Screen:
    return Screen(
        r.t("policy-areas-title"),
        keyboards.areas(r, catalog.policy_areas(), Action.POLICY_AREA),
    )


def policy_area(r: Renderer, catalog: CatalogService, area_key: str) -> Screen | None:
    area = catalog.area(area_key)
    items = catalog.policies_in(area_key)
    if area is None or not items:
        return None
    return Screen(f"<b>{escape(r.area_title(area))}</b>", keyboards.policies(r, items))


def policy(r: Renderer, catalog: CatalogService, key: str) -> Screen | None:
    item = catalog.policy(key)
    return None if item is None else policy_screen(r, catalog, item)


def policy_screen(r: Renderer, catalog: CatalogService, item: Policy) -> Screen:
    related = [
        found for key in item.related_indicators if (found := catalog.indicator(key)) is not None
    ]
    return Screen(r.policy_card(item, catalog.reports), keyboards.policy_card(r, item, related))


def faqs(r: Renderer, catalog: CatalogService) -> Screen:
    return Screen(r.t("faq-title"), keyboards.faqs(r, catalog.faqs()))


def faq(r: Renderer, catalog: CatalogService, key: str) -> Screen | None:
    item = catalog.faq(key)
    return None if item is None else faq_screen(r, catalog, item)


def faq_screen(r: Renderer, catalog: CatalogService, item: Faq) -> Screen:
    return Screen(r.faq_card(item, catalog.reports), keyboards.back_to_faqs(r))


class RenderedCards:
    """Cards rendered per (content release, entry, language): a card is the same text and
    keyboard for every resident until a new release goes live, which empties the cache (and
    its translator, so a test's or a reload's catalogs are never mixed up)."""

    LIMIT = 4096  # entries x languages is far less; a bound all the same

    def __init__(self) -> None:
        self._release: object | None = None
        self._cards: dict[tuple[object, str, str, str], Screen] = {}

    def card(self, r: Renderer, catalog: CatalogService, found: FoundEntry) -> Screen:
        release = catalog.release
        if release is not self._release or len(self._cards) >= self.LIMIT:
            self._release = release
            self._cards = {}
        key = (r.translate, r.language, type(found.entry).__name__, found.entry.key)
        screen = self._cards.get(key)
        if screen is None:
            screen = _entry_screen(r, catalog, found)
            if _live_entry(catalog, found) is found.entry:  # not found in an older release
                self._cards[key] = screen
        return screen


def _live_entry(catalog: CatalogService, found: FoundEntry) -> Indicator | Policy | Faq | None:
    entry = found.entry
    if isinstance(entry, Indicator):
        return catalog.indicator(entry.key)
    if isinstance(entry, Policy):
        return catalog.policy(entry.key)
    return catalog.faq(entry.key)


_CARDS = RenderedCards()


def entry_screen(r: Renderer, catalog: CatalogService, found: FoundEntry) -> Screen:
    """An entry's card, rendered once per release and language (RenderedCards)."""
    return _CARDS.card(r, catalog, found)


def _entry_screen(r: Renderer, catalog: CatalogService, found: FoundEntry) -> Screen:
    entry = found.entry
    if isinstance(entry, Indicator):
        return indicator_screen(r, catalog, entry)
    if isinstance(entry, Policy):
        return policy_screen(r, catalog, entry)
    return faq_screen(r, catalog, entry)


def answer_screen(r: Renderer, catalog: CatalogService, answer: Answer) -> Screen:
    if answer.refusal is Refusal.TOO_LONG:
        return Screen(r.t("question-too-long"), keyboards.back_to_menu(r))
    if answer.refusal is Refusal.NO_WORDS:
        return Screen(r.t("question-no-words"), keyboards.back_to_menu(r))
    if answer.kind is MessageKind.SMALL_TALK:
        small_talk = answer.small_talk or SmallTalk.GREETING
        return Screen(r.t("kind-small-talk", kind=small_talk.value), keyboards.back_to_menu(r))
    if answer.kind is MessageKind.OUT_OF_SCOPE:
        return Screen(r.t("kind-out-of-scope"), keyboards.back_to_menu(r))
    if answer.kind is MessageKind.PERSONAL:
        return personal_screen(r, catalog, answer)
    if answer.outcome is Outcome.CONFIDENT and answer.best is not None:
        screen = entry_screen(r, catalog, answer.best)
        if not answer.related or screen.markup is None:
            return screen
        return Screen(screen.text, keyboards.with_related(r, screen.markup, answer.related))
    if answer.outcome is Outcome.AMBIGUOUS and answer.found:
        return Screen(r.t("answer-ambiguous"), keyboards.candidates(r, answer.found))
    return Screen(r.t("answer-none"), keyboards.unanswered(r, answer.question_id))


def personal_screen(r: Renderer, catalog: CatalogService, answer: Answer) -> Screen:
    """A personal case: no figure, the offices that can judge it, and one press to officials."""
    lines = [r.t("kind-personal")]
    for referral in answer.offices:
        office = referral.office
        lines.append(
            r.t(
                "kind-personal-office",
                name=escape(office.name.get(r.language)),
                role=escape(office.role.get(r.language)),
            )
        )
        report = catalog.reports.get(office.source.report) if office.source else None
        if report is not None:
            lines.append(
                r.t(
                    "kind-personal-source",
                    report=escape(report.title.get(r.language)),
                    date=r.report_date(report),
                )
            )
        elif referral.documents:
            documents = "; ".join(
                f"{document.title.get(r.language)} {document.number}"
                for document in referral.documents
            )
            lines.append(r.t("kind-personal-official", documents=escape(documents)))
    if answer.question_id is not None:
        lines += ["", r.t("kind-personal-offer")]
    return Screen("\n".join(lines), keyboards.personal(r, answer.question_id))


def language_menu(r: Renderer) -> Screen:
    return Screen(r.t("language-choose"), keyboards.languages(r))
