"""Message catalogs (Fluent): Vietnamese first, English second. No user-facing text inline."""

from __future__ import annotations

import logging
import secrets
from collections.abc import Mapping
from pathlib import Path
from typing import Final, Literal

from babel.numbers import format_decimal
from fluent.runtime import FluentBundle, FluentResource
from fluent.runtime.resolver import MAX_PART_LENGTH
from fluent.syntax.ast import Junk, Message

Language = Literal["vi", "en"]
LANGUAGES: Final[tuple[Language, ...]] = ("vi", "en")
DEFAULT_LANGUAGE: Final[Language] = "vi"
LOCALES_DIR: Final = Path(__file__).resolve().parent.parent / "content" / "locales"

logger = logging.getLogger(__name__)


def as_language(value: str | None) -> Language | None:
    """Map a stored or Telegram language code ("vi", "en-GB") to a supported language."""
    if not value:
        return None
    primary = value.split("-")[0].split("_")[0].lower()
    for language in LANGUAGES:
        if primary == language:
            return language
    return None


class MissingMessage(KeyError):
    pass


class Translator:
    """Formats catalog messages; numbers are formatted the way each language writes them."""

    def __init__(self, locales_dir: Path = LOCALES_DIR) -> None:
        self._bundles: dict[Language, FluentBundle] = {}
        self._keys: dict[Language, frozenset[str]] = {}
        for language in LANGUAGES:
            # use_isolating=False: bidi marks around placeables would show up in Telegram.
            bundle = FluentBundle([language], use_isolating=False)
            keys: set[str] = set()
            for path in sorted((locales_dir / language).glob("*.ftl")):
                resource = FluentResource(path.read_text(encoding="utf-8"))
                for entry in resource.body:
                    if isinstance(entry, Junk):
                        first_line = (entry.content or "").strip().split("\n")[0]
                        raise ValueError(f"{path}: cannot parse message: {first_line!r}")
                    if isinstance(entry, Message):
                        keys.add(entry.id.name)
                bundle.add_resource(resource)
            self._bundles[language] = bundle
            self._keys[language] = frozenset(keys)

    def keys(self, language: Language) -> frozenset[str]:
        return self._keys[language]

    def __call__(self, language: Language, key: str, **args: str | int | float) -> str:
        bundle = self._bundles[language]
        if not bundle.has_message(key):
            raise MissingMessage(f"{language}: {key}")
        message = bundle.get_message(key)
        if message.value is None:
            raise MissingMessage(f"{language}: {key} has no value")
        prepared = _prepared(language, args)
        # Fluent refuses a placeable over MAX_PART_LENGTH characters (it shows "{???}"), a guard
        # against runaway message references. Our arguments are ours to size (an official's
        # answer escaped to HTML runs past it), so long ones go in after formatting.
        long_values: dict[str, str] = {}
        for name, value in prepared.items():
            if len(value) > MAX_PART_LENGTH:
                marker = f"\ue000{secrets.token_hex(8)}\ue001"
                long_values[marker] = value
                prepared[name] = marker
        text, errors = bundle.format_pattern(message.value, prepared)
        for error in errors:
            logger.error("catalog %s/%s: %s", language, key, error)
        text = str(text)
        for marker, value in long_values.items():
            text = text.replace(marker, value)
        return text

    def number(self, language: Language, value: float, *, digits: int = 2) -> str:
        return format_number(language, value, digits=digits)


def format_number(language: Language, value: float, *, digits: int = 2) -> str:
    """3612 → "3.612" in Vietnamese, "3,612" in English; at most `digits` decimals."""
    pattern = "#,##0." + "#" * digits if digits else "#,##0"
    return str(format_decimal(value, format=pattern, locale=language))


def format_quantity(language: Language, value: float, unit: str | None) -> str:
    """A figure with its unit, as every card shows it: "3.612 hộ", but "0,16%" (no space
    before a percent sign)."""
    number = format_number(language, value)
    if not unit:
        return number
    return f"{number}{unit}" if unit.startswith("%") else f"{number} {unit}"


def _prepared(language: Language, args: Mapping[str, str | int | float]) -> dict[str, str]:
    # Numbers are pre-formatted here so both catalogs render them the same way.
    return {
        name: (format_number(language, value) if isinstance(value, int | float) else value)
        for name, value in args.items()
    }
