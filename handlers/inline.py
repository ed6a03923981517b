"""Inline mode: `@bot ho ngheo` in any chat offers indicator cards, with their source."""

from __future__ import annotations

from telegram import (
    InlineKeyboardMarkup,
    InlineQueryResultArticle,
    InputTextMessageContent,
    Update,
)

from bot.context import Context
from bot.i18n import DEFAULT_LANGUAGE, as_language
from bot.services.kernel.live_knowledge import FoundEntry
from content.index import EntryKind
from content.normalize import guess_language
from content.schema import Faq, Indicator
from handlers import keyboards, screens
from handlers.render import Renderer

MAX_RESULTS = 20
CACHE_SECONDS = 60
DESCRIPTION_CHARS = 200


async def on_inline_query(update: Update, context: Context) -> None:
    query = update.inline_query
    if query is None:
        return
    services = context.bot_data.services
    # No database write per keystroke: language comes from the query and Telegram only.
    language = (
        guess_language(query.query)
        or as_language(query.from_user.language_code)
        or DEFAULT_LANGUAGE
    )
    r = Renderer(context.bot_data.translate, language)
    if query.query.strip():
        found = await services.catalog.search(query.query, limit=MAX_RESULTS)
    else:
        found = tuple(
            FoundEntry(EntryKind.INDICATOR, item, 100.0)
            for area in services.catalog.indicator_areas()
            for item in services.catalog.indicators_in(area.key)
        )[:MAX_RESULTS]
    results = [_article(r, context, item) for item in found]
    # Personal: the language follows each user's Telegram language, so results differ by user.
    await query.answer(results, cache_time=CACHE_SECONDS, is_personal=True)


def shorten(text: str, limit: int) -> str:
    """``text`` within ``limit`` characters, cut between words with "…": a cut inside a number
    would show another number ("2023" cut to "20")."""
    if len(text) <= limit:
        return text
    head = text[: limit - 1]
    if not text[limit - 1].isspace():
        head = head.rsplit(maxsplit=1)[0] if " " in head.strip() else head
    return head.rstrip(" ,;:") + "…"


def _article(r: Renderer, context: Context, found: FoundEntry) -> InlineQueryResultArticle:
    catalog = context.bot_data.services.catalog
    screen = screens.entry_screen(r, catalog, found)
    entry = found.entry
    link = None  # an indicator's public page (PUBLIC_BASE_URL), under the message sent
    if isinstance(entry, Indicator):
        title, description = entry.name.get(r.language), r.summary_line(entry)
        web_page = catalog.web_page(entry.key, r.language)
        link = InlineKeyboardMarkup(keyboards.web_link(r, web_page)) if web_page else None
    elif isinstance(entry, Faq):
        title, description = entry.question.get(r.language), entry.answer.get(r.language)
    else:
        title, description = entry.name.get(r.language), entry.summary.get(r.language)
    return InlineQueryResultArticle(
        id=f"{found.kind}:{entry.key}",
        title=title,
        description=shorten(description, DESCRIPTION_CHARS),
        input_message_content=InputTextMessageContent(screen.text),
        reply_markup=link,
    )
