"""Entry cards are rendered once per (content release, entry, language); a new live release
renders them afresh."""

from __future__ import annotations

import shutil
from pathlib import Path

from bot.i18n import Translator
from bot.services.kernel.live_knowledge import LiveKnowledge
from bot.services.knowledge.catalog import CatalogService
from content.loader import DEFAULT_CONTENT_DIR
from handlers.render import Renderer
from handlers.screens import RenderedCards


async def test_a_card_is_rendered_once_per_release_and_language(tmp_path: Path) -> None:
    content = tmp_path / "content"
    shutil.copytree(DEFAULT_CONTENT_DIR, content)
    knowledge = LiveKnowledge.load(content)
    try:
        catalog = CatalogService(knowledge)
        translate = Translator()
        vi, en = Renderer(translate, "vi"), Renderer(translate, "en")
        cards = RenderedCards()
        (found, *_) = await catalog.search("ty le ho ngheo")
        assert found.entry.key == "ho-ngheo"

        first = cards.card(vi, catalog, found)
        assert "3.612" in first.text
        assert cards.card(vi, catalog, found) is first  # served from the cache
        english = cards.card(en, catalog, found)
        assert english is not first
        assert "3,612" in english.text

        # A new release goes live: the same entry's card shows the new figure.
        indicators = content / "indicators.yaml"
        original = indicators.read_text(encoding="utf-8")
        indicators.write_text(original.replace("value: 3612", "value: 3700", 1), "utf-8")
        knowledge.reload(content)
        stale = found  # found before the release changed: rendered, but never cached
        assert "3.700" not in cards.card(vi, catalog, stale).text
        (fresh, *_) = await catalog.search("ty le ho ngheo")
        renewed = cards.card(vi, catalog, fresh)
        assert "3.700" in renewed.text
        assert "3.700" not in first.text
        assert cards.card(vi, catalog, fresh) is renewed
    finally:
        knowledge.close()
