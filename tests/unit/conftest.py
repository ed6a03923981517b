"""The published content and the catalogs, loaded once for every unit test that reads them."""

from __future__ import annotations

import pytest

from bot.i18n import Translator
from content.knowledge import KnowledgeBase
from content.loader import load_knowledge_base


@pytest.fixture(scope="session")
def kb() -> KnowledgeBase:
    return load_knowledge_base()


@pytest.fixture(scope="session")
def translate() -> Translator:
    return Translator()
